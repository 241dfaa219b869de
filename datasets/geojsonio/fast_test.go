package geojsonio

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// fastShapes are features around the shape fastFeature reads, each with
// whether it reads it (true) or leaves it to feature (false).
var fastShapes = []struct {
	feature string
	fast    bool
}{
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x","country":"FR","population":12}}`, true},
	{` { "properties" : { "id" : "a" , "name" : "Liège" , "population" : null } , "id" : 7 , "geometry" : { "coordinates" : [ -2.9e0 , 50 ] , "type" : "Point" } , "type" : "Feature" } `, true},
	{`{"geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x","name":"y","tags":{"a":[1,{"b":null}]},"point":[1,2]}}`, true}, // no type: build says so
	{`{"type":"feature","geometry":{"type":"Point","coordinates":[-0,-0]},"properties":{}}`, true},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8,10]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,95]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,50]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[1e-400,50]},"properties":{"id":"a","name":"x"}}`, true}, // underflows to 0, as strconv reads it either way,
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":["2.9",50]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50,]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8],"bbox":[1,2,3,4]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"Type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":null,"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":null}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"i\u0064":"a","name":"x"}}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x"},"bbox":[1,2,3,4]}`, false},
	{`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x"},"Properties":{}}`, false},
	{`{"type":"Feature","type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"a","name":"x"}}`, false},
	{`{"type":"Feature","properties":{"id":"a","name":"x"},"geometry":{"type":"Point","coordinates":[2.9,50.8]},"bad"}`, false},
	{`null`, false},
	{`[1]`, false},
}

// TestFastFeature: fastFeature reads the usual shapes and declines the
// others leaving the scanner where it was; either way both walks of a
// collection of them agree with the stream decoder (same records, same
// problems), with the default schema and with mapped properties.
func TestFastFeature(t *testing.T) {
	t.Parallel()
	all := ""
	for i, tc := range fastShapes {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			s := jsonscan.Scanner{B: []byte(tc.feature)}
			s.SkipSpace()
			at := s.I
			c := newFeatureCtx("f", []string{"id", "name", "country", "", "", "population", PointProperty}, nil)
			got := fastFeature(&s, c, 2)
			if got != tc.fast {
				t.Fatalf("fastFeature(%s) = %v, want %v", tc.feature, got, tc.fast)
			}
			if !got && s.I != at {
				t.Fatalf("declined but moved from %d to %d", at, s.I)
			}
			if got {
				s.SkipSpace()
				if s.I != len(s.B) {
					t.Fatalf("stopped at %d of %d", s.I, len(s.B))
				}
			}
			readBoth(t, []byte(`{"type":"FeatureCollection","features":[`+tc.feature+`]}`))
		})
		if i > 0 {
			all += ",\n"
		}
		all += tc.feature
	}
	doc := []byte(`{"type":"FeatureCollection","features":[` + all + `]}`)
	readBoth(t, doc)
	s := datasets.DefaultVillageSchema()
	s.Population = "pop"
	a, errA := readVillages("f", bytes.NewReader(doc), s, framingAuto)
	b, errB := readVillages("f", bytes.NewReader(doc), s, framingStream)
	same(t, "villages with a mapped property no feature has", a, b, errA, errB)
}
