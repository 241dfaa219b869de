package main

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

const accessData = "../../testdata/access/"

// accessRun runs `partons access` with args; it returns the error, stdout
// and stderr.
func accessRun(t testing.TB, args ...string) (error, string, string) {
	t.Helper()
	cmd := newAccessCmd()
	var out, errb bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return err, out.String(), errb.String()
}

// accessRead reads an output CSV as header + rows.
func accessRead(t testing.TB, path string) ([]string, [][]string) {
	t.Helper()
	recs := csvRows(t, path)
	return recs[0], recs[1:]
}

func accessInputs(name string) []string {
	return []string{"--matrix", accessData + name + "_od.csv", "--demand", accessData + name + "_demand.csv",
		"--supply", accessData + name + "_supply.csv"}
}

// checkColumn compares column 1 of rows, in order, with want (NaN: empty).
func checkColumn(t testing.TB, rows [][]string, ids []string, want []float64, tol float64) {
	t.Helper()
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for k, r := range rows {
		if r[0] != ids[k] {
			t.Errorf("row %d id %q, want %q (demand order)", k, r[0], ids[k])
		}
		if math.IsNaN(want[k]) {
			if r[1] != "" {
				t.Errorf("%s = %q, want empty", r[0], r[1])
			}
			continue
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil || math.Abs(v-want[k]) > tol {
			t.Errorf("%s = %q, want %v", r[0], r[1], want[k])
		}
	}
}

// PySAL access's published hospital values, through the command line.
func TestAccessHospitalPySAL(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		model string
		want  []float64
	}{
		{"2sfca", []float64{0.331444, 0.579828, 7.286418}},
		{"3sfca", []float64{0.156257, 0.406216, 9.906352}},
	} {
		out := filepath.Join(dir, tc.model+".csv")
		args := append(accessInputs("hospital"), "--model", tc.model, "--decay", "power:alpha=-1,dmin=1", "--max-cost", "60", "--out", out)
		err, stdout, stderr := accessRun(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		if stderr != "" || !strings.Contains(stdout, "access_"+tc.model+" (decay power:scale=1,alpha=-1,dmin=1, max cost 60): 3 demand, 3 supply") {
			t.Errorf("stdout %q, stderr %q", stdout, stderr)
		}
		h, rows := accessRead(t, out)
		if strings.Join(h, ",") != "id,access_"+tc.model {
			t.Errorf("header %v", h)
		}
		checkColumn(t, rows, []string{"1", "2", "3"}, tc.want, 5e-7)
	}
}

// Hand-worked 2SFCA with a 30-minute step catchment (see
// testdata/access/README.md): gp1 serves v1+v2 (1500 people, 2 GPs), gp2
// v1+v3 (3000, 1), gp3 v3+v4 (2300, 3); v4–gp1 at 45 minutes is cut; v5
// reaches nothing.
func TestAccessVillagesHandWorked(t *testing.T) {
	dir := t.TempDir()
	out, svc := filepath.Join(dir, "a.csv"), filepath.Join(dir, "s.csv")
	args := append(accessInputs("villages"), "--max-cost", "30", "--out", out, "--services", svc)
	err, stdout, stderr := accessRun(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"v1", "v2", "v3", "v4", "v5"}
	_, rows := accessRead(t, out)
	checkColumn(t, rows, ids, []float64{2.0/1500 + 1.0/3000, 2.0 / 1500, 1.0/3000 + 3.0/2300, 3.0 / 2300, math.NaN()}, 1e-15)
	if !strings.Contains(stderr, "1 of 5 demand locations (population 80) have no supply in reach") {
		t.Errorf("stderr %q", stderr)
	}
	if !strings.Contains(stdout, "6 pairs kept of 7") {
		t.Errorf("stdout %q", stdout)
	}
	h, srows := accessRead(t, svc)
	if strings.Join(h, ",") != "id,capacity,catchment_locations,catchment_population,weighted_demand,supply_per_person,people_per_unit" {
		t.Errorf("services header %v", h)
	}
	want := [][]string{
		{"gp1", "2", "2", "1500", "1500", strconv.FormatFloat(2.0/1500, 'g', -1, 64), "750"},
		{"gp2", "1", "2", "3000", "3000", strconv.FormatFloat(1.0/3000, 'g', -1, 64), "3000"},
		{"gp3", "3", "2", "2300", "2300", strconv.FormatFloat(3.0/2300, 'g', -1, 64), strconv.FormatFloat(2300.0/3, 'g', -1, 64)},
	}
	for k := range want {
		if strings.Join(srows[k], ",") != strings.Join(want[k], ",") {
			t.Errorf("service row %v, want %v", srows[k], want[k])
		}
	}

	// Other models on the same inputs.
	for _, tc := range []struct {
		args []string
		want []float64
	}{
		{[]string{"--model", "nearest1", "--max-cost", "30"}, []float64{5, 12, 8, 4, math.NaN()}},
		{[]string{"--model", "nearest:2"}, []float64{15, math.NaN(), 13, 24.5, math.NaN()}},
		{[]string{"--model", "cumulative", "--max-cost", "20"}, []float64{2, 2, 4, 3, 0}},
		{[]string{"--model", "gravity", "--decay", "linear:50"}, []float64{2*0.9 + 0.5, 2 * 0.76, 0.84 + 3*0.64, 3*0.92 + 2*0.1, 0}},
		// E2SFCA, Luo–Qi bands: gp1 sees v1 (w 1), v2 (0.68); gp2 v1 (0.22),
		// v3 (1); gp3 v3 (0.68), v4 (1).
		{[]string{"--model", "e2sfca"}, func() []float64 {
			r1, r2, r3 := 2/(1000+500*0.68), 1/(1000*0.22+2000), 3/(2000*0.68+300)
			return []float64{r1 + 0.22*r2, 0.68 * r1, r2 + 0.68*r3, r3, math.NaN()}
		}()},
	} {
		args := append(accessInputs("villages"), append(tc.args, "--out", out)...)
		if err, _, _ := accessRun(t, args...); err != nil {
			t.Fatal(err)
		}
		_, rows := accessRead(t, out)
		checkColumn(t, rows, ids, tc.want, 1e-12)
	}
}

func TestAccessErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	demand := write("d.csv", "id,population\na,10\nb,5\n")
	supply := write("s.csv", "id,capacity\nx,1\n")
	good := write("m.csv", "origin_id,destination_id,cost\na,x,3\n")
	out := filepath.Join(dir, "out.csv")
	base := func(matrix string, extra ...string) []string {
		return append([]string{"--matrix", matrix, "--demand", demand, "--supply", supply, "--out", out}, extra...)
	}
	usage := []struct {
		name string
		args []string
		msg  string
	}{
		{"no matrix", []string{"--demand", demand, "--supply", supply, "--out", out}, "--matrix is required"},
		{"no out", []string{"--matrix", good, "--demand", demand, "--supply", supply}, "--out is required"},
		{"bad model", base(good, "--model", "4sfca"), "unknown model"},
		{"bad decay", base(good, "--decay", "gaussian:sigma=-1"), "sigma -1 must be > 0"},
		{"negative max cost", base(good, "--max-cost", "-5"), "--max-cost -5"},
	}
	for _, tc := range usage {
		err, _, _ := accessRun(t, tc.args...)
		if exitCode(err) != exitUsage || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err %v (exit %d), want usage error with %q", tc.name, err, exitCode(err), tc.msg)
		}
	}
	bad := []struct {
		name, matrix, msg string
	}{
		{"unknown ids", write("u.csv", "origin_id,destination_id,cost\na,x,1\nq,x,2\nb,y,3\n"),
			`u.csv:3: field "origin_id": origin id "q" is not in the demand table (1 pair)`},
		{"unknown destination", write("u2.csv", "origin_id,destination_id,cost\na,x,1\nb,y,3\n"),
			`u2.csv:3: field "destination_id": destination id "y" is not in the supply table`},
		{"negative cost", write("n.csv", "origin_id,destination_id,cost\na,x,-1\n"), `n.csv:2: field "cost": cost -1 is negative`},
		{"NaN cost", write("nan.csv", "origin_id,destination_id,cost\na,x,NaN\n"), `nan.csv:2: field "cost"`},
		{"duplicate pair", write("dup.csv", "origin_id,destination_id,cost\na,x,1\nb,x,2\na,x,1\n"),
			`dup.csv:4: field "destination_id": duplicate pair ("a", "x") (first at line 2)`},
		{"empty", write("e.csv", ""), "e.csv: empty file"},
		{"missing column", write("c.csv", "origin,destination_id,cost\na,x,1\n"), `required column "origin_id" is missing`},
	}
	for _, tc := range bad {
		err, _, _ := accessRun(t, base(tc.matrix)...)
		if !errors.Is(err, datasets.ErrInvalid) || exitCode(err) != exitInvalid || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err %v, want invalid data with %q", tc.name, err, tc.msg)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("an output was written despite the errors: %v", err)
	}
	// A missing file is a plain failure.
	if err, _, _ := accessRun(t, base(filepath.Join(dir, "nope.csv"))...); err == nil || exitCode(err) != exitError {
		t.Errorf("missing file: %v", err)
	}
}
