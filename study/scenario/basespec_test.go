package scenario

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets/scenario"
)

// TestBaseKeepsScalarText: an unquoted date in the base is a YAML
// timestamp; the run spec gets it as written, not as a timestamp
// encoded again ("2026-01-05T00:00:00Z", which --when refuses).
func TestBaseKeepsScalarText(t *testing.T) {
	const file = "base:\n  when: 2026-01-05\n  thresholds_m: [1200, 3750]\n  title: 2026-W02\nvariants:\n  - name: none\n    changes: []\n"
	f, err := scenario.Read("s.yaml", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	s, err := baseSpec("dir/s.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	if s.When != "2026-01-05" || s.Title != "2026-W02" || len(s.ThresholdsM) != 2 || s.ThresholdsM[1] != 3750 {
		t.Errorf("base spec: when %q, title %q, thresholds %v", s.When, s.Title, s.ThresholdsM)
	}
	// An unknown key is still refused, naming it.
	f, err = scenario.Read("s.yaml", strings.NewReader("base:\n  whenn: 2026-01-05\nvariants:\n  - name: none\n    changes: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := baseSpec("s.yaml", f); err == nil || !strings.Contains(err.Error(), "whenn") {
		t.Errorf("unknown key: %v", err)
	}
}
