"""Check (e): exit codes and error messages of the binary.

Why: scripts and CI pipelines drive partons by its exit status (0 ok,
1 failure, 2 usage, 3 invalid input data); a bad record must be reported
with the file and line where the user can fix it, and no partial report
may be left behind.

  - a services CSV with a latitude of 95 on line 3 -> exit 3, stderr names
    the file and line 3, and the --out directory is not created;
  - an unknown flag (partons run --bogus) -> exit 2; --thresholds-m NaN
    -> exit 2 naming the flag;
  - impossible coordinates: a village whose lon/lat are swapped (BE) ->
    exit 3 "looks like lat,lon swapped"; Belgian Lambert 72 x/y declared
    as --villages-epsg 2154 -> exit 3 naming EPSG:31370;
  - the README's CI guard (pharmacy_within_3750m_share < -0.02) on the
    embedded sample, whose overall pharmacy share is unknown -> exit 5,
    the diff report is written and its manifest.json parses as strict
    JSON (no NaN);
  - the same report with villages.csv truncated -> diff exits 3 naming
    villages.csv (its manifest.json records every file's SHA-256 and size);
  - diff --out OLD -> exit 2 naming both, OLD unchanged; run --out over an
    extract-like folder -> exit 1, its files unchanged;
  - validate on a named pipe no one writes, then SIGTERM -> exit 143.

Usage: exit_codes.py --bin PARTONS
"""

import argparse
import hashlib
import json
import os
import re
import signal
import subprocess
import tempfile
import time

from _common import Report, run


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    a = ap.parse_args()
    rep = Report("exit")

    with tempfile.TemporaryDirectory() as tmp:
        vil = os.path.join(tmp, "villages.csv")
        with open(vil, "w") as f:
            f.write("id,name,country,population,lon,lat\n"
                    "v1,Alveringem,BE,5000,2.7110,50.9830\n")
        bad = os.path.join(tmp, "bad_services.csv")
        with open(bad, "w") as f:
            f.write("id,name,category,country,lon,lat\n"
                    "s1,Pharmacy,amenity=pharmacy,BE,2.8850,50.8503\n"
                    "s2,Pharmacy,amenity=pharmacy,BE,2.7000,95\n")
        out = os.path.join(tmp, "out")
        p = run([a.bin, "run", "-q", "--villages", vil, "--services", bad, "--out", out])
        rep.ok(p.returncode == 3, "latitude 95 in a services CSV exits with 3", f"exit {p.returncode}")
        named = re.search(re.escape("bad_services.csv") + r"\D{0,3}3\b", p.stderr) is not None
        rep.ok(named, "the error names the file and line 3", p.stderr.strip()[:300])
        rep.ok(not os.path.exists(out), "no report directory is left behind")

        p = run([a.bin, "run", "--bogus"])
        rep.ok(p.returncode == 2, "partons run --bogus exits with 2", f"exit {p.returncode}")
        rep.ok("bogus" in p.stderr, "the usage error names the flag", p.stderr.strip()[:200])
        p = run([a.bin, "run", "--thresholds-m", "1200,NaN", "--out", out])
        rep.ok(p.returncode == 2 and "--thresholds-m" in p.stderr, "--thresholds-m NaN exits with 2 naming the flag",
               f"exit {p.returncode}: {p.stderr.strip()[:200]}")

        swapped = os.path.join(tmp, "swapped.csv")
        with open(swapped, "w") as f:
            f.write("id,name,country,population,lon,lat\n"
                    "v1,Alveringem,BE,5000,2.7110,50.9830\n"
                    "v2,Ieper,BE,35000,50.8503,2.8850\n")
        good = os.path.join(tmp, "services.csv")
        with open(good, "w") as f:
            f.write("id,name,category,country,lon,lat\ns1,Pharmacy,amenity=pharmacy,BE,2.8850,50.8503\n")
        p = run([a.bin, "run", "-q", "--villages", swapped, "--services", good, "--out", out])
        rep.ok(p.returncode == 3 and "swapped.csv:3" in p.stderr and "lat,lon swapped" in p.stderr,
               "swapped lon/lat exit 3 naming line 3 and the swap", f"exit {p.returncode}: {p.stderr.strip()[:300]}")
        lambert = os.path.join(tmp, "lambert72.csv")
        with open(lambert, "w") as f:
            f.write("id,name,country,population,x,y\nv1,Ieper,BE,35000,45520.462,172142.988\n")
        p = run([a.bin, "run", "-q", "--villages", lambert, "--villages-epsg", "2154", "--services", good, "--out", out])
        rep.ok(p.returncode == 3 and "fit EPSG:31370" in p.stderr, "Lambert 72 declared as 2154 exits 3 naming EPSG:31370",
               f"exit {p.returncode}: {p.stderr.strip()[:300]}")
        rep.ok(not os.path.exists(out), "no report directory is left behind")

        r = os.path.join(tmp, "report")
        p = run([a.bin, "run", "-q", "--outputs", "villages.csv,areas.csv", "--out", r])
        rep.ok(p.returncode == 0, "the embedded sample runs", p.stderr.strip()[:200])
        d = os.path.join(tmp, "diff")
        p = run([a.bin, "diff", r, r, "--out", d, "--fail-if", "pharmacy_within_3750m_share < -0.02"])
        rep.ok(p.returncode == 5, "a guard on an unknown indicator exits with 5", f"exit {p.returncode}: {p.stderr.strip()[:300]}")
        try:
            with open(os.path.join(d, "manifest.json")) as f:
                m = json.load(f, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            ok = m["guards"][0]["status"] == "unknown" and m["guards"][0]["change"] is None
            rep.ok(ok, "the diff report is written, the guard unknown with a null change", str(m.get("guards"))[:200])
        except (OSError, ValueError, KeyError, IndexError) as e:
            rep.ok(False, "the diff report is written, the guard unknown with a null change", repr(e))

        vil_csv = os.path.join(r, "villages.csv")
        with open(vil_csv, "rb") as f:
            body = f.read()
        with open(vil_csv, "wb") as f:
            f.write(body[: len(body) // 2])
        p = run([a.bin, "diff", r, r, "--out", os.path.join(tmp, "diff2")])
        rep.ok(p.returncode == 3 and vil_csv in p.stderr,
               "a truncated villages.csv is refused with exit 3, naming the file", f"exit {p.returncode}: {p.stderr.strip()[:300]}")

        def digest(folder):
            h = hashlib.sha256()
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as f:
                    h.update(name.encode() + b"\0" + f.read())
            return h.hexdigest()

        before = digest(r)
        p = run([a.bin, "diff", r, r, "--out", r])
        rep.ok(p.returncode == 2 and "is also read as OLD_DIR" in p.stderr and digest(r) == before,
               "diff --out OLD exits 2 naming both and leaves OLD as it was", f"exit {p.returncode}: {p.stderr.strip()[:300]}")
        ext = os.path.join(tmp, "extract")
        os.mkdir(ext)
        with open(os.path.join(ext, "manifest.json"), "w") as f:
            f.write('{"generator":"partons","command":"extract"}\n')
        with open(os.path.join(ext, "villages.csv"), "w") as f:
            f.write(open(vil).read())
        before = digest(ext)
        p = run([a.bin, "run", "-q", "--out", ext])
        rep.ok(p.returncode == 1 and "partons extract" in p.stderr and digest(ext) == before,
               "run --out over an extract folder exits 1 and leaves it as it was", f"exit {p.returncode}: {p.stderr.strip()[:300]}")

        fifo = os.path.join(tmp, "pipe.csv")
        os.mkfifo(fifo)
        proc = subprocess.Popen([a.bin, "validate", fifo], stderr=subprocess.PIPE, text=True)
        # A writer's non-blocking open succeeds once partons has the pipe
        # open (it listens for signals by then); partons then blocks reading.
        w, deadline = None, time.monotonic() + 30
        while w is None and proc.poll() is None and time.monotonic() < deadline:
            try:
                w = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.01)
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
            if w is not None:
                os.close(w)
            rep.ok(proc.returncode == 143, "validate blocked on a named pipe stops on SIGTERM with exit 143",
                   f"exit {proc.returncode}: {err.strip()[:200]}")
        except subprocess.TimeoutExpired:
            proc.kill()
            rep.ok(False, "validate blocked on a named pipe stops on SIGTERM with exit 143", "still running 30 s after SIGTERM")
    rep.exit()


if __name__ == "__main__":
    main()
