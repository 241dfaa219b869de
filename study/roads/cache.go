package roads

import (
	"context"
	"slices"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/road"
)

// Network is a road network opened for one profile.
type Network struct {
	Graph *road.Graph
	Info  *reportdir.RoadInfo
	// Label gives the vertex label of a country code (nil without
	// country labels).
	Label func(country string) uint8
}

// Opener opens the network of files for profile, labelling vertices
// with the countries of bs (and of the extracts' own relations when
// closed and bs is empty). Load is the Opener of partons.
type Opener func(ctx context.Context, files []string, profile road.Profile, bs []datasets.Boundary, closed bool) (*road.Graph, *reportdir.RoadInfo, func(string) uint8, error)

// Cache opens the road network of a study once per (files, profile):
// the variants of a scenario that change the profile share one graph
// per profile instead of reading the network again for each. A graph is
// read-only once built, so variants may share it. A Cache is not safe
// for concurrent use.
type Cache struct {
	open   Opener
	bs     []datasets.Boundary
	closed bool
	nets   map[cacheKey]*Network
}

type cacheKey struct {
	files   string // the files, joined
	profile road.Profile
}

// NewCache returns a cache opening networks with open (Load when nil),
// labelled with the countries of bs when closed says a border may close.
func NewCache(open Opener, bs []datasets.Boundary, closed bool) *Cache {
	if open == nil {
		open = Load
	}
	return &Cache{open: open, bs: bs, closed: closed, nets: map[cacheKey]*Network{}}
}

func key(files []string, profile road.Profile) cacheKey {
	return cacheKey{files: strings.Join(files, "\x00"), profile: profile}
}

// Put records a network opened elsewhere (the base run's, read with its
// inputs) as that of files and profile.
func (c *Cache) Put(files []string, profile road.Profile, n *Network) {
	c.nets[key(slices.Clone(files), profile)] = n
}

// Get returns the network of files for profile, opening it on first use.
// A failed open is not remembered.
func (c *Cache) Get(ctx context.Context, files []string, profile road.Profile) (*Network, error) {
	k := key(files, profile)
	if n, ok := c.nets[k]; ok {
		return n, nil
	}
	g, info, label, err := c.open(ctx, files, profile, c.bs, c.closed)
	if err != nil {
		return nil, err
	}
	n := &Network{Graph: g, Info: info, Label: label}
	c.nets[k] = n
	return n, nil
}
