// Package population enriches villages with official population figures
// per municipality (Statbel per NIS code, INSEE per commune code, or any
// CSV with a code, a name and a population column).
//
// # Matching a village to its municipality
//
// A village's municipality row is found, in this order:
//
//  1. by code: the village's area code (the NIS or INSEE code of the
//     municipality containing it) equals a row's code;
//  2. by area name: the village's area name equals a row's name after
//     normalisation (below), the match being unique among the rows of the
//     tables of the village's country;
//  3. when the village has neither area code nor area name: its own code,
//     or its own name normalised, unique among the rows of its country, as
//     above; the village then stands for the municipality.
//
// Codes are compared as trimmed strings, and all-digit codes also with
// leading zeros dropped ("01001" and "1001" agree). Names are normalised by
// folding case and the accents of Latin letters, and treating hyphens,
// apostrophes, dots and runs of white space alike: "Aix-en-Pévèle" and
// "aix en pevele" agree.
//
// A village stands for its municipality when its own code equals the row's
// code or its normalised name equals the row's name (the main village of a
// commune carries the commune's name).
//
// # Assigning figures
//
// A municipality's figure counts everyone living in it, in every village
// and hamlet. It is therefore given to a single village only when that
// village is the only one of the municipality in the data and stands for
// it (status Official; an existing measured value is replaced, official
// figures being dated and authoritative). Otherwise, without apportioning,
// nothing changes: villages keep their measured population (Kept) or stay
// Unknown, and the report counts the municipalities whose figure was not
// used.
//
// With Options.Apportion, the figure P of a municipality with several
// villages is apportioned: villages with a measured population keep it;
// the remainder R = P − (sum of measured values) is split among the other
// villages in proportion to their weights (the caller's; osmextract uses
// 1000 for a city, 100 for a town, 10 for a village, 1 for a hamlet,
// roughly the ratio of typical sizes of the OSM place classes), rounded to
// whole people by the largest-remainder method, so the apportioned values
// add up to R exactly (ties go to the earlier village). When the measured
// values already exceed P, nothing is apportioned and the municipality is
// reported. A single village that does not stand for its municipality gets
// all of R.
//
// Every village ends with one status: Kept (its measured value), Official,
// Apportioned or Unknown. Nothing is ever set to zero for lack of data.
//
// # Units and concurrency
//
// Populations are people. Tables are immutable once read and safe for
// concurrent use; Enrich does not modify its inputs.
package population
