package words

import (
	"testing"

	"github.com/partons/partons/render/qml"
)

// Every text has its three languages, and no key is in two tables (Text
// would hide the second).
func TestTablesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range []map[string][3]string{Page, Hours, Transit} {
		for k, w := range m {
			if seen[k] {
				t.Errorf("key %q in two tables", k)
			}
			seen[k] = true
			for i, s := range w {
				if s == "" {
					t.Errorf("%q has no text in language %d", k, i)
				}
			}
		}
	}
	if Text(qml.FR, "transit") != "En transports en commun" || Text(qml.NL, "hours") != "Openingsuren" || Text(qml.EN, "nope") != "nope" {
		t.Error("Text does not look in every table")
	}
}
