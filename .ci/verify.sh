#!/usr/bin/env bash
# make verify: cross-checks partons' reports against independent tools.
#
#   bash .ci/verify.sh bin/partons
#
# (a) GDAL reads villages.geojson/.csv of the demo run as QGIS would;
# (b) pyproj's WGS84 geodesic, brute force, recomputes every nearest /
#     domestic / abroad distance, nearest id and threshold count of the demo
#     run and of a synthetic run;
# (c) PROJ projects points to EPSG 3035, 2154, 31370, 32631 and partons must
#     read them back to the same lon/lat;
# (d) scipy's cKDTree (planar, EPSG:3035) agrees with the geodesic nearest;
# (t) transit: range-RAPTOR answers (benchmarks/transitprofile) on random
#     timetables and on the real feeds of $VERIFY_GTFS (default
#     ../shared/data/gtfs, never copied into the project; skipped with a note
#     when absent) agree minute for minute with a time-expanded graph
#     searched by networkx (.ci/verify/transit_oracle.py); the timetable
#     partons read from those feeds is rebuilt from the raw files by a
#     reading of GTFS of its own (.ci/verify/gtfs_oracle.py): every trip,
#     call, time and transfer of the day must agree;
# (e) exit codes: 3 for invalid input data (naming file and line), 2 for usage,
#     5 for a diff guard whose indicator is unknown (never a NaN crash);
# (s) the static site of `partons site` (demo with its residents' reports and
#     official indicators; every village page shows both):
#     parsed independently (no script, every link resolves, outside links
#     only to the form, OSM and evidence), then every page loaded in
#     headless Chromium (no request outside the site, no console error),
#     the language switch clicked, keyboard, contrast, phone width and A4
#     print checked; a run with boundaries naming areas: one outline per
#     area of its areas.geojson on the maps (.ci/verify/site_browser.py);
# (f) opening_hours: every value of the OSM extracts evaluates as the
#     reference JavaScript evaluator has it (npm opening_hours, installed
#     by hours_oracle.py as a test tool).
#
# Each check is a script in .ci/verify/ printing PASS/FAIL lines; this
# script tallies them, prints "verify: N passed, M failed" and exits non-zero
# on any failure. Missing tools are installed with apt-get (as root, Debian
# 12); Debian's Python modules are used through /usr/bin/python3.
# Knobs: VERIFY_SYNTH_VILLAGES (3000), VERIFY_SYNTH_SERVICES (300).
set -euo pipefail

cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 PARTONS_BINARY (e.g. bin/partons, built by make build)" >&2
	exit 2
fi
BIN=$(realpath "$1")
PY=/usr/bin/python3
HERE=.ci/verify
SYNTH_VILLAGES=${VERIFY_SYNTH_VILLAGES:-3000}
SYNTH_SERVICES=${VERIFY_SYNTH_SERVICES:-300}
SAMPLE=datasets/westhoek/data
export PYTHONDONTWRITEBYTECODE=1

# --- tools ------------------------------------------------------------------
APT_PACKAGES=(gdal-bin proj-bin python3-pyproj python3-scipy python3-numpy python3-networkx python3-pyosmium osmium-tool chromium qgis python3-qgis)
# Node.js only when absent: a machine may carry another build of it (one
# whose nodejs package bundles npm and conflicts with Debian's npm).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	APT_PACKAGES+=(nodejs npm)
fi
tools_present() {
	local c
	for c in ogrinfo ogr2ogr cs2cs projinfo osmium chromium node npm; do
		command -v "$c" >/dev/null 2>&1 || return 1
	done
	[ -x "$PY" ] && "$PY" -c 'import pyproj, scipy, numpy, networkx, osmium, qgis.core' >/dev/null 2>&1
}
if ! tools_present; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "verify: missing tools; as root run: apt-get install ${APT_PACKAGES[*]}" >&2
		exit 1
	fi
	echo "== installing ${APT_PACKAGES[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
	tools_present || { echo "verify: tools still missing after apt-get install" >&2; exit 1; }
fi
echo "== tools: $(ogrinfo --version); PROJ $("$PY" -c 'import pyproj; print(pyproj.proj_version_str)'); pyproj $("$PY" -c 'import pyproj; print(pyproj.__version__)'); scipy $("$PY" -c 'import scipy; print(scipy.__version__)')"

# --- bookkeeping -------------------------------------------------------------
W=$(mktemp -d "${TMPDIR:-/tmp}/partons-verify.XXXXXX")
trap 'rm -rf "$W"' EXIT
passed=0
failed=0

# tally NAME LOG RC: add the PASS/FAIL lines of LOG; a script that failed
# without saying why counts as one failure.
tally() {
	local p f
	p=$(grep -c '^PASS ' "$2" || true)
	f=$(grep -c '^FAIL ' "$2" || true)
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL [$1] exited with status $3"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

# check NAME CMD...: run one check script, showing and tallying its lines.
check() {
	local name=$1 rc=0
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$W/$name.log" || rc=${PIPESTATUS[0]}
	tally "$name" "$W/$name.log" "$rc"
}

# step NAME CMD...: a preparation step; PASS or FAIL with its output's tail.
step() {
	local name=$1
	shift
	if "$@" >"$W/step.log" 2>&1; then
		echo "PASS [setup] $name"
		passed=$((passed + 1))
	else
		echo "FAIL [setup] $name (exit $?):"
		tail -5 "$W/step.log" | sed 's/^/     /'
		failed=$((failed + 1))
	fi
}

# --- runs to check -----------------------------------------------------------
echo "== runs"
step "partons run (embedded Westhoek sample)" "$BIN" run -q --out "$W/demo"
step "synthetic data: $SYNTH_VILLAGES villages x $SYNTH_SERVICES services" \
	go run ./benchmarks/synth -villages "$SYNTH_VILLAGES" -services "$SYNTH_SERVICES" -out "$W/synth"
step "partons run (synthetic)" "$BIN" run -q --villages "$W/synth/villages.geojson" \
	--services "$W/synth/services.csv" --out "$W/synth/out"

# --- checks ------------------------------------------------------------------
check gdal "$PY" "$HERE/gdal_outputs.py" --out "$W/demo" --villages "$SAMPLE/villages.geojson"
check geodesic-demo "$PY" "$HERE/geodesic_oracle.py" --label demo --coverage manifest \
	--villages "$SAMPLE/villages.geojson" --services "$SAMPLE/services.geojson" --out "$W/demo"
check geodesic-synth "$PY" "$HERE/geodesic_oracle.py" --label synth --coverage all \
	--villages "$W/synth/villages.geojson" --services "$W/synth/services.csv" --out "$W/synth/out"
check proj "$PY" "$HERE/proj_roundtrip.py" --bin "$BIN"
check kdtree "$PY" "$HERE/kdtree_sanity.py" \
	--villages "$W/synth/villages.geojson" --services "$W/synth/services.csv" --out "$W/synth/out"
check exit-codes "$PY" "$HERE/exit_codes.py" --bin "$BIN"
check roads "$PY" "$HERE/road_oracle.py" --bin "$BIN"
check access "$PY" "$HERE/access_oracle.py" --bin "$BIN"
check osm "$PY" "$HERE/osm_extract.py" --bin "$BIN"
check locate "$PY" "$HERE/locate_milp.py" --bin "$BIN"
check report-gpkg "$PY" "$HERE/report_gpkg.py" --bin "$BIN" --villages "$SAMPLE/villages.geojson" --services "$SAMPLE/services.geojson" --work "$W/report-gpkg"
check report-html "$PY" "$HERE/report_html.py" --bin "$BIN" --work "$W/report-html"
check hours "$PY" "$HERE/hours_oracle.py" --work "$W/hours"
check site "$PY" "$HERE/site_browser.py" --bin "$BIN" --work "$W/site"

# --- transit: range-RAPTOR against networkx's time-expanded graph -----------
TP="$W/transitprofile"
step "build benchmarks/transitprofile" go build -o "$TP" ./benchmarks/transitprofile
for seed in 1 2 3 4; do
	step "transit: random timetable $seed" "$TP" -random "$seed" -villages 4 -services 8 -out "$W/transit-r$seed"
	check "transit-random-$seed" "$PY" "$HERE/transit_oracle.py" --work "$W/transit-r$seed" --label "random-$seed"
done
step "transit: the committed sample-gtfs-feed (frequencies, stations called at)" "$TP" -gtfs datasets/gtfs/testdata/sample-gtfs-feed \
	-date 2019-05-15 -from 08:00 -to 08:30 -villages 2 -services 2 -out "$W/transit-sample"
check gtfs-sample "$PY" "$HERE/gtfs_oracle.py" --work "$W/transit-sample" --gtfs datasets/gtfs/testdata/sample-gtfs-feed --label sample
GTFS=${VERIFY_GTFS:-../shared/data/gtfs}
if [ -f "$GTFS/bart.zip" ] && [ -f "$GTFS/caltrain.zip" ] && [ -f "$GTFS/trimet-2routes.zip" ]; then
	step "transit: BART + Caltrain (two feeds, footpaths between them)" "$TP" -gtfs "$GTFS/bart.zip" -gtfs "$GTFS/caltrain.zip" \
		-villages 8 -services 16 -from 06:30 -to 08:00 -out "$W/transit-bart"
	check transit-bart-caltrain "$PY" "$HERE/transit_oracle.py" --work "$W/transit-bart" --label bart-caltrain
	check gtfs-bart-caltrain "$PY" "$HERE/gtfs_oracle.py" --work "$W/transit-bart" --gtfs "$GTFS/bart.zip" --gtfs "$GTFS/caltrain.zip" --label bart-caltrain
	step "transit: TriMet, two routes" "$TP" -gtfs "$GTFS/trimet-2routes.zip" -villages 6 -services 12 -out "$W/transit-trimet"
	check transit-trimet "$PY" "$HERE/transit_oracle.py" --work "$W/transit-trimet" --label trimet
	check gtfs-trimet "$PY" "$HERE/gtfs_oracle.py" --work "$W/transit-trimet" --gtfs "$GTFS/trimet-2routes.zip" --label trimet
else
	echo "     [transit] real feeds not found in $GTFS (set VERIFY_GTFS): real-feed oracle skipped"
fi

echo "verify: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
