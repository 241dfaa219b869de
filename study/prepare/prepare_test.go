package prepare

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/roads"
)

const town = "../../datasets/osmroad/testdata/town.osm"

// TestPrepareWritesWhatRunReads: the graphs written are the graphs a run
// loads back, profile by profile, and the extract without countries is
// said to leave the border crossings uncounted.
func TestPrepareWritesWhatRunReads(t *testing.T) {
	out := filepath.Join(t.TempDir(), "town.graph")
	var why string
	res, err := Prepare(context.Background(), []string{town}, Options{Out: out, Profiles: []road.Profile{road.Car, road.Foot},
		NoBorders: func(w string) { why = w }})
	if err != nil {
		t.Fatal(err)
	}
	if why == "" {
		t.Error("an extract without country relations: the uncounted border crossings are not said")
	}
	if len(res.Graphs) != 2 || res.Graphs[0].Profile != road.Car || res.Graphs[1].Profile != road.Foot {
		t.Fatalf("graphs %v", res.Graphs)
	}
	for _, want := range res.Graphs {
		got, err := roads.ReadGraphProfile(out, want.Profile)
		if err != nil {
			t.Fatal(err)
		}
		c, largest := got.Components()
		if got.NumVertices() != want.Vertices || got.NumEdges() != want.Edges || got.NumVertices() == 0 ||
			c != want.Components || largest != want.Largest || largest == 0 {
			t.Errorf("%s: read back %d vertices %d edges %d components (largest %d), built %+v",
				want.Profile, got.NumVertices(), got.NumEdges(), c, largest, want)
		}
	}
	if _, err := roads.ReadGraphProfile(out, road.Bicycle); err == nil {
		t.Error("a bicycle graph read from a file without one")
	}
}

// TestPrepareRefuses: another file at the output path is never replaced,
// and a cancelled context leaves no file.
func TestPrepareRefuses(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Prepare(context.Background(), []string{town}, Options{Out: other, Profiles: []road.Profile{road.Car}}); err == nil {
		t.Error("a file that is no graph replaced")
	}
	if b, _ := os.ReadFile(other); string(b) != "mine" {
		t.Errorf("the other file now holds %q", b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(dir, "g.graph")
	if _, err := Prepare(ctx, []string{town}, Options{Out: out, Profiles: []road.Profile{road.Car}}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a cancelled prepare left its file")
	}
	if !GraphFileOwned(append([]byte(nil), roads.GraphMagic...)) || GraphFileOwned([]byte("mine")) {
		t.Error("GraphFileOwned")
	}
}
