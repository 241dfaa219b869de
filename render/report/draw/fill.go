package draw

import (
	"math"

	"github.com/partons/partons/render/qml"
)

// ClassFill returns the colour of a value d on the classes of breaks (the
// QML's classes): up to each break, beyond the last; grey when d is NaN.
func ClassFill(d float64, breaks []float64) string {
	if math.IsNaN(d) {
		return qml.NoDataColor
	}
	n := len(breaks) + 1
	i := 0
	for i < len(breaks) && d > breaks[i] {
		i++
	}
	if n == 1 {
		return qml.Ramp(qml.Sequential, 0)
	}
	return qml.Ramp(qml.Sequential, float64(i)/float64(n-1))
}

// DeltaFill colours a difference on the diverging classes of qml.Delta
// (breaks ascending, at least one).
func DeltaFill(d float64, breaks []float64) string {
	if math.IsNaN(d) {
		return qml.NoDataColor
	}
	k := len(breaks)
	total := 2*k + 1
	// class index 0 is "closer by more than the last break", k is "about
	// the same", 2k is "farther by more than the last break".
	i := k
	switch {
	case d < -breaks[0]:
		i = k - 1
		for j := 1; j < k && d < -breaks[j]; j++ {
			i--
		}
	case d > breaks[0]:
		i = k + 1
		for j := 1; j < k && d > breaks[j]; j++ {
			i++
		}
	}
	return qml.Ramp(qml.Diverging, float64(i)/float64(total-1))
}
