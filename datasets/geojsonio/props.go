package geojsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/partons/partons/datasets"
)

// loadProperties decodes the feature's "properties" object; null or absent
// properties give an empty map.
func (c *featureCtx) loadProperties() {
	switch kind := jsonKind(c.raw.Properties); kind {
	case "missing", "null":
		return
	case "an object":
		if err := json.Unmarshal(c.raw.Properties, &c.props); err != nil {
			c.fail("properties", "invalid properties: "+err.Error())
		}
	default:
		c.fail("properties", fmt.Sprintf("properties is %s, not an object", kind))
	}
}

// checkType requires "type": "Feature".
func (c *featureCtx) checkType() {
	var t string
	if jsonKind(c.raw.Type) != "a string" || json.Unmarshal(c.raw.Type, &t) != nil || t != "Feature" {
		c.fail("type", fmt.Sprintf(`feature "type" must be "Feature", got %s`, describeRaw(c.raw.Type)))
	}
}

func describeRaw(raw json.RawMessage) string {
	if k := jsonKind(raw); k == "missing" || len(raw) > 40 {
		return k
	}
	return string(bytes.TrimSpace(raw))
}

// prop returns the raw value of property name ("" names nothing: absent).
func (c *featureCtx) prop(name string) json.RawMessage {
	if name == "" {
		return nil
	}
	return c.props[name]
}

// id returns the record id from property name, falling back to the
// feature's top-level "id" when the property is absent or null. With
// required, a missing id is a problem; otherwise it gives "". field is
// where the id was (or should have been) found.
func (c *featureCtx) id(name string, required bool) (id, field string) {
	field, raw := name, c.prop(name)
	if name == "" {
		field = "id"
	}
	if k := jsonKind(raw); k == "missing" || k == "null" {
		field, raw = "id", c.raw.ID
	}
	if k := jsonKind(raw); k == "missing" || k == "null" {
		if required {
			reason := `missing id: no "id" member`
			if name != "" {
				reason = fmt.Sprintf(`missing id: no %q property and no feature "id" member`, name)
			}
			if name != "" {
				field = name
			}
			c.fail(field, reason)
		}
		return "", field
	}
	s, err := idString(raw)
	if err != nil {
		c.fail(field, err.Error())
		return "", field
	}
	return s, field
}

// idString turns a JSON string or integer-valued number into an id.
// Strings are trimmed and kept as they are (leading zeros of INSEE and NIS
// codes survive); numbers are written as integers without exponent.
func idString(raw json.RawMessage) (string, error) {
	switch kind := jsonKind(raw); kind {
	case "a string":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("invalid id: %v", err)
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return "", errors.New("empty id")
		}
		return s, nil
	case "a number":
		lit := string(bytes.TrimSpace(raw))
		if isIntegerLiteral(lit) {
			if lit == "-0" {
				return "0", nil
			}
			return lit, nil
		}
		v, err := strconv.ParseFloat(lit, 64)
		if err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
			return "", fmt.Errorf("id %s is not an integer (use a string for non-integer ids)", lit)
		}
		if v == 0 {
			v = 0 // no "-0"
		}
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	default:
		return "", fmt.Errorf("id is %s; must be a string or an integer", kind)
	}
}

// isIntegerLiteral reports whether s is -?[0-9]+.
func isIntegerLiteral(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// text returns a string property, trimmed. Numbers are accepted and kept
// as written. With required, absent, null or blank values are problems.
func (c *featureCtx) text(name string, required bool) string {
	raw := c.prop(name)
	var s string
	switch kind := jsonKind(raw); kind {
	case "missing", "null":
		if required {
			c.fail(name, "required property is "+kind)
		}
		return ""
	case "a string":
		if err := json.Unmarshal(raw, &s); err != nil {
			c.fail(name, "invalid string: "+err.Error())
			return ""
		}
		s = strings.TrimSpace(s)
	case "a number":
		s = string(bytes.TrimSpace(raw))
	default:
		c.fail(name, fmt.Sprintf("property is %s, not a string", kind))
		return ""
	}
	if s == "" && required {
		c.fail(name, "required property is empty")
	}
	return s
}

// code returns an optional code property (area codes): a string or an
// integer-valued number, "" when absent or null.
func (c *featureCtx) code(name string) string {
	raw := c.prop(name)
	if k := jsonKind(raw); k == "missing" || k == "null" {
		return ""
	}
	s, err := idString(raw)
	if err != nil {
		c.fail(name, strings.Replace(err.Error(), "id", "code", 1))
		return ""
	}
	return s
}

// country returns a normalised alpha-2 code; "" when absent, null or
// blank, unless required.
func (c *featureCtx) country(name string, required bool) string {
	raw := c.prop(name)
	if k := jsonKind(raw); k != "missing" && k != "null" && k != "a string" {
		c.fail(name, fmt.Sprintf("country is %s, not a string", k))
		return ""
	}
	s := c.text(name, required)
	cc, err := datasets.NormalizeCountry(s)
	if err != nil {
		c.fail(name, err.Error())
		return ""
	}
	return cc
}

// quantity returns a population or capacity from a number or a numeric
// string; ok is false when it is absent, null or blank (unknown).
func (c *featureCtx) quantity(name string) (v float64, ok bool) {
	raw := c.prop(name)
	var err error
	switch kind := jsonKind(raw); kind {
	case "missing", "null":
		return 0, false
	case "a string":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			c.fail(name, "invalid string: "+err.Error())
			return 0, false
		}
		v, ok, err = datasets.ParseQuantity(s, false)
	case "a number":
		v, err = datasets.ParseDecimal(string(bytes.TrimSpace(raw)), false)
		if err == nil {
			err = datasets.ValidateQuantity(v)
		}
		ok = err == nil
	default:
		err = fmt.Errorf("value is %s, not a number", kind)
	}
	if err != nil {
		c.fail(name, err.Error())
		return 0, false
	}
	return v, ok
}
