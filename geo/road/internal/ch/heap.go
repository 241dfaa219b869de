package ch

// qitem is an entry of the contraction queue.
type qitem struct{ prio, v int32 }

// pqueue is a binary min-heap of qitems ordered by (prio, v).
type pqueue struct{ a []qitem }

func (q *pqueue) len() int   { return len(q.a) }
func (q *pqueue) top() qitem { return q.a[0] }
func (q *pqueue) less(x, y qitem) bool {
	if x.prio != y.prio {
		return x.prio < y.prio
	}
	return x.v < y.v
}

func (q *pqueue) push(it qitem) {
	q.a = append(q.a, it)
	i := len(q.a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(q.a[i], q.a[p]) {
			break
		}
		q.a[i], q.a[p] = q.a[p], q.a[i]
		i = p
	}
}

func (q *pqueue) pop() qitem {
	top := q.a[0]
	last := len(q.a) - 1
	q.a[0] = q.a[last]
	q.a = q.a[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < last && q.less(q.a[l], q.a[m]) {
			m = l
		}
		if l+1 < last && q.less(q.a[l+1], q.a[m]) {
			m = l + 1
		}
		if m == i {
			break
		}
		q.a[i], q.a[m] = q.a[m], q.a[i]
		i = m
	}
	return top
}

// wpush and wpop keep a binary min-heap of witness labels on d.
func wpush(h []witem, it witem) []witem {
	h = append(h, it)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if h[p].d <= h[i].d {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func wpop(h []witem) ([]witem, witem) {
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < last && h[l].d < h[m].d {
			m = l
		}
		if l+1 < last && h[l+1].d < h[m].d {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return h, top
}
