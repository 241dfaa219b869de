package contrib

import (
	"errors"
	"testing"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets/scenario"
)

// A variant using the proposed reports needs reports in the base; the
// error names its change. An error of the services the reports open
// (appended after the variant's changes) is that change's error.
func TestProposedWithoutReports(t *testing.T) {
	v := scenario.Variant{Name: "v", Changes: []scenario.Change{{CloseBorder: true}, {UseProposedReports: true}}}
	changes := []variant.Change{{CloseBorder: true}, {}}
	_, _, err := Proposed(nil, nil, v, changes)
	var ce *variant.ChangeError
	if !errors.As(err, &ce) || ce.Change != 2 {
		t.Fatalf("error %v, want a change error on change 2", err)
	}
	out, applied, err := Proposed(nil, nil, scenario.Variant{Changes: v.Changes[:1]}, changes[:1])
	if err != nil || applied != nil || len(out) != 1 {
		t.Errorf("a variant without use_proposed_reports: %v, %v, %v", out, applied, err)
	}
	err = Renumber(&variant.ChangeError{Change: 3, Reason: "no such category"}, v)
	if !errors.As(err, &ce) || ce.Change != 2 || ce.Reason != "no such category" {
		t.Errorf("renumbered %v, want change 2", err)
	}
	if err := Renumber(&variant.ChangeError{Change: 1, Reason: "x"}, v); !errors.As(err, &ce) || ce.Change != 1 {
		t.Errorf("an error of the variant's own change moved: %v", err)
	}
}
