// Package matrix is the travel mode of an external origin–destination
// cost matrix (read by datasets/odmatrix): Mode looks its origins up
// among the villages and its destinations among the services by id, and
// answers Nearest and Costs from the listed pairs alone. A pair the
// matrix does not list is unreachable; a village it never names is
// "unlisted".
//
// Units: costs are in the file's unit, declared by Mode.Unit (metres or
// minutes). A Mode and its travel.Snapped are safe for concurrent use.
package matrix
