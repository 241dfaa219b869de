package report

import (
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/words"
)

// t returns a text in l.
func t(l qml.Lang, key string) string { return words.Text(l, key) }

func countryName(l qml.Lang, code string) string { return l.Lookup(words.Countries, code) }

// Exonyms are the Westhoek's places with an established name of their
// own in another language (words.Exonyms).
var Exonyms = words.Exonyms

// placeName returns a place's name in l: the Input's Names first, then
// Exonyms, else the name as given. local is true when the result is the
// name as given.
func (in *doc) placeName(name string) (string, bool) {
	if m, ok := in.Names[name]; ok {
		if s := m[in.Lang]; s != "" {
			return s, s == name
		}
	}
	if w, ok := Exonyms[name]; ok {
		s := in.Lang.Pick(w)
		return s, s == name
	}
	return name, true
}

// displayName is the place name in l followed by the local name when
// they differ: "Ypres (Ieper)".
func (in *doc) displayName(name string) string {
	s, local := in.placeName(name)
	if local {
		return s
	}
	return s + " (" + name + ")"
}
