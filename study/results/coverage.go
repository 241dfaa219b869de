package results

import (
	"fmt"
	"io"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/study"
)

// coverageSource explains manifest.json's coverage pairs.
const coverageSource = "per category: declared in the config (coverage:), else the embedded sample's metadata, " +
	"else inferred (covered in a country when the data holds at least one service of it there); each pair names its rule"

// coverageRuleNames orders and words the rules on stderr.
var coverageRuleNames = []struct {
	rule analysis.CoverageRule
	name string
}{
	{analysis.CoverageDeclared, "declared in the config"},
	{analysis.CoverageMetadata, "from the sample metadata"},
	{analysis.CoverageInferred, "inferred from the data"},
}

// WriteCoverage tells on stderr (also when quiet: it is a note about
// the data), per rule, which categories it decided and
// the countries each is covered in: a declaration for some categories
// must not silently change the others.
//
//	partons: coverage declared in the config: pharmacy (BE, FR)
//	partons: coverage inferred from the data: bakery (BE), post (BE, FR)
func WriteCoverage(w io.Writer, pairs []analysis.CoveragePair) {
	for _, r := range coverageRuleNames {
		var cats []string
		var covered []string
		flush := func(cat string) {
			if cat == "" {
				return
			}
			list := "none"
			if len(covered) > 0 {
				list = strings.Join(covered, ", ")
			}
			cats = append(cats, fmt.Sprintf("%s (%s)", cat, list))
		}
		cur := ""
		for _, p := range pairs {
			if p.Rule != r.rule {
				continue
			}
			if p.Category != cur {
				flush(cur)
				cur, covered = p.Category, nil
			}
			if p.Covered {
				country := p.Country
				if country == "" {
					country = "no country"
				}
				covered = append(covered, country)
			}
		}
		flush(cur)
		if len(cats) > 0 {
			fmt.Fprintf(w, "partons: coverage %s: %s\n", r.name, strings.Join(cats, ", "))
		}
	}
}

// unmapped lists the raw category values the taxonomy left as they are.
func unmapped(mapping []study.MappingEntry) []string {
	out := []string{}
	for _, e := range mapping {
		if e.Vocabulary == "unmapped" {
			out = append(out, e.Raw)
		}
	}
	return out
}

// WriteUnmapped tells on stderr which raw category values the taxonomy
// did not know (each is a category of its own), and which bare values
// were ambiguous, so that a missing mapping is not mistaken for a
// category of its own.
func WriteUnmapped(w io.Writer, mapping []study.MappingEntry) {
	var list []string
	for _, e := range mapping {
		if e.Vocabulary != "unmapped" {
			continue
		}
		item := fmt.Sprintf("%q (%d)", e.Raw, e.Services)
		if len(e.Ambiguous) > 0 {
			item = fmt.Sprintf("%q (%d; ambiguous: %s)", e.Raw, e.Services, strings.Join(e.Ambiguous, ", "))
		}
		list = append(list, item)
	}
	if len(list) == 0 {
		return
	}
	const show = 20
	more := ""
	if len(list) > show {
		more = fmt.Sprintf(", … (%d in all, listed in manifest.json)", len(list))
		list = list[:show]
	}
	fmt.Fprintf(w, "partons: category values not in the taxonomy, kept as categories of their own (services): %s%s; "+
		"map them under categories: in the config\n", strings.Join(list, ", "), more)
}
