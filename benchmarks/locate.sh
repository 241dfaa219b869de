#!/usr/bin/env bash
# p-median at 8,000 demand points x 2,000 candidates, P = 20: this tree's
# solver against a baseline commit's, in ONE run on the same machine, as
# Markdown for benchmarks/RESULTS.md.
#
#   bash benchmarks/locate.sh [BASE_REF] > run.md      (progress on stderr)
#
# benchmarks/locatebench is built twice: from this tree, and copied into a
# temporary worktree of BASE_REF (default cbba847, the last commit before
# the work limit and the sparse interchange), where it uses only the API
# both versions share. Each build runs the heuristic solver, then the auto
# solver with its defaults; the baseline's auto run is abandoned after
# DEADLINE (it would not finish). Times are the solve only (instance
# building excluded): wall and process CPU (user + system), which is what
# to compare on a shared machine.
#
# Knobs (environment): N=8000 M=2000 P=20 DEADLINE=10m
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-cbba847}
N=${N:-8000} M=${M:-2000} P=${P:-20} DEADLINE=${DEADLINE:-10m}
tmp=$(mktemp -d)
cleanup() { git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
log() { echo "locate-bench: $*" >&2; }

go build -o "$tmp/new" ./benchmarks/locatebench
git worktree add --detach "$tmp/base" "$BASE" >/dev/null 2>&1
mkdir -p "$tmp/base/benchmarks/locatebench"
cp benchmarks/locatebench/main.go "$tmp/base/benchmarks/locatebench/"
(cd "$tmp/base" && go build -o "$tmp/old" ./benchmarks/locatebench)

run() { # label binary
	log "$1: $N x $M, P = $P"
	"$2" -label "$1" -n "$N" -m "$M" -p "$P" -solvers heuristic,auto -deadline "$DEADLINE"
}
{ run "baseline $BASE" "$tmp/old"; run "this tree $(git rev-parse --short HEAD)" "$tmp/new"; } > "$tmp/results.jsonl"

python3 - "$tmp/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
base = {r["solver"]: r for r in rows if r["label"].startswith("baseline")}
print(f"p-median, {rows[0]['n']:,} demand points x {rows[0]['m']:,} candidates, P = {rows[0]['p']}\n")
print("| build | solver | wall s | CPU s | CPU / baseline heuristic | objective | proven lower bound | gap | nodes | status |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
ref = base["heuristic"]["cpu_s"]
for r in rows:
    if r.get("error"):
        obj = bound = gap = "—"
        status = r["error"]
    else:
        obj, bound, gap = f"{r['objective']:,.0f}", f"{r['bound']:,.0f}", f"{r['gap_pct']:.3f} %"
        status = "optimal" if r["optimal"] else "not proven optimal"
    print(f"| {r['label']} | {r['solver']} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['cpu_s']/ref:.2f} | {obj} | {bound} | {gap} | {r['nodes']} | {status} |")
PY
