// Package crs converts projected coordinates to WGS84 lon/lat.
//
// TEMPORARY STUB: only EPSG:4326.
package crs

import "fmt"

// ToWGS84 returns a function converting (x, y) in the coordinate reference
// system EPSG:code to WGS84 (lon, lat) in degrees. For 4326 x is longitude
// and y latitude. Unknown codes return an error listing the supported ones.
func ToWGS84(code int) (func(x, y float64) (lon, lat float64), error) {
	if code == 4326 {
		return func(x, y float64) (float64, float64) { return x, y }, nil
	}
	return nil, fmt.Errorf("crs: unsupported EPSG:%d", code)
}
