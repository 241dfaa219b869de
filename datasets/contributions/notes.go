package contributions

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
)

// Note is one OpenStreetMap note: what the notes API's create call takes
// (POST /api/0.6/notes with lat, lon and text) and the members of a note
// in the API's GeoJSON form (GET /api/0.6/notes.json: a Point feature
// with status, date_created and comments), so that it can be posted by a
// script or read by tools that read the API's answers.
type Note struct {
	Lat, Lon float64
	Text     string // at most MaxNoteText characters, in the report's language
	Lang     string // the language Text is written in
	ReportID string
	// Service is the service the report is about and Object its
	// OpenStreetMap object ("node/42").
	Service, Object string
	Created         string // the report's date in the API's form: "2026-03-14 00:00:00 UTC"
}

// MaxNoteText is the longest text the notes API accepts, in characters.
const MaxNoteText = 2000

// osmID recognises the ids partons gives OpenStreetMap services:
// "node/42" (partons extract, with an optional "/category" suffix) and
// "osm-node-42" (the embedded sample).
var osmID = regexp.MustCompile(`^(?:osm-)?(node|way|relation)[/-]([0-9]+)(?:/.*)?$`)

// OSMObject returns the OpenStreetMap object ("node/42") a service id
// names, and false for services that did not come from OpenStreetMap.
func OSMObject(serviceID string) (string, bool) {
	m := osmID.FindStringSubmatch(serviceID)
	if m == nil {
		return "", false
	}
	return m[1] + "/" + m[2], true
}

// Notes turns the applied confirmed reports of a merge about services
// from OpenStreetMap (see OSMObject) into notes, in report order: a
// closure, a move (placed where the service now is), new opening hours or
// another category, with the note and the evidence link. services are
// the services the reports were merged into (closed ones included),
// defaultLang gives the language of a report without one by its
// service's country (nl, fr or en otherwise). Reports about services not
// from OpenStreetMap, proposed, rejected and superseded ones give no note.
func Notes(r *Result, services []datasets.Service, defaultLang func(country string) string) []Note {
	byID := map[string]*datasets.Service{}
	for i := range services {
		byID[services[i].ID] = &services[i]
	}
	var out []Note
	for i := range r.Reports {
		e := &r.Reports[i]
		if e.Status != Confirmed || e.Outcome != Applied || !e.Kind.needsService() {
			continue
		}
		obj, ok := OSMObject(e.ServiceID)
		s := byID[e.ServiceID]
		if !ok || s == nil {
			continue
		}
		lang := e.Lang
		if _, ok := noteWords[lang]; !ok {
			lang = defaultLang(s.Country)
			if _, ok := noteWords[lang]; !ok {
				lang = "en"
			}
		}
		at := s.Location
		if e.Kind == Moved {
			at = e.Location
		}
		out = append(out, Note{Lat: round7(at[1]), Lon: round7(at[0]), Text: noteText(&e.Report, s, obj, lang), Lang: lang,
			ReportID: e.ID, Service: e.ServiceID, Object: obj, Created: e.ObservedOn.Format(DateLayout) + " 00:00:00 UTC"})
	}
	return out
}

// round7 keeps the 7 decimals OpenStreetMap stores (about 1 cm).
func round7(v float64) float64 { return math.Round(v*1e7) / 1e7 }

// noteWords are the sentences of a note, per language.
var noteWords = map[string]struct {
	intro                               string // role, date
	closed, moved, hours, category      string
	note, evidence, object, unnamed, by string
	roles                               map[Role]string
}{
	"nl": {intro: "Bevestigde melding van een %s (%s): ", closed: "%s is gesloten.", moved: "%s is verhuisd naar deze plek.",
		hours: "%s heeft andere openingsuren.", category: "%s is eigenlijk: %s.", note: "Opmerking: ", evidence: "Bewijs: ",
		object: "OpenStreetMap-object: ", unnamed: "Dit punt", by: "Melding %s, doorgegeven door partons.",
		roles: map[Role]string{Resident: "bewoner", Municipality: "gemeente", Association: "vereniging", Operator: "uitbater"}},
	"fr": {intro: "Signalement confirmé d'un %s (%s) : ", closed: "%s a fermé.", moved: "%s a déménagé ici.",
		hours: "%s a changé d'horaires.", category: "%s est en fait : %s.", note: "Remarque : ", evidence: "Preuve : ",
		object: "Objet OpenStreetMap : ", unnamed: "Ce point", by: "Signalement %s, transmis par partons.",
		roles: map[Role]string{Resident: "habitant", Municipality: "commune", Association: "association", Operator: "exploitant"}},
	"en": {intro: "Confirmed report by a %s (%s): ", closed: "%s has closed.", moved: "%s has moved here.",
		hours: "%s has new opening hours.", category: "%s is in fact: %s.", note: "Note: ", evidence: "Evidence: ",
		object: "OpenStreetMap object: ", unnamed: "This point", by: "Report %s, passed on by partons.",
		roles: map[Role]string{Resident: "resident", Municipality: "municipality", Association: "association", Operator: "operator"}},
}

// noteText writes a note in lang, cut to MaxNoteText characters (the
// reporter's note is shortened first).
func noteText(r *Report, s *datasets.Service, obj, lang string) string {
	w := noteWords[lang]
	name := w.unnamed
	if s.Name != "" {
		name = fmt.Sprintf("%q", s.Name)
	}
	what := s.Raw
	if what == "" {
		what = s.Category
	}
	if what != "" {
		name += " (" + what + ")"
	}
	var b strings.Builder
	fmt.Fprintf(&b, w.intro, w.roles[r.Role], r.ObservedOn.Format(DateLayout))
	switch r.Kind {
	case Closed:
		fmt.Fprintf(&b, w.closed, name)
	case Moved:
		fmt.Fprintf(&b, w.moved, name)
	case HoursChanged:
		fmt.Fprintf(&b, w.hours, name)
	case WrongCategory:
		fmt.Fprintf(&b, w.category, name, r.Category)
	}
	tail := "\n" + w.object + "https://www.openstreetmap.org/" + obj
	if r.EvidenceURL != "" {
		tail = "\n" + w.evidence + r.EvidenceURL + tail
	}
	tail += "\n" + fmt.Sprintf(w.by, r.ID)
	head := b.String()
	if r.Note != "" {
		room := MaxNoteText - utf8.RuneCountInString(head) - utf8.RuneCountInString(tail) - utf8.RuneCountInString(w.note) - 1
		note := r.Note
		if utf8.RuneCountInString(note) > room {
			note = string([]rune(note)[:max(room-1, 0)]) + "…"
		}
		if room > 1 {
			head += "\n" + w.note + note
		}
	}
	text := head + tail
	if utf8.RuneCountInString(text) > MaxNoteText {
		text = string([]rune(text)[:MaxNoteText-1]) + "…"
	}
	return text
}
