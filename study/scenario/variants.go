package scenario

import (
	"context"
	"runtime"
	"sync"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/delta"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study"
)

// variantRun is one variant on its way through Run: prepared (its
// changes applied and its parameters set), computed, then written.
type variantRun struct {
	k       int // in the file's order
	vr      *variant.Variant
	p       analysis.Params
	transit *reportdir.TransitInfo

	res  *analysis.Result
	aggs []analysis.Aggregate
	vin  study.Inputs
	m    *study.Manifest
	dv   *delta.Delta
	rows deltaRowsM
}

// variantsAtOnce is how many variants are computed at a time for a run
// of that many workers (<= 0: every core): each holds a result the size
// of the base's until it is written.
func variantsAtOnce(workers int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return workers
}

// eachVariant runs n variants through three steps: prepare, in order on
// the calling goroutine (it may open networks and timetables, which are
// cached); compute, up to atOnce variants at a time on their own
// goroutines (each reads the base and writes only its own variantRun);
// write, in order on the calling goroutine. It returns the error of the
// first variant in order that fails, at whatever step, as a loop over the
// variants one by one would: the variants after it are not written, and
// those being computed are cancelled and waited for.
func eachVariant(ctx context.Context, n, atOnce int,
	prepare func(k int) (*variantRun, error),
	compute func(ctx context.Context, r *variantRun) error,
	write func(r *variantRun) error) error {
	if atOnce <= 1 {
		for k := range n {
			r, err := prepare(k)
			if err != nil {
				return err
			}
			if err := compute(ctx, r); err != nil {
				return err
			}
			if err := write(r); err != nil {
				return err
			}
		}
		return nil
	}
	var wg sync.WaitGroup
	defer wg.Wait() // runs after cancel: nothing outlives the call
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type slot struct {
		r    *variantRun
		err  error
		done chan struct{}
	}
	slots := make([]slot, n)
	next, stop := 0, false
	for k := range n {
		for ; !stop && next < n && next < k+atOnce; next++ {
			s := &slots[next]
			s.done = make(chan struct{})
			r, err := prepare(next)
			if err != nil {
				s.err, stop = err, true
				close(s.done)
				break
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer close(s.done)
				s.err = compute(ctx, r)
				s.r = r
			}()
		}
		s := &slots[k]
		<-s.done
		if s.err != nil {
			return s.err
		}
		if err := write(s.r); err != nil {
			return err
		}
		s.r = nil // written: its result may go
	}
	return nil
}
