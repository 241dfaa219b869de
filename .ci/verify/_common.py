"""Shared helpers for the cross-check scripts in this folder.

Every check prints one line per assertion, starting with PASS or FAIL, so
that .ci/verify.sh can tally them; a script exits 1 when any of its lines
failed. Readers here are deliberately independent of partons: the json and
csv modules of the Python standard library, nothing else.
"""

import csv
import hashlib
import json
import os
import subprocess
import sys


class Report:
    """Collects PASS/FAIL lines for one check script."""

    def __init__(self, name):
        self.name = name
        self.failed = 0
        self.passed = 0

    def ok(self, cond, what, detail=""):
        """Prints PASS or FAIL for one assertion and returns cond."""
        tag = "PASS" if cond else "FAIL"
        line = f"{tag} [{self.name}] {what}"
        if detail:
            line += f": {detail}"
        print(line, flush=True)
        if cond:
            self.passed += 1
        else:
            self.failed += 1
        return cond

    def info(self, msg):
        print(f"     [{self.name}] {msg}", flush=True)

    def exit(self):
        sys.exit(1 if self.failed else 0)


def read_csv(path):
    """Returns (header, rows as dicts) of a CSV file with a header line."""
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        rows = list(r)
        return r.fieldnames, rows


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run(cmd, **kw):
    """Runs a command, returning CompletedProcess with text stdout/stderr."""
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def features(path):
    """Returns the features of a GeoJSON FeatureCollection file."""
    return read_json(path)["features"]


def load_points(path):
    """Reads a village or service file (GeoJSON or lon/lat CSV) into a list
    of dicts with id, country, category (services), lon, lat (None for
    non-point geometry) and geometry (the GeoJSON geometry or None)."""
    out = []
    if path.endswith(".csv"):
        _, rows = read_csv(path)
        for r in rows:
            out.append({
                "id": r["id"], "country": r.get("country", ""),
                "category": r.get("category", ""),
                "lon": float(r["lon"]), "lat": float(r["lat"]),
                "geometry": None, "point": None,
            })
        return out
    for f in features(path):
        p = f.get("properties") or {}
        g = f.get("geometry")
        lon = lat = None
        if g and g.get("type") == "Point":
            lon, lat = float(g["coordinates"][0]), float(g["coordinates"][1])
        fid = p.get("id", f.get("id"))
        out.append({
            "id": str(fid), "country": p.get("country") or "",
            "category": p.get("category") or "",
            "lon": lon, "lat": lat, "geometry": g,
            "point": p.get("point"),  # a polygon village's measurement point, or None
        })
    return out


def here(*parts):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), *parts)
