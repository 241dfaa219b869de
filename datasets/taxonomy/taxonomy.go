package taxonomy

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ErrInvalidOverride is wrapped by With when an override has an empty key
// or an empty category.
var ErrInvalidOverride = errors.New("taxonomy: invalid override")

// Entry is one mapping from a source value to a common category.
type Entry struct {
	Vocabulary string // "osm", "bpe", "laposte" or "user"
	Raw        string // source value as documented (e.g. "amenity=pharmacy", "D307")
	Category   string // common category (e.g. "pharmacy")
	Note       string // what the source value means, when Raw does not say; may be ""
}

// Taxonomy maps source values to common categories. The zero value is an
// empty taxonomy in which only nothing is known; build one with Default or
// With. A Taxonomy is immutable and safe for concurrent use.
type Taxonomy struct {
	byKey      map[string]int    // normalised raw value -> index in entries
	entries    []Entry           // sorted by Vocabulary, then Raw
	categories map[string]string // lower-cased category -> category
	sortedCats []string
	// bare maps a normalised value without "key=" to the indices of the
	// key=value entries whose value it is (amenity=post_office for
	// "post_office").
	bare map[string][]int
}

// Resolution is how Resolve read a source value.
type Resolution struct {
	Category   string // the common category, or the trimmed value itself when unknown
	Known      bool
	Vocabulary string // of the entry that decided; "" for a category name or an unknown value
	// Via is the key=value tag a bare value was read as
	// ("amenity=post_office" for "post_office"); "" otherwise.
	Via string
	// Ambiguous lists, for a bare value that keys map to different
	// categories, those tags ("amenity=x", "shop=x"); the value is then
	// unknown and kept as is.
	Ambiguous []string
}

var (
	defaultOnce sync.Once
	defaultTax  *Taxonomy
)

// Default returns the built-in taxonomy documented in the package comment.
// The same value is returned on every call; it is immutable.
func Default() *Taxonomy {
	defaultOnce.Do(func() { defaultTax = build(defaultTable) })
	return defaultTax
}

// build indexes entries; later entries with the same normalised key replace
// earlier ones. O(n log n).
func build(in []Entry) *Taxonomy {
	last := make(map[string]Entry, len(in))
	for _, e := range in {
		last[normalize(e.Raw)] = e
	}
	t := &Taxonomy{
		byKey:      make(map[string]int, len(last)),
		entries:    make([]Entry, 0, len(last)),
		categories: make(map[string]string),
	}
	for _, e := range last {
		t.entries = append(t.entries, e)
	}
	sort.Slice(t.entries, func(i, j int) bool {
		a, b := t.entries[i], t.entries[j]
		if a.Vocabulary != b.Vocabulary {
			return a.Vocabulary < b.Vocabulary
		}
		return a.Raw < b.Raw
	})
	t.bare = map[string][]int{}
	for i, e := range t.entries {
		t.byKey[normalize(e.Raw)] = i
		t.categories[strings.ToLower(e.Category)] = e.Category
		if k, v, ok := strings.Cut(normalize(e.Raw), "="); ok && k != "" && v != "" {
			t.bare[v] = append(t.bare[v], i)
		}
	}
	t.sortedCats = make([]string, 0, len(t.categories))
	for _, c := range t.categories {
		t.sortedCats = append(t.sortedCats, c)
	}
	sort.Strings(t.sortedCats)
	return t
}

// Map returns the common category of a source value. The lookup is
// normalised (see the package comment). A value that names a common
// category maps to that category. Any other value is returned trimmed but
// otherwise unchanged, with known == false: categories are free strings and
// the caller decides what to do with unknown ones. O(len(raw)).
//
// A value without a "key=" prefix that is no entry itself is tried as the
// value of every key of the table's key=value entries (amenity, shop,
// healthcare, …): "post_office" maps to post through amenity=post_office.
// When those keys give different categories the value is ambiguous and
// stays unknown (see Resolve).
func (t *Taxonomy) Map(raw string) (category string, known bool) {
	r := t.Resolve(raw)
	return r.Category, r.Known
}

// Resolve is Map telling how the value was read. O(len(raw)) plus the
// entries sharing a bare value.
func (t *Taxonomy) Resolve(raw string) Resolution {
	unknown := Resolution{Category: strings.TrimSpace(raw)}
	if t == nil {
		return unknown
	}
	key := normalize(raw)
	if i, ok := t.byKey[key]; ok {
		return Resolution{Category: t.entries[i].Category, Known: true, Vocabulary: t.entries[i].Vocabulary}
	}
	if c, ok := t.categories[key]; ok {
		return Resolution{Category: c, Known: true}
	}
	if strings.IndexByte(key, '=') >= 0 {
		return unknown
	}
	idx := t.bare[key]
	if len(idx) == 0 {
		return unknown
	}
	first := t.entries[idx[0]]
	for _, i := range idx[1:] {
		if t.entries[i].Category != first.Category {
			for _, j := range idx {
				unknown.Ambiguous = append(unknown.Ambiguous, t.entries[j].Raw)
			}
			return unknown
		}
	}
	return Resolution{Category: first.Category, Known: true, Vocabulary: first.Vocabulary, Via: first.Raw}
}

// With returns a new taxonomy in which overrides (source value -> category)
// replace the entries with the same normalised key or extend the table.
// Override entries get Vocabulary "user". Keys and categories are trimmed;
// a category that differs only in case from one of the receiver's takes
// the receiver's spelling ("Pharmacy" is pharmacy);
// an empty key or category is an error wrapping ErrInvalidOverride, and so
// are two keys that normalise to the same value with different categories.
// The receiver is not modified. O((n+m) log(n+m)).
func (t *Taxonomy) With(overrides map[string]string) (*Taxonomy, error) {
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic error messages
	seen := make(map[string]string, len(keys))
	var user []Entry
	for _, k := range keys {
		raw, cat := strings.TrimSpace(k), strings.TrimSpace(overrides[k])
		if raw == "" {
			return nil, fmt.Errorf("%w: empty source value (category %q)", ErrInvalidOverride, cat)
		}
		if cat == "" {
			return nil, fmt.Errorf("%w: empty category for %q", ErrInvalidOverride, raw)
		}
		if t != nil {
			if c, ok := t.categories[strings.ToLower(cat)]; ok {
				cat = c
			}
		}
		nk := normalize(raw)
		if prev, ok := seen[nk]; ok && prev != cat {
			return nil, fmt.Errorf("%w: %q is given twice with categories %q and %q", ErrInvalidOverride, raw, prev, cat)
		}
		seen[nk] = cat
		user = append(user, Entry{Vocabulary: VocabUser, Raw: raw, Category: cat})
	}
	var base []Entry
	if t != nil {
		base = t.entries
	}
	all := make([]Entry, 0, len(base)+len(user))
	all = append(all, base...)
	all = append(all, user...)
	return build(all), nil
}

// Entries returns a copy of the mapping table sorted by vocabulary, then
// raw value, for documentation and run manifests. O(n).
func (t *Taxonomy) Entries() []Entry {
	if t == nil {
		return nil
	}
	return append([]Entry(nil), t.entries...)
}

// Categories returns the sorted, distinct common categories that entries
// map to. O(k).
func (t *Taxonomy) Categories() []string {
	if t == nil {
		return nil
	}
	return append([]string(nil), t.sortedCats...)
}

// normalize returns the lookup key of a source value: trimmed, inner white
// space collapsed, no spaces around the first '=', lower case.
func normalize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.IndexByte(s, '='); i >= 0 {
		s = strings.TrimSpace(s[:i]) + "=" + strings.TrimSpace(s[i+1:])
	}
	return strings.ToLower(s)
}
