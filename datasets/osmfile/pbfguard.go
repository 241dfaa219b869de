package osmfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sync"
	"sync/atomic"

	"github.com/partons/partons/datasets/osmfile/internal/pbfblock"
)

// Limits of the PBF format (OSM wiki, "PBF Format"), also enforced by osmpbf.
const (
	maxBlobHeaderSize = 64 << 10
	maxBlobSize       = 32 << 20
)

// pbfGuard sits between the file and osmpbf. It reads the file one
// fileblock at a time, checks the block, and only then hands its bytes to
// the decoder. It exists because osmpbf v0.8.0 trusts the blocks it
// decodes and panics, inside a decoder goroutine where no recover can
// reach it, on a string table index out of range, parallel arrays of
// unequal lengths, a PrimitiveGroup holding non-dense nodes, and more (see
// checkPrimitiveBlock). The guard rejects such blocks with ErrMalformed
// (ErrUnsupported for non-dense nodes), as it does truncated, oversize
// and misplaced blocks and blobs that do not inflate to their stated size,
// each with its byte offset.
//
// Checking a block costs one extra zlib inflate and a walk of its fields.
// The checks run on procs goroutines while one goroutine reads the file
// ahead (two blocks per checker), and the blocks are served in file
// order, each once its check has passed: the check keeps pace with
// osmpbf's parallel decoding instead of feeding it one block at a time.
// Blocks already checked by the same read (identified by a randomly keyed
// 64-bit hash of their bytes, in seen) are not inflated again, so the
// second pass over a file costs one hash per block.
//
// The check learns which kinds of elements a block holds. A pass that
// wants only some kinds (want) is not served the data blocks holding none
// of them: osmpbf would inflate and decode them only to skip their
// elements. Every block is still read, hashed and checked.
//
// Read is called from one goroutine at a time; close stops the reading
// and checking goroutines, which start on the first Read.
type pbfGuard struct {
	r     io.Reader
	seen  *blockMemo
	want  kinds // kinds of elements the pass wants; 0: every block
	procs int   // checking goroutines

	// Read's state.
	buf []byte // the current block, served from pos
	pos int
	err error
	cur atomic.Int64 // offset of the block being served, for Offset

	// The reading goroutine's state.
	off    int64 // file offset of the next block
	blocks int   // fileblocks read so far

	started bool
	queue   chan *guardJob // every block read, in file order
	work    chan *guardJob // the blocks to check
	quit    chan struct{}
	stopped sync.Once
	wg      sync.WaitGroup
}

// guardJob is one fileblock on its way through the guard.
type guardJob struct {
	start  int64  // file offset
	buf    []byte // the whole fileblock
	blobAt int    // where the blob starts in buf
	header bool
	hash   uint64
	kinds  kinds         // what the block holds, once checked
	err    error         // a problem reading or checking the block (io.EOF at the end)
	done   chan struct{} // closed once kinds or err is known
}

// blockMemo remembers blocks that passed the check. Safe for concurrent
// use.
type blockMemo struct {
	seed maphash.Seed
	mu   sync.Mutex
	ok   map[uint64]kinds // the kinds of elements each block holds
}

func newBlockMemo() *blockMemo {
	return &blockMemo{seed: maphash.MakeSeed(), ok: make(map[uint64]kinds)}
}

func (m *blockMemo) get(h uint64) (kinds, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.ok[h]
	return k, ok
}

func (m *blockMemo) put(h uint64, k kinds) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ok[h] = k
}

// newPBFGuard guards r for a pass wanting the elements of want (0: all),
// checking blocks on procs goroutines (at least one).
func newPBFGuard(r io.Reader, seen *blockMemo, want kinds, procs int) *pbfGuard {
	if seen == nil {
		seen = newBlockMemo()
	}
	return &pbfGuard{r: r, seen: seen, want: want, procs: max(procs, 1)}
}

// kinds is a set of Kind values, as bits (kindBit), as the block check
// reports them.
type kinds = pbfblock.Kinds

// allKinds are the three kinds.
const allKinds = kinds(1<<Relations | 1<<Ways | 1<<Nodes)

func kindBit(k Kind) kinds { return 1 << k }

// checkPrimitiveBlock checks a decoded PrimitiveBlock (see
// pbfblock.Check) and returns the kinds of elements it holds.
func checkPrimitiveBlock(b []byte) (kinds, error) { return pbfblock.Check(b) }

// Offset returns the file offset of the block being served. Safe to call
// from another goroutine than the one reading.
func (g *pbfGuard) Offset() int64 { return g.cur.Load() }

// errGuardClosed is what Read returns once the guard is closed.
var errGuardClosed = errors.New("osmfile: PBF reading stopped")

// Read serves checked blocks. Its errors carry the byte offset of the
// block at fault; the caller adds the file name.
func (g *pbfGuard) Read(p []byte) (int, error) {
	if g.pos == len(g.buf) {
		if g.err != nil {
			return 0, g.err
		}
		if g.err = g.next(); g.err != nil {
			g.buf, g.pos = nil, 0 // never serve a rejected block
			return 0, g.err
		}
	}
	n := copy(p, g.buf[g.pos:])
	g.pos += n
	return n, nil
}

// next takes checked fileblocks, in file order, until one is to be
// served: the header, or a data block holding a kind of element the pass
// wants.
func (g *pbfGuard) next() error {
	if !g.started {
		g.start()
	}
	for {
		var j *guardJob
		select {
		case j = <-g.queue:
		case <-g.quit:
			return errGuardClosed
		}
		select {
		case <-j.done:
		case <-g.quit:
			return errGuardClosed
		}
		g.cur.Store(j.start)
		if j.err != nil {
			return j.err
		}
		if j.header || g.want == 0 || j.kinds&g.want != 0 {
			g.buf, g.pos = j.buf, 0
			return nil
		}
	}
}

// start starts the goroutine reading blocks ahead and those checking them.
func (g *pbfGuard) start() {
	g.started = true
	// At most 2·procs+2 blocks are held: those queued (some of them being
	// checked) and the one being read. osmpbf holds about a dozen more.
	g.queue = make(chan *guardJob, 2*g.procs)
	g.work = make(chan *guardJob)
	g.quit = make(chan struct{})
	g.wg.Add(1 + g.procs)
	go g.readAhead()
	for range g.procs {
		go g.checkBlocks()
	}
}

// close stops the guard's goroutines and waits for them; Read then
// returns errGuardClosed. Safe to call more than once, and before any Read.
func (g *pbfGuard) close() {
	g.stopped.Do(func() {
		if g.started {
			close(g.quit)
			g.wg.Wait()
		}
	})
}

// readAhead reads fileblocks and queues them, in file order, sending those
// not checked yet by this read to the checkers. It stops after the end of
// the file or the first block it cannot read.
func (g *pbfGuard) readAhead() {
	defer g.wg.Done()
	defer close(g.work)
	for {
		j := g.block()
		last := j.err != nil // j.err is the checker's to write once j is sent
		if !last {
			j.hash = maphash.Bytes(g.seen.seed, j.buf)
			var ok bool
			if j.kinds, ok = g.seen.get(j.hash); ok {
				close(j.done)
			} else {
				select {
				case g.work <- j:
				case <-g.quit:
					return
				}
			}
		} else {
			close(j.done)
		}
		select {
		case g.queue <- j:
		case <-g.quit:
			return
		}
		if last {
			return
		}
	}
}

// checkBlocks checks the blocks sent to the checkers, with its own zlib
// reader and inflate buffer.
func (g *pbfGuard) checkBlocks() {
	defer g.wg.Done()
	var c checker
	for j := range g.work {
		k, err := c.checkBlob(j.buf[j.blobAt:], j.header)
		if err != nil {
			j.err = &blockError{j.start, err}
		} else {
			j.kinds = k
			g.seen.put(j.hash, k)
		}
		close(j.done)
	}
}

// block reads one fileblock.
func (g *pbfGuard) block() *guardJob {
	start := g.off
	j := &guardJob{start: start, done: make(chan struct{})}
	fail := func(err error) *guardJob {
		j.buf, j.err = nil, err
		return j
	}
	var size [4]byte
	n, err := io.ReadFull(g.r, size[:])
	if err == io.EOF {
		return fail(io.EOF)
	}
	if err != nil {
		return fail(&blockError{start, fmt.Errorf("%w: truncated block length (%d of 4 bytes): %w", ErrMalformed, n, io.ErrUnexpectedEOF)})
	}
	hlen := binary.BigEndian.Uint32(size[:])
	if hlen == 0 || hlen >= maxBlobHeaderSize {
		return fail(&blockError{start, fmt.Errorf("%w: blob header size %d is not in (0, 64 KiB): not a PBF file or corrupt", ErrMalformed, hlen)})
	}
	j.buf = append(make([]byte, 0, 4+int(hlen)), size[:]...)
	j.buf, err = readN(g.r, j.buf, int(hlen))
	if err != nil {
		return fail(&blockError{start, fmt.Errorf("%w: truncated blob header: %w", ErrMalformed, err)})
	}
	typ, dlen, err := parseBlobHeader(j.buf[4:])
	if err != nil {
		return fail(&blockError{start, fmt.Errorf("%w: blob header: %v", ErrMalformed, err)})
	}
	if dlen < 0 || dlen > maxBlobSize {
		return fail(&blockError{start, fmt.Errorf("%w: blob size %d exceeds 32 MiB", ErrMalformed, dlen)})
	}
	j.blobAt = len(j.buf)
	j.buf = append(make([]byte, 0, j.blobAt+int(dlen)), j.buf...) // readN then appends in place
	j.buf, err = readN(g.r, j.buf, int(dlen))
	if err != nil {
		return fail(&blockError{start, fmt.Errorf("%w: truncated %s blob of %d bytes: %w", ErrMalformed, typ, dlen, err)})
	}
	g.off = start + int64(len(j.buf))
	g.blocks++
	j.header = typ == "OSMHeader"
	if !(typ == "OSMData" || j.header && g.blocks == 1) {
		// osmpbf would decode a first block of any type as data
		return fail(&blockError{start, fmt.Errorf("%w: unexpected %q block (block %d)", ErrMalformed, typ, g.blocks)})
	}
	return j
}

// blockError is a problem with the fileblock starting at Offset.
type blockError struct {
	Offset int64
	Err    error
}

func (e *blockError) Error() string { return fmt.Sprintf("byte offset %d: %v", e.Offset, e.Err) }
func (e *blockError) Unwrap() error { return e.Err }

// readN appends exactly n bytes from r to b.
func readN(r io.Reader, b []byte, n int) ([]byte, error) {
	l := len(b)
	if cap(b)-l < n {
		nb := make([]byte, l, l+n+n/4)
		copy(nb, b)
		b = nb
	}
	b = b[:l+n]
	if _, err := io.ReadFull(r, b[l:]); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return b[:l], err
	}
	return b, nil
}

// checker is the state one checking goroutine reuses from block to block.
type checker struct {
	zr  io.ReadCloser // reused zlib reader
	raw []byte        // reused inflate buffer
}

// checkBlob inflates a blob, checking its size, and then, unless it holds
// the header block, checks the PrimitiveBlock (see checkPrimitiveBlock),
// returning the kinds of elements it holds (every kind when it cannot
// tell).
func (g *checker) checkBlob(blob []byte, header bool) (kinds, error) {
	var raw, zdata []byte
	rawSize := int64(-1)
	for len(blob) > 0 {
		num, wt, v, data, rest, err := pbfblock.Field(blob)
		if err != nil {
			return 0, fmt.Errorf("%w: blob: %v", ErrMalformed, err)
		}
		blob = rest
		switch {
		case num == 1 && wt == 2:
			raw = data
		case num == 2 && wt == 0:
			rawSize = int64(v)
		case num == 3 && wt == 2:
			zdata = data
		}
	}
	if raw != nil && zdata != nil {
		return 0, fmt.Errorf("%w: blob holds both raw and zlib data", ErrMalformed)
	}
	block := raw
	if raw == nil {
		if zdata == nil {
			return allKinds, nil // another compression: osmpbf reports "unknown blob data"
		}
		if rawSize < 0 || rawSize > maxBlobSize {
			return 0, fmt.Errorf("%w: blob raw size %d not in [0, 32 MiB]", ErrMalformed, rawSize)
		}
		var err error
		if g.zr == nil {
			g.zr, err = zlib.NewReader(bytes.NewReader(zdata))
		} else {
			err = g.zr.(zlib.Resetter).Reset(bytes.NewReader(zdata), nil)
		}
		if err != nil {
			return 0, fmt.Errorf("%w: zlib: %v", ErrMalformed, err)
		}
		if int64(cap(g.raw)) < rawSize+1 {
			g.raw = make([]byte, rawSize+1)
		}
		g.raw = g.raw[:rawSize+1]
		n, err := io.ReadFull(g.zr, g.raw)
		if int64(n) != rawSize || (err != nil && err != io.ErrUnexpectedEOF && err != io.EOF) {
			return 0, fmt.Errorf("%w: zlib: inflated %d bytes, header says %d (%v)", ErrMalformed, n, rawSize, err)
		}
		block = g.raw[:n]
	}
	if header {
		return allKinds, nil // decoded in the calling goroutine, with errors for bad fields
	}
	return checkPrimitiveBlock(block)
}

// parseBlobHeader returns the BlobHeader's type and datasize.
func parseBlobHeader(b []byte) (typ string, datasize int64, err error) {
	datasize = -1
	for len(b) > 0 {
		num, wt, v, data, rest, err := pbfblock.Field(b)
		if err != nil {
			return "", 0, err
		}
		b = rest
		switch {
		case num == 1 && wt == 2:
			typ = string(data)
		case num == 3 && wt == 0:
			datasize = int64(int32(v))
		}
	}
	if typ == "" || datasize < 0 {
		return "", 0, errors.New("missing type or datasize")
	}
	return typ, datasize, nil
}
