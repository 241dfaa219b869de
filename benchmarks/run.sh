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
