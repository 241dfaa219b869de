#!/usr/bin/env bash
# The scenario benchmark of benchmarks/RESULTS.md: a base and 20 variants,
# each closing one service, on the synthetic 100k villages × 1k services
# (benchmarks/synth, seed 1), run end to end by `partons scenario`.
#
#   bash benchmarks/scenario.sh [BINARY…]
#
# Each binary (default: one built from this checkout) runs RUNS times in
# turn, under /usr/bin/time; printed per run: wall, user and system
# seconds, peak RSS and the bytes written (the report folder, du -sb: the
# same on every run). Pass an older build beside the new one to take the
# ratio in one run on the same machine.
#
# Knobs (environment): OUTPUTS=villages.csv (the base's outputs, a YAML
# list's items; empty: the defaults), RUNS=1, EXTRA= (more scenario flags,
# e.g. --all-delta-rows), BENCH_VILLAGES=100000, BENCH_SERVICES=1000.
set -euo pipefail
cd "$(dirname "$0")/.."
OUTPUTS=${OUTPUTS-villages.csv}
RUNS=${RUNS:-1}
EXTRA=${EXTRA:-}
W=$(mktemp -d "${TMPDIR:-/tmp}/partons-scenario.XXXXXX")
trap 'rm -rf "$W"' EXIT
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
	go build -o "$W/partons" ./cmd/partons
	bins=("$W/partons")
fi
go run ./benchmarks/synth -villages "${BENCH_VILLAGES:-100000}" -services "${BENCH_SERVICES:-1000}" -out "$W/data"
{
	echo "base:"
	echo "  villages: [data/villages.geojson]"
	echo "  services: [data/services.csv]"
	[ -n "$OUTPUTS" ] && echo "  outputs: [$OUTPUTS]"
	echo "variants:"
	for k in $(seq 0 19); do
		echo "  - name: close-s$((k * 37))"
		echo "    changes:"
		echo "      - close_services: {ids: [s$((k * 37))]}"
	done
} >"$W/s20.yaml"
echo "| binary | wall s | user s | sys s | max RSS MB | bytes written |"
echo "|---|---:|---:|---:|---:|---:|"
for r in $(seq "$RUNS"); do
	for b in "${bins[@]}"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %U %S %M' -o "$W/time" "$b" scenario "$W/s20.yaml" --out "$W/out" --quiet $EXTRA >/dev/null
		read -r wall user sys rss <"$W/time"
		bytes=$(du -sb "$W/out" | cut -f1)
		echo "| $(basename "$b") | $wall | $user | $sys | $((rss / 1024)) | $bytes |"
		rm -rf "$W/out"
	done
done
