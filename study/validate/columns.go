package validate

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/partons/partons/datasets"
)

// GuessKind reads a file's head: services when the category column (CSV
// header) or property (GeoJSON) is present, villages otherwise.
func GuessKind(path, categoryField string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 1<<16)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	format, err := datasets.DetectFormat(path, head)
	if err != nil {
		return "villages", nil // the reader will report the format problem
	}
	if format == datasets.FormatCSV {
		line, _, _ := bytes.Cut(head, []byte("\n"))
		for _, sep := range []string{",", ";", "\t"} {
			for _, col := range strings.Split(string(line), sep) {
				if strings.Trim(strings.TrimSpace(col), "\"\ufeff") == categoryField {
					return "services", nil
				}
			}
		}
		return "villages", nil
	}
	if bytes.Contains(head, []byte(`"`+categoryField+`"`)) {
		return "services", nil
	}
	return "villages", nil
}

// Columns lists a file's CSV header, or the properties its GeoJSON
// features have (in order of first appearance); nil when it cannot tell.
func Columns(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(512)
	format, err := datasets.DetectFormat(path, head)
	if err != nil {
		return nil
	}
	if format == datasets.FormatCSV {
		line, err := br.ReadBytes('\n')
		if err != nil && len(line) == 0 {
			return nil
		}
		line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		r := csv.NewReader(bytes.NewReader(line))
		r.Comma = datasets.DetectDelimiter(line)
		rec, err := r.Read()
		if err != nil {
			return nil
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		return rec
	}
	var fc struct {
		Features []struct {
			Properties json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	if json.NewDecoder(br).Decode(&fc) != nil {
		return nil
	}
	var cols []string
	seen := map[string]bool{}
	for _, ft := range fc.Features {
		dec := json.NewDecoder(bytes.NewReader(ft.Properties))
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			continue
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				break
			}
			k, _ := t.(string)
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				break
			}
		}
	}
	return cols
}
