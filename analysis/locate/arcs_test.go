package locate

import (
	"fmt"

	"github.com/partons/partons/travel"
)

// arc is one demand→site cost of a test instance.
type arc struct {
	Demand, Site int32
	Cost         float64
}

// newInstance builds an instance from arcs through travel.NewCosts, the
// way every caller does; invalid arcs are reported wrapping ErrInvalid.
func newInstance(w []float64, numSites int, arcs []arc) (*Instance, error) {
	es := make([]travel.Entry, len(arcs))
	for k, a := range arcs {
		es[k] = travel.Entry{Demand: a.Demand, Supply: a.Site, Cost: a.Cost}
	}
	c, err := travel.NewCosts(len(w), numSites, es)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return NewInstance(w, c)
}
