package summary

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/datasets/reportdir"
)

// Write writes a short, aligned account of a run written to the folder
// out: what was read, then per country and category the share of people
// within each threshold and the median distance.
func Write(w io.Writer, out string, res *analysis.Result, aggs []analysis.Aggregate, m *reportdir.Manifest) error {
	var countries []string
	for c, n := range m.Counts.VillagesPerCountry {
		countries = append(countries, fmt.Sprintf("%s %d", c, n))
	}
	sort.Strings(countries)
	fmt.Fprintf(w, "partons: %d villages (%s), %d services in %d categories → %s\n",
		m.Counts.Villages, strings.Join(countries, ", "), m.Counts.Services, len(res.Categories), out)
	if r := m.Roads; r != nil && r.Source != "estimate" {
		borders := "border-crossing edges not counted (no country boundaries)"
		if r.CountryLabels != "" {
			borders = fmt.Sprintf("%d border-crossing edges", r.BorderEdges)
		}
		fmt.Fprintf(w, "roads (%s, %s): %d vertices, %d edges, %d components (largest %d vertices), %d dangling node references, %s; %d villages and %d services unsnapped (> %.0f m)\n",
			r.Profile, r.Source, r.Vertices, r.Edges, r.Components, r.LargestComp, r.DanglingRefs, borders,
			r.UnsnappedVills, r.UnsnappedSvcs, r.SnapM)
		if h := r.Hierarchy; h != nil && h.Used {
			fmt.Fprintf(w, "roads searched on the graph file's contraction hierarchy for %s: costs within %.2g relatively of Dijkstra's (--exact-roads for Dijkstra)\n", h.Weight, h.RoundingBound)
		} else if h != nil {
			fmt.Fprintf(w, "the graph file's contraction hierarchy for %s is not used (%s)\n", h.Weight, h.Note)
		}
	} else if r != nil {
		fmt.Fprintf(w, "no road network: road figures are estimates (straight line × %.2f at %.1f km/h, %s)\n", r.DetourFactor, r.SpeedKmh, r.Profile)
	}
	if m.Counts.VillagesPopulationUnknown > 0 {
		fmt.Fprintf(w, "population unknown for %d villages: they are left out of the shares below, never counted as zero\n",
			m.Counts.VillagesPopulationUnknown)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "category\tcountry\tbasis\t")
	for _, t := range res.Params.ThresholdsM {
		fmt.Fprintf(tw, "≤%s\t", analysis.ThresholdName(t))
	}
	fmt.Fprint(tw, "median_m\tpeople unknown\tvillages known\t\n")
	for _, a := range pickRows(aggs) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t", a.Category, a.Code, a.Basis)
		for _, s := range a.ShareWithin {
			fmt.Fprintf(tw, "%s\t", pct(s))
		}
		// Villages whose distance is known, of all: the only count a row
		// has when no population is known.
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t\n", num(a.Median), num(a.PopulationAccessUnknown), a.VillagesKnown, a.Villages)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "shares are of people whose distance is known; \"domestic\" rows are shown where the data does not cover the category on every side")
	if err := writeTransit(w, res, aggs); err != nil {
		return err
	}
	if m.Counts.VillagesPopulationUnknown == m.Counts.Villages && m.Counts.Villages > 0 {
		fmt.Fprintln(w, "no population is known: the shares are empty; \"villages known\" counts the villages measured, and report.html gives shares of villages")
	}
	if len(m.Attribution) > 0 {
		fmt.Fprintf(w, "data: %s\n", strings.Join(m.Attribution, "; "))
	}
	return nil
}

// pickRows keeps one country-level row per category and country:
// the cross-border basis when any population has it, else domestic; with
// no population measured on either, the one measuring more villages.
func pickRows(aggs []analysis.Aggregate) []analysis.Aggregate {
	type key struct{ cat, country string }
	best := map[key]analysis.Aggregate{}
	var order []key
	for _, a := range aggs {
		if a.Level != analysis.LevelCountry || (a.Basis != analysis.BasisNearest && a.Basis != analysis.BasisDomestic) {
			continue
		}
		k := key{a.Category, a.Code}
		cur, ok := best[k]
		if !ok {
			order = append(order, k)
			best[k] = a
			continue
		}
		// Without population anywhere, the basis measuring more villages.
		if cur.PopulationMeasured == 0 && (a.PopulationMeasured > 0 || a.VillagesKnown > cur.VillagesKnown) {
			best[k] = a
		}
	}
	out := make([]analysis.Aggregate, len(order))
	for i, k := range order {
		out[i] = best[k]
	}
	return out
}

func pct(s float64) string {
	if math.IsNaN(s) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*s)
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f", v)
}

// writeTransit prints, with public transport, per country and
// category measured the share of people within each transit threshold
// by median door-to-door time, the median, and the villages with no
// service or off the network.
func writeTransit(w io.Writer, res *analysis.Result, aggs []analysis.Aggregate) error {
	const basis = analysis.Basis("transit_min")
	if res.Mode("transit") == nil {
		return nil
	}
	if !slices.ContainsFunc(aggs, func(a analysis.Aggregate) bool { return a.Basis == basis }) {
		aggs = aggregates.For(res, basis)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "category\tcountry\tbasis\t")
	for _, t := range res.Thresholds(basis) {
		fmt.Fprintf(tw, "≤%smin\t", strconv.FormatFloat(t, 'f', -1, 64))
	}
	fmt.Fprint(tw, "median_min\tno service\tunsnapped\tvillages known\t\n")
	for _, a := range aggs {
		if a.Level != analysis.LevelCountry || a.Basis != basis || a.VillagesKnown == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t", a.Category, a.Code, a.Basis)
		for _, s := range a.ShareWithin {
			fmt.Fprintf(tw, "%s\t", pct(s))
		}
		counts := map[string]int{}
		for _, st := range a.Statuses {
			counts[st.Status] = st.Villages
		}
		med := num(a.Median)
		if math.IsNaN(a.Median) && a.PopulationMeasured > 0 {
			med = "none" // the median person reaches no service
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d/%d\t\n", med, counts["no_service"], counts["unsnapped"], a.VillagesKnown, a.Villages)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "public transport: shares of people by median door-to-door time (walking and waiting included); no service counts as not reached, unsnapped as unknown; read the best times in villages.csv beside them")
	return nil
}
