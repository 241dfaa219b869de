package road

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Job is one multi-source search and the targets to read from it, e.g. one
// service category and every village.
type Job struct {
	Seeds   []Snap
	Search  Search
	Targets []Snap
	// Results is filled by NearestMany with one entry per target (reused
	// when its capacity suffices). Unreached targets have Reached false.
	Results []Result
}

// NearestMany runs jobs on up to workers goroutines (≤ 0: GOMAXPROCS), each
// with its own Workspace, so memory is workers × 24 bytes per vertex no
// matter how many jobs. Workspaces are kept in a pool on the graph between
// calls (the garbage collector may free them), so that repeated calls, e.g.
// one per scenario variant, do not allocate and fault in the vertex state
// again. The graph is only read. It returns every job's
// error joined (each naming its job index); results of failed jobs are
// all unreached.
func (g *Graph) NearestMany(jobs []Job, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(jobs))
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			ws, _ := g.workspaces.Get().(*Workspace)
			if ws == nil {
				ws = NewWorkspace(g)
			}
			defer g.workspaces.Put(ws)
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				j := &jobs[i]
				if cap(j.Results) >= len(j.Targets) {
					j.Results = j.Results[:len(j.Targets)]
				} else {
					j.Results = make([]Result, len(j.Targets))
				}
				if err := g.NearestFor(ws, j.Seeds, j.Search, j.Targets); err != nil {
					errs[i] = fmt.Errorf("road: job %d: %w", i, err)
					clear(j.Results)
					continue
				}
				for k, t := range j.Targets {
					j.Results[k], _ = ws.Cost(t)
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
