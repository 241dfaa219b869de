package raw

import "fmt"

// Location types of stops.txt.
const (
	LocStop     = 0
	LocStation  = 1
	LocEntrance = 2
	LocNode     = 3
	LocBoarding = 4
)

// Stop is one row of stops.txt.
type Stop struct {
	ID, Name string
	Lat, Lon float64
	Type     int8  // location_type
	Parent   int32 // index in Feed.Stops, -1
	ParentID string
	Line     int
	Board    int // stop_times rows naming this station directly
}

// Boarding reports whether the stop is a boarding point of the Timetable:
// a stop or platform, or a station that stop_times name directly.
func (s *Stop) Boarding() bool { return s.Type == LocStop || s.Board > 0 }

// Route is one row of routes.txt.
type Route struct {
	ID   string
	Type int // route_type
}

// Trip is one row of trips.txt.
type Trip struct {
	ID      string
	Route   int32 // index in Feed.Routes, -1
	Service int32 // index in Feed.Services, -1
	Flex    bool
	First   int32 // Feed.StopTimes[First:End] are the trip's stop times
	End     int32
}

// Service is one service_id of calendar.txt and calendar_dates.txt.
type Service struct {
	ID         string
	Days       [7]bool // Monday … Sunday
	Start, End Day
	Calendar   bool         // a calendar.txt row gives Days, Start, End
	Exceptions map[Day]int8 // 1 added, 2 removed
}

// Runs reports whether the service runs on d.
func (s *Service) Runs(d Day) bool {
	switch s.Exceptions[d] {
	case 1:
		return true
	case 2:
		return false
	}
	return s.Calendar && d >= s.Start && d <= s.End && s.Days[d.Weekday()]
}

// StopTime is one row of stop_times.txt.
type StopTime struct {
	Trip      int32
	Stop      int32 // -1 for a GTFS-Flex row
	Seq       int32
	Arr, Dep  int32 // GTFS seconds, -1 when empty
	Line      int32
	Pickup    uint8
	DropOff   uint8
	FlexFlags bool
}

// Freq is one row of frequencies.txt.
type Freq struct {
	Trip                int32
	Start, End, Headway int32
	Exact               bool
}

// Transfer is one row of transfers.txt.
type Transfer struct {
	From, To int32 // indices in Feed.Stops
	Type     uint8
	Min      int32
	Specific bool // trip- or route-level
}

// Feed is one parsed feed, before a service day is chosen.
type Feed struct {
	Name, Path string
	Agencies   []string
	TZ         string
	Stops      []Stop
	stopIdx    map[string]int32
	Routes     []Route
	routeIdx   map[string]int32
	Services   []Service
	svcIdx     map[string]int32
	Trips      []Trip
	tripIdx    map[string]int32
	StopTimes  []StopTime // by trip, then stop_sequence
	Freqs      []Freq     // by trip, then start time
	Transfers  []Transfer
	Rows       map[string]int // rows read per file
	Ignored    []string       // files not read
	Start, End Day            // the service period
	// incomplete marks files missing or with rows left out for a problem:
	// ids they lack are not reported again where other files name them.
	incomplete map[string]bool
	Interp     int // stop times whose times were interpolated
	Fast       int // trips implausibly fast between two stops
	Notes      []string
}

// Service returns the service of that id, if the feed has it.
func (f *Feed) Service(id string) (*Service, bool) {
	i, ok := f.svcIdx[id]
	if !ok {
		return nil, false
	}
	return &f.Services[i], true
}

func (f *Feed) String() string { return fmt.Sprintf("feed %q (%s)", f.Name, f.Path) }
