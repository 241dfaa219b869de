package qml

import (
	"bytes"
	"encoding/xml"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		v    float64
		dec  int
		want string
	}{
		{NL, 14526, 0, "14.526"},
		{FR, 14526, 0, "14\u202f526"},
		{EN, 14526, 0, "14,526"},
		{NL, 1234567.891, 2, "1.234.567,89"},
		{EN, 1234567.891, 2, "1,234,567.89"},
		{FR, 0.5, 1, "0,5"},
		{EN, 999, 0, "999"},
		{NL, -1500, 0, "−1.500"},
		{NL, -0.04, 1, "0,0"}, // no negative zero
		{EN, 3.75, -1, "3.75"},
		{EN, math.NaN(), 1, "–"},
		{EN, math.Inf(1), 1, "–"},
		{"de", 1200, 0, "1,200"}, // unknown language: English
	} {
		if got := tc.lang.Number(tc.v, tc.dec); got != tc.want {
			t.Errorf("%s.Number(%v, %d) = %q, want %q", tc.lang, tc.v, tc.dec, got, tc.want)
		}
	}
}

func TestDistanceThresholdPercent(t *testing.T) {
	nb := "\u00a0"
	for _, tc := range []struct {
		got, want string
	}{
		{NL.Threshold(1200), "1,2" + nb + "km"},
		{FR.Threshold(3750), "3,75" + nb + "km"},
		{EN.Threshold(10000), "10" + nb + "km"},
		{EN.Threshold(800), "800" + nb + "m"},
		{NL.Distance(623.4), "623" + nb + "m"},
		{NL.Distance(999.6), "1,0" + nb + "km"},
		{FR.Distance(4729), "4,7" + nb + "km"},
		{EN.Distance(123456), "123" + nb + "km"},
		{FR.Percent(0.306), "30,6" + nb + "%"},
		{EN.Percent(0.306), "30.6%"},
		{NL.Percent(math.NaN()), "–"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestParseLangAndCategories(t *testing.T) {
	if l, err := ParseLang(" FR "); err != nil || l != FR {
		t.Errorf("ParseLang(FR) = %q, %v", l, err)
	}
	if _, err := ParseLang("de"); err == nil {
		t.Error("ParseLang(de) accepted")
	}
	for _, tc := range []struct {
		l        Lang
		cat, out string
	}{{NL, "bakery", "bakkerij"}, {FR, "bakery", "boulangerie"}, {EN, "gp", "GP"}, {FR, "post", "point postal"}, {NL, "shop=deli", "shop=deli"}} {
		if got := tc.l.Category(tc.cat); got != tc.out {
			t.Errorf("%s.Category(%s) = %q, want %q", tc.l, tc.cat, got, tc.out)
		}
	}
}

func TestRamp(t *testing.T) {
	if got := Ramp(Sequential, 0); got != "#fde725" {
		t.Errorf("start %s", got)
	}
	if got := Ramp(Sequential, 1); got != "#440154" {
		t.Errorf("end %s", got)
	}
	if got := Ramp(Diverging, 0.5); got != "#f7f7f7" {
		t.Errorf("diverging middle %s", got)
	}
	// halfway between the first two stops #fde725 and #5ec962
	if got := Ramp(Sequential, 0.125); got != "#aed844" {
		t.Errorf("interpolated %s, want #aed844", got)
	}
	if Ramp(Sequential, -1) != Ramp(Sequential, 0) || Ramp(Sequential, math.NaN()) != Ramp(Sequential, 0) || Ramp(Sequential, 2) != Ramp(Sequential, 1) {
		t.Error("out-of-range t is not clamped")
	}
}

// qgisDoc is the part of a QML document the tests read back.
type qgisDoc struct {
	XMLName  xml.Name `xml:"qgis"`
	Labels   string   `xml:"labelsEnabled,attr"`
	Renderer struct {
		Type   string `xml:"type,attr"`
		Attr   string `xml:"attr,attr"`
		Ranges []struct {
			Lower  string `xml:"lower,attr"`
			Upper  string `xml:"upper,attr"`
			Symbol string `xml:"symbol,attr"`
			Label  string `xml:"label,attr"`
		} `xml:"ranges>range"`
		Categories []struct {
			Value string `xml:"value,attr"`
			Label string `xml:"label,attr"`
		} `xml:"categories>category"`
		Symbols []qmlSymbol `xml:"symbols>symbol"`
	} `xml:"renderer-v2"`
	Labeling struct {
		Style struct {
			Field string `xml:"fieldName,attr"`
		} `xml:"settings>text-style"`
	} `xml:"labeling"`
}

// qmlSymbol is one symbol of a renderer.
type qmlSymbol struct {
	Name  string `xml:"name,attr"`
	Type  string `xml:"type,attr"`
	Props []struct {
		K string `xml:"k,attr"`
		V string `xml:"v,attr"`
	} `xml:"layer>prop"`
}

func parse(t *testing.T, b []byte) qgisDoc {
	t.Helper()
	var d qgisDoc
	decodeStrict(t, b, &d)
	return d
}

func decodeStrict(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(v); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
}

// Graduated styles: the first class is no data, the others tile the line
// without gaps, every class has its own symbol of the right type, and
// the expression maps NULL into the first class.
func TestGraduatedInvariants(t *testing.T) {
	for name, tc := range map[string]struct {
		doc    []byte
		n      int
		symbol string
	}{
		"villages":   {Villages("post_nearest_m", []float64{1200, 3750, 10000}, FR), 5, "marker"},
		"polygons":   {Distance(Polygon, "a\"b", []float64{1000}, NL), 3, "fill"},
		"unsorted":   {Distance(Point, "x", []float64{3000, 1000, -5, 3000}, EN), 3, "marker"},
		"delta":      {Delta(Point, "post_delta_m", []float64{500, 2000, 5000}, NL), 8, "marker"},
		"delta none": {Delta(Polygon, "d", nil, EN), 4, "fill"},
	} {
		t.Run(name, func(t *testing.T) {
			d := parse(t, tc.doc)
			r := d.Renderer
			if r.Type != "graduatedSymbol" || len(r.Ranges) != tc.n || len(r.Symbols) != tc.n {
				t.Fatalf("type %s, %d ranges, %d symbols; want %d", r.Type, len(r.Ranges), len(r.Symbols), tc.n)
			}
			if r.Ranges[0].Lower != num(NoData) || r.Ranges[0].Upper != num(NoData) {
				t.Errorf("first class %+v is not no data", r.Ranges[0])
			}
			if want := "coalesce("; len(r.Attr) < len(want) || r.Attr[:len(want)] != want {
				t.Errorf("attr %q does not map NULL to no data", r.Attr)
			}
			for i := 2; i < len(r.Ranges); i++ {
				if r.Ranges[i].Lower != r.Ranges[i-1].Upper {
					t.Errorf("gap between %+v and %+v", r.Ranges[i-1], r.Ranges[i])
				}
			}
			for i, s := range r.Symbols {
				if s.Type != tc.symbol || s.Name != strconv.Itoa(i) || r.Ranges[i].Symbol != s.Name || r.Ranges[i].Label == "" {
					t.Errorf("symbol %d: %+v for range %+v", i, s, r.Ranges[i])
				}
			}
			if d.Labels != "1" || d.Labeling.Style.Field != "name" {
				t.Errorf("labels %q on %q", d.Labels, d.Labeling.Style.Field)
			}
		})
	}
	if a := parse(t, Distance(Polygon, `a"b`, nil, EN)).Renderer.Attr; a != `coalesce("a\"b", -1000000000000000)` {
		t.Errorf("quoted field: %s", a)
	}
}

func TestServicesAndSites(t *testing.T) {
	d := parse(t, Services([]string{"bakery", "post"}, NL))
	if d.Renderer.Type != "categorizedSymbol" || len(d.Renderer.Categories) != 3 || d.Renderer.Categories[0].Label != "bakkerij" ||
		d.Renderer.Categories[2].Value != "" || len(d.Renderer.Symbols) != 3 {
		t.Errorf("services: %+v", d.Renderer)
	}
	// A category without a translation is labelled as the data gave it.
	lb := parse(t, ServicesLabelled([]string{"bakery", "img_x"}, map[string]string{"img_x": "<img x>", "bakery": "Bakery!"}, FR))
	if got := lb.Renderer.Categories; got[0].Label != "boulangerie" || got[1].Value != "img_x" || got[1].Label != "<img x>" {
		t.Errorf("labelled services: %+v", got)
	}
	s := parse(t, Sites(FR))
	if s.Renderer.Type != "singleSymbol" || s.Labeling.Style.Field != "name" {
		t.Errorf("sites: %+v", s)
	}
}

func TestGolden(t *testing.T) {
	for name, b := range map[string][]byte{
		"villages_fr.qml": Villages("post_nearest_m", []float64{1200, 3750, 10000}, FR),
		"polygons_nl.qml": Distance(Polygon, "post_nearest_m", []float64{1200, 3750, 10000}, NL),
		"delta_en.qml":    Delta(Point, "post_delta_m", []float64{500, 2000, 5000}, EN),
		"services_en.qml": Services([]string{"bakery", "pharmacy", "post"}, EN),
		"sites_fr.qml":    Sites(FR),
		"mixed_en.qml":    Distance(Mixed, "post_nearest_m", []float64{1200, 3750, 10000}, EN),
		"transit_nl.qml":  Minutes(Point, "post_transit_min", `"post_transit_status" = 'no_service'`, []float64{30, 60}, NL),
	} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./render/qml -run Golden -update)", err)
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s differs from the golden file; if deliberate, run go test ./render/qml -run Golden -update", name)
		}
	}
}

// A time style: legends in minutes; the features known to reach nothing
// fall in the last class ("over 60 min"), NULL times otherwise in no
// data; without such an expression it is the plain NULL mapping.
func TestMinutes(t *testing.T) {
	d := parse(t, Minutes(Point, "post_transit_min", `"post_transit_status" = 'no_service'`, []float64{30, 60}, FR))
	r := d.Renderer
	nb := "\u00a0"
	if len(r.Ranges) != 4 || r.Ranges[1].Label != "jusqu'à 30"+nb+"min" || r.Ranges[3].Label != "plus de 60"+nb+"min" {
		t.Fatalf("ranges %+v", r.Ranges)
	}
	want := `CASE WHEN "post_transit_status" = 'no_service' THEN 100000000000000 ELSE coalesce("post_transit_min", -1000000000000000) END`
	if r.Attr != want {
		t.Errorf("attr %s\nwant %s", r.Attr, want)
	}
	if r.Ranges[3].Upper != num(outer) {
		t.Errorf("last class %+v does not hold the features reaching nothing", r.Ranges[3])
	}
	if a := parse(t, Minutes(Polygon, "m", "", []float64{30}, EN)).Renderer.Attr; a != `coalesce("m", -1000000000000000)` {
		t.Errorf("plain attr %s", a)
	}
	if m := parse(t, Minutes(Mixed, "m", `"s" = 'x'`, []float64{30}, EN)); m.Renderer.Type != "RuleRenderer" {
		t.Errorf("mixed: %s", m.Renderer.Type)
	}
}
