"""Check (s): the static site of `partons site` in a real browser.

Why: the site is published for residents on any static host and must work
offline. The demo is run with its example residents' reports and both
official indicator sets, then:
every file of the site is parsed (Python's html.parser, independent of
partons): no script, no embedded object, every internal link and
fragment resolves, the only outside links are the configured form,
OpenStreetMap's copyright page and http(s) evidence links of reports;
every village of villages.csv has a page in each language. Headless
Chromium (DevTools protocol over a pipe, as in report_html.py) then loads
every page: no request leaves the site's folder, no console error or
warning; the language switch is followed by a click and lands on the same
village in the other language; Tab reaches the skip link first; text
contrast is at least 4.5:1 on an index and a village page; a phone-sized
screen (375 px) has no horizontal page overflow; printing gives A4 pages
without the navigation. A second run, with boundaries that name areas
(render/site/testdata/inputs), writes areas.geojson: its site's region
map has one outline per area of that file, every village page one
outline marked as its own area, and its pages load in Chromium with no
outside request and no console error.

Usage: site_browser.py --bin PARTONS --work DIR [--png OUT.png]
"""

import argparse
import base64
import html.parser
import json
import os
import re
import shutil
import time
import urllib.parse

from _common import Report, read_csv, run
from report_html import Browser, png_nonblank

FORM = "https://forms.example.org/westhoek?src=site"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.tags, self.lang = [], set(), set(), None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        for k in ("href", "src", "action"):
            if k in a:
                self.links.append((tag, k, a[k]))


def parse_site(site):
    pages = {}
    for root, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                p = os.path.join(root, f)
                rel = os.path.relpath(p, site).replace(os.sep, "/")
                pp = Page()
                with open(p, encoding="utf-8") as fh:
                    pp.feed(fh.read())
                pages[rel] = pp
    return pages


def structure(rep, site, villages, evidence):
    pages = parse_site(site)
    bad_tags, broken, outside, nolang = [], [], [], []
    for name, p in sorted(pages.items()):
        if p.tags & {"script", "iframe", "object", "embed", "img"}:
            bad_tags.append(name)
        if p.lang not in ("nl", "fr", "en"):
            nolang.append(name)
        for tag, attr, url in p.links:
            if attr != "href":
                bad_tags.append(f"{name} ({tag} {attr})")
                continue
            u = urllib.parse.urlsplit(url)
            if u.scheme:
                if not (url.startswith(FORM.split("?")[0] + "?") or url == OSM_COPYRIGHT or url in evidence):
                    outside.append(f"{name}: {url}")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(name), u.path)).replace(os.sep, "/") if u.path else name
            if not os.path.isfile(os.path.join(site, target)):
                broken.append(f"{name} -> {url}")
            elif u.fragment and target in pages and u.fragment not in pages[target].ids:
                broken.append(f"{name} -> {url} (no id)")
    rep.ok(not bad_tags, f"{len(pages)} pages: no script, image, embedded object or src", ", ".join(bad_tags[:5]))
    rep.ok(not broken, "every internal link and fragment resolves", ", ".join(broken[:5]))
    rep.ok(not outside, "outside links: only the form, OSM copyright and report evidence", ", ".join(outside[:5]))
    rep.ok(not nolang, "every page says its language", ", ".join(nolang[:5]))
    for lang in ("nl", "fr", "en"):
        n = sum(1 for k in pages if k.startswith(lang + "/") and k.split("/")[1] not in ("index.html", "by-name.html", "reports.html"))
        rep.ok(n == len(villages), f"{lang}: one page per village ({n} for {len(villages)})")
    return pages


CONTRAST_JS = r"""
(() => {
  const lum = c => { const m = c.match(/[\d.]+/g).map(Number); const f = v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); };
    return [0.2126*f(m[0]) + 0.7152*f(m[1]) + 0.0722*f(m[2]), m.length > 3 ? m[3] : 1]; };
  const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; const [, a] = lum(c); if (a > 0.5) return c; } return 'rgb(255,255,255)'; };
  const bad = [];
  let n = 0;
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || el.closest('svg')) continue;
    if (![...el.childNodes].some(t => t.nodeType === 3 && t.textContent.trim())) continue;
    if (el.getBoundingClientRect().width === 0) continue;
    n++;
    const [lf] = lum(s.color), [lb] = lum(bg(el));
    const r = (Math.max(lf, lb) + 0.05) / (Math.min(lf, lb) + 0.05);
    if (r < 4.5) bad.push(el.tagName + '.' + el.className + ' ' + r.toFixed(2) + ' "' + el.textContent.trim().slice(0, 30) + '"');
  }
  return JSON.stringify({n, bad});
})()
"""


class Session:
    def __init__(self, exe):
        self.b = Browser(exe)
        targets = self.b.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.s = self.b.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        for dom in ("Page", "Network", "Runtime", "Log"):
            self.call(dom + ".enable")

    def call(self, method, params=None, timeout=60):
        return self.b.call(method, params, session=self.s, timeout=timeout)

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        return r.get("result", {}).get("value")

    def load(self, url, action=None):
        """Navigates (or runs action, which navigates) and waits for the load."""
        self.b.events.clear()
        if action:
            self.eval(action)
        else:
            self.call("Page.navigate", {"url": url})
        self.b.wait_event("Page.loadEventFired")

    def drain(self):
        """Requests and console problems since the last load."""
        self.eval("1")
        reqs, errors = [], []
        for e in self.b.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Network.requestWillBeSent":
                reqs.append(p["request"]["url"])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                errors.append(json.dumps(p.get("args"))[:200])
            elif m == "Runtime.exceptionThrown":
                errors.append(json.dumps(p.get("exceptionDetails"))[:200])
            elif m == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
                errors.append(p["entry"].get("text", "")[:200])
        return reqs, errors


def browse(rep, exe, site, pages, png_out):
    base = "file://" + os.path.abspath(site) + "/"
    sess = Session(exe)
    try:
        sess.call("Emulation.setDeviceMetricsOverride", {"width": 1000, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        outside, errors, t0 = [], [], time.time()
        for name in sorted(pages):
            sess.load(base + name)
            reqs, errs = sess.drain()
            outside += [f"{name}: {r}" for r in reqs if not r.startswith(base)]
            errors += [f"{name}: {e}" for e in errs]
        time.sleep(0.5)
        reqs, errs = sess.drain()  # anything late
        outside += [r for r in reqs if not r.startswith(base)]
        errors += errs
        rep.ok(not outside, f"chromium: {len(pages)} pages load with no request outside the site", ", ".join(outside[:5]))
        rep.ok(not errors, "chromium: no console error or warning", "; ".join(errors[:3]))
        rep.info(f"loaded {len(pages)} pages in {time.time() - t0:.1f} s")

        # The language switch, followed by a click.
        sess.load(base + "en/ieper.html")
        start = sess.eval("document.documentElement.lang + ' ' + document.querySelector('h1').textContent")
        sess.load(None, "document.querySelector('nav.langs a[hreflang=fr]').click()")
        fr = sess.eval("location.pathname.split('/').slice(-2).join('/') + ' ' + document.documentElement.lang + ' ' + document.querySelector('h1').textContent")
        sess.load(None, "document.querySelector('nav.langs a[hreflang=nl]').click()")
        nl = sess.eval("location.pathname.split('/').slice(-2).join('/') + ' ' + document.documentElement.lang + ' ' + document.querySelector('h1').textContent")
        rep.ok(start.startswith("en Ypres") and fr.startswith("fr/ieper.html fr Ypres") and nl.startswith("nl/ieper.html nl Ieper"),
               "language switch: en → fr → nl stays on the village, in each language's name", f"{start} | {fr} | {nl}")

        # Keyboard: the first Tab reaches the skip link, Enter follows it.
        for t in ("keyDown", "keyUp"):
            sess.call("Input.dispatchKeyEvent", {"type": t, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9})
        focus = sess.eval("document.activeElement.className + ' ' + document.activeElement.getAttribute('href')")
        rep.ok(focus == "skip #main", "keyboard: Tab first reaches the skip link to the content", focus)

        # Contrast of every visible text.
        for name in ("en/index.html", "fr/ieper.html", "nl/reports.html"):
            sess.load(base + name)
            r = json.loads(sess.eval(CONTRAST_JS))
            rep.ok(r["n"] > 20 and not r["bad"], f"contrast ≥ 4.5:1 for all {r['n']} text elements of {name}", "; ".join(r["bad"][:3]))

        # A phone screen: no horizontal overflow of the page.
        sess.call("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 800, "deviceScaleFactor": 2, "mobile": True})
        for name in ("en/index.html", "fr/ieper.html", "nl/reports.html"):
            sess.load(base + name)
            w = sess.eval("document.documentElement.scrollWidth")
            rep.ok(w <= 375, f"phone (375 px): {name} is {w} px wide")
        sess.call("Emulation.clearDeviceMetricsOverride")

        # Printing: A4 pages, without the language navigation.
        sess.load(base + "fr/ieper.html")
        sess.call("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = sess.eval("['nav.langs', '.button', '.skip'].map(q => document.querySelector(q).getClientRects().length ? 'shown' : 'none').join(' ')")
        pdf = base64.b64decode(sess.call("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        boxes = set(re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf))
        a4 = all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes) and boxes
        npages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        rep.ok(hidden == "none none none" and bool(a4), f"print: {npages} A4 page(s), navigation, buttons and skip link hidden", f"{hidden}, {boxes}")
        sess.call("Emulation.setEmulatedMedia", {"media": ""})

        if png_out:
            sess.call("Emulation.setDeviceMetricsOverride", {"width": 960, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
            sess.load(base + "en/watou.html")
            png = base64.b64decode(sess.call("Page.captureScreenshot", {"format": "png"})["data"])
            w, h, ink = png_nonblank(png)
            rep.ok(ink > 0.02, "screenshot of a village page is not blank", f"{w}x{h}")
            with open(png_out, "wb") as f:
                f.write(png)
            rep.info(f"screenshot: {png_out} ({len(png)} bytes)")
    finally:
        sess.b.close()


class Outlines(html.parser.HTMLParser):
    """Counts the area outlines of a page: <path class="outline[ current]">."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.all, self.current = 0, 0

    def handle_starttag(self, tag, attrs):
        c = dict(attrs).get("class", "").split()
        if tag == "path" and "outline" in c:
            self.all += 1
            self.current += "current" in c


def outlines(path):
    o = Outlines()
    with open(path, encoding="utf-8") as fh:
        o.feed(fh.read())
    return o


def areas(rep, a):
    """The site of a run whose boundaries name areas."""
    inp = "render/site/testdata/inputs/"
    runs, site = os.path.join(a.work, "areas-run"), os.path.join(a.work, "areas-site")
    p = run([a.bin, "run", "-q", "--villages", inp + "villages.csv", "--services", inp + "services-2026.csv",
             "--boundaries", inp + "boundaries.geojson", "--outputs", "villages.csv,services.csv", "--out", runs])
    p2 = run([a.bin, "site", runs, "--out", site]) if p.returncode == 0 else p
    if not rep.ok(p.returncode == 0 and p2.returncode == 0 and os.path.isfile(os.path.join(runs, "areas.geojson")),
                  "run with boundaries naming areas writes areas.geojson; partons site", (p.stderr + p2.stderr)[-300:]):
        return
    with open(os.path.join(runs, "areas.geojson"), encoding="utf-8") as fh:
        n = len(json.load(fh)["features"])
    _, villages = read_csv(os.path.join(runs, "villages.csv"))
    pages = structure(rep, site, villages, set())
    idx = outlines(os.path.join(site, "en", "index.html"))
    rep.ok(n > 0 and idx.all == n and idx.current == 0, f"region map: one outline per area of areas.geojson ({n})", f"{idx.all} drawn")
    bad = []
    for name in sorted(pages):
        if name.count("/") == 1 and not name.endswith(("index.html", "by-name.html", "reports.html")):
            o = outlines(os.path.join(site, name))
            if o.all != n or o.current != 1:
                bad.append(f"{name}: {o.all} outlines, {o.current} current")
    rep.ok(not bad, "every village page maps all areas, its own marked", "; ".join(bad[:3]))
    base = "file://" + os.path.abspath(site) + "/"
    sess = Session(a.chromium)
    try:
        outside, errors = [], []
        for name in sorted(pages):
            sess.load(base + name)
            reqs, errs = sess.drain()
            outside += [r for r in reqs if not r.startswith(base)]
            errors += [f"{name}: {e}" for e in errs]
        rep.ok(not outside and not errors, f"chromium: {len(pages)} pages with area maps load, no outside request or console error",
               ", ".join(outside[:3] + errors[:3]))
    finally:
        sess.b.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--png", default="")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    a = ap.parse_args()
    rep = Report("site")
    os.makedirs(a.work, exist_ok=True)
    plain, plain_site = os.path.join(a.work, "r"), os.path.join(a.work, "plain-site")
    p = run([a.bin, "run", "-q", "--out", plain])
    p2 = run([a.bin, "site", plain, "--out", plain_site])
    rep.ok(p.returncode == 0 and p2.returncode == 0 and os.path.isfile(os.path.join(plain_site, "en", "ieper.html")),
           "partons run --out r && partons site r --out site", (p.stderr + p2.stderr)[-300:])
    runs, site = os.path.join(a.work, "run"), os.path.join(a.work, "site")
    p = run([a.bin, "run", "-q", "--contributions", "datasets/westhoek/data/contributions.csv",
             "--indicators", "flemish_basic_services,insee_gamme_proximite", "--out", runs])
    if not rep.ok(p.returncode == 0, "demo run with its example residents' reports and official indicators", p.stderr[-300:]):
        rep.exit()
    p = run([a.bin, "site", runs, "--out", site, "--form-url", FORM])
    if not rep.ok(p.returncode == 0, "partons site", p.stderr[-300:]):
        rep.exit()
    _, villages = read_csv(os.path.join(runs, "villages.csv"))
    _, reports = read_csv(os.path.join(runs, "contributions.csv"))
    evidence = {r["evidence_url"] for r in reports if r["evidence_url"].startswith(("http://", "https://"))}
    pages = structure(rep, site, villages, evidence)
    village_pages = [k for k in pages if k.count("/") == 1 and not k.endswith(("index.html", "by-name.html", "reports.html"))]
    without = []
    for k in village_pages:
        with open(os.path.join(site, k), encoding="utf-8") as fh:
            if 'id="ind-h"' not in fh.read():
                without.append(k)
    rep.ok(village_pages and not without, f"official indicators on every village page ({len(village_pages)})", ", ".join(without[:5]))
    if not rep.ok(shutil.which(a.chromium) is not None, "chromium installed", a.chromium):
        rep.exit()
    try:
        browse(rep, a.chromium, site, pages, a.png)
    except Exception as e:  # a failed browser session is one failure with its reason
        rep.ok(False, "chromium session", repr(e))
    try:
        areas(rep, a)
    except Exception as e:
        rep.ok(False, "chromium session (areas)", repr(e))
    rep.exit()


if __name__ == "__main__":
    main()
