// Package summary writes the short text account a run prints when it is
// done: what was read, the road network, and per country and category the
// shares of people within each threshold and the median, by distance and
// by public transport. Figures come from the analysis and the manifest;
// the text is the same for the same run. Distances are in metres, times
// in minutes.
//
// Write holds no state; safe for concurrent use on different writers.
package summary
