package locate

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/datasets/table"
)

// WriteSummary writes the short result a person reads: the sites
// chosen, the objective with its proof (optimal, or the gap to the proven
// bound), with a radius (>= 0) the population covered within it, the
// demand points left out of population figures or unservable, and the
// report folder out.
func (in *Outcome) WriteSummary(w io.Writer, radius float64, out string) error {
	sol := in.Solution
	ids := make([]string, len(sol.Sites))
	for k, j := range sol.Sites {
		ids[k] = in.Labels.SiteIDs[j]
		if in.Labels.SiteNames != nil && in.Labels.SiteNames[j] != "" {
			ids[k] += " (" + in.Labels.SiteNames[j] + ")"
		}
	}
	b := &bytes.Buffer{}
	fmt.Fprintf(b, "%s: %d new site(s): %s\n", sol.Model, len(sol.Sites), strings.Join(ids, ", "))
	if len(sol.Fixed) > 0 {
		fmt.Fprintf(b, "fixed sites: %d\n", len(sol.Fixed))
	}
	proof := "optimal"
	switch {
	case locate.NoDemandWeight(sol, in.Instance):
		proof = "arbitrary: no demand point has a known population"
	case !sol.Optimal:
		proof = fmt.Sprintf("gap %.3g%%", sol.Gap*100)
	}
	fmt.Fprintf(b, "objective %s, bound %s (%s; %s)\n", fmtNum(sol.Objective), fmtNum(sol.Bound), proof, sol.Method)
	if radius >= 0 {
		share := 0.0
		if sol.TotalWeight > 0 {
			share = sol.CoveredWeight / sol.TotalWeight
		}
		fmt.Fprintf(b, "within %s %s: %s people (%.1f%% of %s), %d of %d demand points\n", fmtNum(radius), in.CostUnit,
			fmtNum(sol.CoveredWeight), share*100, fmtNum(sol.TotalWeight), sol.CoveredPoints, in.Instance.NumDemand())
	}
	if n := unknownCount(in); n > 0 {
		fmt.Fprintf(b, "demand points with unknown population: %d (not counted in population figures)\n", n)
	}
	if len(sol.Uncoverable) > 0 {
		fmt.Fprintf(b, "demand points no candidate can serve: %d (status uncoverable in assignment.csv)\n", len(sol.Uncoverable))
	}
	fmt.Fprintf(b, "wrote %s\n", out)
	_, err := w.Write(b.Bytes())
	return err
}

func fmtNum(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return "none"
	}
	return table.Float(v, -1).Text()
}

func unknownCount(in *Outcome) int {
	n := 0
	for _, k := range in.Labels.WeightKnown {
		if !k {
			n++
		}
	}
	return n
}
