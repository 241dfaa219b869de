"""Check (g): report.html is self-contained and renders in a real browser.

Why: the report must read offline and never call home. For each language
the HTML is searched for anything that could load a resource (http(s)
URLs, scripts, stylesheets, images, CSS url()) and for the language's
number format; then headless Chromium, driven through the DevTools
protocol over a pipe (Python standard library only), loads the French
report: every network request and console message is recorded, and the
full page is captured as a PNG that must not be blank.

Usage: report_html.py --bin PARTONS --work DIR [--png OUT.png]
(runs `PARTONS run -q --format gpkg --lang L --out DIR/L` for nl, fr, en).
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zlib

from _common import Report, run

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--remote-debugging-pipe"]


class Browser:
    """Minimal DevTools-protocol client over --remote-debugging-pipe:
    messages are JSON, NUL-terminated; chromium reads fd 3, writes fd 4."""

    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="partons-chromium.")
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        # move the child's ends out of the way, then onto 3 and 4 in the child
        hi_r, hi_w = os.dup2(to_r, 100, inheritable=True), os.dup2(from_w, 101, inheritable=True)
        os.close(to_r)
        os.close(from_w)

        def fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)
            os.close(hi_r)
            os.close(hi_w)

        self.proc = subprocess.Popen([exe] + CHROMIUM_FLAGS + [f"--user-data-dir={self.profile}", "about:blank"],
                                     pass_fds=(3, 4), preexec_fn=fds,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(hi_r)
        os.close(hi_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        m = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        os.write(self.to_w, json.dumps(m).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            r = self._read(deadline)
            if r.get("id") == self.next_id:
                if "error" in r:
                    raise RuntimeError(f"{method}: {r['error']}")
                return r.get("result", {})
            self.events.append(r)

    def wait_event(self, name, timeout=60):
        deadline = time.time() + timeout
        for e in self.events:
            if e.get("method") == name:
                return e
        while True:
            r = self._read(deadline)
            self.events.append(r)
            if r.get("method") == name:
                return r

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def render(exe, html_path, width=1200, max_height=0):
    """Loads html_path; returns (png bytes, requested URLs, console errors)."""
    b = Browser(exe)
    try:
        targets = b.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        s = b.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        for dom in ("Page", "Network", "Runtime", "Log"):
            b.call(dom + ".enable", session=s)
        b.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=s)
        b.events.clear()
        url = "file://" + os.path.abspath(html_path)
        b.call("Page.navigate", {"url": url}, session=s)
        b.wait_event("Page.loadEventFired")
        time.sleep(0.5)  # let late requests (none expected) show up
        h = b.call("Page.getLayoutMetrics", session=s)["cssContentSize"]["height"]
        if max_height:
            h = min(h, max_height)
        shot = b.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                 "clip": {"x": 0, "y": 0, "width": width, "height": h, "scale": 1}}, session=s)
        b.call("Runtime.evaluate", {"expression": "1"}, session=s)  # flush pending events
        reqs, errors = [], []
        for e in b.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Network.requestWillBeSent":
                reqs.append(p["request"]["url"])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                errors.append(json.dumps(p.get("args"))[:200])
            elif m == "Runtime.exceptionThrown":
                errors.append(json.dumps(p.get("exceptionDetails"))[:200])
            elif m == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
                errors.append(p["entry"].get("text", "")[:200])
        return base64.b64decode(shot["data"]), [r for r in reqs if r != url], errors, h
    finally:
        b.close()


def png_nonblank(png):
    """(width, height, share of non-zero bytes in the filtered image data):
    a blank page filters to almost only zeros."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    off, idat, w, h = 8, b"", 0, 0
    while off < len(png):
        n = int.from_bytes(png[off:off + 4], "big")
        typ = png[off + 4:off + 8]
        data = png[off + 8:off + 8 + n]
        if typ == b"IHDR":
            w, h = int.from_bytes(data[:4], "big"), int.from_bytes(data[4:8], "big")
        elif typ == b"IDAT":
            idat += data
        off += 12 + n
    raw = zlib.decompress(idat)
    return w, h, sum(1 for x in raw[::97] if x) / max(1, len(raw[::97]))


FORBIDDEN = [(r"https?://", "an http(s) URL"), (r"<script", "a script"), (r"<link", "a <link>"), (r"<img", "an <img>"),
             (r"\bsrc\s*=", "a src attribute"), (r"url\(", "a CSS url()"), (r"@import", "a CSS @import"),
             (r"<iframe|<object|<embed", "an embedded object")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--png", default="")
    ap.add_argument("--png-height", type=int, default=0, help="crop the screenshot to this many CSS pixels")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    a = ap.parse_args()
    rep = Report("report-html")
    pages = {}
    for lang in ("nl", "fr", "en"):
        out = os.path.join(a.work, lang)
        p = run([a.bin, "run", "-q", "--format", "gpkg", "--lang", lang, "--out", out])
        path = os.path.join(out, "report.html")
        if not rep.ok(p.returncode == 0 and os.path.exists(path), f"{lang}: report.html written", p.stderr[-300:]):
            continue
        with open(path, encoding="utf-8") as f:
            html = f.read()
        pages[lang] = path
        bad = [what for rx, what in FORBIDDEN if re.search(rx, html, re.I)]
        rep.ok(not bad, f"{lang}: self-contained (no URL, script, stylesheet, image or url())", ", ".join(bad))
        rep.ok(f'<html lang="{lang}">' in html, f'{lang}: <html lang="{lang}">')
        comma = re.search(r"\d,\d\u00a0%", html) is not None
        point = re.search(r"\d\.\d%", html) is not None
        rep.ok(comma if lang != "en" else (point and not comma), f"{lang}: decimal {'comma' if lang != 'en' else 'point'} in percentages")
        if lang == "fr":
            rep.ok("Ypres (Ieper)" in html and "boulangerie" in html, "fr: Ieper is Ypres, bakery is boulangerie")
        if lang == "nl":
            rep.ok("Frankrijk" in html and "bakkerij" in html, "nl: France is Frankrijk, bakery is bakkerij")
    if "fr" not in pages:
        rep.exit()
    if not rep.ok(shutil.which(a.chromium) is not None, "chromium installed", a.chromium):
        rep.exit()
    try:
        png, reqs, errors, height = render(a.chromium, pages["fr"], max_height=a.png_height)
    except Exception as e:  # a failed render is one failure with its reason
        rep.ok(False, "chromium renders report.html", repr(e))
        rep.exit()
    rep.ok(not reqs, "chromium: no network request while loading the report", ", ".join(reqs[:5]))
    rep.ok(not errors, "chromium: no console error or warning", "; ".join(errors[:3]))
    w, h, ink = png_nonblank(png)
    rep.ok(w == 1200 and h >= min(2000, a.png_height or 2000) and ink > 0.02, "chromium: full-page PNG is not blank", f"{w}x{h}, {ink:.1%} non-zero filtered bytes")
    if a.png:
        with open(a.png, "wb") as f:
            f.write(png)
        rep.info(f"screenshot: {a.png} ({len(png)} bytes)")
    transit_page(rep, a)
    rep.exit()


def transit_page(rep, a):
    """With public transport (the hand-built feed of the command's tests)
    the report gains its section in each language, stays self-contained
    and loads in Chromium without a request or a console error."""
    feed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cmd", "partons", "testdata", "gtfs", "westhoek")
    heads = {"nl": "Met het openbaar vervoer", "fr": "En transports en commun", "en": "By public transport"}
    for lang, head in heads.items():
        out = os.path.join(a.work, "transit-" + lang)
        p = run([a.bin, "run", "-q", "--transit", feed, "--outputs", "report.html", "--lang", lang, "--out", out])
        path = os.path.join(out, "report.html")
        if not rep.ok(p.returncode == 0 and os.path.exists(path), f"{lang}: report.html with --transit written", p.stderr[-300:]):
            continue
        with open(path, encoding="utf-8") as f:
            html = f.read()
        bad = [what for rx, what in FORBIDDEN if re.search(rx, html, re.I)]
        rep.ok(f"<h2>{head}</h2>" in html and not bad, f"{lang}: public-transport section, self-contained", ", ".join(bad))
        if lang == "fr":
            png, reqs, errors, _ = render(a.chromium, path, max_height=2000)
            rep.ok(not reqs and not errors and png_nonblank(png)[2] > 0.02,
                   "chromium: the report with public transport loads without request or error", "; ".join((reqs + errors)[:3]))


if __name__ == "__main__":
    main()
