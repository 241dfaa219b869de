package locate

import (
	"github.com/partons/partons/datasets/table"
)

// Labels names an instance's demand points and sites in reports.
type Labels struct {
	DemandIDs, DemandNames []string // len NumDemand; names may be nil
	// WeightKnown[i] false marks a demand point whose weight is unknown:
	// it was solved with weight 0 and its population is written empty.
	// nil: every weight is known.
	WeightKnown      []bool
	SiteIDs          []string // len NumSites
	SiteNames        []string // may be nil
	CostDecimals     int      // digits after the point for costs
	CoverageRadius   float64  // the radius of coverage models
	CoverageRelevant bool     // write the coverage columns
}

func (lb Labels) name(names []string, i int32) table.Cell {
	if names == nil || i < 0 {
		return table.NullCell
	}
	return table.Str(names[i])
}

func (lb Labels) site(j int32) table.Cell {
	if j < 0 {
		return table.NullCell
	}
	return table.Str(lb.SiteIDs[j])
}

// Assignment statuses.
const (
	StatusOK          = "ok"          // assigned (and covered, for coverage models)
	StatusNotCovered  = "not_covered" // no open site within the radius (two, for backup)
	StatusUnreachable = "unreachable" // no open site reaches the point
	StatusUncoverable = "uncoverable" // no allowed site could serve it (Solution.Uncoverable)
)

// SitesTable has one row per open site, the model's new sites first, then
// the fixed ones, each in site order: site_id, site_name, status (new or
// fixed), demand_points and population assigned to it, and for coverage
// models population_within_radius (weight within the radius of the site,
// whether or not another site also covers it).
func SitesTable(sol *Solution, in *Instance, lb Labels) table.Table {
	assigned := make([]int, in.NumSites())
	weight := make([]float64, in.NumSites())
	for _, a := range sol.Assign { // one entry per (demand, site) pair
		if a.Site >= 0 {
			assigned[a.Site]++
			weight[a.Site] += a.Weight
		}
	}
	cols := []table.Column{
		{Name: "site_id"}, {Name: "site_name"}, {Name: "status"},
		{Name: "demand_points", Kind: table.Number},
		{Name: "population_assigned", Kind: table.Number, Decimals: -1, Unit: "people"},
	}
	if lb.CoverageRelevant {
		cols = append(cols, table.Column{Name: "population_within_radius", Kind: table.Number, Decimals: -1, Unit: "people"})
	}
	var rows [][]table.Cell
	add := func(j int32, status string) {
		r := []table.Cell{lb.site(j), lb.name(lb.SiteNames, j), table.Str(status), table.Int(assigned[j]), table.Float(weight[j], -1)}
		if lb.CoverageRelevant {
			w := 0.0
			dem, cost := in.in.Col(j)
			for k, i := range dem {
				if cost[k] <= lb.CoverageRadius {
					w += in.in.W[i]
				}
			}
			r = append(r, table.Float(w, -1))
		}
		rows = append(rows, r)
	}
	for _, j := range sol.Sites {
		add(j, "new")
	}
	for _, j := range sol.Fixed {
		add(j, "fixed")
	}
	return table.FromRows(cols, rows)
}

// AssignmentTable has one row per demand point in order (with capacities:
// one per flow, and one for a point without any): demand_id, demand_name,
// population (empty when unknown), site_id, site_name, cost, weight (the
// population sent to that site), for coverage models covered and
// sites_within_radius, and status. It also returns each row's demand
// point and site (Site -1 when none), e.g. to draw lines.
func AssignmentTable(sol *Solution, in *Instance, lb Labels) (table.Table, []Assignment) {
	open := make([]bool, in.NumSites())
	for _, j := range sol.Sites {
		open[j] = true
	}
	for _, j := range sol.Fixed {
		open[j] = true
	}
	uncov := make([]bool, in.NumDemand())
	for _, i := range sol.Uncoverable {
		uncov[i] = true
	}
	need := int32(1)
	if sol.Model == Backup {
		need = 2
	}
	// Rows: every flow, plus a row for each point without one.
	type rowRef struct {
		i int32
		a int // index in sol.Assign, -1: none
	}
	var refs []rowRef
	k := 0
	for i := int32(0); int(i) < in.NumDemand(); i++ {
		start := len(refs)
		for ; k < len(sol.Assign) && sol.Assign[k].Demand == i; k++ {
			refs = append(refs, rowRef{i, k})
		}
		if len(refs) == start {
			refs = append(refs, rowRef{i, -1})
		}
	}
	cols := []table.Column{
		{Name: "demand_id"}, {Name: "demand_name"},
		{Name: "population", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "site_id"}, {Name: "site_name"},
		{Name: "cost", Kind: table.Number, Decimals: lb.CostDecimals},
		{Name: "weight", Kind: table.Number, Decimals: -1, Unit: "people"},
	}
	if lb.CoverageRelevant {
		cols = append(cols, table.Column{Name: "covered", Kind: table.Bool},
			table.Column{Name: "sites_within_radius", Kind: table.Number})
	}
	cols = append(cols, table.Column{Name: "status"})
	rowsOut := make([]Assignment, len(refs))
	for r, ref := range refs {
		rowsOut[r] = Assignment{Demand: ref.i, Site: -1}
		if ref.a >= 0 {
			rowsOut[r] = sol.Assign[ref.a]
		}
	}
	return table.Table{Columns: cols, Len: len(refs), Row: func(r int, dst []table.Cell) []table.Cell {
		ref := refs[r]
		i := ref.i
		a := Assignment{Demand: i, Site: -1}
		if ref.a >= 0 {
			a = sol.Assign[ref.a]
		}
		pop := table.Float(in.in.W[i], -1)
		weight := table.Float(a.Weight, -1)
		if lb.WeightKnown != nil && !lb.WeightKnown[i] {
			pop, weight = table.NullCell, table.NullCell
		}
		cost := table.NullCell
		if a.Site >= 0 {
			cost = table.Float(a.Cost, lb.CostDecimals)
		} else {
			weight = table.NullCell
		}
		dst = append(dst[:0], table.Str(lb.DemandIDs[i]), lb.name(lb.DemandNames, i), pop,
			lb.site(a.Site), lb.name(lb.SiteNames, a.Site), cost, weight)
		status := StatusOK
		var within int32
		if lb.CoverageRelevant {
			sites, costs := in.in.Row(i)
			for q, j := range sites {
				if costs[q] > lb.CoverageRadius {
					break
				}
				if open[j] {
					within++
				}
			}
			dst = append(dst, table.Boolean(within >= need), table.Int(int(within)))
		}
		switch {
		case uncov[i]:
			status = StatusUncoverable
		case lb.CoverageRelevant && within < need:
			// Coverage models only compute costs up to the radius, so
			// a point beyond it has no site rather than a far one.
			status = StatusNotCovered
		case a.Site < 0:
			status = StatusUnreachable
		}
		return append(dst, table.Str(status))
	}}, rowsOut
}
