package geojsonio

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// scanner checks and walks JSON held in memory. It accepts exactly the
// grammar encoding/json accepts (RFC 8259; bytes that are not UTF-8 are
// allowed inside strings) up to maxDepth nested arrays and objects, and
// says no more than "not accepted" about anything else: the readers then
// hand the whole input to encoding/json, which words the error. It never
// allocates. O(bytes scanned).
type scanner struct {
	b     []byte
	i     int
	known bool // b is known to be valid JSON: walk any depth
}

// maxDepth bounds the nesting the scanner walks (recursively). Deeper
// documents are legal up to encoding/json's own limit and are left to it.
const maxDepth = 500

// plainByte marks the string bytes that need no attention: everything
// but control characters, '"', '\\' and the bytes of multi-byte UTF-8.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (s *scanner) skipSpace() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// value checks the value after white space at s.i and moves past it. It
// returns where the value starts.
func (s *scanner) value(depth int) (start int, ok bool) {
	s.skipSpace()
	start = s.i
	if s.i >= len(s.b) {
		return start, false
	}
	switch s.b[s.i] {
	case '{', '[':
		ok = s.nested(depth + 1)
	case '"':
		_, _, ok = s.str()
	case 't':
		ok = s.literal("true")
	case 'f':
		ok = s.literal("false")
	case 'n':
		ok = s.literal("null")
	default:
		ok = s.number()
	}
	return start, ok
}

// nested checks the object or array whose '{' or '[' is at s.i and moves
// past it.
func (s *scanner) nested(depth int) bool {
	if depth > maxDepth && !s.known {
		return false
	}
	object := s.b[s.i] == '{'
	s.i++
	for k := 0; ; k++ {
		var more, ok bool
		if object {
			_, _, more, ok = s.member(k)
		} else {
			more, ok = s.element(k)
		}
		if !ok {
			return false
		}
		if !more {
			return true
		}
		if _, ok := s.value(depth); !ok {
			return false
		}
	}
}

// member reads what comes before member k of an object whose '{' has been
// consumed: the separating comma, the key and the colon. more is false at
// the closing '}' (consumed). key excludes the quotes; plain reports that
// it has neither escapes nor non-ASCII bytes, so that it is its own
// decoded value.
func (s *scanner) member(k int) (key []byte, plain, more, ok bool) {
	s.skipSpace()
	if s.i >= len(s.b) {
		return nil, false, false, false
	}
	if s.b[s.i] == '}' && k == 0 {
		s.i++
		return nil, false, false, true
	}
	if k > 0 {
		switch s.b[s.i] {
		case '}':
			s.i++
			return nil, false, false, true
		case ',':
			s.i++
			s.skipSpace()
		default:
			return nil, false, false, false
		}
	}
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false, false, false
	}
	start, plain, ok := s.str()
	if !ok {
		return nil, false, false, false
	}
	key = s.b[start : s.i-1]
	s.skipSpace()
	if s.i >= len(s.b) || s.b[s.i] != ':' {
		return nil, false, false, false
	}
	s.i++
	return key, plain, true, true
}

// element reads the comma before element k of an array whose '[' has
// been consumed; more is false at the closing ']' (consumed).
func (s *scanner) element(k int) (more, ok bool) {
	s.skipSpace()
	if s.i >= len(s.b) {
		return false, false
	}
	if s.b[s.i] == ']' {
		// "[1,]" is caught by value, which refuses a ']'.
		s.i++
		return false, true
	}
	if k > 0 {
		if s.b[s.i] != ',' {
			return false, false
		}
		s.i++
	}
	return true, true
}

// str checks the string whose '"' is at s.i and moves past its closing
// quote. start is the index after the opening quote; plain as for member.
func (s *scanner) str() (start int, plain, ok bool) {
	b := s.b
	i := s.i + 1
	start, plain = i, true
	for {
		for i < len(b) && plainByte[b[i]] {
			i++
		}
		if i >= len(b) {
			return start, false, false
		}
		switch c := b[i]; {
		case c == '"':
			s.i = i + 1
			return start, plain, true
		case c == '\\':
			plain = false
			n := escapeLen(b[i:])
			if n == 0 {
				return start, false, false
			}
			i += n
		case c < 0x20:
			return start, false, false
		default: // a byte of a multi-byte character, or not UTF-8: allowed
			plain = false
			i++
		}
	}
}

// escapeLen returns the length of the escape sequence at the start of b,
// or 0 if it is not one JSON allows.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if len(b) < 6 {
			return 0
		}
		for _, c := range b[2:6] {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return 0
			}
		}
		return 6
	}
	return 0
}

func (s *scanner) literal(lit string) bool {
	if !bytes.HasPrefix(s.b[s.i:], []byte(lit)) {
		return false
	}
	s.i += len(lit)
	return true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at s.i.
func (s *scanner) number() bool {
	b, i := s.b, s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = skipDigits(b, i+1)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := skipDigits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := skipDigits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	s.i = i
	return true
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// objectIter walks the members of one JSON object that is already known
// to be well formed (checked by the scanner or by encoding/json):
//
//	it := newObjectIter(raw)
//	for it.next() { use it.key, it.plain, it.val }
//
// ok reports whether the walk ended at the closing brace (false for a
// malformed object, which the callers never pass). It never allocates.
type objectIter struct {
	s     scanner
	k     int
	key   []byte // without quotes, as written
	plain bool   // key has no escapes and no non-ASCII bytes
	val   []byte // the raw value, without surrounding white space
	ok    bool
}

func newObjectIter(raw []byte) objectIter {
	return objectIter{s: scanner{b: raw, known: true}}
}

func (it *objectIter) next() bool {
	if it.k == 0 {
		it.s.skipSpace()
		if it.s.i >= len(it.s.b) || it.s.b[it.s.i] != '{' {
			return false
		}
		it.s.i++
	}
	key, plain, more, ok := it.s.member(it.k)
	it.k++
	if !ok || !more {
		it.ok = ok
		return false
	}
	start, ok := it.s.value(0)
	if !ok {
		return false
	}
	it.key, it.plain, it.val = key, plain, it.s.b[start:it.s.i]
	return true
}

// decodedKey returns the member name encoding/json would see for a key:
// the key itself when plain, else its unescaped form (with U+FFFD for
// bytes that are not UTF-8). It allocates only for keys that are not plain.
func decodedKey(key []byte, plain bool) []byte {
	if plain {
		return key
	}
	if bytes.IndexByte(key, '\\') < 0 && utf8.Valid(key) {
		return key
	}
	quoted := make([]byte, 0, len(key)+2)
	quoted = append(append(append(quoted, '"'), key...), '"')
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return key // not reached for keys the scanner accepted
	}
	return []byte(s)
}

// fieldIndex returns which of names a struct field tagged with those names
// would receive a member with key in encoding/json (an exact match, else a
// case-insensitive one), or -1.
func fieldIndex(key []byte, plain bool, names []string) int {
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	key = decodedKey(key, plain)
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	for i, n := range names {
		if bytes.EqualFold(key, []byte(n)) {
			return i
		}
	}
	return -1
}

// unquote decodes a raw JSON string value as json.Unmarshal into a string
// does (escapes resolved, U+FFFD for bytes that are not UTF-8). Strings
// without escapes that are valid UTF-8 are copied directly.
func unquote(raw []byte) (string, error) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		inner := raw[1 : len(raw)-1]
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 && utf8.Valid(inner) && noControl(inner) {
			return string(inner), nil
		}
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

func noControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return false
		}
	}
	return true
}
