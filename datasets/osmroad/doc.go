// Package osmroad reads OpenStreetMap extracts (PBF, XML, bzip2- or
// gzip-compressed XML) into routable road networks for the car, bicycle and
// foot profiles, ready for road.Build.
//
// Several extracts can be read at once, e.g. Belgium and Nord-Pas-de-Calais:
// objects are merged by OSM id (the highest version wins), so a node present
// in both files is one vertex and a road crossing the border is one road.
// The reader makes two passes over each source (ways, then the nodes they
// reference); see ReadProfiles. ReadAll builds the three networks in one
// read. Files are opened, checked and scanned by datasets/osmfile; a
// Collector builds the networks in the same passes as another reader of
// the same files (osmfile.Read).
//
// # Profiles
//
// The full rules, with their reasons, are in PROFILES.md. In short:
//
//	highway=                          car        bicycle    foot
//	motorway(_link)                   yes        no         no
//	trunk(_link)                      yes        yes¹       yes¹
//	primary…tertiary(_link),
//	unclassified, residential,
//	living_street, service, road      yes        yes        yes
//	track                             explicit²  yes        yes
//	cycleway, path                    no         yes        yes
//	footway, pedestrian, bridleway    no         explicit²  yes
//	steps                             no         no         yes
//	¹ not with motorroad=yes  ² only with an allowing motorcar/motor_vehicle
//	  (car) or bicycle (bicycle) tag
//
//	access chain (most specific decides)  allow: yes designated permissive
//	  car:     access vehicle motor_vehicle motorcar   destination delivery
//	  bicycle: access vehicle bicycle                  customers official …
//	  foot:    access foot                             deny: no private
//	                                                   agricultural forestry …
//	oneway: yes/true/1 forward, -1/reverse backward, no both; roundabouts and
//	  motorways imply forward for car and bicycle; oneway:bicycle=no and
//	  contraflow cycleways lift it for bicycles; foot reads only oneway:foot.
//	speed:  car min(maxspeed, class default: motorway 110 … residential 30,
//	  service 15 km/h); bicycle 15 km/h; foot 4.8 km/h.
//
// Ferries (route=ferry) are not routable. Turn restrictions are not read.
//
// # Units
//
// Coordinates are WGS84 lon/lat degrees (orb.Point), lengths metres (WGS84
// ellipsoidal geodesic, geo/geodesic), speeds km/h.
//
// # Errors
//
// A malformed, truncated or unsupported file fails the whole read with an
// *osmfile.FileError naming the source (see datasets/osmfile), all of
// whose sentinels wrap datasets.ErrInvalid. A partial network is never
// returned. References to nodes absent from every source (the edge of an
// extract) are not errors: they are counted in the Report and the way is
// split there.
//
// # Concurrency
//
// A read runs on the calling goroutine, plus Options.Procs PBF decoding
// goroutines of github.com/paulmach/osm/osmpbf and as many short-lived
// goroutines measuring segment lengths. Separate reads may run
// concurrently. Returned networks and reports belong to the caller.
//
// Data read with this package is © OpenStreetMap contributors, available
// under the ODbL 1.0; see Attribution.
package osmroad
