package locate

import (
	"fmt"
	"math"
)

// Summary is a solved instance in report form (summary.json): the model,
// its parameters, the result and its proof. Non-finite numbers are nil
// (JSON null).
type Summary struct {
	Generator          string         `json:"generator"`
	Model              string         `json:"model"`
	Status             string         `json:"status"`             // StatusOK or StatusNoDemandWeight
	Warnings           []string       `json:"warnings,omitempty"` // what makes the result less than it seems
	Parameters         map[string]any `json:"parameters"`
	Cost               string         `json:"cost"`
	CostUnit           string         `json:"cost_unit"`
	DemandPoints       int            `json:"demand_points"`
	PopulationUnknown  int            `json:"demand_points_population_unknown"`
	UnknownPopNote     string         `json:"population_unknown_treatment,omitempty"`
	CandidateSites     int            `json:"candidate_sites"`
	FixedSites         int            `json:"fixed_sites"`
	Sites              []string       `json:"sites"`
	Objective          any            `json:"objective"`
	Bound              any            `json:"bound"`
	Gap                any            `json:"gap"`
	Optimal            bool           `json:"optimal"`
	Stopped            string         `json:"stopped,omitempty"` // why branch and bound stopped unproven (Solution.Stopped)
	Solver             string         `json:"solver"`
	Nodes              int64          `json:"nodes"`
	Work               int64          `json:"work,omitempty"` // p-median relaxation work units (Solution.Work)
	PopulationTotal    float64        `json:"population_total"`
	CoverageDefinition string         `json:"coverage_definition,omitempty"`
	CoveredPopulation  any            `json:"covered_population"`
	CoveredShare       any            `json:"covered_share"`
	CoveredPoints      any            `json:"covered_points"`
	UncoverablePoints  int            `json:"uncoverable_points"`
	Uncoverable        []string       `json:"uncoverable"`
	Inputs             any            `json:"inputs,omitempty"`
	Attribution        []string       `json:"attribution,omitempty"`
}

// StatusNoDemandWeight is the Summary status (otherwise StatusOK) of a
// weighted model (mclp, pmedian, backup) solved on demand points whose
// weights are all zero or unknown: every choice of sites scores 0, so the
// sites reported, although "optimal", are arbitrary.
const StatusNoDemandWeight = "no_demand_weight"

// NoWeightWarning is the warning of StatusNoDemandWeight.
const NoWeightWarning = "every demand point has a zero or unknown population: %s weighs people, so every choice of sites scores 0 " +
	"and the sites reported are arbitrary, not a recommendation; give populations, or use pcenter or lscp, which ignore them"

// NoDemandWeight reports whether a weighted model was solved on demand
// points that weigh nothing in total (StatusNoDemandWeight).
func NoDemandWeight(sol *Solution, inst *Instance) bool {
	return sol.Model.Weighted() && inst.NumDemand() > 0 && !(sol.TotalWeight > 0)
}

func finite(v float64) any {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return v
}

// Summarise fills a Summary from a solution of inst under cfg; the caller
// adds Generator, Cost, CostUnit, Inputs and Attribution.
func Summarise(sol *Solution, inst *Instance, cfg Config, lb Labels) Summary {
	s := Summary{Model: sol.Model.String(), DemandPoints: inst.NumDemand(),
		CandidateSites: inst.NumSites() - len(cfg.Excluded) - len(sol.Fixed), FixedSites: len(sol.Fixed),
		Sites: []string{}, Objective: finite(sol.Objective), Bound: finite(sol.Bound), Gap: finite(sol.Gap),
		Optimal: sol.Optimal, Stopped: sol.Stopped, Solver: sol.Method, Nodes: sol.Nodes, Work: sol.Work, PopulationTotal: sol.TotalWeight,
		UncoverablePoints: len(sol.Uncoverable), Uncoverable: []string{}, Status: StatusOK}
	if NoDemandWeight(sol, inst) {
		s.Status = StatusNoDemandWeight
		s.Warnings = append(s.Warnings, fmt.Sprintf(NoWeightWarning, sol.Model))
	}
	s.Parameters = map[string]any{"solver": cfg.Solver.String(), "capacitated": cfg.Capacity != nil}
	if cfg.Solver == Auto {
		n := cfg.MaxNodes
		if n <= 0 {
			n = DefaultMaxNodes
		}
		s.Parameters["max_nodes"] = n
		if cfg.Model == PMedian && cfg.Capacity == nil {
			w := cfg.MaxWork
			if w <= 0 {
				w = DefaultMaxWork
			}
			s.Parameters["max_work"] = w
		}
		if cfg.TimeLimit > 0 {
			s.Parameters["time_limit_s"] = cfg.TimeLimit.Seconds()
		}
	}
	if cfg.Model.UsesP() {
		s.Parameters["p"] = cfg.P
	}
	if cfg.Model.UsesRadius() {
		s.Parameters["radius"] = cfg.Radius
		s.CoveredPopulation, s.CoveredPoints = sol.CoveredWeight, sol.CoveredPoints
		s.CoveredShare = finite(sol.CoveredWeight / sol.TotalWeight)
		s.CoverageDefinition = "a demand point is covered when an open site costs at most the radius (backup: two open sites)"
	}
	for _, k := range lb.WeightKnown {
		if !k {
			s.PopulationUnknown++
		}
	}
	if s.PopulationUnknown > 0 {
		s.UnknownPopNote = "kept as demand points for lscp and pcenter (which ignore population); weight 0, so left out of every population figure, for mclp, pmedian and backup"
	}
	for _, j := range sol.Sites {
		s.Sites = append(s.Sites, lb.SiteIDs[j])
	}
	for _, i := range sol.Uncoverable {
		s.Uncoverable = append(s.Uncoverable, lb.DemandIDs[i])
	}
	return s
}
