#!/usr/bin/python3
"""partons' GTFS reader against a reading of the raw feed files.

Reads the timetable partons built for one service day (feed/*.txt and the
date in params.csv, written by `go run ./benchmarks/transitprofile`) and
rebuilds it from the original feeds (.zip) with the standard library
only, following GTFS: services of the day from calendar.txt and
calendar_dates.txt; every trip of the day whole, and the part at or after
midnight of the previous day's trips (times - 24 h, kept from the first
call whose departure is at or after 00:00, when two calls remain);
frequencies.txt expanded start_time <= t < end_time every headway_secs;
ids prefixed by the feed's file name; transfers between stops, a station
standing for each of its stops, a stop-level rule winning over a
station-level one.

Every trip must agree exactly: id, route, calls (stop, arrival, departure,
no pickup, no drop-off), and the transfers must be the same set.
"""

import argparse
import csv
import datetime
import io
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from _common import Report  # noqa: E402

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def secs(t):
    t = t.strip()
    neg = t.startswith("-")
    h, m, s = t.lstrip("-").split(":")
    v = int(h) * 3600 + int(m) * 60 + int(s)
    return -v if neg else v


class Folder:
    """A feed given as a folder, read like a zip."""

    def __init__(self, path):
        self.path = path

    def namelist(self):
        return os.listdir(self.path)

    def open(self, name):
        return open(os.path.join(self.path, name), "rb")


def table(z, name):
    if name not in z.namelist():
        return []
    with z.open(name) as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(io.TextIOWrapper(f, "utf-8-sig"))]


def expected(path, day):
    """Trips {id: (route, calls)} and transfers {(from, to): (type, min)} of one feed."""
    ns = os.path.splitext(os.path.basename(os.path.normpath(path)))[0] + ":"
    z = Folder(path) if os.path.isdir(path) else zipfile.ZipFile(path)
    cal = {r["service_id"]: r for r in table(z, "calendar.txt")}
    exc = {(r["service_id"], r["date"]): r["exception_type"] for r in table(z, "calendar_dates.txt")}

    def runs(svc, d):
        e = exc.get((svc, d.strftime("%Y%m%d")))
        if e:
            return e == "1"
        c = cal.get(svc)
        return bool(c) and c["start_date"] <= d.strftime("%Y%m%d") <= c["end_date"] and c[WEEKDAYS[d.weekday()]] == "1"

    stops = {r["stop_id"]: r for r in table(z, "stops.txt")}
    calls = {}
    for r in table(z, "stop_times.txt"):
        arr, dep = r["arrival_time"] or r["departure_time"], r["departure_time"] or r["arrival_time"]
        calls.setdefault(r["trip_id"], []).append((int(r["stop_sequence"]), r["stop_id"], secs(arr), secs(dep),
                                                   r.get("pickup_type") == "1", r.get("drop_off_type") == "1"))
    freqs = {}
    for r in table(z, "frequencies.txt"):
        freqs.setdefault(r["trip_id"], []).append((secs(r["start_time"]), secs(r["end_time"]), int(r["headway_secs"])))
    trips = {}
    prev = day - datetime.timedelta(days=1)
    for t in table(z, "trips.txt"):
        cs = sorted(calls.get(t["trip_id"], []))
        if len(cs) < 2:
            continue
        for d, shift, suffix in ((day, 0, ""), (prev, -86400, "@prev")):
            if not runs(t["service_id"], d):
                continue
            starts = [(None, 0)]
            if t["trip_id"] in freqs:
                starts = []
                for a, b, h in sorted(freqs[t["trip_id"]]):
                    starts += [(s, s - cs[0][3]) for s in range(a, b, h)]
            for s, delta in starts:
                tid = ns + t["trip_id"] + suffix
                if s is not None:
                    tid += "#%02d%02d%02d" % (s // 3600, s // 60 % 60, s % 60)
                kept = [(ns + st, a + delta + shift, dp + delta + shift, np, nd) for _, st, a, dp, np, nd in cs if dp + delta + shift >= 0]
                if len(kept) >= 2:
                    trips[tid] = (ns + t["route_id"], kept)
    children = {}
    for sid, s in stops.items():
        if s.get("location_type", "") in ("", "0") and s.get("parent_station"):
            children.setdefault(s["parent_station"], []).append(sid)

    def expand(sid):
        if stops[sid].get("location_type", "") == "1":
            return children.get(sid, []), 0
        return [sid], 1

    transfers, rank = {}, {}
    for r in table(z, "transfers.txt"):
        if any(r.get(k) for k in ("from_trip_id", "to_trip_id", "from_route_id", "to_route_id")):
            continue
        typ = int(r.get("transfer_type") or 0)
        if typ >= 4:
            continue
        fr, rf = expand(r["from_stop_id"])
        to, rt = expand(r["to_stop_id"])
        for a in fr:
            for b in to:
                k = (ns + a, ns + b)
                if k not in rank or rf + rt > rank[k]:
                    rank[k] = rf + rt
                    transfers[k] = (typ, int(r.get("min_transfer_time") or 0) if typ == 2 else 0)
    return trips, transfers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--gtfs", action="append", required=True)
    ap.add_argument("--label", default="gtfs")
    a = ap.parse_args()
    rep = Report("gtfs-" + a.label)
    with open(os.path.join(a.work, "params.csv")) as f:
        day = datetime.date.fromisoformat(next(csv.DictReader(f))["date"])
    want, want_x = {}, {}
    for p in a.gtfs:
        t, x = expected(p, day)
        want.update(t)
        want_x.update(x)
    feed = os.path.join(a.work, "feed")
    with open(os.path.join(feed, "trips.txt")) as f:
        routes = {r["trip_id"]: r["route_id"] for r in csv.DictReader(f)}
    got = {}
    with open(os.path.join(feed, "stop_times.txt")) as f:
        for r in csv.DictReader(f):
            got.setdefault(r["trip_id"], []).append((int(r["stop_sequence"]), r["stop_id"], secs(r["arrival_time"]),
                                                     secs(r["departure_time"]), r["pickup_type"] == "1", r["drop_off_type"] == "1"))
    got = {k: (routes[k], [c[1:] for c in sorted(v)]) for k, v in got.items()}
    rep.ok(len(got) == len(want), f"trips on {day}", f"partons {len(got)}, oracle {len(want)}")
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    rep.ok(not missing and not extra, "the same trip ids", f"missing {missing[:3]}, extra {extra[:3]}" if missing or extra else "")
    bad = [k for k in want if k in got and got[k] != want[k]]
    rep.ok(not bad, f"every call of {len(want)} trips agrees (stop, times, pickup, drop-off)",
           f"{len(bad)} differ, e.g. {bad[0]}: partons {got[bad[0]]} oracle {want[bad[0]]}" if bad else "")
    got_x = {}
    with open(os.path.join(feed, "transfers.txt")) as f:
        for r in csv.DictReader(f):
            typ = int(r["transfer_type"])
            got_x[(r["from_stop_id"], r["to_stop_id"])] = (typ, int(r["min_transfer_time"] or 0) if typ == 2 else 0)
    diff = sorted(set(got_x.items()) ^ set(want_x.items()))
    rep.ok(not diff, f"{len(want_x)} transfers agree", f"partons {len(got_x)}, differences {diff[:3]}" if diff else "")
    rep.exit()


if __name__ == "__main__":
    main()
