# Writes town.osm, west.osm and east.osm (see testdata/README.md).
nodes = {
 # cluster A: streets on the equator with 0.001° spurs to the north
 1:(0.000,0), 2:(0.001,0), 3:(0.002,0), 4:(0.003,0), 5:(0.004,0),
 6:(0.002,0.001), 7:(0.003,0.001), 8:(0.004,0.001), 9:(0.001,0.001),
 10:(0.000,-0.001), 11:(-0.001,0),
 # cluster B: roundabout with an approach and an exit
 20:(0.010,0), 21:(0.011,0), 22:(0.011,0.001), 23:(0.010,0.001), 24:(0.009,0), 25:(0.012,0),
 # roundabout with a single junction
 30:(0.020,0), 31:(0.021,0), 32:(0.021,0.001), 33:(0.020,0.001), 34:(0.019,0),
 # island
 50:(0.030,0), 51:(0.031,0),
 # dangling references (999 and 998 are absent)
 60:(0.040,0), 61:(0.041,0), 62:(0.042,0), 63:(0.043,0), 64:(0.045,0),
 # bridge across the border at lon 0.05
 42:(0.048,0), 40:(0.049,0), 41:(0.051,0), 43:(0.052,0),
}
ways = [
 (100, [1,2,3,4,5], {"highway":"residential","name":"Main Street"}),
 (101, [3,6], {"highway":"residential","oneway":"yes"}),
 (102, [4,7], {"highway":"residential","oneway":"-1"}),
 (103, [5,8], {"highway":"residential","oneway":"yes","oneway:bicycle":"no"}),
 (104, [2,9], {"highway":"footway"}),
 (105, [1,10], {"highway":"service","access":"private"}),
 (106, [1,11], {"highway":"service","access":"private","foot":"yes"}),
 (200, [20,21,22,23,20], {"highway":"primary","junction":"roundabout"}),
 (201, [24,20], {"highway":"primary"}),
 (202, [21,25], {"highway":"primary","maxspeed":"50"}),
 (203, [30,31,32,33,30], {"highway":"tertiary","junction":"roundabout"}),
 (204, [34,30], {"highway":"tertiary"}),
 (400, [50,51], {"highway":"residential"}),
 (500, [60,61,999,62,63], {"highway":"residential"}),
 (501, [64,998], {"highway":"residential"}),
 (301, [42,40], {"highway":"secondary"}),
 (300, [40,41], {"highway":"secondary","bridge":"yes","layer":"1"}),
 (302, [41,43], {"highway":"secondary","maxspeed":"FR:urban"}),
 (900, [1,2,9,1], {"building":"yes"}),
]
east_nodes = {41, 43, 40}
east_ways = {300, 302}
west_nodes = set(nodes) - {41, 43}
west_ways = {w[0] for w in ways} - {302}

def write(path, nids, wids, note):
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(f'<!-- {note} -->\n')
        f.write('<osm version="0.6" generator="gen_town.py">\n')
        for i in sorted(nids):
            lon, lat = nodes[i]
            f.write(f'  <node id="{i}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>\n')
        for wid, refs, tags in ways:
            if wid not in wids:
                continue
            f.write(f'  <way id="{wid}" version="1">\n')
            for r in refs:
                f.write(f'    <nd ref="{r}"/>\n')
            for k, v in tags.items():
                f.write(f'    <tag k="{k}" v="{v}"/>\n')
            f.write('  </way>\n')
        if wids is None or 100 in wids:
            f.write('  <relation id="1" version="1">\n    <member type="way" ref="100" role=""/>\n    <tag k="type" v="route"/>\n  </relation>\n')
        f.write('</osm>\n')

allw = {w[0] for w in ways}
write("town.osm", set(nodes), allw, "Synthetic test town on the equator; see README.md")
write("west.osm", west_nodes, west_ways, "West part of town.osm: way 300 crosses its edge (node 41 absent)")
write("east.osm", east_nodes, east_ways, "East part of town.osm, overlapping west.osm on node 40 and way 300")
