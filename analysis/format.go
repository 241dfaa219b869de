package analysis

import "strconv"

// Decimals of the output columns: metres to the decimetre, shares to 1e-4.
const (
	DecimalsM     = 1
	DecimalsShare = 4
	DecimalsMin   = 2 // minutes to about a second
	DecimalsCoord = 7 // about 1 cm
)

// ThresholdName formats a threshold for column names: 1200 → "1200m".
func ThresholdName(t float64) string { return ThresholdLabel(t, "m") }

// ThresholdLabel names a threshold with its unit ("1200m", "15min").
func ThresholdLabel(t float64, unit string) string { return strconv.FormatFloat(t, 'f', -1, 64) + unit }
