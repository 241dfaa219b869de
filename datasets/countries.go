package datasets

// Box is a longitude/latitude box in WGS84 degrees.
type Box struct{ West, South, East, North float64 }

// Contains reports whether (lon, lat) lies in b widened by margin degrees
// on each side. O(1).
func (b Box) Contains(lon, lat, margin float64) bool {
	return lon >= b.West-margin && lon <= b.East+margin && lat >= b.South-margin && lat <= b.North+margin
}

// countryBoxes are the bounding boxes of the countries of the European
// Union, EFTA, the other European countries bordering them and the
// southern shore of the Mediterranean, by ISO 3166-1 alpha-2 code. Source:
// Natural Earth 1:50m Admin 0 countries (public domain), rounded outward to
// 0.01°. France and the Netherlands are split into their European part
// and their overseas parts (Natural Earth's single box for France spans
// from the Caribbean to Réunion); Cyprus includes the north; Italy reaches
// south to Lampedusa (35.49°N, left out at 1:50m). Russia is left out: its
// box spans the globe. Codes not listed are not checked.
var countryBoxes = map[string][]Box{
	"AD": {{1.41, 42.43, 1.75, 42.65}},
	"AL": {{19.28, 39.65, 21.04, 42.65}},
	"AT": {{9.52, 46.39, 17.15, 49.01}},
	"AX": {{19.51, 60.01, 20.62, 60.41}},
	"BA": {{15.73, 42.55, 19.59, 45.28}},
	"BE": {{2.52, 49.51, 6.37, 51.50}},
	"BG": {{22.34, 41.24, 28.59, 44.24}},
	"BY": {{23.17, 51.26, 32.72, 56.15}},
	"CH": {{5.97, 45.83, 10.46, 47.78}},
	"CY": {{32.30, 34.56, 34.56, 35.67}},
	"CZ": {{12.08, 48.57, 18.84, 51.04}},
	"DE": {{5.85, 47.27, 15.02, 55.06}},
	"DK": {{8.12, 54.62, 15.14, 57.74}},
	"DZ": {{-8.69, 18.98, 11.97, 37.10}},
	"EE": {{21.85, 57.52, 28.16, 59.64}},
	"ES": {{-18.17, 27.64, 4.33, 43.77}},
	"FI": {{20.62, 59.81, 31.54, 70.07}},
	"FO": {{-7.43, 61.41, -6.40, 62.36}},
	"FR": {
		{-5.15, 41.33, 9.57, 51.10},        // metropolitan France and Corsica
		{-61.81, 15.83, -60.99, 16.52},     // Guadeloupe
		{-61.23, 14.38, -60.81, 14.88},     // Martinique
		{-54.61, 2.11, -51.61, 5.78},       // French Guiana
		{55.21, -21.39, 55.84, -20.87},     // Réunion
		{44.99, -13.01, 45.31, -12.63},     // Mayotte
		{-56.39, 46.75, -56.13, 47.10},     // Saint Pierre and Miquelon
		{-63.16, 17.87, -62.79, 18.13},     // Saint Martin, Saint Barthélemy
		{-151.52, -20.88, -136.29, -8.78},  // French Polynesia
		{159.92, -22.67, 168.14, -19.11},   // New Caledonia
		{-178.20, -14.33, -176.12, -13.22}, // Wallis and Futuna
	},
	"GB": {{-8.15, 50.02, 1.75, 60.84}},
	"GG": {{-2.65, 49.42, -2.51, 49.51}},
	"GR": {{19.64, 34.93, 28.24, 41.75}},
	"HR": {{13.51, 42.43, 19.41, 46.54}},
	"HU": {{16.09, 45.75, 22.88, 48.56}},
	"IE": {{-10.40, 51.47, -6.02, 55.37}},
	"IM": {{-4.79, 54.05, -4.33, 54.41}},
	"IS": {{-24.48, 63.40, -13.55, 66.53}},
	"IT": {{6.62, 35.49, 18.49, 47.09}},
	"JE": {{-2.24, 49.16, -2.00, 49.27}},
	"LI": {{9.47, 47.05, 9.62, 47.28}},
	"LT": {{20.89, 53.89, 26.78, 56.42}},
	"LU": {{5.72, 49.44, 6.50, 50.17}},
	"LV": {{21.01, 55.66, 28.21, 58.07}},
	"MA": {{-17.01, 21.42, -1.06, 35.93}},
	"MC": {{7.37, 43.73, 7.44, 43.78}},
	"MD": {{26.61, 45.45, 30.14, 48.48}},
	"ME": {{18.43, 41.86, 20.35, 43.55}},
	"MK": {{20.44, 40.84, 23.01, 42.36}},
	"MT": {{14.18, 35.82, 14.57, 36.08}},
	"NL": {
		{3.36, 50.75, 7.23, 53.63},  // European Netherlands
		{-68.45, 12.0, -62.9, 17.7}, // Bonaire, Sint Eustatius and Saba
	},
	"NO": {{-9.10, 58.02, 33.63, 80.48}},
	"PL": {{14.12, 49.02, 24.11, 54.84}},
	"PT": {{-31.29, 32.64, -6.21, 42.14}},
	"RO": {{20.24, 43.67, 29.71, 48.27}},
	"RS": {{18.83, 42.24, 22.98, 46.17}},
	"SE": {{11.14, 55.34, 24.16, 69.04}},
	"SI": {{13.37, 45.42, 16.52, 46.87}},
	"SK": {{16.86, 47.76, 22.54, 49.60}},
	"SM": {{12.39, 43.89, 12.52, 43.99}},
	"TN": {{7.49, 30.22, 11.54, 37.35}},
	"TR": {{25.66, 35.83, 44.82, 42.10}},
	"UA": {{22.13, 44.38, 40.13, 52.36}},
	"VA": {{12.42, 41.89, 12.44, 41.91}},
	"XK": {{20.02, 41.85, 21.76, 43.27}},
}

// CountryBoxes returns the bounding boxes of a country (several for a
// country with overseas parts) and whether the country is in the table
// (see countryBoxes for the source and coverage). The slice must not be
// modified.
func CountryBoxes(code string) ([]Box, bool) {
	b, ok := countryBoxes[code]
	return b, ok
}
