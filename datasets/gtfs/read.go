package gtfs

import (
	"context"
	"errors"
	"fmt"
	"github.com/partons/partons/datasets/gtfs/internal/raw"
	"path/filepath"
	"strings"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

// Source is one feed to read.
type Source struct {
	// Path is a .zip file or a folder holding the feed's .txt files.
	Path string
	// Name namespaces the feed's ids; "" means the file name without its
	// extension.
	Name string
}

// FeedName is the namespace of the source's ids: Name, or else the file
// or folder name without its extension.
func (s Source) FeedName() string {
	if s.Name != "" {
		return s.Name
	}
	return strings.TrimSuffix(filepath.Base(filepath.Clean(s.Path)), filepath.Ext(s.Path))
}

// Feeds are parsed and checked feeds, before a service day is chosen.
// Build one Timetable per day with Timetable.
type Feeds struct {
	feeds []*raw.Feed
}

// Load reads and checks every feed. Problems in the data come back all
// together as a datasets.ErrorList (each a *datasets.RecordError naming
// feed, file, line and field, wrapping datasets.ErrInvalid); a feed that
// cannot be opened at all gives its own error.
func Load(ctx context.Context, sources []Source) (*Feeds, error) {
	if len(sources) == 0 {
		return nil, fmt.Errorf("gtfs: no feed given")
	}
	var p feedio.Problems
	fs := &Feeds{}
	names := map[string]string{}
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := s.FeedName()
		if strings.ContainsAny(name, ":") || name == "" {
			return nil, fmt.Errorf("gtfs: feed name %q of %s: want a name without ':'", name, s.Path)
		}
		if name == ScenarioFeed {
			return nil, fmt.Errorf("gtfs: feed name %q of %s is kept for the routes scenarios add: name the feed otherwise", name, s.Path)
		}
		if prev, dup := names[name]; dup {
			return nil, fmt.Errorf("gtfs: feeds %s and %s are both named %q: name one of them", prev, s.Path, name)
		}
		names[name] = s.Path
		a, err := feedio.Open(s.Path)
		if err != nil {
			p.AddErr(s.Path, err)
			continue
		}
		a.SetContext(ctx)
		fs.feeds = append(fs.feeds, raw.Parse(a, name, &p))
		a.Close()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return fs, nil
}

// Validate reads every feed and returns all the problems found in their
// data (nil when there are none), the notes on what it accepted against
// the letter of GTFS (see Notes), and an error only when the check could
// not run (a cancelled context, two feeds with the same name).
func Validate(ctx context.Context, sources []Source) (problems []error, notes []string, err error) {
	fs, err := Load(ctx, sources)
	if err == nil {
		return nil, fs.Notes(), nil
	}
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	var l datasets.ErrorList
	if errors.As(err, &l) {
		return l.Unwrap(), nil, nil
	}
	if errors.Is(err, datasets.ErrInvalid) {
		return []error{err}, nil, nil
	}
	return nil, nil, err
}

// Notes are what the feeds do against the letter of GTFS and the reader
// accepts (agencies in several time zones, stations named in
// stop_times), one sentence each naming the feed file and line. Every
// Timetable repeats them in its Warnings.
func (fs *Feeds) Notes() []string {
	var n []string
	for _, f := range fs.feeds {
		n = append(n, f.Notes...)
	}
	return n
}

// Read loads the feeds and builds the Timetable of date; a zero date
// picks DefaultDate (its reason is then the first of the Warnings).
func Read(ctx context.Context, sources []Source, date time.Time) (*Timetable, error) {
	fs, err := Load(ctx, sources)
	if err != nil {
		return nil, err
	}
	var warn []string
	if date.IsZero() {
		date, warn = fs.DefaultDate()
	}
	tt := fs.Timetable(date)
	tt.Warnings = append(warn, tt.Warnings...)
	return tt, nil
}

// Names lists the feeds' names in input order.
func (fs *Feeds) Names() []string {
	n := make([]string, len(fs.feeds))
	for i, f := range fs.feeds {
		n[i] = f.Name
	}
	return n
}

// ServiceRuns reports whether the service_id of the named feed runs on
// date (calendar and calendar_dates); false for an unknown feed or id.
func (fs *Feeds) ServiceRuns(feedName, serviceID string, date time.Time) bool {
	for _, f := range fs.feeds {
		if f.Name == feedName {
			if s, ok := f.Service(serviceID); ok {
				return s.Runs(raw.DayOf(date))
			}
		}
	}
	return false
}

// maxScanDays bounds the days DefaultDate looks at.
const maxScanDays = 400

// DefaultDate picks the service day of a study when none is given: a
// weekday (Monday to Friday) inside every feed's service period (the
// first 400 days of it), among those on which most feeds run the one
// whose set of running services is the most common (a typical weekday:
// not a holiday, nor a day of extra service), the earliest of equals. When the periods share no weekday it picks the
// best weekday of all the periods and says so. The sentences returned
// explain the choice.
func (fs *Feeds) DefaultDate() (time.Time, []string) {
	lo, hi := fs.feeds[0].Start, fs.feeds[0].End
	ulo, uhi := lo, hi
	for _, f := range fs.feeds[1:] {
		lo, hi = max(lo, f.Start), min(hi, f.End)
		ulo, uhi = min(ulo, f.Start), max(uhi, f.End)
	}
	var warn []string
	best, ok := fs.bestWeekday(lo, hi)
	if !ok {
		best, ok = fs.bestWeekday(ulo, uhi)
		warn = append(warn, "the feeds' service periods share no weekday: "+fs.periods())
		if !ok {
			return ulo.Time(), append(warn, fmt.Sprintf("gtfs: no weekday with service in any feed; using %s", ulo))
		}
	}
	return best.Time(), append(warn, fmt.Sprintf("service day %s (%s): a typical weekday inside every feed's service period (%s)",
		best, best.Time().Weekday(), fs.periods()))
}

func (fs *Feeds) periods() string {
	var b strings.Builder
	for i, f := range fs.feeds {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s to %s", f.Name, f.Start, f.End)
	}
	return b.String()
}

func (fs *Feeds) bestWeekday(lo, hi raw.Day) (raw.Day, bool) {
	per := make([][]int, len(fs.feeds)) // trips per service
	for i, f := range fs.feeds {
		per[i] = make([]int, len(f.Services))
		for _, t := range f.Trips {
			if t.Service >= 0 {
				per[i][t.Service]++
			}
		}
	}
	type cand struct {
		d     raw.Day
		feeds int
		sig   string
	}
	var cands []cand
	bestFeeds := 0
	for d := lo; d <= hi && d < lo+maxScanDays; d++ {
		if d.Weekday() >= 5 {
			continue
		}
		nf := 0
		var sig strings.Builder
		for i, f := range fs.feeds {
			running := false
			for s := range f.Services {
				if per[i][s] > 0 && f.Services[s].Runs(d) {
					running = true
					fmt.Fprintf(&sig, "%d.%d,", i, s)
				}
			}
			if running {
				nf++
			}
		}
		bestFeeds = max(bestFeeds, nf)
		cands = append(cands, cand{d, nf, sig.String()})
	}
	if bestFeeds == 0 {
		return 0, false
	}
	// The typical day: the set of running services seen on most of the
	// candidate weekdays (so not a holiday, nor a day of extra service).
	seen := map[string]int{}
	for _, c := range cands {
		if c.feeds == bestFeeds {
			seen[c.sig]++
		}
	}
	var best cand
	for _, c := range cands {
		if c.feeds == bestFeeds && (best.sig == "" || seen[c.sig] > seen[best.sig]) {
			best = c
		}
	}
	return best.d, true
}

// ScenarioFeed is the feed name kept for the stops, routes and trips that
// scenarios add (package edit); Load refuses it for a real feed.
const ScenarioFeed = "scenario"
