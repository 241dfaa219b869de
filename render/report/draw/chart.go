package draw

import (
	"fmt"
	"html"
	"strings"

	"github.com/partons/partons/render/qml"
)

// Chart geometry.
const (
	chartW, chartH                 = 420.0, 230.0
	chartL, chartR, chartT, chartB = 46.0, 12.0, 10.0, 34.0
)

// Color is the i-th colour of the Okabe–Ito palette, safe for
// colour-blind readers, cycling: one per country in charts and legends.
func Color(i int) string {
	c := []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"}
	return c[i%len(c)]
}

// Line is one curve of a chart: Share[i] of a group within X[i] (in the
// axis's unit before scaling), drawn in Color.
type Line struct {
	X, Share []float64
	Color    string
}

// Axis is a chart's horizontal axis: values are divided by Scale for
// the tick labels, and Unit names them ("km" for metres / 1000, "min").
type Axis struct {
	Scale float64
	Unit  string
}

// Chart writes cumulative shares (of people within a distance or a
// time), one line each, the thresholds dashed, the axis from 0 to xmax.
func Chart(b *strings.Builder, l qml.Lang, lines []Line, thresholds []float64, xmax float64, ax Axis, label string) {
	pw, ph := chartW-chartL-chartR, chartH-chartT-chartB
	sx := func(x float64) float64 { return chartL + x/xmax*pw }
	sy := func(s float64) float64 { return chartT + (1-s)*ph }
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %s %s" role="img" aria-label="%s">`+"\n", coord(chartW), coord(chartH), html.EscapeString(label))
	b.WriteString(`<g class="grid">`)
	for _, s := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(b, `<path d="M%s %sH%s"/><text x="%s" y="%s" class="yl">%s</text>`,
			coord(chartL), coord(sy(s)), coord(chartL+pw), coord(chartL-4), coord(sy(s)+3.5), html.EscapeString(l.Number(100*s, 0)+"%"))
	}
	for i := 0; i <= 5; i++ {
		x := xmax * float64(i) / 5
		fmt.Fprintf(b, `<text x="%s" y="%s" class="xl">%s</text>`, coord(sx(x)), coord(chartT+ph+14), html.EscapeString(l.Number(x/ax.Scale, -1)))
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" class="xl">%s</text>`, coord(chartL+pw), coord(chartT+ph+28), html.EscapeString(ax.Unit))
	b.WriteString("</g>\n")
	for _, tv := range thresholds {
		if tv <= xmax {
			fmt.Fprintf(b, `<path class="thr" d="M%s %sV%s"/>`, coord(sx(tv)), coord(chartT), coord(chartT+ph))
		}
	}
	for _, c := range lines {
		var d strings.Builder
		for k := range c.X {
			if k == 0 {
				d.WriteString("M")
			} else {
				d.WriteString("L")
			}
			d.WriteString(coord(sx(c.X[k])) + " " + coord(sy(c.Share[k])))
		}
		fmt.Fprintf(b, `<path class="cdf" stroke="%s" d="%s"/>`+"\n", c.Color, d.String())
	}
	fmt.Fprintf(b, `<path class="axis" d="M%s %sV%sH%s"/>`, coord(chartL), coord(chartT), coord(chartT+ph), coord(chartL+pw))
	b.WriteString("</svg>\n")
}
