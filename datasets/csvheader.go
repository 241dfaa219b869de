package datasets

import (
	"fmt"
	"strings"
)

// DetectDelimiter picks the most frequent of ';', '\t' and ',' outside
// double quotes in a CSV header line (ties in that order); ',' if none.
// Shared by every CSV reader so they agree on what a file is. O(len(line)).
func DetectDelimiter(line []byte) rune {
	var n [3]int
	cands := [3]byte{';', '\t', ','}
	quoted := false
	for _, c := range line {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		for k, d := range cands {
			if c == d {
				n[k]++
			}
		}
	}
	best := 2
	for k := range cands {
		if n[k] > n[best] {
			best = k
		}
	}
	return rune(cands[best])
}

// DescribeHeader quotes a CSV header for error messages, the first 30
// columns and then their count.
func DescribeHeader(header []string) string {
	const show = 30
	h, more := header, ""
	if len(h) > show {
		h, more = h[:show], fmt.Sprintf(" … (%d columns)", len(header))
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, name := range h {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", name)
	}
	b.WriteString(more + "]")
	return b.String()
}
