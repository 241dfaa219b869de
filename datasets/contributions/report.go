package contributions

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
	"github.com/paulmach/orb"
)

// Kind is what a report says happened to a service.
type Kind string

// The kinds of report.
const (
	Closed        Kind = "closed"         // the service closed (ServiceID)
	Opened        Kind = "opened"         // a new service opened (Location, Category)
	Moved         Kind = "moved"          // the service moved to Location (ServiceID)
	HoursChanged  Kind = "hours_changed"  // its opening hours changed (ServiceID); no distance changes
	WrongCategory Kind = "wrong_category" // it is of another Category (ServiceID)
	Missing       Kind = "missing"        // an existing service the data lacks (Location, Category)
)

// Kinds lists every kind, in the order reports are counted.
var Kinds = []Kind{Closed, Opened, Moved, HoursChanged, WrongCategory, Missing}

// Status is a moderator's decision on a report.
type Status string

// The statuses of a report.
const (
	Proposed  Status = "proposed"  // not yet checked: listed, never changes figures
	Confirmed Status = "confirmed" // checked: changes the service list
	Rejected  Status = "rejected"  // checked and refused: kept for the record
)

// Statuses lists every status.
var Statuses = []Status{Proposed, Confirmed, Rejected}

// Role is who made a report.
type Role string

// The roles of a reporter.
const (
	Resident     Role = "resident"
	Municipality Role = "municipality"
	Association  Role = "association"
	Operator     Role = "operator"
)

// Roles lists every role.
var Roles = []Role{Resident, Municipality, Association, Operator}

// Report is one report about a service.
type Report struct {
	ID   string
	Kind Kind
	// ServiceID is the service reported on (closed, moved,
	// hours_changed, wrong_category); "" for a new one (opened,
	// missing), whose service id is then the report's ID.
	ServiceID string
	// Category is the raw category (mapped by the taxonomy like a
	// service's) of a new service, or the right one (wrong_category).
	Category string
	Name     string // name of a new service; optional
	Country  string // ISO 3166-1 alpha-2 of a new service; "" when not given
	// Location is where a new or moved service is; valid when
	// HasLocation.
	Location    orb.Point
	HasLocation bool
	ObservedOn  time.Time // a calendar date, UTC midnight
	Role        Role
	Status      Status
	Note        string // free text, as written; escape it in every output
	EvidenceURL string // "" or an absolute http or https URL
	Lang        string // the reporter's language (nl, fr, en, …); "" when not given
	Origin      datasets.Origin
}

// DateLayout is how dates are written in and out: 2026-03-14.
const DateLayout = "2006-01-02"

// Limits on free text, so that a report cannot swell every page it is
// shown on.
const (
	MaxNoteBytes = 2000
	MaxURLBytes  = 2000
	MaxTextBytes = 200 // id, name, category
)

// needsService reports whether a kind is about an existing service.
func (k Kind) needsService() bool {
	return k == Closed || k == Moved || k == HoursChanged || k == WrongCategory
}

// adds reports whether a kind adds a service.
func (k Kind) adds() bool { return k == Opened || k == Missing }

// field reads one field of a record in a source format.
type record interface {
	// text returns the trimmed value of a column or property; "" when
	// absent or empty.
	text(name string) string
	// point returns the record's location, if it has one; a malformed
	// one is reported by the record itself.
	point() (orb.Point, bool)
	// fail reports a problem with a field of the record.
	fail(field, reason string)
	origin() datasets.Origin
}

// build turns a record into a report, reporting every problem of it. ok is
// false when there was one.
func build(r record, s Schema) (rep Report, ok bool) {
	ok = true
	fail := func(field, reason string) {
		ok = false
		r.fail(field, reason)
	}
	text := func(field string, required bool, limit int) string {
		v := r.text(field)
		switch {
		case v == "" && required:
			fail(field, "required value is empty")
		case len(v) > limit:
			fail(field, fmt.Sprintf("longer than %d bytes", limit))
		case !printable(v, field == s.Note):
			fail(field, "holds control characters")
		}
		return v
	}
	rep.Origin = r.origin()
	rep.ID = text(s.ID, true, MaxTextBytes)
	rep.ServiceID = text(s.ServiceID, false, MaxTextBytes)
	rep.Category = text(s.Category, false, MaxTextBytes)
	rep.Name = text(s.Name, false, MaxTextBytes)
	rep.Note = text(s.Note, false, MaxNoteBytes)
	if cc, err := datasets.NormalizeCountry(r.text(s.Country)); err != nil {
		fail(s.Country, err.Error())
	} else {
		rep.Country = cc
	}
	if v, err := enum(r.text(s.Kind), Kinds); err != nil {
		fail(s.Kind, err.Error())
	} else {
		rep.Kind = v
	}
	if v, err := enum(r.text(s.Status), Statuses); err != nil {
		fail(s.Status, err.Error())
	} else {
		rep.Status = v
	}
	if v, err := enum(r.text(s.Role), Roles); err != nil {
		fail(s.Role, err.Error())
	} else {
		rep.Role = v
	}
	if d, err := ParseDate(r.text(s.ObservedOn)); err != nil {
		fail(s.ObservedOn, err.Error())
	} else {
		rep.ObservedOn = d
	}
	if u := r.text(s.EvidenceURL); u != "" {
		if err := checkURL(u); err != nil {
			fail(s.EvidenceURL, err.Error())
		} else {
			rep.EvidenceURL = u
		}
	}
	if l := r.text(s.Lang); l != "" {
		if !isLang(l) {
			fail(s.Lang, fmt.Sprintf("language %q is not a two- or three-letter code (nl, fr, en)", l))
		} else {
			rep.Lang = strings.ToLower(l)
		}
	}
	rep.Location, rep.HasLocation = r.point()
	switch {
	case rep.Kind.needsService() && rep.ServiceID == "":
		fail(s.ServiceID, fmt.Sprintf("%s report names the service it is about", article(rep.Kind)))
	case rep.Kind.adds() && rep.ServiceID != "":
		fail(s.ServiceID, fmt.Sprintf("%s report is about a service the data does not have: leave %s empty (the report id becomes the service id)", article(rep.Kind), s.ServiceID))
	}
	if (rep.Kind.adds() || rep.Kind == WrongCategory) && rep.Category == "" {
		fail(s.Category, fmt.Sprintf("%s report gives the category", article(rep.Kind)))
	}
	if (rep.Kind.adds() || rep.Kind == Moved) && !rep.HasLocation {
		fail(s.locationField(), fmt.Sprintf("%s report gives the location", article(rep.Kind)))
	}
	return rep, ok
}

// article is "a closed", "an opened".
func article(k Kind) string {
	if k == Opened {
		return "an " + string(k)
	}
	return "a " + string(k)
}

// enum parses one of the values of a closed set, case-insensitively.
func enum[T ~string](v string, set []T) (T, error) {
	if v == "" {
		return "", fmt.Errorf("required value is empty; expected one of %s", list(set))
	}
	l := strings.ToLower(v)
	for _, x := range set {
		if string(x) == l {
			return x, nil
		}
	}
	return "", fmt.Errorf("%q is not one of %s", v, list(set))
}

func list[T ~string](set []T) string {
	s := make([]string, len(set))
	for i, x := range set {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// ParseDate reads a calendar date written 2026-03-14, or the date part
// of an RFC 3339 timestamp as form tools export them (2026-03-14T10:22:05Z
// is 2026-03-14, whatever the zone). Other forms are refused, since
// 03/04/2026 is the 3rd of April in Europe and the 4th of March in the
// form tools' default locale.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("required date is empty; write it YYYY-MM-DD")
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		s = t.Format(DateLayout)
	} else if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
		s = t.Format(DateLayout)
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD (a date such as 03/04/2026 reads differently in each country)", s)
	}
	if t.Year() < 1900 {
		return time.Time{}, fmt.Errorf("date %q is before 1900", s)
	}
	return t, nil
}

// checkURL accepts absolute http and https URLs with a host and no
// credentials; anything else (javascript:, data:, a relative path) could
// run code or leak data where the link is shown.
func checkURL(s string) error {
	if len(s) > MaxURLBytes {
		return fmt.Errorf("longer than %d bytes", MaxURLBytes)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return fmt.Errorf("evidence URL holds spaces or control characters")
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("evidence URL is not a URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("evidence URL %q is not http or https", clip(s))
	}
	if u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("evidence URL %q has no host", clip(s))
	}
	if u.User != nil {
		return fmt.Errorf("evidence URL %q holds a user name or password", clip(s))
	}
	return nil
}

func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 60
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// printable reports whether s holds no control characters (newlines and
// tabs are allowed in notes).
func printable(s string, note bool) bool {
	for _, r := range s {
		if note && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// isLang accepts ISO 639 codes: two or three ASCII letters.
func isLang(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
}

// Count is the number of reports of one kind and status.
type Count struct {
	Kind    Kind   `json:"kind"`
	Status  Status `json:"status"`
	Reports int    `json:"reports"`
}

// Counts counts reports by kind and status, every pair listed (zero
// included) in the order of Kinds and Statuses.
func Counts(reps []Report) []Count {
	var out []Count
	for _, k := range Kinds {
		for _, s := range Statuses {
			n := 0
			for i := range reps {
				if reps[i].Kind == k && reps[i].Status == s {
					n++
				}
			}
			out = append(out, Count{Kind: k, Status: s, Reports: n})
		}
	}
	return out
}

// CheckUniqueIDs reports every id used twice across files (Read checks
// each file alone).
func CheckUniqueIDs(reps []Report) datasets.ErrorList {
	var ids datasets.IDSet
	var errs datasets.ErrorList
	for i := range reps {
		if e := ids.Check(reps[i].ID, "id", reps[i].Origin); e != nil {
			errs.Add(e)
		}
	}
	return errs
}
