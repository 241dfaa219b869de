package analysis

import (
	"bytes"
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/travel"
)

type idMode = analysistest.IDMode

var newIDMode = analysistest.NewIDMode

// TestRecomputeWithModes: a variant's mode blocks equal those of a full
// computation, whether it changes services (only the touched categories
// are queried again, the others are the base's with their service
// references moved) or what the mode travels on (Change.Modes: every
// category is queried again with the new mode, the base's mode is not
// asked again); a variant without changes equals the base byte for byte.
func TestRecomputeWithModes(t *testing.T) {
	ctx := context.Background()
	villages := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200),
		village("v2", "BB", 0.05, 300), village("v3", "AA", 0.03, 50)}
	services := []datasets.Service{service("s0", "post", "AA", 0.00), service("s1", "post", "BB", 0.05),
		service("h0", "shop", "AA", 0.015), service("h1", "shop", "BB", 0.045)}
	mode := newIDMode(1)
	p := DefaultParams()
	p.Modes = []travel.Mode{mode}
	base, err := Compute(ctx, villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules
	same := func(s string) string { return s }

	// Services change: s0 closes (the shops move up one place), a new
	// post office opens.
	v, err := variant.Apply(villages, services, []variant.Change{
		{CloseServices: &variant.Selection{IDs: []string{"s0"}}},
		{AddServices: []datasets.Service{{ID: "new", Raw: "post", Country: "AA", Location: orb.Point{0.02, 0}}}},
	}, same)
	if err != nil {
		t.Fatal(err)
	}
	inc, err := Recompute(ctx, base, v, p)
	if err != nil {
		t.Fatal(err)
	}
	full, err := Compute(ctx, v.Villages, v.Services, p)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := csvBytes(t, inc), csvBytes(t, full); !bytes.Equal(a, b) {
		t.Fatalf("incremental and full recomputation differ:\n%s\n---\n%s", a, b)
	}
	if got := inc.Mode("bus").Cells[0][0]; got.Metrics[0] != 4 || inc.Services[got.Service].ID != "new" {
		t.Errorf("v0 post by bus: %v min to %d, want 4 min to new", got.Metrics[0], got.Service)
	}

	// The mode changes (a timetable twice as fast): every category again.
	calls := mode.Calls
	faster := newIDMode(0.5)
	pm := p
	pm.Modes = []travel.Mode{faster}
	v, err = variant.Apply(villages, services, []variant.Change{{Modes: true}}, same)
	if err != nil {
		t.Fatal(err)
	}
	if v.Full || !v.Modes || len(v.Touched) != 0 {
		t.Fatalf("a mode change: full %v, modes %v, touched %v", v.Full, v.Modes, v.Touched)
	}
	inc, err = Recompute(ctx, base, v, pm)
	if err != nil {
		t.Fatal(err)
	}
	full, err = Compute(ctx, v.Villages, v.Services, pm)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := csvBytes(t, inc), csvBytes(t, full); !bytes.Equal(a, b) {
		t.Fatalf("mode change: incremental and full differ:\n%s\n---\n%s", a, b)
	}
	if mode.Calls != calls || faster.Calls != 2 {
		t.Errorf("base mode snapped %d more times, new mode %d times (want 0 and 1 here, 1 in the full run)", mode.Calls-calls, faster.Calls)
	}
	// v0: 12 minutes to s0 in the base, 6 in the variant; v2's shop was
	// 9 minutes (h1), now 4.5.
	if b, g := base.Mode("bus").Cells[0][0].Metrics[0], inc.Mode("bus").Cells[0][0].Metrics[0]; b != 12 || g != 6 {
		t.Errorf("v0 post by bus %v → %v, want 12 → 6", b, g)
	}
	if g := inc.Mode("bus").Cells[2][1].Metrics[0]; g != 4.5 {
		t.Errorf("v2 shop by bus %v, want 4.5", g)
	}

	// No change: the base, byte for byte.
	v, err = variant.Apply(villages, services, nil, same)
	if err != nil {
		t.Fatal(err)
	}
	inc, err = Recompute(ctx, base, v, p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(csvBytes(t, inc), csvBytes(t, base)) {
		t.Fatal("a variant without changes differs from the base")
	}
}
