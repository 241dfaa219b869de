package transittest

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/partons/partons/datasets/gtfs"
)

// WriteGTFS writes tt into dir as one GTFS feed of namespaced ids, every
// trip on one service "day" running on tt.Date only: agency, stops,
// routes, trips, stop_times, calendar_dates and transfers (.txt). Times
// of the previous day's trips, negative in a Timetable, are written with
// a minus sign ("-00:10:00"), which GTFS itself does not allow: the
// files are for oracles, not for other GTFS readers.
func WriteGTFS(dir string, tt *gtfs.Timetable) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	date := tt.Date.Format("20060102")
	files := map[string][][]string{
		"agency.txt":         {{"agency_id", "agency_name", "agency_url", "agency_timezone"}, {"x", "x", "https://example.org", "UTC"}},
		"calendar_dates.txt": {{"service_id", "date", "exception_type"}, {"day", date, "1"}},
	}
	stops := [][]string{{"stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"}}
	for _, s := range tt.Stops {
		stops = append(stops, []string{s.ID, s.Name, strconv.FormatFloat(s.Lat, 'f', -1, 64),
			strconv.FormatFloat(s.Lon, 'f', -1, 64), "0", s.Parent})
	}
	routes := [][]string{{"route_id", "agency_id", "route_short_name", "route_type"}}
	seen := map[string]bool{}
	trips := [][]string{{"route_id", "service_id", "trip_id"}}
	times := [][]string{{"trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "pickup_type", "drop_off_type"}}
	for _, tr := range tt.Trips {
		if !seen[tr.RouteID] {
			seen[tr.RouteID] = true
			routes = append(routes, []string{tr.RouteID, "x", tr.RouteID, strconv.Itoa(tr.RouteType)})
		}
		trips = append(trips, []string{tr.RouteID, "day", tr.ID})
		for i, st := range tr.Times {
			times = append(times, []string{tr.ID, clock(st.Arrival), clock(st.Departure), tt.Stops[st.Stop].ID,
				strconv.Itoa(i + 1), flag(st.NoPickup), flag(st.NoDropOff)})
		}
	}
	transfers := [][]string{{"from_stop_id", "to_stop_id", "transfer_type", "min_transfer_time"}}
	for _, t := range tt.Transfers {
		mt := ""
		if t.Type == 2 {
			mt = strconv.Itoa(int(t.MinSeconds))
		}
		transfers = append(transfers, []string{tt.Stops[t.From].ID, tt.Stops[t.To].ID, strconv.Itoa(int(t.Type)), mt})
	}
	files["stops.txt"], files["routes.txt"], files["trips.txt"] = stops, routes, trips
	files["stop_times.txt"], files["transfers.txt"] = times, transfers
	for name, rows := range files {
		if err := WriteCSV(filepath.Join(dir, name), rows); err != nil {
			return err
		}
	}
	return nil
}

func clock(s int32) string {
	if s < 0 {
		return "-" + clock(-s)
	}
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// WriteCSV writes rows to path as CSV (RFC 4180), creating or
// truncating the file.
func WriteCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
