package matrix

import (
	"context"
	"fmt"
	"math"

	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/travel"
)

// Mode is travel costs from an external origin–destination file,
// already parsed (datasets/odmatrix): origins are villages and
// destinations services, looked up by travel.Place.ID. A village or
// service whose id the matrix never names joins nothing (travel.Snap.OK
// false); a pair the matrix does not list is unreachable. Costs are in
// the file's unit, declared by Unit (metres or minutes; the file itself
// does not say).
type Mode struct {
	M    *odmatrix.Matrix
	Unit travel.Unit
}

var _ travel.Mode = Mode{}

// Statuses of the matrix mode (travel.Code values of Schema).
const (
	Unlisted    travel.Code = 1
	Unreachable travel.Code = 2
)

// Schema returns the schema of matrix results in unit u.
func Schema(u travel.Unit) travel.Schema {
	return travel.Schema{Name: "matrix", Unit: u,
		Metrics: []travel.Metric{{Name: "cost", Unit: u, Decimals: -1, Aggregate: true, Doc: "cost from the matrix"}},
		Split:   "cost",
		Statuses: []travel.StatusDoc{
			{Code: "unlisted", Meaning: "the matrix has no origin with the village's id"},
			{Code: "unreachable", Meaning: "the matrix lists no pair from the village to a service of the category"},
		}}
}

// Schema implements travel.Mode.
func (m Mode) Schema() travel.Schema { return Schema(m.Unit) }

// Snap implements travel.Mode: it maps the matrix's origins to villages
// and its destinations to services by id. An origin or destination id
// that is not among them, or an id given twice, is an error wrapping
// travel.ErrInvalid (run odmatrix.Matrix.Check first for messages naming
// lines).
func (m Mode) Snap(ctx context.Context, villages, services []travel.Place) (travel.Snapped, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m.M == nil {
		return nil, fmt.Errorf("travel: matrix mode without a matrix: %w", travel.ErrInvalid)
	}
	if m.Unit != travel.Metres && m.Unit != travel.Minutes {
		return nil, fmt.Errorf("travel: matrix unit %q: want m or min: %w", m.Unit, travel.ErrInvalid)
	}
	ids := func(ps []travel.Place) []string {
		out := make([]string, len(ps))
		for i := range ps {
			out[i] = ps[i].ID
		}
		return out
	}
	oMap, err := lookup(m.M.Origins, ids(villages), "origin", "demand")
	if err != nil {
		return nil, err
	}
	dMap, err := lookup(m.M.Destinations, ids(services), "destination", "supply")
	if err != nil {
		return nil, err
	}
	s := &snapped{m: m.M, oMap: oMap, dMap: dMap, nv: len(villages), ns: len(services),
		vok: make([]bool, len(villages)), sok: make([]bool, len(services))}
	for _, i := range oMap {
		s.vok[i] = true
	}
	for _, j := range dMap {
		s.sok[j] = true
	}
	// By village: the pairs in file order.
	s.off = make([]int, len(villages)+1)
	for _, p := range m.M.Pairs {
		s.off[oMap[p.O]+1]++
	}
	for i := range len(villages) {
		s.off[i+1] += s.off[i]
	}
	s.pairs = make([]int32, len(m.M.Pairs))
	next := append([]int(nil), s.off[:len(villages)]...)
	for k, p := range m.M.Pairs {
		i := oMap[p.O]
		s.pairs[next[i]] = int32(k)
		next[i]++
	}
	return s, nil
}

// lookup maps each of ids to its position in table.
func lookup(ids, table []string, what, tableName string) ([]int32, error) {
	if len(table) > math.MaxInt32 {
		return nil, fmt.Errorf("travel: too many %s ids: %w", tableName, travel.ErrInvalid)
	}
	pos := make(map[string]int32, len(table))
	for k, id := range table {
		if _, dup := pos[id]; dup {
			return nil, fmt.Errorf("travel: %s id %q listed twice: %w", tableName, id, travel.ErrInvalid)
		}
		pos[id] = int32(k)
	}
	out := make([]int32, len(ids))
	for k, id := range ids {
		p, ok := pos[id]
		if !ok {
			return nil, fmt.Errorf("travel: %s id %q is not in the %s table: %w", what, id, tableName, travel.ErrInvalid)
		}
		out[k] = p
	}
	return out, nil
}

type snapped struct {
	m          *odmatrix.Matrix
	oMap, dMap []int32 // matrix origin → village, destination → service
	nv, ns     int
	vok, sok   []bool
	off        []int   // pairs of village i are pairs[off[i]:off[i+1]]
	pairs      []int32 // indexes into m.Pairs
}

func snapOK(ok bool) travel.Snap {
	if ok {
		return travel.Snap{OK: true}
	}
	return travel.Snap{DistM: nan}
}

func (s *snapped) Village(i int) travel.Snap     { return snapOK(s.vok[i]) }
func (s *snapped) Service(j int) travel.Snap     { return snapOK(s.sok[j]) }
func (s *snapped) VillageValue(i, k int) float64 { return nan }

// Nearest implements travel.Snapped. O(pairs) per part.
func (s *snapped) Nearest(ctx context.Context, cats []travel.Category) ([][]travel.Reach, error) {
	out := make([][]travel.Reach, len(cats))
	in := make([]int32, s.ns) // part stamp per service
	stamp := int32(0)
	for c, cat := range cats {
		out[c] = make([]travel.Reach, len(cat.Parts))
		for p, part := range cat.Parts {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			stamp++
			for _, j := range part.Services {
				if j < 0 || int(j) >= s.ns {
					return nil, fmt.Errorf("travel: %s: service %d outside [0, %d): %w", cat.Name, j, s.ns, travel.ErrInvalid)
				}
				in[j] = stamp
			}
			r := travel.NewReach(s.nv, 1, Unreachable)
			for i := range s.nv {
				if !s.vok[i] {
					r.Status[i] = Unlisted
					continue
				}
				for _, k := range s.pairs[s.off[i]:s.off[i+1]] {
					pr := s.m.Pairs[k]
					j := s.dMap[pr.D]
					if in[j] != stamp || (r.Service[i] >= 0 && (pr.Cost > r.Cost[i] || pr.Cost == r.Cost[i] && j > r.Service[i])) {
						continue
					}
					r.Service[i], r.Cost[i], r.Status[i], r.Metrics[0][i] = j, pr.Cost, travel.CodeOK, pr.Cost
				}
			}
			out[c][p] = r
		}
	}
	return out, nil
}

// Costs implements travel.Snapped: the listed pairs costing at most maxCost.
// O(pairs + services), plus travel.NewCosts.
func (s *snapped) Costs(ctx context.Context, services []int32, maxCost float64) (*travel.Costs, error) {
	if !(maxCost >= 0) {
		return nil, fmt.Errorf("travel: maximum cost %v must be >= 0: %w", maxCost, travel.ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pos := make([]int32, s.ns)
	for j := range pos {
		pos[j] = -1
	}
	for k, j := range services {
		if j < 0 || int(j) >= s.ns {
			return nil, fmt.Errorf("travel: service %d outside [0, %d): %w", j, s.ns, travel.ErrInvalid)
		}
		pos[j] = int32(k)
	}
	entries := make([]travel.Entry, 0, len(s.m.Pairs))
	for _, p := range s.m.Pairs {
		if k := pos[s.dMap[p.D]]; k >= 0 && p.Cost <= maxCost {
			entries = append(entries, travel.Entry{Demand: s.oMap[p.O], Supply: k, Cost: p.Cost})
		}
	}
	return travel.NewCosts(s.nv, len(services), entries)
}

var nan = math.NaN()
