package scenario

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

// pipeline records what eachVariant did with n variants.
type pipeline struct {
	mu                 sync.Mutex
	prepared, written  []int
	running, maxRun    int // compute calls in progress
	inFlight, maxAlive int // prepared and not yet written
	cancelled          []int
	failPrep, failComp int // the variant whose step fails, -1: none
	slow               int // the variant whose compute waits for its context or a while
}

func (p *pipeline) run(n, atOnce int) error {
	return eachVariant(context.Background(), n, atOnce,
		func(k int) (*variantRun, error) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.prepared = append(p.prepared, k)
			if k == p.failPrep {
				return nil, fmt.Errorf("prepare %d", k)
			}
			p.inFlight++
			p.maxAlive = max(p.maxAlive, p.inFlight)
			return &variantRun{k: k}, nil
		},
		func(ctx context.Context, r *variantRun) error {
			p.mu.Lock()
			p.running++
			p.maxRun = max(p.maxRun, p.running)
			p.mu.Unlock()
			defer func() { p.mu.Lock(); p.running--; p.mu.Unlock() }()
			if r.k == p.slow {
				<-ctx.Done() // only a failure before it ends this
				p.mu.Lock()
				p.cancelled = append(p.cancelled, r.k)
				p.mu.Unlock()
				return ctx.Err()
			}
			if r.k == p.failComp {
				return fmt.Errorf("compute %d", r.k)
			}
			return nil
		},
		func(r *variantRun) error {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.written = append(p.written, r.k)
			p.inFlight--
			return nil
		})
}

// TestEachVariantWritesInOrder: whatever the number computed at once,
// every variant is written once, in order, with at most atOnce computed
// or waiting to be written at a time.
func TestEachVariantWritesInOrder(t *testing.T) {
	for _, atOnce := range []int{1, 2, 3, 16} {
		p := &pipeline{failPrep: -1, failComp: -1, slow: -1}
		if err := p.run(10, atOnce); err != nil {
			t.Fatal(err)
		}
		want := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
		if !slices.Equal(p.written, want) || !slices.Equal(p.prepared, want) {
			t.Errorf("atOnce %d: prepared %v, written %v, want both %v", atOnce, p.prepared, p.written, want)
		}
		if p.maxRun > atOnce || p.maxAlive > atOnce || p.running != 0 {
			t.Errorf("atOnce %d: %d computed at once, %d alive at once, %d still running", atOnce, p.maxRun, p.maxAlive, p.running)
		}
	}
}

// TestEachVariantFirstErrorInOrder: the error returned is the first
// variant's in the file's order, whichever step fails and whichever
// finishes first; nothing after it is written and no computation
// outlives the call.
func TestEachVariantFirstErrorInOrder(t *testing.T) {
	cases := []struct {
		name                     string
		failPrep, failComp, slow int
		want                     string
		written                  int // variants written before the error
	}{
		{"compute fails before a later prepare", 6, 4, -1, "compute 4", 4},
		{"prepare fails before a later compute", 5, 7, -1, "prepare 5", 5},
		{"first variant's compute", -1, 0, -1, "compute 0", 0},
		// Variant 3 runs until cancelled: it is cancelled by 2's failure,
		// which is reported, not 3's cancellation.
		{"a later computation is cancelled", -1, 2, 3, "compute 2", 2},
	}
	for _, tc := range cases {
		for _, atOnce := range []int{1, 2, 4} {
			if tc.slow >= 0 && atOnce < 2 {
				continue // one at a time, 3 never starts: 2 fails first
			}
			p := &pipeline{failPrep: tc.failPrep, failComp: tc.failComp, slow: tc.slow}
			err := p.run(10, atOnce)
			if err == nil || err.Error() != tc.want {
				t.Errorf("%s, atOnce %d: error %v, want %q", tc.name, atOnce, err, tc.want)
			}
			if len(p.written) != tc.written {
				t.Errorf("%s, atOnce %d: written %v, want the first %d", tc.name, atOnce, p.written, tc.written)
			}
			if p.running != 0 {
				t.Errorf("%s, atOnce %d: %d computations outlived the call", tc.name, atOnce, p.running)
			}
			if tc.slow >= 0 && !slices.Equal(p.cancelled, []int{tc.slow}) {
				t.Errorf("%s, atOnce %d: cancelled %v, want [%d]", tc.name, atOnce, p.cancelled, tc.slow)
			}
		}
	}
}

// TestEachVariantCancelled: a cancelled context ends the computations
// with its error.
func TestEachVariantCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := eachVariant(ctx, 5, 2,
		func(k int) (*variantRun, error) { return &variantRun{k: k}, nil },
		func(ctx context.Context, r *variantRun) error { return ctx.Err() },
		func(r *variantRun) error { t.Errorf("variant %d written", r.k); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
