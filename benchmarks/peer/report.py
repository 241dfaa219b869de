"""Formats one `make bench` run as Markdown for benchmarks/RESULTS.md.

Reads the raw outputs benchmarks/run.sh saved in its work directory:
go test -bench output (*.bench), `/usr/bin/time -v` reports of the
partons and Python peer processes (partons.N.time, peer.N.time) and the
peer's own timing lines (peer.N.out). Every ratio is between numbers
measured in this same run on this same machine.

Usage: report.py WORKDIR   (environment: see benchmarks/run.sh)
"""

import glob
import os
import re
import statistics
import sys


def parse_time_v(path):
    """Returns (wall seconds, max RSS bytes, exit status) of a time -v report."""
    wall = rss = None
    status = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                t = line.rsplit(": ", 1)[1].split(":")
                wall = sum(float(x) * 60 ** k for k, x in enumerate(reversed(t)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(": ", 1)[1]) * 1024
            elif line.startswith("Exit status"):
                status = int(line.rsplit(": ", 1)[1])
    return wall, rss, status


def parse_bench(path):
    """Yields (package, name, {unit: value}) from go test -bench output."""
    pkg = ""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("pkg: "):
                pkg = line[5:].strip()
                continue
            m = re.match(r"^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$", line)
            if not m:
                continue
            fields = m.group(3).split()
            vals = {"iterations": float(m.group(2))}
            for v, u in zip(fields[::2], fields[1::2]):
                try:
                    vals[u] = float(v)
                except ValueError:
                    pass
            yield pkg, m.group(1), vals


def dur(ns):
    if ns is None:
        return "–"
    for unit, div in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= div:
            return f"{ns / div:.3g} {unit}"
    return f"{ns:.3g} ns"


def size(b):
    if b is None:
        return "–"
    for unit, div in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if b >= div:
            return f"{b / div:.3g} {unit}"
    return f"{b:.0f} B"


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "–"


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def main():
    w = sys.argv[1]
    env = os.environ.get
    runs = sorted(glob.glob(os.path.join(w, "partons.*.time")))
    pt = [parse_time_v(p) for p in runs]
    peer_t = [parse_time_v(p) for p in sorted(glob.glob(os.path.join(w, "peer.*.time")))]
    peer = []
    for p in sorted(glob.glob(os.path.join(w, "peer.*.out"))):
        with open(p, encoding="utf-8") as f:
            m = re.search(r"search_ms=([\d.]+) e2e_ms=([\d.]+)", f.read())
            if m:
                peer.append((float(m.group(1)) / 1e3, float(m.group(2)) / 1e3))

    p_wall = median([t[0] for t in pt])
    p_rss = max([t[1] for t in pt if t[1]], default=None)
    q_wall = median([t[0] for t in peer_t])
    q_rss = max([t[1] for t in peer_t if t[1]], default=None)
    q_search = median([s for s, _ in peer])
    q_e2e = median([e for _, e in peer])
    failed = [t for t in pt + peer_t if t[2] != 0]

    nv, ns = env("BENCH_VILLAGES", "?"), env("BENCH_SERVICES", "?")
    print(f"## {env('BENCH_DATE', '')} — {env('BENCH_COMMIT', '')}")
    print()
    print(f"Machine: {env('BENCH_CPU', '?')}, {env('BENCH_CORES', '?')} cores, load average "
          f"{env('BENCH_LOAD_BEFORE', '?')} before and {env('BENCH_LOAD_AFTER', '?')} after "
          f"the run; {env('BENCH_GO', '')}; Python {env('BENCH_PY', '?')}.")
    print()
    print(f"Command: `make bench` (BENCHTIME={env('BENCHTIME', '')}, "
          f"GEO_BENCHTIME={env('GEO_BENCHTIME', '')}, RUNS={env('RUNS', '')}). "
          f"Every ratio compares numbers measured in this run.")
    if failed:
        print()
        print(f"**{len(failed)} timed process(es) exited non-zero: numbers below are not valid.**")
    print()
    print(f"### End to end: {nv} villages × {ns} services (synthetic, `benchmarks/synth`)")
    print()
    p_out = size(int(env("BENCH_PARTONS_OUT_BYTES", "0")) or None)
    q_out = size(int(env("BENCH_PEER_OUT_BYTES", "0")) or None)
    print("| run | computes | wall (median) | max RSS | vs Python end to end |")
    print("|---|---|---:|---:|---:|")
    print(f"| `partons run` (binary, {len(pt)} runs) | geodesic nearest / domestic / abroad, "
          f"threshold counts, basket, aggregates; 5 report files ({p_out}) | {dur(p_wall and p_wall * 1e9)} | "
          f"{size(p_rss)} | {ratio(p_wall, q_e2e)} |")
    print(f"| Python peer, process (`benchmarks/peer/nearest_scipy.py`, {len(peer_t)} runs) | "
          f"planar (EPSG:3035) nearest per category; 1 CSV ({q_out}) | {dur(q_wall and q_wall * 1e9)} | "
          f"{size(q_rss)} | {ratio(q_wall, q_e2e)} |")
    print(f"| Python peer, end to end in process (GeoJSON in → CSV out, imports excluded) | same | "
          f"{dur(q_e2e and q_e2e * 1e9)} | – | 1.00× |")
    print(f"| Python peer, cKDTree build + query alone | same | {dur(q_search and q_search * 1e9)} | "
          f"– | {ratio(q_search, q_e2e)} |")
    print()

    benches = []
    for p in sorted(glob.glob(os.path.join(w, "*.bench"))):
        benches += list(parse_bench(p))
    print("### Go benchmarks")
    print()
    print("| package | benchmark | time/op | B/op | allocs/op | other |")
    print("|---|---|---:|---:|---:|---|")
    known = {"iterations", "ns/op", "B/op", "allocs/op"}
    for pkg, name, v in benches:
        other = ", ".join(f"{x:g} {u}" for u, x in v.items() if u not in known)
        print(f"| {pkg.removeprefix('github.com/partons/partons/')} | {name} | {dur(v.get('ns/op'))} | "
              f"{size(v.get('B/op'))} | {v.get('allocs/op', 0):.0f} | {other} |")
    print()

    def metric(name, unit):
        for _, n, v in benches:
            if n == name:
                return v.get(unit)
        return None

    rt = metric("BenchmarkNearestPerVillage/rtree", "ns/village")
    bf = metric("BenchmarkNearestPerVillage/bruteforce", "ns/village")
    comp = metric("BenchmarkCompute100kx1k", "ns/op")
    pipe = metric("BenchmarkPipeline100kx1k", "ns/op")
    print("### Ratios (same run)")
    print()
    print(f"- partons end to end / Python end to end (in process): "
          f"{dur(p_wall and p_wall * 1e9)} / {dur(q_e2e and q_e2e * 1e9)} = {ratio(p_wall, q_e2e)}")
    print(f"- partons end to end / Python process wall time: "
          f"{dur(p_wall and p_wall * 1e9)} / {dur(q_wall and q_wall * 1e9)} = {ratio(p_wall, q_wall)}")
    same_size = (nv, ns) == ("100000", "1000")
    if not same_size:
        print(f"- (the Go pipeline benchmarks use 100000 × 1000, the end-to-end runs {nv} × {ns}: "
              "no ratio between them)")
    if pipe and same_size:
        print(f"- partons in-process pipeline (BenchmarkPipeline100kx1k) / Python end to end: "
              f"{dur(pipe)} / {dur(q_e2e and q_e2e * 1e9)} = {ratio(pipe / 1e9, q_e2e)}")
    if comp and same_size:
        print(f"- partons metrics (BenchmarkCompute100kx1k, geodesic, all metrics) / scipy search "
              f"(planar nearest only): {dur(comp)} / {dur(q_search and q_search * 1e9)} = "
              f"{ratio(comp / 1e9, q_search)}")
    print(f"- R-tree / brute force per village (BenchmarkNearestPerVillage, 1 core): "
          f"{dur(rt)} / {dur(bf)} = {ratio(rt, bf)}" + (f" ({bf / rt:.1f}× faster)" if rt and bf else ""))


if __name__ == "__main__":
    main()
