#!/usr/bin/python3
"""Range-RAPTOR against a time-expanded graph searched with networkx.

Reads what `go run ./benchmarks/transitprofile` wrote into --work: the
timetable searched (feed/*.txt, GTFS text), the search settings
(params.csv), the villages and services (places.csv) and partons' answers
(raptor.csv: door-to-door seconds and trips per village, service and
departure minute). Everything else is rebuilt here from the text files
with the standard library, pyproj and networkx, without partons' code:

- walking: WGS84 geodesic (pyproj) x detour factor at the walking speed,
  rounded up to the second, for every leg up to max_walk_m; transfers
  between stops (and the change at one stop, 0 s) follow transfers.txt
  (3 forbidden, 2 min_transfer_time, 1 timed = 0 s, 0 added even when far);
- a time-expanded graph per number of trips taken (0 .. max_transfers+1):
  a departure and an arrival node per trip call, one transfer node per
  stop and boarding time (a wait chain), ride, stay-seated, board (one
  more trip), alight (drop-off allowed) + footpath to the next transfer
  node, and egress to each service; Dijkstra from the village at each
  departure minute, cut off at max_travel_sec;
- a journey's time is the earliest arrival at the service minus the
  departure minute; among equally fast journeys the fewest trips; walking
  all the way (trips 0) wins ties.

Every (village, service, minute) must agree exactly (seconds and trips).
"""

import argparse
import bisect
import csv
import math
import os
import sys

import networkx as nx
import pyproj

sys.path.insert(0, os.path.dirname(__file__))
from _common import Report  # noqa: E402


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def secs(s):
    s = s.strip()
    if s.startswith("-"):
        return -secs(s[1:])
    h, m, x = s.split(":")
    return int(h) * 3600 + int(m) * 60 + int(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--label", required=True)
    a = ap.parse_args()
    rep = Report("transit-" + a.label)
    w = a.work
    p = read(os.path.join(w, "params.csv"))[0]
    t_from, t_to = int(p["from"]), int(p["to"])
    max_trips = int(p["max_transfers"]) + 1
    max_travel = int(p["max_travel_sec"])
    max_walk = float(p["max_walk_m"])
    detour, kmh = float(p["detour"]), float(p["kmh"])
    geod = pyproj.Geod(ellps="WGS84")

    def walk_sec(d):
        return int(math.ceil(d * detour * 3.6 / kmh))

    def dist(lon1, lat1, lon2, lat2):
        return geod.inv(lon1, lat1, lon2, lat2)[2]

    stops = read(os.path.join(w, "feed", "stops.txt"))
    sid = {s["stop_id"]: i for i, s in enumerate(stops)}
    pos = [(float(s["stop_lon"]), float(s["stop_lat"])) for s in stops]
    ns = len(stops)
    trips = {}
    for r in read(os.path.join(w, "feed", "stop_times.txt")):
        trips.setdefault(r["trip_id"], []).append(
            (int(r["stop_sequence"]), sid[r["stop_id"]], secs(r["arrival_time"]), secs(r["departure_time"]),
             r.get("pickup_type", "0") == "1", r.get("drop_off_type", "0") == "1"))
    for t in trips.values():
        t.sort()

    # footpaths, by brute force over all pairs
    rules = {}
    for r in read(os.path.join(w, "feed", "transfers.txt")):
        k = (sid[r["from_stop_id"]], sid[r["to_stop_id"]])
        typ = int(r["transfer_type"] or 0)
        sec = int(r["min_transfer_time"]) if typ == 2 and r["min_transfer_time"] else 0
        old = rules.get(k)
        if old is not None and (old[0] == 3 or (typ != 3 and old[1] >= sec)):
            continue
        rules[k] = (typ, sec)
    foot = [[] for _ in range(ns)]
    for i in range(ns):
        for j in range(ns):
            d = 0.0 if i == j else dist(pos[i][0], pos[i][1], pos[j][0], pos[j][1])
            ok, sec = d <= max_walk, (0 if i == j else walk_sec(d))
            if (i, j) in rules:
                typ, rs = rules[(i, j)]
                if typ == 3:
                    ok = False
                elif typ == 1:
                    ok, sec = True, 0
                elif typ == 2:
                    ok, sec = True, rs
                else:
                    ok = True
            if ok:
                foot[i].append((j, sec))

    places = read(os.path.join(w, "places.csv"))
    villages = [(float(r["lon"]), float(r["lat"])) for r in places if r["kind"] == "village"]
    services = [(float(r["lon"]), float(r["lat"])) for r in places if r["kind"] == "service"]
    egress = [[] for _ in range(ns)]  # stop -> (service, sec)
    for j, (lon, lat) in enumerate(services):
        for s in range(ns):
            d = dist(pos[s][0], pos[s][1], lon, lat)
            if d <= max_walk:
                egress[s].append((j, walk_sec(d)))

    # the time-expanded graph, events in [from, to + max_travel]
    horizon = t_to + max_travel
    wait = [[] for _ in range(ns)]  # stop -> sorted boarding times
    boards = {}
    for tid, calls in trips.items():
        for i, (_, s, arr, dep, nopick, _) in enumerate(calls):
            if not nopick and i + 1 < len(calls) and t_from <= dep <= horizon:
                boards.setdefault((s, dep), []).append((tid, i))
    for (s, dep) in boards:
        wait[s].append(dep)
    for s in range(ns):
        wait[s].sort()
    G = nx.DiGraph()

    def tnode(s, t, k):
        j = bisect.bisect_left(wait[s], t)
        if j == len(wait[s]):
            return None, None
        return ("T", s, j, k), wait[s][j]

    for k in range(max_trips + 1):
        for s in range(ns):
            for j in range(len(wait[s]) - 1):
                G.add_edge(("T", s, j, k), ("T", s, j + 1, k), weight=wait[s][j + 1] - wait[s][j])
            if k < max_trips:
                for j, t in enumerate(wait[s]):
                    for tid, i in boards[(s, t)]:
                        G.add_edge(("T", s, j, k), ("D", tid, i, k + 1), weight=0)
        if k == 0:
            continue
        for tid, calls in trips.items():
            for i, (_, s, arr, dep, nopick, nodrop) in enumerate(calls):
                if dep < t_from or arr > horizon:
                    continue
                if i + 1 < len(calls) and calls[i + 1][2] <= horizon:
                    G.add_edge(("D", tid, i, k), ("A", tid, i + 1, k), weight=calls[i + 1][2] - dep)
                if i > 0 and i + 1 < len(calls) and dep <= horizon:
                    G.add_edge(("A", tid, i, k), ("D", tid, i, k), weight=dep - arr)
                if i > 0 and not nodrop:
                    for r, f in foot[s]:
                        n, t = tnode(r, arr + f, k)
                        if n is not None:
                            G.add_edge(("A", tid, i, k), n, weight=t - arr)
                    for j, e in egress[s]:
                        G.add_edge(("A", tid, i, k), ("S", j, k), weight=e)
    rep.info(f"{ns} stops, {len(trips)} trips, graph {G.number_of_nodes()} nodes {G.number_of_edges()} edges")

    got = {}
    for r in read(os.path.join(w, "raptor.csv")):
        got[(int(r["village"]), int(r["service"]), int(r["minute"]))] = (int(r["sec"]), int(r["trips"]))
    agree, bad, reached = 0, [], 0
    for v, (vlon, vlat) in enumerate(villages):
        access = []
        for s in range(ns):
            d = dist(vlon, vlat, pos[s][0], pos[s][1])
            if d <= max_walk:
                access.append((s, walk_sec(d)))
        direct = {}
        for j, (lon, lat) in enumerate(services):
            d = dist(vlon, vlat, lon, lat)
            if d <= max_walk:
                direct[j] = walk_sec(d)
        for m in range(t_from, t_to, 60):
            G.add_node("src")
            for s, ws in access:
                n, t = tnode(s, m + ws, 0)
                if n is not None and t - m <= max_travel:
                    if not G.has_edge("src", n) or G["src"][n]["weight"] > t - m:
                        G.add_edge("src", n, weight=t - m)
            lab = nx.single_source_dijkstra_path_length(G, "src", cutoff=max_travel)
            G.remove_node("src")
            for j in range(len(services)):
                want = None
                for k in range(1, max_trips + 1):
                    d = lab.get(("S", j, k))
                    if d is not None and (want is None or d < want[0]):
                        want = (int(d), k)
                if j in direct and direct[j] <= max_travel and (want is None or direct[j] <= want[0]):
                    want = (direct[j], 0)
                g = got.get((v, j, m))
                if want is not None:
                    reached += 1
                if g == want:
                    agree += 1
                else:
                    bad.append((v, j, m, g, want))
    n = len(villages) * len(services) * len(range(t_from, t_to, 60))
    rep.ok(not bad, f"{n} (village, service, minute) answers agree with the time-expanded graph "
           f"({reached} reached, {len(got)} rows from partons)",
           "" if not bad else f"{len(bad)} differ, first: village {bad[0][0]} service {bad[0][1]} minute {bad[0][2]}: "
           f"partons {bad[0][3]}, oracle {bad[0][4]}")
    rep.ok(reached > 0 and any(t > 1 for t in (x[1] for x in got.values())),
           "the case is not trivial: services reached, some with a transfer")
    sys.exit(1 if rep.failed else 0)


if __name__ == "__main__":
    main()
