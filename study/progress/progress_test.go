package progress

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// Reading an extract shows the file, the pass and the bytes read when
// progress is on, and nothing when it is off.
func TestOSMFileSourceProgress(t *testing.T) {
	const path = "../../datasets/osmroad/testdata/town.osm.pbf"
	var buf bytes.Buffer
	ctx := With(context.Background(), &Progress{w: &buf, on: true})
	src := OSMFileSource(ctx, path)
	for pass := 1; pass <= 2; pass++ {
		rc, err := src.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	got := buf.String()
	for _, want := range []string{"reading town.osm.pbf, pass 1: 1 MB of 1 MB", "reading town.osm.pbf, pass 2: 1 MB of 1 MB"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress %q lacks %q", got, want)
		}
	}

	buf.Reset()
	src = OSMFileSource(With(context.Background(), &Progress{w: &buf}), path)
	rc, err := src.Open()
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, rc)
	rc.Close()
	if buf.Len() != 0 {
		t.Errorf("progress off printed %q", buf.String())
	}
}
