"""Check (g): `partons access` against an independent NumPy implementation.

Why: floating-catchment scores are easy to get subtly wrong (which pairs
count, whether a village with no service in reach gets 0 or nothing, how
3SFCA normalises its selection weights). This script recomputes every
model from the formulas, densely with NumPy, on:

  - PySAL access's published three-tract example (2SFCA 0.331444,
    0.579828, 7.286418; 3SFCA 0.156257, 0.406216, 9.906352 with weight
    1/cost and a 60-unit catchment);
  - random instances whose costs are shortest paths on a random
    geometric graph (scipy.sparse.csgraph.dijkstra), with pairs beyond the
    catchment, unreachable pairs, zero populations and zero capacities,
    for every model and several decays; and checks that
    sum_i P_i A_i = sum_j S_j (services with people in reach) for 2SFCA,
    E2SFCA and 3SFCA.

Usage: access_oracle.py --bin PARTONS [--trials N]
"""

import argparse
import math
import os
import tempfile

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from _common import Report, read_csv, run

LUO_QI = [(10, 1.0), (20, 0.68), (30, 0.22)]


def decay_fn(spec):
    """The decay functions, written from their definitions."""
    kind, _, params = spec.partition(":")
    kv = dict(p.split("=") for p in params.split(",")) if "=" in params else {}
    if kind == "step":
        t = float(params) if params else math.inf
        return lambda d: np.where(d <= t, 1.0, 0.0)
    if kind == "linear":
        t = float(params)
        return lambda d: np.maximum(0.0, 1 - d / t)
    if kind == "exponential":
        b = float(kv["beta"])
        return lambda d: np.exp(-b * d)
    if kind == "gaussian":
        s = float(kv["sigma"])
        return lambda d: np.exp(-d * d / (2 * s * s))
    if kind == "power":
        s, a, m = float(kv.get("scale", 1)), float(kv["alpha"]), float(kv.get("dmin", 0))
        return lambda d: np.power(np.maximum(d, m) / s, a)
    if kind == "logistic":
        mid, k = float(kv["mid"]), float(kv["k"])
        return lambda d: (1 + math.exp(-k * mid)) / (1 + np.exp(k * (d - mid)))
    if kind == "bands":
        bands = [(float(u), float(w)) for u, w in (p.split("=") for p in params.split(","))]
        return lambda d: bands_fn(d, bands)
    raise ValueError(spec)


def bands_fn(d, bands):
    out = np.zeros_like(d)
    done = np.zeros(d.shape, bool)
    for u, w in bands:
        sel = (d <= u) & ~done
        out[sel] = w
        done |= sel
    return out


def models(C, P, S, model, decay, max_cost):
    """C: dense cost matrix (inf = pair absent). Returns (values, defined)."""
    present = np.isfinite(C)
    Cz = np.where(present, C, 0.0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        fall = np.where(present, decay(Cz), 0.0)
    inc = present & (C <= max_cost)
    f = np.where(inc, fall, 0.0)
    reach = f > 0
    n = len(P)
    if model in ("cumulative", "gravity"):
        w = reach.astype(float) if model == "cumulative" else f
        return w @ S, np.ones(n, bool)
    if model.startswith("nearest"):
        k = int(model[len("nearest"):])
        vals, ok = np.zeros(n), np.zeros(n, bool)
        for i in range(n):
            cs = np.sort(C[i][reach[i] & (S > 0)])
            if len(cs) >= k:
                vals[i], ok[i] = cs[:k].mean(), True
        return vals, ok
    G = np.ones_like(f)
    if model == "3sfca":
        tot = fall.sum(axis=1, keepdims=True)  # every pair of the matrix, as PySAL
        with np.errstate(divide="ignore", invalid="ignore"):
            G = np.where(f > 0, f / tot, 0.0)
    den = (G * f * P[:, None]).sum(axis=0)
    has = den > 0
    R = np.where(has, S / np.where(has, den, 1), 0.0)
    vals = (G * f * R[None, :]).sum(axis=1)
    ok = (reach & has[None, :]).any(axis=1)
    return np.where(ok, vals, 0.0), ok


def write_inputs(tmp, C, P, S, did, sid):
    paths = [os.path.join(tmp, n) for n in ("od.csv", "demand.csv", "supply.csv")]
    with open(paths[0], "w") as f:
        f.write("origin_id,destination_id,cost\n")
        for i, j in zip(*np.nonzero(np.isfinite(C))):
            f.write(f"{did[i]},{sid[j]},{C[i, j]!r}\n")
    with open(paths[1], "w") as f:
        f.write("id,population\n" + "".join(f"{d},{p!r}\n" for d, p in zip(did, P)))
    with open(paths[2], "w") as f:
        f.write("id,capacity\n" + "".join(f"{s},{v!r}\n" for s, v in zip(sid, S)))
    return paths


def partons(binary, paths, model, decay, max_cost, out):
    args = [binary, "access", "--matrix", paths[0], "--demand", paths[1], "--supply", paths[2],
            "--model", model, "--out", out]
    if decay:
        args += ["--decay", decay]
    if math.isfinite(max_cost):
        args += ["--max-cost", repr(max_cost)]
    p = run(args)
    if p.returncode != 0:
        return None, p.stderr.strip()[:300]
    _, rows = read_csv(out)
    return rows, ""


def compare(rep, label, rows, did, want, ok, col, tol=1e-9):
    if rows is None:
        return rep.ok(False, label, "partons failed")
    bad = []
    for k, r in enumerate(rows):
        got = r[col]
        if r["id"] != did[k]:
            bad.append(f"row {k} id {r['id']}")
        elif not ok[k]:
            if got != "":
                bad.append(f"{r['id']}: {got}, want empty")
        elif got == "" or abs(float(got) - want[k]) > tol * max(1.0, abs(want[k])):
            bad.append(f"{r['id']}: {got}, want {want[k]!r}")
    return rep.ok(len(rows) == len(did) and not bad, label, "; ".join(bad[:3]))


def random_instance(rng):
    """Demand and supply nodes on a random geometric graph; costs are
    shortest-path minutes, some pairs dropped from the matrix."""
    nodes = int(rng.integers(60, 160))
    xy = rng.random((nodes, 2)) * 40
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    adj = np.where((d < 7) & (d > 0), d * rng.uniform(1.0, 1.6, d.shape), 0)
    dist = dijkstra(csr_matrix(adj), directed=True)
    n, s = int(rng.integers(5, 40)), int(rng.integers(2, 12))
    vi = rng.choice(nodes, n, replace=False)
    si = rng.choice(nodes, s, replace=False)
    C = np.round(dist[np.ix_(vi, si)], 3)
    C[rng.random(C.shape) < 0.15] = np.inf  # pairs not listed
    P = np.where(rng.random(n) < 0.1, 0.0, np.round(rng.random(n) * 1000))
    S = np.where(rng.random(s) < 0.1, 0.0, rng.integers(1, 5, s).astype(float))
    return C, P, S, [f"v{k}" for k in range(n)], [f"s{k}" for k in range(s)]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--trials", type=int, default=12)
    a = ap.parse_args()
    rep = Report("access")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.csv")
        # PySAL's published hospital example.
        C = np.array([[1, 80, 40], [80, 1, 40], [40, 40, 1]], float)
        P, S = np.array([100.0, 50, 10]), np.array([15.0, 20, 100])
        did = sid = ["1", "2", "3"]
        paths = write_inputs(tmp, C, P, S, did, sid)
        published = {"2sfca": [0.331444, 0.579828, 7.286418], "3sfca": [0.156257, 0.406216, 9.906352]}
        for model, pub in published.items():
            rows, err = partons(a.bin, paths, model, "power:alpha=-1,dmin=1", 60.0, out)
            want, ok = models(C, P, S, model, decay_fn("power:alpha=-1,dmin=1"), 60.0)
            rep.ok(np.allclose(want, pub, atol=5e-7), f"numpy {model} reproduces PySAL's published values", str(want))
            compare(rep, f"partons {model} matches PySAL's published values", rows, did, pub, ok, "access_" + model, tol=1e-6)

        rng = np.random.default_rng(2009)
        decays = ["", "step:25", "linear:40", "gaussian:sigma=15", "power:scale=10,alpha=-1.5,dmin=1",
                  "exponential:beta=0.07", "logistic:mid=20,k=0.25", "bands:10=1,20=0.68,30=0.22"]
        for trial in range(a.trials):
            C, P, S, did, sid = random_instance(rng)
            paths = write_inputs(tmp, C, P, S, did, sid)
            spec = decays[trial % len(decays)]
            max_cost = [math.inf, 30.0, 45.5][trial % 3]
            for model in ["cumulative", "gravity", "2sfca", "e2sfca", "3sfca", "nearest1", "nearest3"]:
                d = spec or ("bands:10=1,20=0.68,30=0.22" if model == "e2sfca" else "step")
                want, ok = models(C, P, S, model, decay_fn(d), max_cost)
                rows, err = partons(a.bin, paths, model, spec, max_cost, out)
                label = f"trial {trial} {model} decay {d} max {max_cost} ({len(did)}x{len(sid)})"
                if rows is None:
                    rep.ok(False, label, err)
                    continue
                if not compare(rep, label, rows, did, want, ok, "access_" + model):
                    continue
                if model in ("2sfca", "e2sfca", "3sfca"):
                    got = np.array([float(r["access_" + model]) if r["access_" + model] else 0.0 for r in rows])
                    present = np.isfinite(C) & (C <= max_cost)
                    f = np.where(present, decay_fn(d)(np.where(present, C, 0.0)), 0.0)
                    served = (f * P[:, None]).sum(axis=0) > 0
                    lhs, rhs = float(P @ got), float(S[served].sum())
                    rep.ok(abs(lhs - rhs) <= 1e-9 * max(1.0, rhs), f"{label}: sum P*A = sum S", f"{lhs!r} vs {rhs!r}")
    rep.exit()


if __name__ == "__main__":
    main()
