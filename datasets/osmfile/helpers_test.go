package osmfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/osm"
)

// The OSM fixtures live beside the road reader.
const testdata = "../osmroad/testdata"

// bytesSource serves b under name, as if it were a file.
func bytesSource(name string, b []byte) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
}

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// keepAll is a Consumer keeping every element of every pass; it counts
// what it was given.
type keepAll struct {
	visited [3]int // by Kind
	done    []Kind
}

func (*keepAll) Wants(Kind) bool                 { return true }
func (*keepAll) KeepNode(*osm.Node) bool         { return true }
func (*keepAll) KeepWay(*osm.Way) bool           { return true }
func (*keepAll) KeepRelation(*osm.Relation) bool { return true }
func (k *keepAll) Done(kind Kind)                { k.done = append(k.done, kind) }
func (k *keepAll) Visit(o osm.Object, _ int) {
	switch o.(type) {
	case *osm.Relation:
		k.visited[Relations]++
	case *osm.Way:
		k.visited[Ways]++
	case *osm.Node:
		k.visited[Nodes]++
	}
}
