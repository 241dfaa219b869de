package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
)

// scanValid reports whether the scanner accepts data as one JSON
// document.
func scanValid(data []byte) bool {
	s := Scanner{B: data}
	if _, ok := s.Value(0); !ok {
		return false
	}
	s.SkipSpace()
	return s.I == len(data)
}

// TestScannerGrammar: the scanner accepts what encoding/json accepts,
// case by case (FuzzScanner in the reader package checks the rest).
func TestScannerGrammar(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`0`, true}, {`-0`, true}, {`-0.5e+3`, true}, {`1E9`, true}, {`01`, false}, {`-`, false}, {`1.`, false},
		{`.5`, false}, {`1e`, false}, {`+1`, false}, {`NaN`, false}, {`1_000`, false}, {` 7 `, true},
		{`"a\"b\\c\/\b\f\n\r\t\u00e9"`, true}, {`"\x"`, false}, {`"\u12G4"`, false}, {"\"a\tb\"", false},
		{"\"\xff\"", true}, {`"abc`, false}, {`true`, true}, {`tru`, false}, {`nul`, false}, {`null x`, false},
		{`[]`, true}, {`[1,]`, false}, {`[,1]`, false}, {`[1 2]`, false}, {`{}`, true}, {`{"a":1,}`, false},
		{`{"a" 1}`, false}, {`{1:2}`, false}, {`{"a":1 "b":2}`, false}, {`{"a":[{"b":null}]}`, true}, {``, false},
	} {
		if got := scanValid([]byte(tc.in)); got != tc.ok {
			t.Errorf("scanner accepts %q: %v, want %v", tc.in, got, tc.ok)
		}
		if got := json.Valid([]byte(tc.in)); got != tc.ok {
			t.Errorf("table error: json.Valid(%q) = %v", tc.in, got)
		}
	}
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	if scanValid([]byte(deep)) {
		t.Errorf("scanner walks nesting deeper than MaxDepth")
	}
}
