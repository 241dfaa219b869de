package qml

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Geom is the geometry a style draws: marker symbols for points, fill
// symbols for polygons (a QGIS symbol draws only its own geometry type).
type Geom uint8

// Geometry kinds.
const (
	Point Geom = iota
	Polygon
	// Mixed is for a layer holding points and polygons, such as a GeoJSON
	// file of villages given partly as communes: QGIS 3.22 opens it as one
	// sub-layer per geometry type and gives each the same default style,
	// so the style is rule-based, with the classes once with markers for
	// points and once with fills for polygons.
	Mixed
)

// NoData is the value NULL fields are classified as; no distance or
// difference reaches it.
const NoData = -1e15

// outer bounds the first and last classes (about 10^11 km).
const outer = 1e14

// class is one range of a graduated style, inclusive at both ends (QGIS
// takes the first range containing the value).
type class struct {
	lower, upper float64
	label, color string
}

// NoDataColor is the grey of features whose value is unknown.
const NoDataColor = "#bdbdbd"

// Villages is Distance for point villages: graduated colours on the
// distance field (metres) in classes up to each break and beyond the last,
// grey for unknown, labels with the village name.
func Villages(field string, breaks []float64, lang Lang) []byte {
	return Distance(Point, field, breaks, lang)
}

// Distance returns a graduated style on a distance field in metres:
// classes [0, b0], [b0, b1], …, [bn, ∞) coloured from near (yellow) to
// far (purple) on the viridis ramp, a grey "no data" class for NULL, and
// labels with the "name" field. breaks must be ascending and positive;
// others are dropped.
func Distance(g Geom, field string, breaks []float64, lang Lang) []byte {
	return graduated(g, orNoData(field), sequential(breaks, lang.Threshold, lang), "name", lang)
}

// Minutes is Distance on a travel time field in minutes (legends in
// minutes). beyond, when not "", is a QGIS expression true for the
// features known to reach nothing (such as a status saying no service
// is reached within the mode's longest journey): they are drawn in the
// last class ("over" the last break) although their time is NULL.
func Minutes(g Geom, field, beyond string, breaks []float64, lang Lang) []byte {
	v := orNoData(field)
	if beyond != "" {
		v = fmt.Sprintf("CASE WHEN %s THEN %s ELSE %s END", beyond, num(outer), v)
	}
	return graduated(g, v, sequential(breaks, lang.Minutes, lang), "name", lang)
}

// orNoData is the expression of a field with NULL as NoData.
func orNoData(field string) string {
	return fmt.Sprintf(`coalesce(%s, %s)`, columnRef(field), num(NoData))
}

// sequential are the classes of Distance and Minutes: no data, then up
// to each break and beyond the last, limits written by format.
func sequential(breaks []float64, format func(float64) string, lang Lang) []class {
	bs := clean(breaks)
	cs := []class{{NoData, NoData, lang.Word("no data"), NoDataColor}}
	n := len(bs) + 1
	lo := 0.0
	for i := 0; i < n; i++ {
		c := class{lower: lo, color: Ramp(Sequential, frac(i, n))}
		if i < len(bs) {
			c.upper = bs[i]
			if i == 0 {
				c.label = fmt.Sprintf(lang.Word("up to"), format(bs[i]))
			} else {
				c.label = fmt.Sprintf(lang.Word("range"), format(lo), format(bs[i]))
			}
			lo = bs[i]
		} else {
			c.upper = outer
			c.label = fmt.Sprintf(lang.Word("over"), format(lo))
		}
		cs = append(cs, c)
	}
	return cs
}

// Delta returns a diverging style on a signed difference in metres
// (scenario minus baseline: negative is closer, positive farther):
// "about the same" within ±b0, then symmetric classes out to ±bn and
// beyond, blue for closer and red for farther, grey for NULL.
func Delta(g Geom, field string, breaks []float64, lang Lang) []byte {
	bs := clean(breaks)
	cs := []class{{NoData, NoData, lang.Word("no data"), NoDataColor}}
	if len(bs) == 0 {
		bs = []float64{0}
	}
	k := len(bs)
	total := 2*k + 1
	i := 0
	add := func(lower, upper float64, label string) {
		cs = append(cs, class{lower, upper, label, Ramp(Diverging, frac(i, total))})
		i++
	}
	add(-outer, -bs[k-1], fmt.Sprintf(lang.Word("closer+"), lang.Threshold(bs[k-1])))
	for j := k - 1; j >= 1; j-- {
		add(-bs[j], -bs[j-1], fmt.Sprintf(lang.Word("closer"), lang.Threshold(bs[j-1]), lang.Threshold(bs[j])))
	}
	add(-bs[0], bs[0], fmt.Sprintf(lang.Word("same"), lang.Threshold(bs[0])))
	for j := 1; j < k; j++ {
		add(bs[j-1], bs[j], fmt.Sprintf(lang.Word("farther"), lang.Threshold(bs[j-1]), lang.Threshold(bs[j])))
	}
	add(bs[k-1], outer, fmt.Sprintf(lang.Word("farther+"), lang.Threshold(bs[k-1])))
	return graduated(g, orNoData(field), cs, "name", lang)
}

// Services returns a categorised point style on the "category" field, one
// colour per category (in the given order, from a qualitative palette),
// with the categories' names in lang as legend labels; other values are
// grey.
func Services(categories []string, lang Lang) []byte { return ServicesLabelled(categories, nil, lang) }

// ServicesLabelled is Services where a category without a name in lang is
// labelled labels[category] (the category as the data gave it) when set.
func ServicesLabelled(categories []string, labels map[string]string, lang Lang) []byte {
	var b bytes.Buffer
	header(&b, false)
	b.WriteString(`  <renderer-v2 type="categorizedSymbol" attr="category" symbollevels="0" forceraster="0" enableorderby="0">` + "\n    <categories>\n")
	for i, c := range categories {
		label := lang.Category(c)
		if l := labels[c]; label == c && l != "" {
			label = l
		}
		fmt.Fprintf(&b, `      <category value=%s symbol="%d" label=%s render="true"/>`+"\n", attr(c), i, attr(label))
	}
	fmt.Fprintf(&b, `      <category value="" symbol="%d" label=%s render="true"/>`+"\n", len(categories), attr(lang.Word("other")))
	b.WriteString("    </categories>\n    <symbols>\n")
	for i := range categories {
		symbol(&b, Point, strconv.Itoa(i), Qualitative(i), 1.8)
	}
	symbol(&b, Point, strconv.Itoa(len(categories)), NoDataColor, 1.4)
	b.WriteString("    </symbols>\n  </renderer-v2>\n")
	footer(&b)
	return b.Bytes()
}

// Sites returns a single-symbol style for chosen sites: large dark-red
// markers labelled with the "name" field.
func Sites(lang Lang) []byte {
	var b bytes.Buffer
	header(&b, true)
	b.WriteString(`  <renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" enableorderby="0">` + "\n    <symbols>\n")
	symbol(&b, Point, "0", "#a50f15", 4)
	b.WriteString("    </symbols>\n  </renderer-v2>\n")
	labeling(&b, Point, "name")
	footer(&b)
	return b.Bytes()
}

func clean(breaks []float64) []float64 {
	var out []float64
	for _, v := range breaks {
		if v > 0 && !math.IsInf(v, 0) && (len(out) == 0 || v > out[len(out)-1]) {
			out = append(out, v)
		}
	}
	return out
}

func frac(i, n int) float64 {
	if n <= 1 {
		return 0
	}
	return float64(i) / float64(n-1)
}

// graduated classes the expression value (NULL already mapped to
// NoData) on cs.
func graduated(g Geom, value string, cs []class, label string, lang Lang) []byte {
	if g == Mixed {
		return ruleBased(value, cs, label, lang)
	}
	var b bytes.Buffer
	header(&b, label != "")
	expr := value
	fmt.Fprintf(&b, `  <renderer-v2 type="graduatedSymbol" attr=%s graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0">`+"\n", attr(expr))
	b.WriteString("    <ranges>\n")
	for i, c := range cs {
		fmt.Fprintf(&b, `      <range lower="%s" upper="%s" symbol="%d" label=%s render="true"/>`+"\n", num(c.lower), num(c.upper), i, attr(c.label))
	}
	b.WriteString("    </ranges>\n    <symbols>\n")
	for i, c := range cs {
		symbol(&b, g, strconv.Itoa(i), c.color, 2.4)
	}
	b.WriteString("    </symbols>\n")
	b.WriteString(`    <mode name="manual"/>` + "\n")
	b.WriteString("  </renderer-v2>\n")
	if label != "" {
		labeling(&b, g, label)
	}
	footer(&b)
	return b.Bytes()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// columnRef quotes a field name for a QGIS expression
// (QgsExpression::quotedColumnRef).
func columnRef(field string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(field, `\`, `\\`), `"`, `\"`) + `"`
}

// attr returns an XML attribute value in double quotes.
func attr(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	xml.EscapeText(&b, []byte(s)) //nolint:errcheck // bytes.Buffer does not fail
	b.WriteByte('"')
	return b.String()
}

func header(b *bytes.Buffer, labels bool) {
	on := "0"
	if labels {
		on = "1"
	}
	b.WriteString("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n")
	fmt.Fprintf(b, `<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="%s">`+"\n", on)
}

func footer(b *bytes.Buffer) {
	b.WriteString("  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n  <layerOpacity>1</layerOpacity>\n</qgis>\n")
}

// symbol writes one marker (circle) or fill symbol in color (#rrggbb).
func symbol(b *bytes.Buffer, g Geom, name, color string, size float64) {
	rgb := rgba(color)
	prop := func(k, v string) { fmt.Fprintf(b, `          <prop k="%s" v="%s"/>`+"\n", k, v) }
	if g == Polygon {
		fmt.Fprintf(b, `      <symbol type="fill" name="%s" alpha="1" clip_to_extent="1" force_rhr="0">`+"\n", name)
		b.WriteString(`        <layer class="SimpleFill" enabled="1" locked="0" pass="0">` + "\n")
		prop("color", rgb)
		prop("style", "solid")
		prop("outline_color", "255,255,255,255")
		prop("outline_style", "solid")
		prop("outline_width", "0.2")
		prop("outline_width_unit", "MM")
		prop("joinstyle", "bevel")
	} else {
		fmt.Fprintf(b, `      <symbol type="marker" name="%s" alpha="1" clip_to_extent="1" force_rhr="0">`+"\n", name)
		b.WriteString(`        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">` + "\n")
		prop("name", "circle")
		prop("color", rgb)
		prop("outline_color", "50,50,50,255")
		prop("outline_style", "solid")
		prop("outline_width", "0.2")
		prop("outline_width_unit", "MM")
		prop("size", num(size))
		prop("size_unit", "MM")
		prop("scale_method", "diameter")
		prop("joinstyle", "bevel")
	}
	b.WriteString("        </layer>\n      </symbol>\n")
}

// labeling writes simple labels on a field: dark text with a white
// buffer, around points or over polygons; QGIS hides overlapping ones.
func labeling(b *bytes.Buffer, g Geom, field string) {
	placement := "6" // ordered positions around the point
	switch g {
	case Polygon:
		placement = "1" // over the centroid
	case Mixed:
		placement = "0" // around the point, or the polygon's centroid
	}
	b.WriteString(`  <labeling type="simple">` + "\n    <settings calloutType=\"simple\">\n")
	fmt.Fprintf(b, `      <text-style fieldName=%s isExpression="0" fontFamily="Sans Serif" fontSize="8" fontSizeUnit="Point" textColor="40,40,40,255" textOpacity="1" namedStyle="Regular" fontWeight="50" fontItalic="0" multilineHeight="1">`+"\n", attr(field))
	b.WriteString(`        <text-buffer bufferDraw="1" bufferSize="0.7" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferJoinStyle="128" bufferNoFill="1"/>` + "\n")
	b.WriteString("      </text-style>\n")
	fmt.Fprintf(b, `      <placement placement="%s" dist="1" distUnits="MM" priority="5" offsetType="0"/>`+"\n", placement)
	b.WriteString(`      <rendering scaleVisibility="0" obstacle="1" displayAll="0" upsidedownLabels="0" limitNumLabels="0" mergeLines="0"/>` + "\n")
	b.WriteString("    </settings>\n  </labeling>\n")
}
