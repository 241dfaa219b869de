// Package flex reads on-demand public transport: the GTFS-Flex part of a
// GTFS feed (locations.geojson zones, location_groups with their stops,
// booking_rules, and the stop_times rows with pickup and drop-off windows
// and the duration fields mean_/safe_duration_factor and _offset), and a
// configuration file of on-demand zones (see ReadZones), into one Flex
// record. Package gtfs reads the same feed's timetabled trips and counts
// these as "flex"; together they account for every row.
//
// No GTFS library served to the project reads GTFS-Flex (the one that is,
// github.com/jamespfennell/gtfs, drops Flex trips), so these files are
// read here, as strictly as package gtfs reads the rest: every problem is
// collected with its feed, file, line (or GeoJSON feature) and field.
//
// Units: times are GTFS times in seconds of the service day; duration
// offsets are seconds (as OpenTripPlanner reads the draft fields);
// coordinates are WGS84 lon/lat degrees; on-demand distances are metres
// and booking lead times minutes. A Flex is not modified after it is
// read and is safe for concurrent reads.
package flex
