package draw

import (
	"fmt"
	"html"
	"strings"
)

// Week draws a 7 × 24 grid of the week, Monday first, as inline SVG:
// cell d*24+h is shaded by open[d*24+h] relative to top (the largest
// count), grey when zero, with the count as its tooltip. days are the
// row labels (Monday first; missing ones are left blank).
func Week(b *strings.Builder, open *[7 * 24]int, top int, days []string) {
	const cw, ch, left, topPad = 14, 14, 24, 12
	fmt.Fprintf(b, "<svg class=\"week\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n", left+24*cw, topPad+7*ch, left+24*cw, topPad+7*ch)
	for h := 0; h < 24; h += 6 {
		fmt.Fprintf(b, "<text x=\"%d\" y=\"9\" font-size=\"8\">%02d</text>", left+h*cw, h)
	}
	for d := 0; d < 7; d++ {
		if d < len(days) {
			fmt.Fprintf(b, "<text x=\"0\" y=\"%d\" font-size=\"8\">%s</text>", topPad+d*ch+10, html.EscapeString(days[d]))
		}
		for h := 0; h < 24; h++ {
			n := open[d*24+h]
			fill := "#eeeeee"
			if n > 0 && top > 0 {
				fill = fmt.Sprintf("rgba(33,102,172,%.2f)", 0.2+0.8*float64(n)/float64(top))
			}
			fmt.Fprintf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%d</title></rect>", left+h*cw, topPad+d*ch, cw-1, ch-1, fill, n)
		}
		b.WriteString("\n")
	}
	b.WriteString("</svg>\n")
}
