// Package placenames names the places and countries of the Westhoek and
// French Flanders in Dutch, French and English (Ieper/Ypres,
// Dunkerque/Duinkerke, Bailleul/Belle), for outputs written in one of
// those languages from data that names each place once, in its own
// language. A name the table does not know is kept as it is written.
//
// Concurrency: read-only tables; safe for concurrent use.
package placenames
