package population

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/partons/partons/datasets"
)

// Table is a set of official figures, one row per municipality (rows for
// regions or provinces may be present: they simply match no village).
type Table struct {
	Source  string // file name, for reports and errors
	Country string // ISO 3166-1 alpha-2 the rows belong to; "" for any country
	Rows    []Row
}

// Row is one municipality.
type Row struct {
	Code       string
	Name       string
	Population float64 // people, ≥ 0
	Line       int     // 1-based line in the source
}

// ReadOptions name the columns of a CSV file. Empty names are detected
// from the header (case-insensitive): code from "code", "NIS code",
// "refnis", "cd_refnis", "code_insee", "insee", "codgeo", "code_commune";
// name from "name", "nom", "Woonplaats", "gemeente", "commune", "libgeo",
// "nom_commune"; population from "population", "Totaal", "total", "pop",
// "pmun", "ptot", "inwoners".
type ReadOptions struct {
	Code, Name, Population string
	// Country restricts the rows to villages of this country ("" for any).
	Country string
}

// MaxRows caps the rows of one file (every municipality of Europe is
// about 120,000).
const MaxRows = 1_000_000

var (
	codeNames = []string{"code", "nis code", "refnis", "cd_refnis", "code_insee", "insee", "codgeo", "code_commune"}
	nameNames = []string{"name", "nom", "woonplaats", "gemeente", "commune", "libgeo", "nom_commune"}
	popNames  = []string{"population", "totaal", "total", "pop", "pmun", "ptot", "inwoners"}
)

// Read reads a CSV file (comma, semicolon or tab separated, detected from
// the header line; UTF-8 with or without BOM). Problems are collected, one
// per line and field, and returned together as a datasets.ErrorList
// (wrapping datasets.ErrInvalid): a missing column, an empty code, a
// population that is not a non-negative number, a code given twice. O(n).
func Read(source string, r io.Reader, o ReadOptions) (*Table, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	head, _ := br.Peek(4096)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffComma(head)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var errs datasets.ErrorList
	fail := func(line int, field, format string, args ...any) {
		errs.Add(&datasets.RecordError{Source: source, Line: line, Feature: -1, Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	header, err := cr.Read()
	header = slices.Clone(header) // ReuseRecord: later reads overwrite it
	if err != nil {
		if err == io.EOF {
			err = errors.New("empty file")
		}
		fail(1, "", "%v", err)
		return nil, errs
	}
	col := func(given string, cands []string, what string) int {
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(h))
			if given != "" {
				if h == strings.ToLower(given) {
					return i
				}
				continue
			}
			for _, c := range cands {
				if h == c {
					return i
				}
			}
		}
		if given != "" {
			fail(1, given, "no such column (have %s)", strings.Join(header, ", "))
		} else {
			fail(1, what, "no %s column found (looked for %s)", what, strings.Join(cands, ", "))
		}
		return -1
	}
	ci, ni, pi := col(o.Code, codeNames, "code"), col(o.Name, nameNames, "name"), col(o.Population, popNames, "population")
	if ci < 0 || ni < 0 || pi < 0 {
		return nil, errs
	}
	t := &Table{Source: source, Country: strings.ToUpper(strings.TrimSpace(o.Country))}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			fail(line, "", "%v", err)
			return nil, errs
		}
		line, _ := cr.FieldPos(0)
		if len(t.Rows) >= MaxRows {
			fail(line, "", "more than %d rows", MaxRows)
			return nil, errs
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := Row{Code: get(ci), Name: get(ni), Line: line}
		ok := true
		if row.Code == "" {
			fail(line, header[ci], "empty code")
			ok = false
		} else if prev, dup := seen[codeKey(row.Code)]; dup {
			fail(line, header[ci], "code %q already on line %d", row.Code, prev)
			ok = false
		} else {
			seen[codeKey(row.Code)] = line
		}
		p, err := strconv.ParseFloat(get(pi), 64)
		if err != nil || p < 0 || math.IsInf(p, 0) || math.IsNaN(p) {
			fail(line, header[pi], "population %q is not a non-negative number", get(pi))
			ok = false
		} else if err := datasets.ValidatePopulation(p); err != nil {
			fail(line, header[pi], "population %v", err)
			ok = false
		}
		if ok {
			row.Population = p
			t.Rows = append(t.Rows, row)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// sniffComma picks the separator that occurs most in the header line.
func sniffComma(head []byte) rune {
	best, n := ',', bytes.Count(head, []byte{','})
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(head, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

// codeKey normalises a code: trimmed, and without leading zeros when it
// is all digits.
func codeKey(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return s
		}
	}
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// NormName is the comparison key of place and municipality names: lower
// case, accents of Latin letters removed, hyphens, apostrophes, dots and
// white space runs turned into one space, trimmed.
func NormName(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if f, ok := fold[r]; ok {
			r = f
		}
		switch r {
		case '-', '\'', '’', '.', ' ', '\t', '\n', '\r', '\u00a0', '_':
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if r == 'œ' {
			b.WriteString("oe")
		} else if r == 'æ' {
			b.WriteString("ae")
		} else if r == 'ß' {
			b.WriteString("ss")
		} else {
			b.WriteRune(r)
		}
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// fold maps accented lower-case Latin letters to their base letter.
var fold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě", 'g': "ĝğġģ", 'h': "ĥħ",
		'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏő",
		'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų", 'w': "ŵ", 'y': "ýÿŷ", 'z': "źżž",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()
