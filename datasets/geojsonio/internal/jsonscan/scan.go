package jsonscan

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Scanner checks and walks JSON held in memory. It accepts exactly the
// grammar encoding/json accepts (RFC 8259; bytes that are not UTF-8 are
// allowed inside strings) up to MaxDepth nested arrays and objects, and
// says no more than "not accepted" about anything else: the readers then
// hand the whole input to encoding/json, which words the error. It never
// allocates. O(bytes scanned).
type Scanner struct {
	B     []byte // the document
	I     int    // the position reached
	Known bool   // B is known to be valid JSON: walk any depth
}

// MaxDepth bounds the nesting the Scanner walks (recursively). Deeper
// documents are legal up to encoding/json's own limit and are left to it.
const MaxDepth = 500

// plainByte marks the string bytes that need no attention: everything
// but control characters, '"', '\\' and the bytes of multi-byte UTF-8.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (s *Scanner) SkipSpace() {
	for s.I < len(s.B) {
		switch s.B[s.I] {
		case ' ', '\t', '\r', '\n':
			s.I++
		default:
			return
		}
	}
}

// value checks the value after white space at s.I and moves past it. It
// returns where the value starts.
func (s *Scanner) Value(depth int) (start int, ok bool) {
	s.SkipSpace()
	start = s.I
	if s.I >= len(s.B) {
		return start, false
	}
	switch s.B[s.I] {
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

// nested checks the object or array whose '{' or '[' is at s.I and moves
// past it.
func (s *Scanner) nested(depth int) bool {
	if depth > MaxDepth && !s.Known {
		return false
	}
	object := s.B[s.I] == '{'
	s.I++
	for k := 0; ; k++ {
		var more, ok bool
		if object {
			_, _, more, ok = s.Member(k)
		} else {
			more, ok = s.Element(k)
		}
		if !ok {
			return false
		}
		if !more {
			return true
		}
		if _, ok := s.Value(depth); !ok {
			return false
		}
	}
}

// member reads what comes before member k of an object whose '{' has been
// consumed: the separating comma, the key and the colon. more is false at
// the closing '}' (consumed). key excludes the quotes; plain reports that
// it has neither escapes nor non-ASCII bytes, so that it is its own
// decoded value.
func (s *Scanner) Member(k int) (key []byte, plain, more, ok bool) {
	s.SkipSpace()
	if s.I >= len(s.B) {
		return nil, false, false, false
	}
	if s.B[s.I] == '}' && k == 0 {
		s.I++
		return nil, false, false, true
	}
	if k > 0 {
		switch s.B[s.I] {
		case '}':
			s.I++
			return nil, false, false, true
		case ',':
			s.I++
			s.SkipSpace()
		default:
			return nil, false, false, false
		}
	}
	if s.I >= len(s.B) || s.B[s.I] != '"' {
		return nil, false, false, false
	}
	start, plain, ok := s.str()
	if !ok {
		return nil, false, false, false
	}
	key = s.B[start : s.I-1]
	s.SkipSpace()
	if s.I >= len(s.B) || s.B[s.I] != ':' {
		return nil, false, false, false
	}
	s.I++
	return key, plain, true, true
}

// element reads the comma before element k of an array whose '[' has
// been consumed; more is false at the closing ']' (consumed).
func (s *Scanner) Element(k int) (more, ok bool) {
	s.SkipSpace()
	if s.I >= len(s.B) {
		return false, false
	}
	if s.B[s.I] == ']' {
		// "[1,]" is caught by value, which refuses a ']'.
		s.I++
		return false, true
	}
	if k > 0 {
		if s.B[s.I] != ',' {
			return false, false
		}
		s.I++
	}
	return true, true
}

// str checks the string whose '"' is at s.I and moves past its closing
// quote. start is the index after the opening quote; plain as for member.
func (s *Scanner) str() (start int, plain, ok bool) {
	b := s.B
	i := s.I + 1
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
			s.I = i + 1
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

func (s *Scanner) literal(lit string) bool {
	if !bytes.HasPrefix(s.B[s.I:], []byte(lit)) {
		return false
	}
	s.I += len(lit)
	return true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at s.I.
func (s *Scanner) number() bool {
	b, i := s.B, s.I
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
	s.I = i
	return true
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// ObjectIter walks the members of one JSON object that is already known
// to be well formed (checked by the Scanner or by encoding/json):
//
//	it := NewObjectIter(raw)
//	for it.Next() { use it.Key, it.Plain, it.Val }
//
// ok reports whether the walk ended at the closing brace (false for a
// malformed object, which the callers never pass). It never allocates.
type ObjectIter struct {
	s     Scanner
	k     int
	Key   []byte // without quotes, as written
	Plain bool   // Key has no escapes and no non-ASCII bytes
	Val   []byte // the raw value, without surrounding white space
	OK    bool   // the walk ended at the closing brace
}

func NewObjectIter(raw []byte) ObjectIter {
	return ObjectIter{s: Scanner{B: raw, Known: true}}
}

func (it *ObjectIter) Next() bool {
	if it.k == 0 {
		it.s.SkipSpace()
		if it.s.I >= len(it.s.B) || it.s.B[it.s.I] != '{' {
			return false
		}
		it.s.I++
	}
	key, plain, more, ok := it.s.Member(it.k)
	it.k++
	if !ok || !more {
		it.OK = ok
		return false
	}
	start, ok := it.s.Value(0)
	if !ok {
		return false
	}
	it.Key, it.Plain, it.Val = key, plain, it.s.B[start:it.s.I]
	return true
}

// DecodedKey returns the member name encoding/json would see for a key:
// the key itself when plain, else its unescaped form (with U+FFFD for
// bytes that are not UTF-8). It allocates only for keys that are not plain.
func DecodedKey(key []byte, plain bool) []byte {
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
		return key // not reached for keys the Scanner accepted
	}
	return []byte(s)
}

// FieldIndex returns which of names a struct field tagged with those names
// would receive a member with key in encoding/json (an exact match, else a
// case-insensitive one), or -1.
func FieldIndex(key []byte, plain bool, names []string) int {
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	key = DecodedKey(key, plain)
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

// Unquote decodes a raw JSON string value as json.Unmarshal into a string
// does (escapes resolved, U+FFFD for bytes that are not UTF-8). Strings
// without escapes that are valid UTF-8 are copied directly.
func Unquote(raw []byte) (string, error) {
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

// Kind names the kind of a raw JSON value: "missing" (absent),
// "null", "a string", "a number", "a boolean", "an array", "an object".
func Kind(raw []byte) string {
	i := 0
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
		i++
	}
	if i == len(raw) {
		return "missing"
	}
	switch c := raw[i]; {
	case c == 'n':
		return "null"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '[':
		return "an array"
	case c == '{':
		return "an object"
	}
	return "a number"
}
