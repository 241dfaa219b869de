"""Check (g): partons locate against an independent MILP solver.

Why: partons solves location-allocation models with its own branch and
bound and heuristics. scipy.optimize.milp (HiGHS) solves the textbook
integer programmes of the same models from scratch; the optimal objective
values must agree, and the sites partons reports must be worth what it
says under the oracle's own costs.

  - PySAL spopt's San Francisco benchmark (testdata/spopt-sf: 205 tracts,
    16 stores, network distances), through --matrix/--demand: LSCP
    (R = 5000), MCLP (p = 4, R = 5000), backup coverage (p = 6, R = 5000),
    p-median (p = 4), p-center (p = 4); also against spopt's published
    values (8 sites, 875,247 people, 2,848,268,129.7145 m, 7403.0638 m);
  - the embedded Westhoek sample (README demo): MCLP with p = 3 and
    R = 5000 m straight line, candidates = the villages, demand = known
    village populations, and LSCP with R = 5000 m; distances recomputed
    with pyproj's WGS84 geodesic from the points of `partons run`'s
    villages.csv.

Usage: locate_milp.py --bin PARTONS
"""

import argparse
import csv
import os
import tempfile

import numpy as np
from pyproj import Geod
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix, hstack, vstack

from _common import Report, here, read_csv, read_json, run

SF = here("..", "..", "testdata", "spopt-sf")


def solve_milp(c, A, lo, hi, integrality):
    res = milp(c=c, constraints=[LinearConstraint(A, lo, hi)], integrality=integrality,
               bounds=Bounds(0, 1), options={"mip_rel_gap": 0, "presolve": True})
    if res.status != 0:
        raise RuntimeError(f"milp: {res.message}")
    return res


def coverage_milp(cost, w, radius, p, k):
    """max Σ w_i y_i, k·y_i ≤ Σ_{c_ij ≤ R} x_j, Σ x_j = p (k = 1 MCLP, 2 backup)."""
    n, m = cost.shape
    a = csr_matrix((cost <= radius).astype(float))
    A = vstack([hstack([-a, k * csr_matrix(np.eye(n))]),
                hstack([csr_matrix(np.ones((1, m))), csr_matrix((1, n))])])
    lo = np.concatenate([np.full(n, -np.inf), [p]])
    hi = np.concatenate([np.zeros(n), [p]])
    res = solve_milp(np.concatenate([np.zeros(m), -w]), A, lo, hi, np.ones(m + n))
    return -res.fun


def lscp_milp(cost, radius):
    a = (cost <= radius).astype(float)
    a = a[a.sum(axis=1) > 0]
    m = cost.shape[1]
    res = solve_milp(np.ones(m), csr_matrix(a), np.ones(a.shape[0]), np.full(a.shape[0], np.inf), np.ones(m))
    return res.fun


def assignment_milp(cost, w, p, center):
    """p-median (min Σ w c z) or p-center (min W, Σ_j c_ij z_ij ≤ W)."""
    n, m = cost.shape
    nz = n * m
    rows, cols, vals = [], [], []
    lo, hi = [], []
    r = 0
    for i in range(n):  # Σ_j z_ij = 1
        for j in range(m):
            rows.append(r); cols.append(m + i * m + j); vals.append(1.0)
        lo.append(1); hi.append(1); r += 1
    for i in range(n):  # z_ij ≤ x_j
        for j in range(m):
            rows += [r, r]; cols += [m + i * m + j, j]; vals += [1.0, -1.0]
            lo.append(-np.inf); hi.append(0); r += 1
    for j in range(m):  # Σ x = p
        rows.append(r); cols.append(j); vals.append(1.0)
    lo.append(p); hi.append(p); r += 1
    nv = m + nz + (1 if center else 0)
    c = np.zeros(nv)
    if center:
        for i in range(n):
            for j in range(m):
                rows.append(r); cols.append(m + i * m + j); vals.append(cost[i, j])
            rows.append(r); cols.append(nv - 1); vals.append(-1.0)
            lo.append(-np.inf); hi.append(0); r += 1
        c[-1] = 1
    else:
        c[m:m + nz] = (w[:, None] * cost).ravel()
    A = coo_matrix((vals, (rows, cols)), shape=(r, nv)).tocsr()
    integ = np.zeros(nv)
    integ[:m] = 1
    res = milp(c=c, constraints=[LinearConstraint(A, lo, hi)], integrality=integ,
               bounds=Bounds(np.zeros(nv), np.concatenate([np.ones(m + nz), [np.inf] * (nv - m - nz)])),
               options={"mip_rel_gap": 0})
    if res.status != 0:
        raise RuntimeError(f"milp: {res.message}")
    return res.fun


def sf_data(tmp):
    _, dem = read_csv(os.path.join(SF, "SF_demand_205_centroid_uniform_weight.csv"))
    _, dist = read_csv(os.path.join(SF, "SF_network_distance_candidateStore_16_censusTract_205_new.csv"))
    tracts = [r["NAME"] for r in dem]
    stores = sorted({r["name"] for r in dist}, key=lambda s: int(s.split("_")[1]))
    ti = {t: k for k, t in enumerate(tracts)}
    si = {s: k for k, s in enumerate(stores)}
    cost = np.full((len(tracts), len(stores)), np.inf)
    for r in dist:
        cost[ti[r["DestinationName"]], si[r["name"]]] = float(r["distance"])
    w = np.array([float(r["POP2000"]) for r in dem])
    od, dd = os.path.join(tmp, "od.csv"), os.path.join(tmp, "demand.csv")
    with open(od, "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["origin_id", "destination_id", "cost"])
        for r in dist:
            wr.writerow([r["DestinationName"], r["name"], r["distance"]])
    with open(dd, "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["id", "population"])
        for r in dem:
            wr.writerow([r["NAME"], r["POP2000"]])
    return cost, w, stores, od, dd


def locate(rep, bin_, tmp, name, args):
    out = os.path.join(tmp, name)
    p = run([bin_, "locate", "-q", "--out", out] + args)
    if not rep.ok(p.returncode == 0, f"{name}: partons locate exits 0", p.stderr.strip()[-300:]):
        return None, None
    _, sites = read_csv(os.path.join(out, "sites.csv"))
    return read_json(os.path.join(out, "summary.json")), sites


def close(a, b, tol=1e-6):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    a = ap.parse_args()
    rep = Report("locate")
    with tempfile.TemporaryDirectory() as tmp:
        cost, w, stores, od, dd = sf_data(tmp)
        mx = ["--matrix", od, "--demand", dd]
        cases = [
            ("sf-lscp", ["--model", "lscp", "--radius", "5000"], lambda: lscp_milp(cost, 5000), 8),
            ("sf-mclp", ["--model", "mclp", "--p", "4", "--radius", "5000"], lambda: coverage_milp(cost, w, 5000, 4, 1), 875247),
            ("sf-backup", ["--model", "backup", "--p", "6", "--radius", "5000"], lambda: coverage_milp(cost, w, 5000, 6, 2), None),
            ("sf-pmedian", ["--model", "pmedian", "--p", "4"], lambda: assignment_milp(cost, w, 4, False), 2848268129.7145),
            ("sf-pcenter", ["--model", "pcenter", "--p", "4"], lambda: assignment_milp(cost, w, 4, True), 7403.0638),
        ]
        for name, args, oracle, published in cases:
            s, sites = locate(rep, a.bin, tmp, name, args + mx)
            if s is None:
                continue
            ref = oracle()
            rep.ok(s["optimal"] and close(s["objective"], ref), f"{name}: objective equals HiGHS optimum",
                   f"partons {s['objective']}, HiGHS {ref}")
            if published is not None:
                # published to 4 decimals
                rep.ok(abs(s["objective"] - published) <= 5e-5, f"{name}: matches spopt's published value",
                       f"partons {s['objective']}, spopt {published}")
            rep.ok(s["bound"] == s["objective"] and s["gap"] == 0, f"{name}: bound equals objective when optimal")

        # Westhoek demo: MCLP p=3, R=5000 m straight line over the villages.
        demo = os.path.join(tmp, "demo")
        p = run([a.bin, "run", "-q", "--outputs", "villages.csv", "--out", demo])
        if rep.ok(p.returncode == 0, "westhoek: partons run writes villages.csv", p.stderr.strip()[-300:]):
            _, vs = read_csv(os.path.join(demo, "villages.csv"))
            lon = np.array([float(v["lon"]) for v in vs])
            lat = np.array([float(v["lat"]) for v in vs])
            pop = np.array([float(v["population"]) if v["population"] else 0.0 for v in vs])
            n = len(vs)
            g = Geod(ellps="WGS84")
            d = np.zeros((n, n))
            for j in range(n):
                _, _, d[:, j] = g.inv(lon, lat, np.full(n, lon[j]), np.full(n, lat[j]))
            s, sites = locate(rep, a.bin, tmp, "westhoek-mclp", ["--model", "mclp", "--p", "3", "--radius", "5000"])
            if s is not None:
                ref = coverage_milp(d, pop, 5000, 3, 1)
                rep.ok(close(s["objective"], ref), "westhoek-mclp: covered population equals HiGHS optimum",
                       f"partons {s['objective']}, HiGHS {ref}")
                idx = {v["id"]: k for k, v in enumerate(vs)}
                chosen = [idx[r["site_id"]] for r in sites]
                worth = pop[(d[:, chosen] <= 5000).any(axis=1)].sum()
                rep.ok(close(worth, s["objective"]), "westhoek-mclp: reported sites cover what partons says (pyproj)",
                       f"{worth} vs {s['objective']}")
                unknown = sum(1 for v in vs if not v["population"])
                rep.ok(s["demand_points_population_unknown"] == unknown,
                       "westhoek-mclp: villages with unknown population are counted", f"{unknown}")
                _, asg = read_csv(os.path.join(tmp, "westhoek-mclp", "assignment.csv"))
                err = max(abs(float(r["cost"]) - d[idx[r["demand_id"]], idx[r["site_id"]]]) for r in asg if r["cost"])
                rep.ok(err <= 0.051, "westhoek-mclp: assignment costs equal pyproj geodesics to the decimetre",
                       f"max |difference| {err:.3f} m")
            s, _ = locate(rep, a.bin, tmp, "westhoek-lscp", ["--model", "lscp", "--radius", "5000"])
            if s is not None:
                ref = lscp_milp(d, 5000)
                rep.ok(s["optimal"] and close(s["objective"], ref), "westhoek-lscp: number of sites equals HiGHS optimum",
                       f"partons {s['objective']}, HiGHS {ref}")
    rep.exit()


if __name__ == "__main__":
    main()
