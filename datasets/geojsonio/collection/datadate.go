package collection

import (
	"bytes"
	"fmt"
	"time"

	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// DataDateMember is the FeatureCollection member in which a file states
// the date of the data it holds, as RFC 3339 (an OpenStreetMap extract's
// timestamp, say). Write puts it before "features" so that a reader finds
// it in the first bytes.
const DataDateMember = "data_date"

// HeadDataDate returns the "data_date" member of the FeatureCollection
// whose first bytes are head, when it comes before "features" within
// head; ok is false when there is none there (a date after the features
// is not looked for: the file is not read twice). A member that is not a
// string holding an RFC 3339 date and time or a YYYY-MM-DD date is an
// error naming the member. O(len(head)).
func HeadDataDate(head []byte) (date time.Time, ok bool, err error) {
	s := jsonscan.Scanner{B: bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))}
	s.SkipSpace()
	if s.I >= len(s.B) || s.B[s.I] != '{' {
		return time.Time{}, false, nil
	}
	s.I++
	for k := 0; ; k++ {
		key, plain, more, fine := s.Member(k)
		if !fine || !more {
			return time.Time{}, false, nil
		}
		switch string(jsonscan.DecodedKey(key, plain)) {
		case "features":
			return time.Time{}, false, nil
		case DataDateMember:
			start, fine := s.Value(1)
			if !fine {
				return time.Time{}, false, nil // cut by the end of head
			}
			raw := s.B[start:s.I]
			v, uerr := jsonscan.Unquote(raw)
			if uerr != nil || len(raw) == 0 || raw[0] != '"' {
				return time.Time{}, false, fmt.Errorf("member %q: %.40s is not a date (RFC 3339 or YYYY-MM-DD)", DataDateMember, raw)
			}
			if t, perr := time.Parse(time.RFC3339, v); perr == nil {
				return t.UTC(), true, nil
			}
			if t, perr := time.Parse("2006-01-02", v); perr == nil {
				return t, true, nil
			}
			return time.Time{}, false, fmt.Errorf("member %q: %.40q is not a date (RFC 3339 or YYYY-MM-DD)", DataDateMember, v)
		default:
			if _, fine := s.Value(1); !fine {
				return time.Time{}, false, nil
			}
		}
	}
}
