package contributions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOSMObject(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"node/42", "node/42"}, {"way/7/bakery", "way/7"}, {"osm-node-1325330182", "node/1325330182"},
		{"relation/3", "relation/3"}, {"laposte-10833A", ""}, {"node/", ""}, {"nodes/4", ""}, {"s1", ""},
	} {
		got, ok := OSMObject(tc.id)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("OSMObject(%q) = %q, %v; want %q", tc.id, got, ok, tc.want)
		}
	}
}

// TestNotes: only applied confirmed reports about OpenStreetMap services
// become notes, in the reporter's language (or the country's), a move
// placed where the service went, and a long note is cut so the text fits
// the API's 2000 characters.
func TestNotes(t *testing.T) {
	services := mergeServices()
	services[0].ID, services[2].ID = "osm-node-1", "way/3/pharmacy"
	const head = "id,kind,service_id,category,name,lon,lat,observed_on,reporter_role,status,note,evidence_url,lang\n"
	long := strings.Repeat("x", 1990)
	reps, err := Read("r.csv", strings.NewReader(head+
		"n1,closed,osm-node-1,,,,,2024-03-14,resident,confirmed,Dicht sinds maart,https://example.org/p.jpg,\n"+
		"n2,moved,way/3/pharmacy,,,2.7412345678,50.94,2024-05-01,operator,confirmed,"+long+",,fr\n"+
		"n3,closed,s2,,,,,2024-03-14,resident,confirmed,,,\n"+ // not from OpenStreetMap
		"n4,hours_changed,osm-node-1,,,,,2024-03-14,resident,proposed,,,\n"+
		"n5,hours_changed,way/3/pharmacy,,,,,2010-01-01,resident,confirmed,,,\n"), DefaultSchema())
	if err != nil {
		t.Fatal(err)
	}
	o := mergeOptions(t, false)
	o.SourceDate = nil
	r, err := Merge(services, reps, o)
	if err != nil {
		t.Fatal(err)
	}
	r.Reports[4].Outcome = Superseded // as if its source were newer
	notes := Notes(r, services, func(c string) string { return map[string]string{"BE": "nl"}[c] })
	if len(notes) != 2 {
		t.Fatalf("%d notes, want 2: %+v", len(notes), notes)
	}
	n1, n2 := notes[0], notes[1]
	want1 := "Bevestigde melding van een bewoner (2024-03-14): \"Bakker\" (shop=bakery) is gesloten.\nOpmerking: Dicht sinds maart\n" +
		"Bewijs: https://example.org/p.jpg\nOpenStreetMap-object: https://www.openstreetmap.org/node/1\nMelding n1, doorgegeven door partons."
	if n1.Text != want1 || n1.Lang != "nl" || n1.Lon != 2.88 || n1.Lat != 50.85 || n1.Object != "node/1" || n1.Created != "2024-03-14 00:00:00 UTC" {
		t.Errorf("n1 = %+v\ntext %q", n1, n1.Text)
	}
	if n2.Lang != "fr" || n2.Lon != 2.7412346 || n2.Lat != 50.94 || n2.Object != "way/3" ||
		!strings.HasPrefix(n2.Text, "Signalement confirmé d'un exploitant (2024-05-01) : \"Apotheek\" (amenity=pharmacy) a déménagé ici.\nRemarque : xx") ||
		!strings.HasSuffix(n2.Text, "…\nObjet OpenStreetMap : https://www.openstreetmap.org/way/3\nSignalement n2, transmis par partons.") {
		t.Errorf("n2 = %+v", n2)
	}
	if c := utf8.RuneCountInString(n2.Text); c != MaxNoteText {
		t.Errorf("n2 text has %d characters, want %d", c, MaxNoteText)
	}
}
