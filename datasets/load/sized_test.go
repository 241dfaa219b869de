package load

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
)

// TestSizedReaderReadsOnce: after the format sniffing has buffered the
// head of a file, Len still counts every byte left, so datasets.ReadAll
// gets them all in one buffer of the right size; a file that grows while
// read is still read to the end.
func TestSizedReaderReadsOnce(t *testing.T) {
	data := bytes.Repeat([]byte(`{"type":"Feature"},`), 50000)
	path := filepath.Join(t.TempDir(), "v.geojson")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, grow := range []int64{0, -1000} { // a size too small: the file "grew"
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		cr := &countingReader{r: f, max: maxFileBytes, name: path}
		br := bufio.NewReaderSize(cr, 1<<16)
		if _, err := br.Peek(512); err != nil {
			t.Fatal(err)
		}
		size := int64(len(data)) + grow
		in := sizedReader{br, func() int { return int(max(0, size-cr.n)) + br.Buffered() }}
		if grow == 0 && in.Len() != len(data) {
			t.Fatalf("Len after peeking = %d, want %d", in.Len(), len(data))
		}
		got, err := datasets.ReadAll(in)
		if _, err := io.Copy(io.Discard, in); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("grow %d: read %d bytes (%v), want %d", grow, len(got), err, len(data))
		}
		if grow == 0 && cap(got) != len(data)+1 {
			t.Fatalf("buffer capacity %d, want %d (one allocation)", cap(got), len(data)+1)
		}
	}
}
