package osmfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"

	"github.com/partons/partons/datasets"
)

// blockCase is one malformed block, the error the guard gives it and
// whether osmpbf v0.8.0, unguarded, panics on it (else it returns an error
// or, worse, wrong data).
type blockCase struct {
	name   string
	file   func(tb testing.TB) []byte
	want   string // substring of the error
	panics bool
}

// mutated is a file holding okBlock changed by mod.
func mutated(mod func(*blockSpec)) func(testing.TB) []byte {
	return func(tb testing.TB) []byte {
		s := okBlock()
		mod(&s)
		return pbfFile(tb, s.encode())
	}
}

func u64(v uint64) *uint64 { return &v }

// blockCases cover each place where osmpbf's decoder indexes or sizes
// without checking (decode_data.go), and the wire-level malformations
// the guard also rejects.
var blockCases = []blockCase{
	{"dense tag key past string table", mutated(func(s *blockSpec) { s.dense.keysVals = []uint64{3, 4, 0, 0, 19, 4, 0} }),
		"dense nodes: keys_vals: node 2: tag 19=4 not in string table of 7", true},
	{"dense tag value negative", mutated(func(s *blockSpec) { s.dense.keysVals = []uint64{3, neg(-3), 0, 0, 0} }),
		"dense nodes: keys_vals: node 0: tag 3=18446744073709551613 not in string table of 7", true},
	{"dense tags unterminated", mutated(func(s *blockSpec) { s.dense.keysVals = []uint64{3, 4, 0, 0} }),
		"dense nodes: keys_vals: ends at node 2 of 3", false},
	{"dense tags left over", mutated(func(s *blockSpec) { s.dense.keysVals = []uint64{3, 4, 0, 0, 0, 3, 4, 0} }),
		"dense nodes: keys_vals: 3 bytes after the last of 3 nodes", false},
	{"dense user past string table", mutated(func(s *blockSpec) { s.dense.userSids = []int64{6, 0, 1} }),
		"dense nodes: info: node 2: user_sid 7 not in string table of 7", true},
	{"dense user negative", mutated(func(s *blockSpec) { s.dense.userSids = []int64{6, -7, 0} }),
		"dense nodes: info: node 1: user_sid -1 not in string table of 7", true},
	{"dense fewer latitudes than ids", mutated(func(s *blockSpec) { s.dense.lats = s.dense.lats[:2] }),
		"dense nodes: 3 ids but 2 lat values", false},
	{"dense more longitudes than ids", mutated(func(s *blockSpec) { s.dense.lons = append(s.dense.lons, 1) }),
		"dense nodes: 3 ids but 4 lon values", false},
	{"dense fewer versions than ids", mutated(func(s *blockSpec) { s.dense.versions = s.dense.versions[:1] }),
		"dense nodes: info: 1 version values for 3 nodes", false},
	{"dense without ids", mutated(func(s *blockSpec) { s.dense.ids = nil }),
		"dense nodes without id, lat or lon", false},
	{"dense id overflow", mutated(func(s *blockSpec) { s.dense.ids = []int64{1, 1<<63 - 1, 1} }),
		"dense nodes: id: delta sum overflows at value 1", false},
	{"dense latitude overflow", mutated(func(s *blockSpec) { s.dense.lats = []int64{0, 1 << 60, 0} }),
		"dense nodes: lat: coordinate overflows at value 1", false},
	{"way key past string table", mutated(func(s *blockSpec) { s.ways[0].keys = []uint64{65} }),
		"way 1 (id 10): keys: value 0: string index 65 not in string table of 7", true},
	{"way value past string table", mutated(func(s *blockSpec) { s.ways[0].vals = []uint64{2304} }),
		"way 1 (id 10): vals: value 0: string index 2304 not in string table of 7", true},
	{"way fewer values than keys", mutated(func(s *blockSpec) { s.ways[0].keys = []uint64{1, 3} }),
		"way 1 (id 10): 2 keys but 1 values", false},
	{"way keys without values", mutated(func(s *blockSpec) { s.ways[0].vals = nil }),
		"way 1 (id 10): 1 keys but 0 values", false},
	{"way user past string table", mutated(func(s *blockSpec) { s.ways[0].userSid = u64(9) }),
		"way 1 (id 10): info: user_sid 9 not in string table of 7", true},
	{"way more latitudes than refs", mutated(func(s *blockSpec) { s.ways[0].lats = []int64{0, 1, 1, 1} }),
		"way 1 (id 10): 4 lat values, want 3", true},
	{"way refs given twice", mutated(func(s *blockSpec) { s.ways[0].extra = pb{}.packed(8, zigzag([]int64{1, 1, 1, 1})) }),
		"way 1: field 8 given twice", true},
	{"way ref overflow", mutated(func(s *blockSpec) { s.ways[0].refs = []int64{-1, -1 << 63} }),
		"way 1 (id 10): refs: delta sum overflows at value 1", false},
	{"way keys as a varint", mutated(func(s *blockSpec) { s.ways[0].keys, s.ways[0].extra = nil, pb{}.varint(2, 1) }),
		"way 1: field 2 has wire type 0, want 2", false},
	{"relation role negative", mutated(func(s *blockSpec) { s.rels[0].roles = []uint64{neg(-3)} }),
		"relation 1 (id 20): roles: value 0: string index 18446744073709551613 not in string table of 7", true},
	{"relation role past string table", mutated(func(s *blockSpec) { s.rels[0].roles = []uint64{7} }),
		"relation 1 (id 20): roles: value 0: string index 7 not in string table of 7", true},
	{"relation more roles than types", mutated(func(s *blockSpec) { s.rels[0].roles = []uint64{5, 5} }),
		"relation 1 (id 20): 2 roles, 1 member ids, 1 member types", true},
	{"relation fewer member ids", mutated(func(s *blockSpec) { s.rels[0].memids = []int64{} }),
		"relation 1 (id 20): 1 roles, 0 member ids, 1 member types", false},
	{"relation member type unknown", mutated(func(s *blockSpec) { s.rels[0].types = []uint64{7} }),
		"relation 1 (id 20): member 0 has type 7", false},
	{"second string table", mutated(func(s *blockSpec) { s.extra = pb{}.bytes(1, pb{}.bytes(1, []byte("a"))) }),
		"string table given twice", true},
	{"granularity zero", mutated(func(s *blockSpec) { s.extra = pb{}.varint(17, 0) }),
		"granularity 0 is not in [1, 2³¹)", false},
	{"non-dense nodes", mutated(func(s *blockSpec) { s.group = pb{}.bytes(1, pb{}.varint(1, 5)) }),
		"unsupported OSM encoding", true},
	{"group field as a varint", mutated(func(s *blockSpec) { s.group = pb{}.varint(3, 1) }),
		"field 3 has wire type 0, want 2", false},
	{"first block of unknown type", func(tb testing.TB) []byte {
		s := okBlock()
		s.ways[0].keys = []uint64{65}
		return fileblock("OSMHeadr", blob(tb, s.encode()))
	}, `unexpected "OSMHeadr" block (block 1)`, true},
	{"second header", func(tb testing.TB) []byte {
		return append(pbfFile(tb), fileblock("OSMHeader", headerBlob(tb))...)
	}, `unexpected "OSMHeader" block (block 2)`, false},
	{"header raw size negative", func(tb testing.TB) []byte {
		h := pb{}.bytes(4, []byte("OsmSchema-V0.6"))
		return fileblock("OSMHeader", pb{}.varint(2, neg(-1000)).bytes(3, zlibBytes(tb, h)))
	}, "blob raw size -1000 not in [0, 32 MiB]", false},
	{"header bounding box without left", func(tb testing.TB) []byte {
		h := pb{}.bytes(1, pb{}.varint(2, 1).varint(3, 1).varint(4, 1)).bytes(4, []byte("OsmSchema-V0.6"))
		return append(fileblock("OSMHeader", blob(tb, h)), fileblock("OSMData", blob(tb, okBlock().encode()))...)
	}, "required field", false},
	{"blob raw and zlib", func(tb testing.TB) []byte {
		bad := okBlock()
		bad.ways[0].keys = []uint64{65}
		b := pb{}.bytes(1, okBlock().encode()).varint(2, 1).bytes(3, zlibBytes(tb, bad.encode()))
		return append(pbfFile(tb), fileblock("OSMData", b)...)
	}, "blob holds both raw and zlib data", false},
}

// TestBlockCheck: every malformed block fails the read with a *FileError
// naming the file and the block's byte offset and wrapping
// datasets.ErrInvalid; none reaches the decoder.
func TestBlockCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range blockCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := tc.file(t)
			var k keepAll
			_, err := Read(context.Background(), []Source{bytesSource("bad.osm.pbf", f)}, 1, &k)
			if err == nil {
				t.Fatalf("no error; %v elements read", k.visited)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Source != "bad.osm.pbf" || fe.Offset < 0 {
				t.Errorf("error %v is not a *FileError naming the file and a byte offset", err)
			}
			if !errors.Is(err, datasets.ErrInvalid) || !(errors.Is(err, ErrMalformed) || errors.Is(err, ErrUnsupported)) {
				t.Errorf("error %v does not wrap ErrMalformed or ErrUnsupported", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// TestBlockCasesUnguarded proves the cases real: osmpbf alone panics on
// exactly those marked so. A case that should panic runs in a child
// process; the others run here (a child exiting normally costs about a
// second under the race detector).
func TestBlockCasesUnguarded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, tc := range blockCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !tc.panics {
				decodeUnguarded(tc.file(t)) // a panic here fails the whole test binary
				return
			}
			path := filepath.Join(dir, strconv.Itoa(i)+".osm.pbf")
			if err := os.WriteFile(path, tc.file(t), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestUnguardedDecodeHelper$")
			cmd.Env = append(os.Environ(), unguardedEnv+"="+path)
			out, err := cmd.CombinedOutput()
			if !bytes.Contains(out, []byte("panic: ")) {
				t.Errorf("osmpbf did not panic (exit %v)\n%.600s", err, out)
			}
		})
	}
}

const unguardedEnv = "OSMROAD_UNGUARDED_PBF"

// TestUnguardedDecodeHelper is the child of TestBlockCasesUnguarded: it
// decodes the file named by $OSMROAD_UNGUARDED_PBF with osmpbf alone, and
// does nothing in a normal test run.
func TestUnguardedDecodeHelper(t *testing.T) {
	path := os.Getenv(unguardedEnv)
	if path == "" {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	decodeUnguarded(b)
}

// decodeUnguarded decodes every object of a PBF file with osmpbf alone.
func decodeUnguarded(b []byte) {
	s := osmpbf.New(context.Background(), bytes.NewReader(b), 1)
	defer s.Close()
	if _, err := s.Header(); err != nil {
		return
	}
	for s.Scan() {
	}
}

// TestOKBlock: the block the cases start from is valid, and osmpbf reads
// from it what the builder wrote.
func TestOKBlock(t *testing.T) {
	t.Parallel()
	f := pbfFile(t, okBlock().encode())
	s := osmpbf.New(context.Background(), bytes.NewReader(f), 1)
	defer s.Close()
	var got []string
	for s.Scan() {
		switch o := s.Object().(type) {
		case *osm.Node:
			got = append(got, fmt.Sprintf("node %d %.3f,%.3f %s %v", o.ID, o.Lon, o.Lat, o.User, o.Tags))
		case *osm.Way:
			got = append(got, fmt.Sprintf("way %d %v %s %v", o.ID, o.Nodes.NodeIDs(), o.User, o.Tags))
		case *osm.Relation:
			got = append(got, fmt.Sprintf("relation %d %v %v", o.ID, o.Members, o.Tags))
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"node 1 0.000,0.000 user [{name x}]",
		"node 2 0.000,0.001 user []",
		"node 3 0.001,0.001 user []",
		"way 10 [1 2 3] user [{highway residential}]",
		"relation 20 [{way 10 outer 0 0 0 0 0 []}] [{name x}]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("decoded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var k keepAll
	rep, err := Read(context.Background(), []Source{bytesSource("ok.osm.pbf", f)}, 1, &k)
	if err != nil {
		t.Fatal(err)
	}
	if k.visited != [3]int{Relations: 1, Ways: 1, Nodes: 3} || rep.Passes != 3 || len(k.done) != 3 ||
		rep.NodesScanned != 3 || rep.WaysScanned != 1 || rep.RelationsScanned != 1 {
		t.Errorf("read %v elements in %d passes (done %v), scanned %+v", k.visited, rep.Passes, k.done, rep)
	}
}

// panicky is a scanner whose decoder fails with a runtime panic.
type panicky struct{ osm.Scanner }

func (panicky) Scan() bool {
	var s []int
	i := 3
	return s[i] == 0
}

// TestSafeScannerRecovers: a panic of the decoder on the calling goroutine
// becomes an error wrapping ErrMalformed with the block's byte offset, and
// the scanner stays stopped.
func TestSafeScannerRecovers(t *testing.T) {
	t.Parallel()
	s := &safeScanner{
		Scanner: panicky{},
		header:  func() (*osmpbf.Header, error) { panic("header") },
		offset:  func() int64 { return 1234 },
	}
	if s.Scan() {
		t.Fatal("Scan true after a panic")
	}
	err := s.Err()
	var be *blockError
	if !errors.As(err, &be) || be.Offset != 1234 || !errors.Is(err, ErrMalformed) {
		t.Fatalf("error %v is not a block error at byte offset 1234 wrapping ErrMalformed", err)
	}
	const want = "byte offset 1234: osmfile: malformed OSM file: datasets: invalid input data: PBF decoder failed: runtime error: index out of range [3] with length 0"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if s.Scan() {
		t.Error("Scan true after an error")
	}
	if h, herr := s.Header(); h != nil || herr != err {
		t.Errorf("Header after the panic: %v, %v; want the same error", h, herr)
	}
	s2 := &safeScanner{header: func() (*osmpbf.Header, error) { panic("header") }, offset: func() int64 { return 0 }}
	if _, err := s2.Header(); err == nil || !strings.Contains(err.Error(), "PBF decoder failed: header") {
		t.Errorf("Header panic gave %v", err)
	}
}
