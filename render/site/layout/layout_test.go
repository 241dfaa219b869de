package layout

import (
	"bytes"
	"strings"
	"testing"

	"github.com/partons/partons/render/qml"
)

// Every word of the site is there in the three languages.
func TestTextsComplete(t *testing.T) {
	for key, w := range texts {
		for i, s := range w {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: no text in %s", key, qml.Langs[i])
			}
		}
	}
	if got := Text(qml.FR, "map"); got != "Carte de la région" {
		t.Errorf("Text(fr, map) = %q", got)
	}
}

// Execute names the page it could not render.
func TestExecuteUnknownPage(t *testing.T) {
	var b bytes.Buffer
	if err := Execute(&b, "nope", nil); err == nil || !strings.Contains(err.Error(), "rendering nope") {
		t.Errorf("err = %v", err)
	}
}
