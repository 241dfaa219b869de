package csvio

import (
	"errors"
	"io"

	"github.com/partons/partons/datasets"
	"github.com/paulmach/orb"
)

// ReadVillages reads villages from a CSV file with a header line. The id
// and name columns and a coordinate pair are required; country, area and
// population columns are optional, and a blank population is unknown, not
// zero. Geometry is the Location point.
//
// source names the input in errors. On bad data it returns nil and a
// datasets.ErrorList with every problem found (capped at
// datasets.MaxProblems); if r fails it returns the read error wrapped; a
// schema naming no id or name column is a plain error.
// O(size of input); memory is the input bytes plus the result.
func ReadVillages(source string, r io.Reader, s datasets.VillageSchema) ([]datasets.Village, error) {
	if s.ID == "" || s.Name == "" {
		return nil, errors.New("csvio: village schema must name the id and name columns")
	}
	return readRecords(source, r, []string{s.ID, s.Name}, s.Mapped(), s.Coords, func(c *rowCtx) datasets.Village {
		v := datasets.Village{Origin: c.origin}
		v.ID = c.id(s.ID)
		v.Name = c.text(s.Name, true)
		v.Country = c.country(s.Country)
		v.AreaCode = c.text(s.AreaCode, false)
		v.AreaName = c.text(s.AreaName, false)
		v.Population, v.HasPopulation = c.quantity(s.Population)
		var ok bool
		if v.Location, ok = c.location(); ok {
			v.Geometry = orb.Point(v.Location)
		}
		return v
	})
}

// ReadServices reads service points from a CSV file with a header line.
// The id and category columns and a coordinate pair are required; name,
// country, capacity and opening_hours are optional (a blank opening_hours
// is unknown; its syntax is checked where the hours are evaluated). Service.Raw and Service.Category both
// hold the raw category (the caller maps it through the taxonomy).
// Errors and cost as for ReadVillages.
func ReadServices(source string, r io.Reader, s datasets.ServiceSchema) ([]datasets.Service, error) {
	if s.ID == "" || s.Category == "" {
		return nil, errors.New("csvio: service schema must name the id and category columns")
	}
	return readRecords(source, r, []string{s.ID, s.Category}, s.Mapped(), s.Coords, func(c *rowCtx) datasets.Service {
		v := datasets.Service{Origin: c.origin}
		v.ID = c.id(s.ID)
		v.Name = c.text(s.Name, false)
		v.Raw = c.text(s.Category, true)
		v.Category = v.Raw
		v.Country = c.country(s.Country)
		v.Capacity, v.HasCapacity = c.quantity(s.Capacity)
		v.OpeningHours = c.text(s.OpeningHours, false)
		v.Location, _ = c.location()
		return v
	})
}

// readRecords reads a file whose header holds the required columns, the
// mapped ones and the coordinates of cs, turning each row into a record with build and
// keeping the records of the rows without problems. Errors as for
// ReadVillages.
func readRecords[T any](source string, r io.Reader, required []string, mapped []datasets.FieldColumn, cs datasets.CoordSchema, build func(c *rowCtx) T) ([]T, error) {
	probs := datasets.NewProblems(source)
	t, err := openTable(source, r, probs, required, mapped, cs)
	if err != nil {
		return nil, err
	}
	var out []T
	if t != nil {
		err = t.rows(func(c *rowCtx) {
			v := build(c)
			if !c.Bad {
				out = append(reserve(t, out), v)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
