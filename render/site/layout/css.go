package layout

// CSS is the site's one stylesheet. Colours: text #1f2328 and links
// #0b57d0 on white (contrast 15.8:1 and 6.3:1), muted text #4d5560
// (7.6:1), all above the 4.5:1 of WCAG 2.1 AA; the map's classes are
// told apart by their legend text as well as by colour, and the
// country by shape. Print: the village page is one A4 sheet without
// navigation.
const CSS = `:root{--ink:#1f2328;--muted:#4d5560;--line:#d0d7de;--link:#0b57d0;--c0:#1a9641;--c1:#a6d96a;--c2:#fdae61;--c3:#d7191c;--cu:#bdbdbd}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:#fff;margin:0}
a{color:var(--link)}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px}
.skip:focus{left:8px;z-index:2}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:8px 16px;border-bottom:1px solid var(--line)}
.brand{margin:0;font-weight:600}.brand a{color:var(--ink);text-decoration:none}
.langs ul,.choose{list-style:none;margin:0;padding:0;display:flex;gap:12px}
.langs a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}
main{max-width:980px;margin:0 auto;padding:8px 16px 24px}
h1{font-size:1.6rem;margin:12px 0 4px}h2{font-size:1.2rem;margin:24px 0 6px;border-bottom:1px solid var(--line)}
.native{font-weight:400;color:var(--muted)}
.facts,.note,.cc{color:var(--muted)}.note{font-size:.9em}
.warn{background:#fff4d6;border-left:4px solid #8a5a00;padding:6px 12px}
.button{display:inline-block;padding:6px 14px;border:2px solid var(--link);border-radius:6px;text-decoration:none;font-weight:600}
.scroll{overflow-x:auto;position:relative}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
th,td{padding:4px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:#f3f5f7}
.n{text-align:right;white-space:nowrap}
tr.first>*{border-top:2px solid var(--line)}
.none{color:var(--muted);font-style:italic}.side{white-space:nowrap}
svg circle.cu,svg rect.cu{stroke:#1f2328}
.up{color:#1a6b2f}.down{color:#a4161a}
.map{width:100%;height:auto;max-width:760px;border:1px solid var(--line);background:#f7f9fb}
.map circle,.map rect{stroke:#1f2328;stroke-width:.6}.map path.area{stroke:#fff;stroke-width:.5;fill-rule:evenodd}
.map path.outline{fill:none;stroke:#6e7781;stroke-width:.8;fill-rule:evenodd}.map path.outline.current{fill:#eaeef2;stroke:#1f2328;stroke-width:2}.locator{max-width:420px}
.map a:focus circle,.map a:focus rect,.map a:focus path{stroke:#0b57d0;stroke-width:3}
.c0{fill:var(--c0);background:var(--c0)}.c1{fill:var(--c1);background:var(--c1)}.c2{fill:var(--c2);background:var(--c2)}.c3{fill:var(--c3);background:var(--c3)}.cu{fill:var(--cu);background:var(--cu)}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px;font-size:.9rem}
.key{display:inline-block;width:12px;height:12px;border:1px solid #1f2328;margin-right:6px;vertical-align:middle}
.trends{list-style:none;padding:0}.trends li{margin:6px 0;display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.tc{min-width:9em;font-weight:600}.ts{color:var(--muted);font-size:.9em}
.spark polyline{fill:none;stroke:#0b57d0;stroke-width:2}.spark circle{fill:#0b57d0}
.sources{padding-left:20px}
.root{max-width:640px}.choose{flex-direction:column;font-size:1.2rem;gap:10px}
.foot{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:8px 16px;text-align:center}
.printonly{display:none}
@media (max-width:600px){body{font-size:15px}th,td{padding:3px 5px}.tc{min-width:0}}
@page{size:A4;margin:12mm}
@media print{body{font-size:8.5pt;line-height:1.3}.top nav,.skip,.noprint,.foot,.crumbs{display:none}.printonly{display:block}
.top{padding:0 0 2px}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}h1{font-size:14pt;margin:2px 0}
h2{font-size:10pt;margin:6px 0 2px;break-after:avoid}p{margin:2px 0}table{font-size:7.5pt}th,td{padding:1px 3px}
tr{break-inside:avoid}.scroll{overflow:visible}.trends li{margin:0}.spark{height:22px;width:90px}}
`
