package transit

import (
	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/travel/transit/raptor"
)

// The search core lives in package raptor; these names keep the public
// API of this package in one place for its callers.
type (
	Network        = raptor.Network
	NetworkOptions = raptor.NetworkOptions
	Walker         = raptor.Walker
	Straight       = raptor.Straight
	Query          = raptor.Query
	Leg            = raptor.Leg
	Egress         = raptor.Egress
	Walk           = raptor.Walk
	Targets        = raptor.Targets
	Profile        = raptor.Profile
	Outcome        = raptor.Outcome
	Search         = raptor.Search
)

// Defaults of the walking model and of the search (see package raptor).
const (
	DefaultDetourFactor = raptor.DefaultDetourFactor
	DefaultWalkKmh      = raptor.DefaultWalkKmh
	DefaultMaxWalkM     = raptor.DefaultMaxWalkM
	DefaultMaxTransfers = raptor.DefaultMaxTransfers
	DefaultMaxTravelSec = raptor.DefaultMaxTravelSec
)

// Build prepares a timetable for searches (see raptor.Build).
func Build(tt *gtfs.Timetable, opt NetworkOptions) (*Network, error) { return raptor.Build(tt, opt) }

// NewSearch, NewTargets and StraightSeconds are those of package raptor.
var (
	NewSearch       = raptor.NewSearch
	NewTargets      = raptor.NewTargets
	StraightSeconds = raptor.StraightSeconds
)

var unreached = raptor.Unreached

func validPoint(p orb.Point) bool { return raptor.ValidPoint(p) }
