package analysis

import (
	"sync"

	"github.com/partons/partons/geo/index"
)

// catSet searches the services of every category and country around a
// village at once (index.Set): one rectangle search per village instead
// of one per category and country, with the answers of each part's own
// NearestAndCount.
type catSet struct {
	set   *index.Set
	first []int // the parts of category c are members first[c]:first[c+1]
	nts   int   // thresholds
	pool  sync.Pool
}

// catWork is one village's answers; within[c] is category c's counts,
// shared by its parts (counts[m] for each of its members m).
type catWork struct {
	answers []index.Answer
	counts  [][]int32
	within  [][]int32
}

func newCatSet(cats []*catIndex, nts int) *catSet {
	s := &catSet{first: make([]int, len(cats)+1), nts: nts}
	var members []*index.Points
	for c, ci := range cats {
		s.first[c] = len(members)
		for pi := range ci.parts {
			members = append(members, ci.parts[pi].idx)
		}
	}
	s.first[len(cats)] = len(members)
	s.set = index.NewSet(members)
	s.pool.New = func() any {
		return &catWork{answers: make([]index.Answer, len(members)),
			counts: make([][]int32, len(members)), within: make([][]int32, len(cats))}
	}
	return s
}

// search answers every part for q with thresholds ts. The counts go to
// slab (zeroed, one count per category and threshold), which the results
// keep; the rest goes back with done.
func (s *catSet) search(q *index.Query, ts []float64, slab []int32) *catWork {
	w := s.pool.Get().(*catWork)
	for c := range w.within {
		w.within[c] = slab[c*s.nts : (c+1)*s.nts : (c+1)*s.nts]
		for m := s.first[c]; m < s.first[c+1]; m++ {
			w.counts[m] = w.within[c]
		}
	}
	s.set.NearestAndCount(q, ts, w.counts, distanceTolM, w.answers)
	return w
}

// done returns w for reuse.
func (s *catSet) done(w *catWork) { s.pool.Put(w) }
