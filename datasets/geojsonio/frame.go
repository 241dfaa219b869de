package geojsonio

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// framing says how a reader walks the FeatureCollection around the
// features; the features themselves are checked by the same code either way.
type framing int

const (
	// framingAuto walks the document with the scanner and falls back to
	// the stream decoder when the scanner declines it.
	framingAuto framing = iota
	// framingStream uses the stream decoder only (the reference the
	// tests hold the scanner to).
	framingStream
)

// featureFields are the feature members the readers look at, in the
// order of the rawFeature fields.
var featureFields = []string{"type", "id", "geometry", "properties"}

// readFeatures reads the FeatureCollection in r, calling build for each
// feature with the schema properties props available through c.prop. It
// returns the problems found (a datasets.ErrorList) or a wrapped read
// error. reset is called before each walk of the document and must drop
// whatever build kept from an earlier, abandoned walk.
//
// The input is read into memory once. The scanner then checks and walks
// it in one pass; only documents with a file-level problem (bad JSON, not
// a FeatureCollection, …) or unusual shape are walked again by the
// stream decoder, which words those problems. Feature-level problems are
// reported by build and are the same on both walks, so the result never
// depends on which walk produced it. O(size of input).
func readFeatures(source string, r io.Reader, fr framing, props []string, mapped []datasets.FieldColumn, reset func(), build func(c *featureCtx)) error {
	buf, readErr := datasets.ReadAll(r)
	if fr == framingAuto && readErr == nil {
		reset()
		c := newFeatureCtx(source, props, mapped)
		if scanCollection(buf, c, build) {
			c.checkMapped()
			return c.probs.Err()
		}
	}
	in := io.Reader(bytes.NewReader(buf))
	if readErr != nil {
		// Replay what was read, then the failure: the stream decoder
		// decides, as it did reading r directly, whether it matters.
		in = io.MultiReader(in, failingReader{readErr})
	}
	reset()
	c := newFeatureCtx(source, props, mapped)
	if err := decodeCollection(source, in, c, build); err != nil {
		return err
	}
	c.checkMapped()
	return c.probs.Err()
}

// failingReader returns err.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

// scanCollection walks the FeatureCollection in buf and calls build for
// each feature, as decodeCollection does. It returns false, leaving the
// document to decodeCollection, unless buf is well-formed JSON with
// nothing decodeCollection would report at file level: a single object
// (after an optional byte order mark) with "type": "FeatureCollection",
// one non-empty "features" array and at most a WGS84 "crs". It also
// declines what it does not handle itself: escaped "type" values and
// nesting deeper than jsonscan.MaxDepth. Once the problem cap is reached it stops,
// as decodeCollection does. Whatever build did before false is returned
// must be discarded. O(len(buf)); it allocates nothing itself.
func scanCollection(buf []byte, c *featureCtx, build func(c *featureCtx)) bool {
	s := jsonscan.Scanner{B: bytes.TrimPrefix(buf, []byte("\xEF\xBB\xBF"))}
	lines := lineCounter{b: s.B, line: 1}
	s.SkipSpace()
	if s.I >= len(s.B) || s.B[s.I] != '{' {
		return false
	}
	s.I++
	var isFC, sawFeatures bool
	n, firstAt := 0, 0
	for k := 0; ; k++ {
		key, plain, more, ok := s.Member(k)
		if !ok {
			return false
		}
		if !more {
			break
		}
		switch string(jsonscan.DecodedKey(key, plain)) {
		case "features":
			if sawFeatures {
				return false // decodeCollection reads both arrays
			}
			sawFeatures = true
			s.SkipSpace()
			if s.I >= len(s.B) || s.B[s.I] != '[' {
				return false
			}
			s.I++
			for e := 0; ; e++ {
				more, ok := s.Element(e)
				if !ok {
					return false
				}
				if !more {
					break
				}
				s.SkipSpace()
				if n == estimateAfter {
					c.estimate = estimateCount(n, s.I-firstAt, len(s.B)-s.I)
					c.ids.Grow(c.estimate - n)
				}
				if n == 0 {
					firstAt = s.I
				}
				c.begin(lines.at(s.I), n)
				n++
				if fastFeature(&s, c, 2) {
					build(c)
				} else if !feature(&s, c, build) {
					return false
				}
				if c.probs.Full() {
					return true
				}
			}
		case "type":
			start, ok := s.Value(1)
			if !ok || string(s.B[start:s.I]) != `"FeatureCollection"` {
				return false
			}
			isFC = true
		case "crs":
			start, ok := s.Value(1)
			if !ok || checkCRS(s.B[start:s.I]) != "" {
				return false
			}
		default:
			if _, ok := s.Value(1); !ok {
				return false
			}
		}
	}
	s.SkipSpace()
	return s.I == len(s.B) && isFC && sawFeatures && n > 0
}

// feature reads the feature at s.I into c.raw and builds it, as
// decodeCollection's json.Decoder.Decode into a rawFeature does: members
// matched to fields exactly or else case-insensitively, the last of
// repeated members kept; null leaves every member missing; any other
// non-object is "not a JSON object". It returns false on bad JSON.
func feature(s *jsonscan.Scanner, c *featureCtx, build func(c *featureCtx)) bool {
	if s.I >= len(s.B) || s.B[s.I] != '{' {
		start, ok := s.Value(1)
		switch {
		case !ok:
			return false
		case string(s.B[start:s.I]) == "null":
			build(c)
		default:
			c.fail("", "feature is not a JSON object")
		}
		return true
	}
	s.I++
	for k := 0; ; k++ {
		key, plain, more, ok := s.Member(k)
		if !ok {
			return false
		}
		if !more {
			break
		}
		start, ok := s.Value(2)
		if !ok {
			return false
		}
		v := json.RawMessage(s.B[start:s.I])
		switch jsonscan.FieldIndex(key, plain, featureFields) {
		case 0:
			c.raw.Type = v
		case 1:
			c.raw.ID = v
		case 2:
			c.raw.Geometry = v
		case 3:
			c.raw.Properties = v
		}
	}
	build(c)
	return true
}

// estimateAfter is how many features are walked before the number of
// features is estimated from their size.
const estimateAfter = 64

// estimateCount returns how many features a document likely has when n
// features took done bytes and left bytes remain: a few percent more than
// their average size predicts, so that a result slice reserved for it
// rarely grows.
func estimateCount(n, done, left int) int {
	if done <= 0 {
		return 0
	}
	est := n + int(float64(left)/float64(done)*float64(n))
	return est + est/32
}

// reserve returns out with room for the number of features c expects in
// all (none is expected before the scanner has estimated it; see also
// c.ids). readRecords calls it before each append. O(1) except when it
// grows out, once.
func reserve[T any](c *featureCtx, out []T) []T {
	if c.estimate > cap(out) {
		out = slices.Grow(out, c.estimate-len(out))
	}
	return out
}

// lineCounter turns offsets, queried in non-decreasing order, into
// 1-based line numbers. O(distance moved) per query.
type lineCounter struct {
	b    []byte
	off  int
	line int
}

func (l *lineCounter) at(off int) int {
	l.line += bytes.Count(l.b[l.off:off], []byte{'\n'})
	l.off = off
	return l.line
}

// newFeatureCtx returns the context the walks fill in for each feature.
func newFeatureCtx(source string, props []string, mapped []datasets.FieldColumn) *featureCtx {
	c := &featureCtx{
		origin: datasets.Origin{Source: source},
		probs:  datasets.NewProblems(source),
		names:  props,
		vals:   make([]json.RawMessage, len(props)),
		shared: interner{m: make(map[string]string)},
		seen:   make([]bool, len(props)),
	}
	for _, m := range mapped {
		if !m.Coord { // GeoJSON coordinates are the geometry's
			c.mapped = append(c.mapped, m)
		}
	}
	c.listing = len(c.mapped) > 0
	return c
}

// begin resets c for feature n starting on line.
func (c *featureCtx) begin(line, n int) {
	c.origin.Line, c.origin.Feature = line, n
	c.features++
	c.raw = rawFeature{} // never reuse: Decode appends into RawMessage fields
	clear(c.vals)
	c.bad = false
	c.point, c.hasPoint, c.loaded = orb.Point{}, false, false
}

// interner shares the strings that many records repeat (country codes,
// area codes and names, categories), so that they are allocated once.
// Not safe for concurrent use.
type interner struct{ m map[string]string }

// maxInterned bounds the table: past it, new strings are not remembered.
const maxInterned = 1 << 14

// bytes returns b as a string, shared with earlier equal ones.
func (in *interner) bytes(b []byte) string {
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in.m) < maxInterned {
		in.m[s] = s
	}
	return s
}

// string returns s, or an equal string seen earlier.
func (in *interner) string(s string) string {
	if t, ok := in.m[s]; ok {
		return t
	}
	if len(in.m) < maxInterned {
		in.m[s] = s
	}
	return s
}
