package qml

import (
	"bytes"
	"fmt"
	"strconv"
)

// ruleBased writes the classes cs (no data first, then ascending ranges)
// as a rule-based renderer that draws points and polygons alike: one
// parent rule per geometry type (filter geometry_type($geometry)), each
// holding one rule per class with a marker or a fill symbol. A rule-based
// renderer is used because QGIS draws a polygon only with a fill symbol
// and a point only with a marker symbol, and a graduated renderer has a
// single symbol type.
//
// The ranges read as the graduated renderer's first-match ranges: the
// first class after no data is closed [lower, upper], the next ones
// (lower, upper], so no value falls in two classes.
func ruleBased(value string, cs []class, label string, lang Lang) []byte {
	var b bytes.Buffer
	header(&b, label != "")
	v := value
	filters := make([]string, len(cs))
	for i, c := range cs {
		switch i {
		case 0:
			filters[i] = fmt.Sprintf("%s = %s", v, num(c.lower))
		case 1:
			filters[i] = fmt.Sprintf("%s >= %s AND %s <= %s", v, num(c.lower), v, num(c.upper))
		default:
			filters[i] = fmt.Sprintf("%s > %s AND %s <= %s", v, num(c.lower), v, num(c.upper))
		}
	}
	kinds := []struct {
		g          Geom
		key, words string
		sql        string
	}{{Point, "point", "points", "Point"}, {Polygon, "polygon", "polygons", "Polygon"}}
	b.WriteString(`  <renderer-v2 type="RuleRenderer" symbollevels="0" forceraster="0" enableorderby="0">` + "\n")
	b.WriteString(`    <rules key="partons-root">` + "\n")
	for k, kind := range kinds {
		fmt.Fprintf(&b, `      <rule key="partons-%s" label=%s filter=%s>`+"\n", kind.key, attr(lang.Word(kind.words)),
			attr(fmt.Sprintf("geometry_type($geometry) = '%s'", kind.sql)))
		for i, c := range cs {
			fmt.Fprintf(&b, `        <rule key="partons-%s-%d" symbol="%d" label=%s filter=%s/>`+"\n", kind.key, i, k*len(cs)+i, attr(c.label), attr(filters[i]))
		}
		b.WriteString("      </rule>\n")
	}
	b.WriteString("    </rules>\n    <symbols>\n")
	for k, kind := range kinds {
		for i, c := range cs {
			symbol(&b, kind.g, strconv.Itoa(k*len(cs)+i), c.color, 2.4)
		}
	}
	b.WriteString("    </symbols>\n  </renderer-v2>\n")
	if label != "" {
		labeling(&b, Mixed, label)
	}
	footer(&b)
	return b.Bytes()
}
