// Package jsonscan checks and walks JSON held in memory for the GeoJSON
// readers: a Scanner accepting exactly the grammar encoding/json accepts,
// an iterator over an object's members, and the decoding of keys and
// strings as encoding/json would see them, all without allocating for the
// common cases. Anything the scanner declines is left to encoding/json,
// which words the error.
//
// Concurrency: a Scanner or ObjectIter is used from one goroutine; the
// functions keep no state.
package jsonscan
