package geojsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// loadProperties picks the schema's properties out of the feature's
// "properties" object, as decoding it into a map[string]json.RawMessage
// would see them: names unescaped and compared exactly, the last of
// repeated names kept. Null or absent properties leave all absent.
// O(size of the object); allocates only for escaped names.
func (c *featureCtx) loadProperties() {
	if c.loaded {
		return // by fastFeature
	}
	switch kind := jsonscan.Kind(c.raw.Properties); kind {
	case "missing", "null":
		return
	case "an object":
		it := jsonscan.NewObjectIter(c.raw.Properties)
		for it.Next() {
			if i := c.propIndex(it.Key, it.Plain); i >= 0 {
				c.vals[i] = it.Val
				c.seen[i] = true
			}
			if c.listing {
				c.noteKey(it.Key, it.Plain)
			}
		}
		if c.listing {
			c.listing = c.unseenMapped() != nil
		}
		if !it.OK { // not reached: the object has been checked
			c.fail("properties", "invalid properties: malformed object")
		}
	default:
		c.fail("properties", fmt.Sprintf("properties is %s, not an object", kind))
	}
}

// propIndex returns the index in c.names of the property named by key,
// or -1.
func (c *featureCtx) propIndex(key []byte, plain bool) int {
	for pass := 0; pass < 2; pass++ {
		for i, n := range c.names {
			if n != "" && string(key) == n {
				return i
			}
		}
		if plain {
			break
		}
		key = jsonscan.DecodedKey(key, false)
	}
	return -1
}

// checkType requires "type": "Feature".
func (c *featureCtx) checkType() {
	if string(c.raw.Type) == `"Feature"` {
		return
	}
	if t, err := jsonscan.Unquote(c.raw.Type); jsonscan.Kind(c.raw.Type) != "a string" || err != nil || t != "Feature" {
		c.fail("type", fmt.Sprintf(`feature "type" must be "Feature", got %s`, describeRaw(c.raw.Type)))
	}
}

func describeRaw(raw json.RawMessage) string {
	if k := jsonscan.Kind(raw); k == "missing" || len(raw) > 40 {
		return k
	}
	return string(bytes.TrimSpace(raw))
}

// prop returns the raw value of property name ("" names nothing: absent).
func (c *featureCtx) prop(name string) json.RawMessage {
	if name == "" {
		return nil
	}
	for i, n := range c.names {
		if n == name {
			return c.vals[i]
		}
	}
	return nil
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
	if k := jsonscan.Kind(raw); k == "missing" || k == "null" {
		field, raw = "id", c.raw.ID
	}
	if k := jsonscan.Kind(raw); k == "missing" || k == "null" {
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
	s, err := c.idString(raw, false)
	if err != nil {
		c.fail(field, err.Error())
		return "", field
	}
	return s, field
}

// idString turns a JSON string or integer-valued number into an id.
// Strings are trimmed and kept as they are (leading zeros of INSEE and NIS
// codes survive); numbers are written as integers without exponent. With
// shared, the result is interned.
func (c *featureCtx) idString(raw json.RawMessage, shared bool) (string, error) {
	switch kind := jsonscan.Kind(raw); kind {
	case "a string":
		s, err := c.str(raw, shared)
		if err != nil {
			return "", fmt.Errorf("invalid id: %v", err)
		}
		if s == "" {
			return "", errors.New("empty id")
		}
		return s, nil
	case "a number":
		lit := bytes.TrimSpace(raw)
		if isIntegerLiteral(lit) {
			if string(lit) == "-0" {
				return "0", nil
			}
			if shared {
				return c.shared.bytes(lit), nil
			}
			return string(lit), nil
		}
		v, err := strconv.ParseFloat(string(lit), 64)
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
func isIntegerLiteral(s []byte) bool {
	s = bytes.TrimPrefix(s, []byte("-"))
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// str decodes a JSON string value (as json.Unmarshal does) and trims it.
// With shared, the result is interned. Plain strings (no escapes, valid
// UTF-8) are trimmed before they are copied, and not copied at all when
// an interned equal string exists.
func (c *featureCtx) str(raw json.RawMessage, shared bool) (string, error) {
	if n := len(raw); n >= 2 && raw[0] == '"' && raw[n-1] == '"' {
		inner := raw[1 : n-1]
		if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
			inner = bytes.TrimSpace(inner)
			if shared {
				return c.shared.bytes(inner), nil
			}
			return string(inner), nil
		}
	}
	s, err := jsonscan.Unquote(raw)
	if err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if shared {
		s = c.shared.string(s)
	}
	return s, nil
}

// text returns a string property, trimmed. Numbers are accepted and kept
// as written. With required, absent, null or blank values are problems.
// With shared, the value is interned (for values many records repeat).
func (c *featureCtx) text(name string, required, shared bool) string {
	raw := c.prop(name)
	var s string
	switch kind := jsonscan.Kind(raw); kind {
	case "missing", "null":
		if required {
			c.fail(name, "required property is "+kind)
		}
		return ""
	case "a string":
		var err error
		if s, err = c.str(raw, shared); err != nil {
			c.fail(name, "invalid string: "+err.Error())
			return ""
		}
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
// integer-valued number, "" when absent or null. Codes are interned.
func (c *featureCtx) code(name string) string {
	raw := c.prop(name)
	if k := jsonscan.Kind(raw); k == "missing" || k == "null" {
		return ""
	}
	s, err := c.idString(raw, true)
	if err != nil {
		c.fail(name, strings.Replace(err.Error(), "id", "code", 1))
		return ""
	}
	return s
}

// country returns a normalised alpha-2 code; "" when absent, null or
// blank, unless required. Codes are interned.
func (c *featureCtx) country(name string, required bool) string {
	raw := c.prop(name)
	if len(raw) == 4 && raw[0] == '"' && isUpper(raw[1]) && isUpper(raw[2]) && raw[3] == '"' {
		return c.shared.bytes(raw[1:3]) // already normalised: "BE"
	}
	if k := jsonscan.Kind(raw); k != "missing" && k != "null" && k != "a string" {
		c.fail(name, fmt.Sprintf("country is %s, not a string", k))
		return ""
	}
	s := c.text(name, required, false)
	cc, err := datasets.NormalizeCountry(s)
	if err != nil {
		c.fail(name, err.Error())
		return ""
	}
	return c.shared.string(cc)
}

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

// quantity returns a population or capacity from a number or a numeric
// string; ok is false when it is absent, null or blank (unknown).
func (c *featureCtx) quantity(name string) (v float64, ok bool) {
	raw := c.prop(name)
	var err error
	switch kind := jsonscan.Kind(raw); kind {
	case "missing", "null":
		return 0, false
	case "a string":
		var s string
		if s, err = jsonscan.Unquote(raw); err != nil {
			c.fail(name, "invalid string: "+err.Error())
			return 0, false
		}
		v, ok, err = datasets.ParseQuantity(s, false)
	case "a number":
		// A JSON number is decimal syntax, so ParseDecimal would only
		// add its wording of an overflow; ask it for that alone.
		lit := bytes.TrimSpace(raw)
		v, err = strconv.ParseFloat(string(lit), 64)
		if err != nil || math.IsInf(v, 0) {
			v, err = datasets.ParseDecimal(string(lit), false)
		}
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
