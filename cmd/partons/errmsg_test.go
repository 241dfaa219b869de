package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/partons/partons/datasets"
)

func TestUserMessage(t *testing.T) {
	malformed := fmt.Errorf("osmroad: malformed OSM file: %w", datasets.ErrInvalid)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"record error unchanged",
			&datasets.RecordError{Source: "v.csv", Line: 3, Feature: -1, Field: "lon", Reason: "longitude 200 outside [-180, 180]"},
			`v.csv:3: field "lon": longitude 200 outside [-180, 180]`},
		{"sentinel chain",
			fmt.Errorf("osmroad: x.osm (xml): byte offset 0: %w: XML root element is not <osm>", malformed),
			"x.osm (xml): byte offset 0: malformed OSM file: XML root element is not <osm>"},
		{"wrapped twice with the same words",
			fmt.Errorf("output: %w", errors.New("output: disk full")),
			"disk full"},
		{"yaml unknown key",
			errors.New("cfg.yaml: line 2: field no_such_key not found in type config.Config"),
			`cfg.yaml: line 2: unknown key "no_such_key"`},
		{"yaml wrong type",
			errors.New("s.yaml: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!str `abc` into float64"),
			"s.yaml: line 4: expected a number, got \"abc\""},
		{"yaml list expected",
			errors.New("c.yaml: line 3: cannot unmarshal !!str `12` into []float64"),
			`c.yaml: line 3: expected a list, got "12"`},
		{"list where text is expected",
			errors.New("c.yaml: line 3: cannot unmarshal !!seq into string"),
			"c.yaml: line 3: expected text, got a list"},
		{"several problems stay on their lines",
			errors.New("a.csv:2: field \"lon\": bad\na.csv:2: field \"lat\": bad"),
			"a.csv:2: field \"lon\": bad\na.csv:2: field \"lat\": bad"},
		{"a path that looks like a word stays",
			errors.New("/data/road.csv:3: field \"id\": empty"),
			"/data/road.csv:3: field \"id\": empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := userMessage(tc.err); got != tc.want {
				t.Errorf("userMessage:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
