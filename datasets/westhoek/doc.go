// Package westhoek embeds a small, licence-clean sample of real data for
// the Westhoek, the Belgian–French border region around Ypres, Dunkirk and
// Hazebrouck, so that `partons run` with no arguments analyses a real
// cross-border case.
//
// The sample has four files, named by the constants VillagesFile,
// ServicesFile, AreasFile and MetadataFile:
//
//   - villages: French communes (polygons, INSEE code, population, EPCI,
//     and the point each is measured from: its OpenStreetMap place node)
//     and Belgian OpenStreetMap place nodes (city, town, village, hamlet)
//     inside the West Flanders municipalities plus Mouscron and
//     Comines-Warneton, with their municipality NIS code;
//   - services: Belgian OpenStreetMap 2015 nodes of the categories the
//     default taxonomy maps, and every La Poste contact point of 2020 on
//     the French side. The category property holds the raw source value
//     ("amenity=pharmacy", "Bureau de Poste"); map it with
//     taxonomy.Default();
//   - areas: Belgian municipalities and French EPCI with their official
//     populations;
//   - metadata: sources, licences and attribution strings, counts, what was
//     left out, and the coverage of every category in every country.
//
// Coverage matters: French services are postal counters only, and Belgian
// services are 2015 OpenStreetMap nodes. A report built on this sample must
// say, per category and country, whether the data covers it (see
// Metadata.CoverageOf) and must never present a missing category as a
// missing service. Population is null for most Belgian places; it is
// unknown, not zero. README.md in this directory gives the numbers.
//
// Units: coordinates are WGS84 longitude/latitude in degrees (RFC 7946),
// exactly as in the sources; populations are head counts.
//
// The files are regenerated with
//
//	go run ./datasets/westhoek/gen -src <directory of the upstream files> -out datasets/westhoek/data
//
// Concurrency: every function is safe for concurrent use; the byte slices
// returned are fresh copies owned by the caller.
package westhoek
