// Package odmatrix reads external cost matrices and demand/supply tables
// from delimited text files (CSV), strictly.
//
// Three table shapes are read, each with a header line naming its
// columns (extra columns are ignored):
//
//	origin_id,destination_id,cost   an origin–destination cost matrix (ReadOD)
//	id,population                   demand: people per origin (ReadDemand)
//	id,capacity                     supply: capacity per destination (ReadSupply)
//
// The delimiter (comma, semicolon or tab) is detected from the header
// line; a UTF-8 byte order mark is skipped; invalid UTF-8 in the columns
// read is rejected; header names are trimmed and matched case-sensitively.
// A decimal comma ("12,5") is accepted only in semicolon-separated files.
//
// A matrix lists only the pairs that can be travelled: a pair missing
// from the file is unreachable, never cost zero. Costs must be finite and
// non-negative, and each (origin, destination) pair may appear once.
// Populations and capacities must be finite, non-negative and present.
// Ids are trimmed, non-empty and unique within a table. Whether the ids of
// a matrix appear in the demand and supply tables is checked separately
// by Matrix.Check, since a matrix may be read before the tables are.
//
// Every problem in a file is reported at once, as a datasets.ErrorList of
// *datasets.RecordError naming the source, the 1-based line (the header is
// line 1) and the column at fault (capped at datasets.MaxProblems);
// errors.Is(err, datasets.ErrInvalid) holds for such errors. Failures of
// the underlying reader are returned wrapped instead.
//
// Units: costs are in whatever unit the file uses (metres, minutes, …);
// this package does not interpret them.
//
// Concurrency: the readers keep no shared state and may run concurrently
// on different inputs. A Matrix is not modified after it is returned and
// may be read from many goroutines.
package odmatrix
