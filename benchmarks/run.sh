#!/usr/bin/env bash
# make bench: partons' Go benchmarks and the peer baselines in ONE run on
# the same machine, printed as Markdown for benchmarks/RESULTS.md, with
# every ratio taken against the baseline measured in this run.
#
#   bash benchmarks/run.sh > run.md        (progress goes to stderr)
#
# 1. go test -bench on ./benchmarks/ (BenchmarkPipeline100kx1k,
#    BenchmarkCompute100kx1k, BenchmarkNearestPerVillage/{rtree,bruteforce})
#    and on ./geo/... ;
# 2. end to end: synthetic 100k villages x 1k services (benchmarks/synth),
#    `partons run` RUNS times under /usr/bin/time -v (median wall, max RSS);
# 3. the Python peer (benchmarks/peer/nearest_scipy.py: json/csv, pyproj to
#    EPSG:3035, scipy cKDTree per category) RUNS times on the same files.
#
# Knobs (environment):
#   BENCHTIME=3x         -benchtime for ./benchmarks/
#   GEO_PKGS=./geo/...   packages for the second go test (empty: skip)
#   GEO_BENCH=.          -bench pattern for them
#   GEO_BENCHTIME=1s     -benchtime for them
#   BENCH_VILLAGES=100000 BENCH_SERVICES=1000 RUNS=3
#   PARTONS_BIN=         a prebuilt binary (default: built into a temp dir)
# Needs Go, /usr/bin/time, /usr/bin/python3 with pyproj, scipy, numpy;
# installs the missing Debian packages with apt-get when run as root.
set -euo pipefail

cd "$(dirname "$0")/.."
export BENCHTIME=${BENCHTIME:-3x}
export GEO_PKGS=${GEO_PKGS-./geo/...}
export GEO_BENCH=${GEO_BENCH:-.}
export GEO_BENCHTIME=${GEO_BENCHTIME:-1s}
export BENCH_VILLAGES=${BENCH_VILLAGES:-100000}
export BENCH_SERVICES=${BENCH_SERVICES:-1000}
export RUNS=${RUNS:-3}
export PYTHONDONTWRITEBYTECODE=1
PY=/usr/bin/python3

log() { echo "bench: $*" >&2; }

# --- tools ------------------------------------------------------------------
tools_present() {
	[ -x /usr/bin/time ] && [ -x "$PY" ] && "$PY" -c 'import pyproj, scipy, numpy' >/dev/null 2>&1
}
if ! tools_present; then
	if [ "$(id -u)" -ne 0 ]; then
		log "missing tools; as root run: apt-get install time python3-pyproj python3-scipy python3-numpy"
		exit 1
	fi
	log "installing time python3-pyproj python3-scipy python3-numpy"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		time python3-pyproj python3-scipy python3-numpy >/dev/null
	tools_present || { log "tools still missing after apt-get install"; exit 1; }
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/partons-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT

# --- machine ----------------------------------------------------------------
export BENCH_DATE=$(date -u +%Y-%m-%d)
export BENCH_COMMIT=$(git describe --tags --always --dirty 2>/dev/null || echo unknown)
export BENCH_CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
export BENCH_CORES=$(nproc)
export BENCH_GO=$(go version)
export BENCH_PY=$("$PY" -c 'import sys, pyproj, scipy; print(sys.version.split()[0] + ", pyproj " + pyproj.__version__ + ", scipy " + scipy.__version__)')
export BENCH_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- binary -----------------------------------------------------------------
if [ -n "${PARTONS_BIN:-}" ]; then
	BIN=$(realpath "$PARTONS_BIN")
else
	log "building partons"
	go build -trimpath -o "$W/partons" ./cmd/partons
	BIN=$W/partons
fi

# --- Go benchmarks ------------------------------------------------------------
log "go test -bench ./benchmarks/ (-benchtime $BENCHTIME)"
go test -run '^$' -bench . -benchmem -benchtime "$BENCHTIME" ./benchmarks/ | tee "$W/pipeline.bench" >&2
if [ -n "$GEO_PKGS" ]; then
	log "go test -bench '$GEO_BENCH' $GEO_PKGS (-benchtime $GEO_BENCHTIME)"
	# shellcheck disable=SC2086 # GEO_PKGS is a list of packages
	go test -run '^$' -bench "$GEO_BENCH" -benchmem -benchtime "$GEO_BENCHTIME" $GEO_PKGS | tee "$W/geo.bench" >&2
fi

# --- end to end ---------------------------------------------------------------
log "synthetic data: $BENCH_VILLAGES villages x $BENCH_SERVICES services"
go run ./benchmarks/synth -villages "$BENCH_VILLAGES" -services "$BENCH_SERVICES" -out "$W/data"
V=$W/data/villages.geojson
S=$W/data/services.csv

for i in $(seq 1 "$RUNS"); do
	log "partons run $i/$RUNS"
	rm -rf "$W/out"
	/usr/bin/time -v -o "$W/partons.$i.time" "$BIN" run -q --villages "$V" --services "$S" --out "$W/out" >/dev/null
	grep -E 'Elapsed|Maximum resident' "$W/partons.$i.time" >&2
done

for i in $(seq 1 "$RUNS"); do
	log "python peer $i/$RUNS"
	/usr/bin/time -v -o "$W/peer.$i.time" "$PY" benchmarks/peer/nearest_scipy.py \
		--villages "$V" --services "$S" --out "$W/peer.csv" --manifest "$W/out/manifest.json" \
		--repeat 1 >"$W/peer.$i.out"
	cat "$W/peer.$i.out" >&2
	grep -E 'Elapsed|Maximum resident' "$W/peer.$i.time" >&2
done

export BENCH_PARTONS_OUT_BYTES=$(du -sb "$W/out" | cut -f1)
export BENCH_PEER_OUT_BYTES=$(du -sb "$W/peer.csv" | cut -f1)
export BENCH_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
"$PY" benchmarks/peer/report.py "$W"

# --- roads: real OSM network ---------------------------------------------------
# 4. Road routing on the Andorra extract (benchmarks/testdata, 203k nodes):
#    400 villages and 4 categories × 30 services placed near its roads with a
#    fixed seed (TestRoadInputsAndorra writes the CSVs). The Go road
#    benchmarks (BenchmarkRoadsEndToEndAndorra, BenchmarkRoadsComputeAndorra,
#    BenchmarkPrepareAndorra) ran with ./benchmarks/ above; here
#    BenchmarkRoadsEndToEndAndorra, `partons run --roads` and the Python peer
#    (benchmarks/peer/roads_pyosmium_scipy.py: pyosmium, car graph, cKDTree
#    snapping, scipy csgraph Dijkstra per category) run again RUNS times,
#    interleaved, on the same files. Needs python3-pyosmium besides the
#    tools above.
ROADS_PBF=benchmarks/testdata/andorra-2018-03-01.osm.pbf
if ! "$PY" -c 'import osmium' >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		log "missing python3-pyosmium; as root run: apt-get install python3-pyosmium"
		exit 1
	fi
	log "installing python3-pyosmium"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pyosmium >/dev/null
fi
log "road inputs: 400 villages x 120 services on $ROADS_PBF"
go test -run '^TestRoadInputsAndorra$' -count=1 ./benchmarks/ -roads.inputs "$W/roads" >&2
# Interleaved, so that a change of machine load hits all three alike.
for i in $(seq 1 "$RUNS"); do
	log "roads $i/$RUNS: BenchmarkRoadsEndToEndAndorra, partons run --roads, python peer"
	go test -run '^$' -bench '^BenchmarkRoadsEndToEndAndorra$' -benchmem -benchtime "$BENCHTIME" ./benchmarks/ \
		>"$W/roads-go.$i.txt"
	grep '^Benchmark' "$W/roads-go.$i.txt" >&2
	rm -rf "$W/roads-out"
	/usr/bin/time -v -o "$W/roads-partons.$i.time" "$BIN" run -q --roads "$ROADS_PBF" \
		--villages "$W/roads/villages.csv" --services "$W/roads/services.csv" --out "$W/roads-out" >/dev/null
	grep -E 'Elapsed|Maximum resident' "$W/roads-partons.$i.time" >&2
	/usr/bin/time -v -o "$W/roads-peer.$i.time" "$PY" benchmarks/peer/roads_pyosmium_scipy.py --pbf "$ROADS_PBF" \
		--villages "$W/roads/villages.csv" --services "$W/roads/services.csv" --out "$W/roads-peer.csv" >"$W/roads-peer.$i.out"
	cat "$W/roads-peer.$i.out" >&2
	grep -E 'Elapsed|Maximum resident' "$W/roads-peer.$i.time" >&2
done
export BENCH_LOAD_ROADS=$(cut -d' ' -f1-3 /proc/loadavg)
"$PY" - "$W" <<'PYEOF'
import glob, os, re, sys
sys.path.insert(0, "benchmarks/peer")
from report import dur, median, parse_bench, parse_time_v, ratio, size

w = sys.argv[1]
runs = lambda pat: [parse_time_v(p) for p in sorted(glob.glob(os.path.join(w, pat)))]
pt, qt = runs("roads-partons.*.time"), runs("roads-peer.*.time")
peer = []
for p in sorted(glob.glob(os.path.join(w, "roads-peer.*.out"))):
    m = re.search(r"roads_read_ms=([\d.]+) roads_search_ms=([\d.]+) roads_e2e_ms=([\d.]+)", open(p).read())
    if m:
        peer.append([float(x) / 1e3 for x in m.groups()])
bench = {n: v for f in glob.glob(os.path.join(w, "*.bench")) for _, n, v in parse_bench(f)}
ns = lambda n, u="ns/op": bench.get(n, {}).get(u)
go_e2e = [v.get("ns/op") for f in sorted(glob.glob(os.path.join(w, "roads-go.*.txt")))
          for _, n, v in parse_bench(f) if n == "BenchmarkRoadsEndToEndAndorra"]
p_wall, q_wall = median([t[0] for t in pt]), median([t[0] for t in qt])
q_read, q_search, q_e2e = (median([x[k] for x in peer]) for k in range(3))
e2e, comp = median(go_e2e), ns("BenchmarkRoadsComputeAndorra")
prep = "BenchmarkPrepareAndorra"
s = lambda x: x and x * 1e9
bad = [t for t in pt + qt if t[2] != 0]
print()
print("### Roads: Andorra OSM extract (203k nodes), 400 villages × 120 services, car, fastest route")
print()
print(f"Load average after the road runs: {os.environ.get('BENCH_LOAD_ROADS', '?')}.")
if bad:
    print(f"**{len(bad)} timed road process(es) exited non-zero: numbers below are not valid.**")
print()
print("| run | computes | wall (median) | max RSS | vs Python end to end |")
print("|---|---|---:|---:|---:|")
print(f"| `partons run --roads` (binary, {len(pt)} runs) | PBF read, car graph, snapping onto edges, one "
      f"multi-source Dijkstra per category, all straight-line metrics; 5 report files | {dur(s(p_wall))} | "
      f"{size(max([t[1] for t in pt if t[1]], default=None))} | {ratio(p_wall, q_e2e)} |")
print(f"| BenchmarkRoadsEndToEndAndorra (in process, no report files; median of {len(go_e2e)} runs) | same | {dur(e2e)} | – | "
      f"{ratio(e2e and e2e / 1e9, q_e2e)} |")
print(f"| BenchmarkRoadsComputeAndorra (graph prebuilt) | snapping, searches, metrics | {dur(comp)} | – | "
      f"{ratio(comp and comp / 1e9, q_e2e)} |")
print(f"| Python peer, process (`benchmarks/peer/roads_pyosmium_scipy.py`, {len(qt)} runs) | pyosmium read, "
      f"car graph, nearest-vertex snapping (cKDTree), csgraph Dijkstra per category; 1 CSV | {dur(s(q_wall))} | "
      f"{size(max([t[1] for t in qt if t[1]], default=None))} | {ratio(q_wall, q_e2e)} |")
print(f"| Python peer, end to end in process (imports excluded) | same | {dur(s(q_e2e))} | – | 1.00× |")
print(f"| Python peer, PBF read + graph build | | {dur(s(q_read))} | – | {ratio(q_read, q_e2e)} |")
print(f"| Python peer, snapping + searches | | {dur(s(q_search))} | – | {ratio(q_search, q_e2e)} |")
print()
print(f"- BenchmarkPrepareAndorra (car, bicycle and foot graphs from one read): {dur(ns(prep))}, "
      f"{ns(prep, 'MB/s') or 0:g} MB/s of PBF, graph file {ns(prep, 'bytes/edge') or 0:.0f} bytes per edge "
      f"({ns(prep, 'edges') or 0:.0f} edges)")
r = e2e and q_e2e and e2e / 1e9 / q_e2e
print(f"- target: partons end to end ≤ 0.5 × Python end to end; in process {dur(e2e)} / {dur(s(q_e2e))} = "
      f"{ratio(e2e and e2e / 1e9, q_e2e)}" + (f" ({'met' if r <= 0.5 else 'NOT met'})" if r else "")
      + f"; binary {dur(s(p_wall))} / {dur(s(q_e2e))} = {ratio(p_wall, q_e2e)}")
PYEOF
