package output

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/partons/partons/datasets/table"
)

// WriteCSV writes t with a header row, comma-separated, LF line endings,
// null cells empty; fields are quoted (RFC 4180) only when they contain a
// comma, a quote, a line break or leading/trailing space. Text cells are
// guarded against spreadsheet formula injection unless CSVGuard(false) is
// given (see GuardCSVText); number and boolean cells never are, so a
// negative distance stays a number. Rows stream: memory does not grow with
// the table. Concurrent tables are formatted on all cores in chunks written
// in order (same bytes).
func WriteCSV(w io.Writer, t table.Table, opts ...CSVOption) error {
	cfg := csvConfig{guard: true}
	for _, o := range opts {
		o(&cfg)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var b []byte
	for i, c := range t.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVText(b, c.Name, cfg.guard)
	}
	b = append(b, '\n')
	if _, err := bw.Write(b); err != nil {
		return err
	}
	var inf table.Overflow
	err := table.WriteRows(bw, t, func(b []byte, r int, row []table.Cell, tmp *[]byte) []byte {
		for i := range row {
			c := &row[i]
			if i > 0 {
				b = append(b, ',')
			}
			switch {
			case c.IsText():
				b = appendCSVText(b, c.Text(), cfg.guard)
			case c.Infinite():
				inf.Note(t, r, i) // and no text
			default:
				b = c.AppendText(b)
			}
		}
		return append(b, '\n')
	})
	if err == nil {
		err = inf.Err()
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// appendCSVField appends s as one field, quoted when it must be (or when
// quote is set).
func appendCSVField(b []byte, s string, quote bool) []byte {
	need := quote || s != "" && (s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t')
	for i := 0; i < len(s) && !need; i++ {
		switch s[i] {
		case ',', '"', '\n', '\r':
			need = true
		}
	}
	if !need {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// WriteJSON writes v as indented JSON with a final newline. Struct field
// order and sorted map keys make it deterministic.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
