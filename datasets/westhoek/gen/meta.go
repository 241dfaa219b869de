package main

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"

	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
)

// sources lists the upstream data with the licence and attribution strings
// given by their publishers.
func sources() []westhoek.Source {
	const (
		osmAttr   = "© OpenStreetMap contributors"
		osmLic    = "ODbL 1.0 (Open Database License)"
		etalabLic = "Licence Ouverte / Etalab"
	)
	return []westhoek.Source{
		{
			ID: srcOSMPlaces, Name: "OpenStreetMap place nodes (Belgium extract)",
			File: fileBEPlaces, Vintage: "2015-11", Licence: osmLic, Attribution: osmAttr,
			Used: "Belgian villages: place=city/town/village/hamlet nodes, name and population tag",
		},
		{
			ID: srcOSMPOIs, Name: "OpenStreetMap points of interest, nodes only (Belgium extract)",
			File: fileBEServices, Vintage: "2015-11", Licence: osmLic, Attribution: osmAttr,
			Used: "services: nodes of the categories the taxonomy maps that lie in a Belgian municipality (BE) or in a French commune of the sample (FR)",
		},
		{
			ID: srcStatbel, Name: "Statbel municipality boundaries (2011 geometry, 589-municipality layout) with population 2020",
			File: fileBEMunicipalities, Vintage: "boundaries 2011, population 2020-01-01",
			Licence: "CC BY 2.0", Attribution: "Statbel (Directorate-General Statistics – Statistics Belgium)",
			Used: "which Belgian places and services are kept (point in polygon), NIS codes and names of the villages' municipalities, municipality populations in areas.csv",
		},
		{
			ID: srcIGNINSEE, Name: "French communes: IGN Admin Express 2018 (simplified) with INSEE legal populations (population_2026_ref)",
			File: fileFRCommunes, Vintage: "boundaries 2018, population reference 2026",
			Licence: etalabLic, Attribution: "IGN, INSEE",
			Used: "French villages (commune polygons, INSEE code, population, EPCI), which French services are kept",
		},
		{
			ID: srcOSMPlacesFR, Name: "OpenStreetMap place nodes (France)",
			File: fileFRPlaces, Vintage: "2026", Licence: osmLic, Attribution: osmAttr,
			Used: "the point each French commune is measured from: its place node (same name, inside the commune)",
		},
		{
			ID: srcLaPoste, Name: "La Poste, points de contact du réseau postal",
			File: fileLaPoste, Vintage: "2020",
			Licence:     "published by La Poste as open data (Licence Ouverte expected; not verified from the file itself)",
			Attribution: "La Poste",
			Used:        "French services: every postal contact point in the box lon 2.0–3.3, lat 50.55–51.2",
		},
	}
}

// buildMetadata assembles sources, coverage, counts and left-out records.
func buildMetadata(villages, services []feature, tax *taxonomy.Taxonomy, st *stats) westhoek.Metadata {
	m := westhoek.Metadata{
		Name: "Westhoek cross-border sample",
		Description: "Villages and everyday service points on both sides of the Belgian–French border " +
			"in the Westhoek (West Flanders with Mouscron and Comines-Warneton; French communes of " +
			"CA Cœur de Flandre, CC Hauts de Flandre, CU Dunkerque and CC Flandre Lys).",
		Sources: sources(),
		LeftOut: st.leftOut,
		Caveats: []string{
			"Belgian services are OpenStreetMap nodes of November 2015: shops mapped only as building outlines are missing, so Belgian counts are lower bounds and a village may have a service the sample lacks.",
			"French services are post offices and other postal counters only (La Poste 2020). Every other category is not covered in France: distances to it across the border are not meaningful.",
			"Belgian village populations are OpenStreetMap population tags of no single date or definition; some tag a municipality total on its main village, so summing them double counts. Most Belgian places have no population (null): report it as unknown, never as zero.",
			"OpenStreetMap amenity=school does not say the school level; it is category school, which the default basket accepts as a primary school.",
			"No road network is included: distances from this sample alone are straight-line.",
		},
	}
	for _, country := range []string{westhoek.Belgium, westhoek.France} {
		c := westhoek.Country{Country: country}
		for _, v := range villages {
			if v.country != country {
				continue
			}
			c.Villages++
			if p := v.Properties.(villageProps).Population; p != nil {
				c.PopulationKnown++
				c.Population += *p
			} else {
				c.PopulationUnknown++
			}
		}
		for _, s := range services {
			if s.country == country {
				c.Services++
			}
		}
		m.Countries = append(m.Countries, c)
	}
	for _, cat := range tax.Categories() {
		for _, country := range []string{westhoek.Belgium, westhoek.France} {
			m.Coverage = append(m.Coverage, coverage(cat, country, st.services[[2]string{cat, country}], st.strayFR[cat]))
		}
	}
	return m
}

// coverage says what the sample holds for one category in one country.
func coverage(cat, country string, points, strayFR int) westhoek.Coverage {
	c := westhoek.Coverage{Category: cat, Country: country, Points: points, Completeness: westhoek.None}
	switch {
	case country == westhoek.France && cat == taxonomy.Post:
		c.Covered, c.Completeness, c.Source, c.Vintage = true, westhoek.Complete, srcLaPoste, "2020"
		c.Note = "every La Poste contact point (Bureau de Poste, Agence postale communale, Relais poste commerçant) in the box lon 2.0–3.3, lat 50.55–51.2, including towns outside the sample's communes"
		if strayFR > 0 {
			c.Note += "; plus " + strconv.Itoa(strayFR) + " OpenStreetMap 2015 post office node(s) that may duplicate La Poste points"
		}
	case country == westhoek.France:
		c.Note = "not covered: the sample has no French source for this category; a missing point does not mean a missing service"
		if strayFR > 0 {
			c.Source, c.Vintage = srcOSMPOIs, "2015-11"
			c.Note += " (" + strconv.Itoa(strayFR) + " OpenStreetMap 2015 node(s) at the edge of the Belgian extract are included but are not a survey)"
		}
	case points == 0:
		c.Note = "not covered: no OpenStreetMap 2015 node of this category in the sample"
		if cat == taxonomy.PrimarySchool {
			c.Note = "not covered as such: OpenStreetMap does not tag school levels; Belgian schools are in category school"
		}
	default:
		c.Covered, c.Completeness, c.Source, c.Vintage = true, westhoek.Partial, srcOSMPOIs, "2015-11"
		c.Note = "OpenStreetMap nodes only, as mapped in November 2015; services mapped as building outlines or not mapped at all are missing, so the real number is higher and distances are upper bounds"
		switch cat {
		case taxonomy.GP:
			c.Note += "; doctors' practices were rarely mapped (a small fraction of the real number) and amenity=doctors does not say general practice"
		case taxonomy.School:
			c.Note += "; school level unknown (amenity=school)"
		case taxonomy.Kindergarten:
			c.Note += "; most Belgian pre-schools are part of a primary school (basisschool) tagged amenity=school"
		case taxonomy.Hospital, taxonomy.Dentist:
			c.Note += "; very few nodes"
		}
	}
	return c
}

// writeAreas writes the Belgian municipalities and French EPCI with their
// official populations.
func writeAreas(path string, be, epcis []*area) error {
	var buf bytes.Buffer
	buf.WriteString("area_code,area_name,country,kind,population,population_source\n")
	for _, a := range be {
		fmt.Fprintf(&buf, "%s,%s,%s,municipality,%d,Statbel 2020-01-01\n", a.code, csvField(a.name), a.country, a.population)
	}
	for _, a := range epcis {
		fmt.Fprintf(&buf, "%s,%s,%s,epci,%d,INSEE (sum of the sample's communes; population_2026_ref)\n", a.code, csvField(a.name), a.country, a.population)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// csvField quotes a field that holds a comma or a quote.
func csvField(s string) string {
	if bytes.ContainsAny([]byte(s), ",\"\n") {
		return strconv.Quote(s)
	}
	return s
}

// printSummary prints the numbers the README quotes.
func printSummary(m westhoek.Metadata) {
	for _, c := range m.Countries {
		fmt.Printf("%s: %d villages (%d with population, %d unknown, total %d), %d services\n",
			c.Country, c.Villages, c.PopulationKnown, c.PopulationUnknown, c.Population, c.Services)
	}
	cov := append([]westhoek.Coverage(nil), m.Coverage...)
	sort.SliceStable(cov, func(i, j int) bool { return cov[i].Category < cov[j].Category })
	for _, c := range cov {
		fmt.Printf("  %-15s %s covered=%-5v points=%d\n", c.Category, c.Country, c.Covered, c.Points)
	}
	for _, l := range m.LeftOut {
		fmt.Printf("left out: %s %s: %d (%s)\n", l.File, l.What, l.Count, l.Reason)
	}
}
