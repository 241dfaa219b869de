package ch

import "math"

// Label is a position's label in a one-to-all search on a hierarchy: its
// weights and the seed it comes from, Seed < 0 when unreached.
type Label struct {
	D1, D2 float64
	Seed   int32
	stamp  uint32
}

// Sweep is the reusable state of PHAST searches (Delling et al. 2011) on
// one hierarchy: labels in position order, kept across searches with an
// epoch stamp, 24 bytes per position plus the heaps. Not safe for
// concurrent use.
type Sweep struct {
	h     *Hierarchy
	lab   []Label
	epoch uint32
	up    []int32 // max-heap of positions outside the core
	core  []coreItem
}

type coreItem struct {
	d1, d2 float64
	seed   int32
	p      int32
}

// lessLabel orders labels lexicographically: D1, then D2, then Seed.
func lessLabel(a1, a2 float64, as int32, b1, b2 float64, bs int32) bool {
	if a1 != b1 {
		return a1 < b1
	}
	if a2 != b2 {
		return a2 < b2
	}
	return as < bs
}

// Start begins a search on h, forgetting the last one.
func (s *Sweep) Start(h *Hierarchy) {
	n := len(h.Vert)
	if len(s.lab) != n {
		s.lab, s.epoch = make([]Label, n), 0
	}
	if s.epoch == math.MaxUint32 {
		clear(s.lab)
		s.epoch = 0
	}
	s.epoch++
	s.h = h
	s.up = s.up[:0]
}

// Offer proposes label (d1, d2, seed) at position p, before Run.
func (s *Sweep) Offer(p int32, d1, d2 float64, seed int32) {
	l := &s.lab[p]
	if l.stamp != s.epoch {
		*l = Label{D1: d1, D2: d2, Seed: seed, stamp: s.epoch}
		s.pushUp(p)
		return
	}
	if lessLabel(d1, d2, seed, l.D1, l.D2, l.Seed) {
		l.D1, l.D2, l.Seed = d1, d2, seed
	}
}

// Run completes the search from the offered labels: an upward search
// that visits each position outside the core once, in decreasing
// position (a topological order of the upward arcs); then a Dijkstra
// within the core on the labels it reached, up to cutoff on D1; then one
// sweep over the positions outside the core in increasing order, taking
// each label from the higher-ranked ends of its downward arcs. A forward
// search (from origins, along arcs) goes up Out arcs and sweeps down In
// arcs; a reverse one (towards seeds) the other way round. Labels are
// lexicographic (D1, D2, Seed). O(V + arcs) plus the core's Dijkstra,
// O(core arcs · log).
func (s *Sweep) Run(forward bool, cutoff float64) {
	h := s.h
	upOff, up, downOff, down := h.InOff, h.In, h.OutOff, h.Out
	if forward {
		upOff, up, downOff, down = h.OutOff, h.Out, h.InOff, h.In
	}
	core := int32(h.Core)
	for len(s.up) > 0 && s.up[0] >= core {
		p := s.popUp()
		l := s.lab[p]
		for _, a := range up[upOff[p]:upOff[p+1]] {
			s.Offer(a.Other, l.D1+a.W1, l.D2+a.W2, l.Seed)
		}
	}
	// What is left in the max-heap are the core positions reached.
	s.core = s.core[:0]
	for _, p := range s.up {
		l := &s.lab[p]
		s.pushCore(coreItem{l.D1, l.D2, l.Seed, p})
	}
	s.up = s.up[:0]
	for len(s.core) > 0 {
		it := s.popCore()
		l := &s.lab[it.p]
		if it.d1 != l.D1 || it.d2 != l.D2 || it.seed != l.Seed {
			continue // stale: lowered since
		}
		if it.d1 > cutoff {
			break // every label left is beyond the cutoff: unreached
		}
		for _, a := range up[upOff[it.p]:upOff[it.p+1]] {
			d1, d2 := it.d1+a.W1, it.d2+a.W2
			q := &s.lab[a.Other]
			if q.stamp != s.epoch || lessLabel(d1, d2, it.seed, q.D1, q.D2, q.Seed) {
				*q = Label{D1: d1, D2: d2, Seed: it.seed, stamp: s.epoch}
				s.pushCore(coreItem{d1, d2, it.seed, a.Other})
			}
		}
	}
	lab, epoch := s.lab, s.epoch
	for p := range core {
		if lab[p].stamp != epoch {
			lab[p] = Label{D1: math.Inf(1), D2: math.Inf(1), Seed: -1, stamp: epoch}
		}
	}
	for p := int(core); p < len(lab); p++ {
		b1, b2, bs := math.Inf(1), math.Inf(1), int32(-1)
		if l := &lab[p]; l.stamp == epoch {
			b1, b2, bs = l.D1, l.D2, l.Seed
		}
		for _, a := range down[downOff[p]:downOff[p+1]] {
			q := &lab[a.Other]
			if q.Seed < 0 {
				continue
			}
			if d1, d2 := q.D1+a.W1, q.D2+a.W2; lessLabel(d1, d2, q.Seed, b1, b2, bs) {
				b1, b2, bs = d1, d2, q.Seed
			}
		}
		lab[p] = Label{D1: b1, D2: b2, Seed: bs, stamp: epoch}
	}
}

// Label returns the label of position p after Run (Seed < 0: unreached).
func (s *Sweep) Label(p int32) *Label { return &s.lab[p] }

// pushUp and popUp keep s.up a binary max-heap of positions.
func (s *Sweep) pushUp(p int32) {
	h := append(s.up, p)
	for i := len(h) - 1; i > 0; {
		u := (i - 1) / 2
		if h[u] >= h[i] {
			break
		}
		h[i], h[u] = h[u], h[i]
		i = u
	}
	s.up = h
}

func (s *Sweep) popUp() int32 {
	h := s.up
	top, last := h[0], len(h)-1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < last && h[l] > h[m] {
			m = l
		}
		if l+1 < last && h[l+1] > h[m] {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	s.up = h
	return top
}

// pushCore and popCore keep s.core a binary min-heap of labels.
func (s *Sweep) pushCore(it coreItem) {
	h := append(s.core, it)
	for i := len(h) - 1; i > 0; {
		u := (i - 1) / 2
		if !lessCore(h[i], h[u]) {
			break
		}
		h[i], h[u] = h[u], h[i]
		i = u
	}
	s.core = h
}

func (s *Sweep) popCore() coreItem {
	h := s.core
	top, last := h[0], len(h)-1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < last && lessCore(h[l], h[m]) {
			m = l
		}
		if l+1 < last && lessCore(h[l+1], h[m]) {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	s.core = h
	return top
}

func lessCore(a, b coreItem) bool {
	if lessLabel(a.d1, a.d2, a.seed, b.d1, b.d2, b.seed) {
		return true
	}
	return !lessLabel(b.d1, b.d2, b.seed, a.d1, a.d2, a.seed) && a.p < b.p
}
