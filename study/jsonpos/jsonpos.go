// Package jsonpos finds where a value lies in a JSON document, so that
// an error about a value read from a JSON file can name its line.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Line returns the 1-based line where the value at path (object keys
// as strings, array indices as ints) starts in the JSON document data, or
// of the deepest part of the path found; 0 when none is found or data is
// not JSON. O(len(data)).
func Line(data []byte, path []any) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []jsonFrame
	best := 0
	// matches reports how many leading path elements the current position
	// matches, and whether it is exactly the whole path.
	matches := func() (int, bool) {
		if len(stack) > len(path) {
			return 0, false
		}
		for i, f := range stack {
			switch p := path[i].(type) {
			case string:
				if !f.object || f.key != p {
					return i, false
				}
			case int:
				if f.object || f.index != p {
					return i, false
				}
			}
		}
		return len(stack), len(stack) == len(path)
	}
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return best
		}
		if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expect {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:n-1]
				advance(stack)
				continue
			}
			stack[n-1].key, _ = tok.(string)
			stack[n-1].expect = false
			continue
		}
		if tok == json.Delim(']') {
			stack = stack[:len(stack)-1]
			advance(stack)
			continue
		}
		line := lineAt(data, off)
		if k, whole := matches(); whole {
			return line
		} else if k == len(stack) && k > 0 {
			best = line
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, jsonFrame{object: true, expect: true})
			continue
		case json.Delim('['):
			stack = append(stack, jsonFrame{})
			continue
		}
		advance(stack)
	}
}

// jsonFrame is an open object or array of jsonLine's walk.
type jsonFrame struct {
	object bool
	key    string // object: the current key
	index  int    // array: the current element
	expect bool   // object: the next token is a key
}

// advance moves the innermost container past a value: an object then
// expects a key, an array its next element.
func advance(stack []jsonFrame) {
	if n := len(stack); n > 0 {
		if stack[n-1].object {
			stack[n-1].expect = true
		} else {
			stack[n-1].index++
		}
	}
}

// lineAt is the line of the first byte of a token read from off: past
// blanks, commas and colons.
func lineAt(data []byte, off int64) int {
	i := int(off)
	for i < len(data) && strings.IndexByte(" \t\r\n,:", data[i]) >= 0 {
		i++
	}
	return bytes.Count(data[:min(i, len(data))], []byte("\n")) + 1
}
