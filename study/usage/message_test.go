package usage

import (
	"errors"
	"fmt"
	"testing"
)

func TestMessage(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("config: %w", errors.New("c.yaml: line 2: field nope not found in type config.Config")), `c.yaml: line 2: unknown key "nope"`},
		{fmt.Errorf("load: v.csv:3: %w: bad lon", errors.New("datasets: invalid input data")), "v.csv:3: bad lon"},
		{Errorf("{snap_m} 0: must be greater than 0"), "snap_m 0: must be greater than 0"},
	} {
		if got := Message(tc.err); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
