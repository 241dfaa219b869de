"""Check (hours): partons' opening_hours evaluation against the reference
JavaScript evaluator (npm package opening_hours, LGPL-3.0: installed here
as an outside test tool, never vendored or linked).

Why: partons reads OSM opening_hours values with a young Go library for
selectors and its own rule evaluation (datasets/hours). Here every value
found in the committed OSM extracts (Andorra, Liechtenstein, Monaco, read
with pyosmium), plus real Belgian and French values, is evaluated by both
as if the service stood in Belgium and in France, in four reference weeks:
2026-W19 (8 May, a French holiday only), 2026-W29 (14 July, French),
2026-W30 (21 July, Belgian) and 2026-W46 (11 November, both). Each pair is
compared open / closed / unknown at every quarter hour plus 7 minutes
(672 instants a week).

  agreement   every (value, country, week) both evaluate agrees at every
              instant; the rate is printed;
  classes     every value only one side evaluates falls in a known,
              explained class (below); an unexplained one fails.

Known classes where the two differ on purpose:
  day-names     "Mo,Do,Fr": partons refuses non-English day names (the Go
                library would read "Do" as German Thursday); the reference
                evaluator refuses "Do" as ambiguous in some countries and
                guesses in others;
  unsupported   values with sunrise/sunset/dawn/dusk or school holidays
                (SH): partons has no sun times or school calendars and says
                unknown, the reference evaluator guesses them.

Usage: hours_oracle.py --work DIR [--osm FILE ...]
"""

import argparse
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from _common import Report  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WEEKS = "2026-W19,2026-W29,2026-W30,2026-W46"
COUNTRIES = "BE,FR"
STEP, OFFSET = 15, 7
JS_VERSION = "3.15.0"

# Real values seen on post offices, pharmacies, bakeries and town halls of
# West Flanders and the Nord, with the constructs the issue names.
EXTRA = [
    "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
    "Tu,Th 09:00-11:30",
    "24/7",
    "week 01-53/2 Mo-Fr 09:00-12:00; week 02-52/2 Mo-Fr 14:00-17:00",
    "Mo-Fr 09:00-18:00; We 09:00-12:00",
    "Mo-Fr 09:00-12:00, We 14:00-16:00",
    "Mo-Fr 10:00-20:00; We 12:00-14:00 off",
    "Tu-Sa 07:00-13:00,15:00-19:00; Su 07:00-12:30; Mo off",
    "Fr,Sa 22:00-02:00",
    '"sur rendez-vous"',
    'Mo-Fr 08:00-12:00 || "sur rendez-vous"',
    'Mo-Fr 08:00-12:00; Sa "op afspraak"',
    "Mo-Fr 08:00-12:00; Sa unknown",
    "Mo,We 08:00-12:00; Sa,PH 09:00-11:00",
    "Mo-Fr 08:00-12:00; PH 10:00-11:00",
    "Mo-Fr 08:00-12:00; PH off; Tu 14:00-15:00",
    "Jan-Mar Mo-Fr 08:00-12:00; Apr-Dec Mo-Fr 09:00-17:00",
    "Mo-Fr 08:00-12:00; May 08 off; Jul 14 off",
    "Mo[1] 09:00-12:00",
    "Sa 20:00+",
    "Mo 23:00-01:00; Tu off",
    "Sa 09:00-12:00; 13:00-14:00",
    "Mo-Fr 08.30-12.00",
    "Mo-Su,PH 10:00-12:00",
    "Mo-Sa 08:30-19:30; Su,PH 09:00-12:30",
    "Mo-Fr 09:00-12:00,14:00-17:00; PH +1 day off",
    "off",
]


def osm_values(files):
    """Every distinct opening_hours value in the files, with its count."""
    import osmium

    counts = {}

    class H(osmium.SimpleHandler):
        def visit(self, o):
            v = o.tags.get("opening_hours")
            if v is not None:
                counts[v] = counts.get(v, 0) + 1

        def node(self, o):
            self.visit(o)

        def way(self, o):
            self.visit(o)

        def relation(self, o):
            self.visit(o)

    for f in files:
        H().apply_file(f)
    return counts


def run_lines(cmd, cwd, env=None):
    out = subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def classify(a, b):
    """The known class of a pair only one side evaluates, or None."""
    reason = a.get("reason", "")
    if a["status"] == "error" and "selector word" in reason:
        return "day-names"
    if a["status"] == "unsupported" and ("sunrise" in reason or "school" in reason):
        return "unsupported"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--osm", nargs="*")
    args = ap.parse_args()
    rep = Report("hours")
    os.makedirs(args.work, exist_ok=True)

    files = args.osm or sorted(glob.glob(os.path.join(ROOT, "..", "shared", "data", "osm", "*.osm*")))
    if not files:
        files = [
            os.path.join(ROOT, "datasets", "osmroad", "testdata", "monaco-2015-04-28.osm.pbf"),
            os.path.join(ROOT, "datasets", "osmroad", "testdata", "liechtenstein-2013-08-03.osm.pbf"),
            os.path.join(ROOT, "benchmarks", "testdata", "andorra-2018-03-01.osm.pbf"),
        ]
    counts = osm_values(files)
    rep.ok(len(counts) > 0, "opening_hours values found in the extracts",
           f"{sum(counts.values())} tags, {len(counts)} distinct in {len(files)} files")
    values = sorted(counts) + [v for v in EXTRA if v not in counts]
    vpath = os.path.join(args.work, "values.json")
    with open(vpath, "w", encoding="utf-8") as f:
        json.dump(values, f, ensure_ascii=False)

    node_dir = os.path.join(args.work, "node")
    os.makedirs(node_dir, exist_ok=True)
    subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent",
                    f"opening_hours@{JS_VERSION}"], cwd=node_dir, check=True)
    env = dict(os.environ, TZ="UTC", NODE_PATH=os.path.join(node_dir, "node_modules"))
    js = run_lines(["node", os.path.join(ROOT, ".ci", "verify", "hours_eval.js"), vpath, WEEKS, COUNTRIES,
                    str(STEP), str(OFFSET)], cwd=node_dir, env=env)
    ours = run_lines(["go", "run", "./.ci/verify/hoursdump", "-values", vpath, "-weeks", WEEKS,
                      "-countries", COUNTRIES, "-step", str(STEP), "-offset", str(OFFSET)], cwd=ROOT)
    rep.ok(len(js) == len(ours) == len(values) * 8, "both sides answered every (value, country, week)",
           f"{len(ours)} pairs")

    both = agree = instants = same = 0
    classes, unexplained, disagreements = {}, [], []
    for a, b in zip(ours, js):
        if (a["value"], a["country"], a["week"]) != (b["value"], b["country"], b["week"]):
            rep.ok(False, "the two outputs are in the same order", a["value"])
            break
        if a["status"] == "ok" and b["status"] == "ok":
            both += 1
            instants += len(a["states"])
            same += sum(1 for x, y in zip(a["states"], b["states"]) if x == y)
            if a["states"] == b["states"]:
                agree += 1
            else:
                i = next(k for k, (x, y) in enumerate(zip(a["states"], b["states"])) if x != y)
                m = OFFSET + i * STEP
                disagreements.append(f"{a['country']} {a['week']} {a['value']!r}: first at day {m // 1440} "
                                     f"{m % 1440 // 60:02d}:{m % 60:02d} partons {a['states'][i]} reference {b['states'][i]}")
        elif a["status"] == "ok" or b["status"] == "ok":
            c = classify(a, b)
            if c is None:
                unexplained.append(f"{a['value']!r} ({a['country']} {a['week']}): partons {a['status']} "
                                   f"{a.get('reason', '')}; reference {b['status']} {b.get('reason', '')[:80]}")
            else:
                classes.setdefault(c, set()).add(a["value"])
    rate = agree / both if both else 0
    rep.info(f"evaluated by both: {both} of {len(ours)} pairs; identical weeks {agree} ({rate:.2%}); "
             f"instants {same} of {instants} ({same / max(instants, 1):.4%})")
    for c, vs in sorted(classes.items()):
        rep.info(f"class {c}: {len(vs)} values, e.g. {sorted(vs)[0]!r}")
    for d in disagreements[:20]:
        rep.info("disagreement " + d)
    rep.ok(both > 0 and agree == both, "every pair both evaluate agrees at every instant",
           f"{agree}/{both} ({rate:.2%})")
    for u in unexplained[:20]:
        rep.info("unexplained " + u)
    rep.ok(not unexplained, "every value only one side evaluates is in an explained class",
           f"{len(unexplained)} unexplained")
    rep.exit()


if __name__ == "__main__":
    main()
