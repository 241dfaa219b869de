package locate

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"
)

// The GeoPackage's services layer holds the chosen sites, each with the
// file it was read from and the data date that file states (the UTC day
// of 31 March: 01:30 in Brussels on 1 April); a CSV file states none.
func TestSitesProvenance(t *testing.T) {
	dir := t.TempDir()
	villages := filepath.Join(dir, "v.geojson")
	if err := os.WriteFile(villages, []byte(`{"type":"FeatureCollection","data_date":"2024-04-01T01:30:00+02:00","features":[`+
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.885,50.850]},"properties":{"id":"a","name":"Alpha","country":"BE","population":100}},`+
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.950,50.860]},"properties":{"id":"b","name":"Beta","country":"BE","population":50}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	services := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(services, []byte("id,name,category,country,lon,lat\np1,Post,amenity=post_office,BE,2.700,50.800\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "where")
	o := Options{Model: "pmedian", P: 1, Radius: -1, Solver: "auto", MaxNodes: 1000, Lang: "en", Format: "gpkg",
		Villages: []string{villages}, Services: []string{services}, Out: out}
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(out, "partons.gpkg")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT id, source, source_date, reports FROM services ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string][3]string{}
	for rows.Next() {
		var id string
		var p [3]sql.NullString // the GeoPackage stores empty text as NULL
		if err := rows.Scan(&id, &p[0], &p[1], &p[2]); err != nil {
			t.Fatal(err)
		}
		got[id] = [3]string{p[0].String, p[1].String, p[2].String}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["p1"] != [3]string{"s.csv", "", ""} {
		t.Errorf("services layer %v: want the existing p1 and one village", got)
	}
	for id, p := range got {
		if id != "p1" && p != [3]string{"v.geojson", "2024-03-31", ""} {
			t.Errorf("site %s: %q", id, p)
		}
	}
}
