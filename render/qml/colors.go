package qml

import (
	"fmt"
	"math"
	"strconv"
)

// RampKind selects a colour ramp.
type RampKind uint8

// Ramps.
const (
	// Sequential runs from near (pale yellow) to far (dark purple): the
	// viridis ramp reversed, readable in greyscale and by colour-blind
	// readers.
	Sequential RampKind = iota
	// Diverging runs from blue (closer, a gain) through near-white to red
	// (farther, a loss): ColorBrewer RdBu reversed.
	Diverging
)

var ramps = [...][]string{
	Sequential: {"#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"},
	Diverging:  {"#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"},
}

// qualitative is ColorBrewer Set1 and Dark2, for categories.
var qualitative = []string{
	"#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf",
	"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#666666",
}

// Ramp returns the colour at t in [0, 1] on a ramp as "#rrggbb",
// interpolated linearly in sRGB between the ramp's stops.
func Ramp(k RampKind, t float64) string {
	stops := ramps[Sequential]
	if int(k) < len(ramps) {
		stops = ramps[k]
	}
	if math.IsNaN(t) || t < 0 {
		t = 0
	}
	if t > 1 {
		t = 1
	}
	x := t * float64(len(stops)-1)
	i := int(math.Floor(x))
	if i >= len(stops)-1 {
		return stops[len(stops)-1]
	}
	f := x - float64(i)
	a, b := parseHex(stops[i]), parseHex(stops[i+1])
	var c [3]int
	for j := range c {
		c[j] = int(math.Round(float64(a[j]) + f*float64(b[j]-a[j])))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// Qualitative returns the i-th category colour, cycling.
func Qualitative(i int) string {
	if i < 0 {
		i = -i
	}
	return qualitative[i%len(qualitative)]
}

func parseHex(s string) [3]int {
	var c [3]int
	if len(s) != 7 || s[0] != '#' {
		return c
	}
	for j := range c {
		v, _ := strconv.ParseUint(s[1+2*j:3+2*j], 16, 8)
		c[j] = int(v)
	}
	return c
}

// rgba turns "#rrggbb" into QGIS's "r,g,b,255".
func rgba(hex string) string {
	c := parseHex(hex)
	return fmt.Sprintf("%d,%d,%d,255", c[0], c[1], c[2])
}
