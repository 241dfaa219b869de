package travel

import (
	"context"
	"fmt"
	"math"

	"github.com/partons/partons/datasets/odmatrix"
)

// Matrix is travel costs from an external origin–destination file,
// already parsed (datasets/odmatrix): origins are villages and
// destinations services, looked up by Place.ID. A village or service whose
// id the matrix never names joins nothing (Snap.OK false); a pair the
// matrix does not list is unreachable. Costs are in the file's unit,
// declared by Unit (metres or minutes; the file itself does not say).
type Matrix struct {
	M    *odmatrix.Matrix
	Unit Unit
}

var _ Mode = Matrix{}

// Matrix statuses (Code values of MatrixSchema).
const (
	MatrixUnlisted    Code = 1
	MatrixUnreachable Code = 2
)

// MatrixSchema returns the schema of matrix results in unit u.
func MatrixSchema(u Unit) Schema {
	return Schema{Name: "matrix", Unit: u,
		Metrics: []Metric{{Name: "cost", Unit: u, Decimals: -1, Aggregate: true, Doc: "cost from the matrix"}},
		Split:   "cost",
		Statuses: []StatusDoc{
			{Code: "unlisted", Meaning: "the matrix has no origin with the village's id"},
			{Code: "unreachable", Meaning: "the matrix lists no pair from the village to a service of the category"},
		}}
}

// Schema implements Mode.
func (m Matrix) Schema() Schema { return MatrixSchema(m.Unit) }

// Snap implements Mode: it maps the matrix's origins to villages and its
// destinations to services by id. An origin or destination id that is not
// among them, or an id given twice, is an error wrapping ErrInvalid (run
// odmatrix.Matrix.Check first for messages naming lines).
func (m Matrix) Snap(ctx context.Context, villages, services []Place) (Snapped, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m.M == nil {
		return nil, fmt.Errorf("travel: matrix mode without a matrix: %w", ErrInvalid)
	}
	if m.Unit != Metres && m.Unit != Minutes {
		return nil, fmt.Errorf("travel: matrix unit %q: want m or min: %w", m.Unit, ErrInvalid)
	}
	ids := func(ps []Place) []string {
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
	s := &matrixSnapped{m: m.M, oMap: oMap, dMap: dMap, nv: len(villages), ns: len(services),
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
		return nil, fmt.Errorf("travel: too many %s ids: %w", tableName, ErrInvalid)
	}
	pos := make(map[string]int32, len(table))
	for k, id := range table {
		if _, dup := pos[id]; dup {
			return nil, fmt.Errorf("travel: %s id %q listed twice: %w", tableName, id, ErrInvalid)
		}
		pos[id] = int32(k)
	}
	out := make([]int32, len(ids))
	for k, id := range ids {
		p, ok := pos[id]
		if !ok {
			return nil, fmt.Errorf("travel: %s id %q is not in the %s table: %w", what, id, tableName, ErrInvalid)
		}
		out[k] = p
	}
	return out, nil
}

type matrixSnapped struct {
	m          *odmatrix.Matrix
	oMap, dMap []int32 // matrix origin → village, destination → service
	nv, ns     int
	vok, sok   []bool
	off        []int   // pairs of village i are pairs[off[i]:off[i+1]]
	pairs      []int32 // indexes into m.Pairs
}

func snapOK(ok bool) Snap {
	if ok {
		return Snap{OK: true}
	}
	return Snap{DistM: nan}
}

func (s *matrixSnapped) Village(i int) Snap            { return snapOK(s.vok[i]) }
func (s *matrixSnapped) Service(j int) Snap            { return snapOK(s.sok[j]) }
func (s *matrixSnapped) VillageValue(i, k int) float64 { return nan }

// Nearest implements Snapped. O(pairs) per part.
func (s *matrixSnapped) Nearest(ctx context.Context, cats []Category) ([][]Reach, error) {
	out := make([][]Reach, len(cats))
	in := make([]int32, s.ns) // part stamp per service
	stamp := int32(0)
	for c, cat := range cats {
		out[c] = make([]Reach, len(cat.Parts))
		for p, part := range cat.Parts {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			stamp++
			for _, j := range part.Services {
				if j < 0 || int(j) >= s.ns {
					return nil, fmt.Errorf("travel: %s: service %d outside [0, %d): %w", cat.Name, j, s.ns, ErrInvalid)
				}
				in[j] = stamp
			}
			r := NewReach(s.nv, 1, MatrixUnreachable)
			for i := range s.nv {
				if !s.vok[i] {
					r.Status[i] = MatrixUnlisted
					continue
				}
				for _, k := range s.pairs[s.off[i]:s.off[i+1]] {
					pr := s.m.Pairs[k]
					j := s.dMap[pr.D]
					if in[j] != stamp || (r.Service[i] >= 0 && (pr.Cost > r.Cost[i] || pr.Cost == r.Cost[i] && j > r.Service[i])) {
						continue
					}
					r.Service[i], r.Cost[i], r.Status[i], r.Metrics[0][i] = j, pr.Cost, CodeOK, pr.Cost
				}
			}
			out[c][p] = r
		}
	}
	return out, nil
}

// Costs implements Snapped: the listed pairs costing at most maxCost.
// O(pairs + services), plus NewCosts.
func (s *matrixSnapped) Costs(ctx context.Context, services []int32, maxCost float64) (*Costs, error) {
	if !(maxCost >= 0) {
		return nil, fmt.Errorf("travel: maximum cost %v must be >= 0: %w", maxCost, ErrInvalid)
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
			return nil, fmt.Errorf("travel: service %d outside [0, %d): %w", j, s.ns, ErrInvalid)
		}
		pos[j] = int32(k)
	}
	entries := make([]Entry, 0, len(s.m.Pairs))
	for _, p := range s.m.Pairs {
		if k := pos[s.dMap[p.D]]; k >= 0 && p.Cost <= maxCost {
			entries = append(entries, Entry{Demand: s.oMap[p.O], Supply: k, Cost: p.Cost})
		}
	}
	return NewCosts(s.nv, len(services), entries)
}
