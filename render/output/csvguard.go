package output

import "strings"

// CSVOption changes how WriteCSV writes.
type CSVOption func(*csvConfig)

type csvConfig struct {
	guard bool
}

// CSVGuard turns the formula-injection guard of text cells on (the
// default) or off. Turn it off only for files read by programs, never
// opened in a spreadsheet.
func CSVGuard(on bool) CSVOption {
	return func(c *csvConfig) { c.guard = on }
}

// formulaTrigger reports whether a spreadsheet reads a cell starting with
// c as a formula (OWASP "CSV Injection": = + - @ tab carriage return).
func formulaTrigger(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// GuardCSVText returns s as it must be written in a CSV text cell so that
// no spreadsheet runs it as a formula, following OWASP's advice: a value
// starting with = + - @ tab or carriage return gets a leading single quote
// ("=1+1" becomes "'=1+1", "-2+3" becomes "'-2+3"), which spreadsheets
// show as text. Anything else is returned unchanged. Apply it to text
// only: a number such as -12.5 is written as a number and is no formula.
//
// A value that already starts with single quotes followed by a trigger
// ("'=1") gets one more, so that UnguardCSVText gives every value back
// exactly.
func GuardCSVText(s string) string {
	if needsGuard(s) {
		return "'" + s
	}
	return s
}

// needsGuard reports whether s starts with a formula trigger, after any
// leading single quotes.
func needsGuard(s string) bool {
	t := strings.TrimLeft(s, "'")
	return t != "" && formulaTrigger(t[0])
}

// UnguardCSVText undoes GuardCSVText: UnguardCSVText(GuardCSVText(s)) is s
// for every s. Programs that read back a CSV partons wrote with the guard
// on (diff) call it on every cell; a number is never changed.
func UnguardCSVText(s string) string {
	if strings.HasPrefix(s, "'") && needsGuard(s[1:]) {
		return s[1:]
	}
	return s
}

// hiddenTrigger reports whether s holds a ';' directly followed by a
// formula trigger: a spreadsheet that splits on semicolons (the usual CSV
// separator where the decimal mark is a comma, as in Belgium and France)
// would start a new cell there unless the field is quoted.
func hiddenTrigger(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == ';' && formulaTrigger(s[i+1]) {
			return true
		}
	}
	return false
}

// appendCSVText appends s as one CSV field, guarded when guard is set
// (GuardCSVText, and quoted when a semicolon-splitting reader would find
// a formula inside it).
func appendCSVText(b []byte, s string, guard bool) []byte {
	if guard && plainCSVText(s) {
		return append(b, s...)
	}
	if !guard {
		return appendCSVField(b, s, false)
	}
	return appendCSVField(b, GuardCSVText(s), hiddenTrigger(s))
}

// csvSpecial marks the bytes that may change how appendCSVText writes
// a field wherever they stand: separator, quote, line breaks, the
// semicolon of hiddenTrigger, the single quote and tab of needsGuard.
var csvSpecial = func() (t [256]bool) {
	for _, c := range []byte(",\"\n\r;'\t") {
		t[c] = true
	}
	return t
}()

// plainCSVText reports whether appendCSVText with the guard on writes s
// as it is: no special byte (csvSpecial), no formula trigger first
// (GuardCSVText), no space at either end (appendCSVField would quote).
// Stricter than those three together; one pass for the usual ids, names,
// codes and statuses.
func plainCSVText(s string) bool {
	if s == "" {
		return true
	}
	switch s[0] {
	case '=', '+', '-', '@', ' ':
		return false
	}
	if s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if csvSpecial[s[i]] {
			return false
		}
	}
	return true
}

// CSVText returns s as one CSV field (quoted as RFC 4180 requires, see
// WriteCSV) and, when guard is set, guarded as WriteCSV guards text cells.
// It is for the few CSV files written without a table.
func CSVText(s string, guard bool) string {
	return string(appendCSVText(nil, s, guard))
}
