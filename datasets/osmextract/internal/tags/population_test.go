package tags

import "testing"

func TestParsePopulation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1234", 1234, true}, {" 0 ", 0, true}, {"ca. 300", 0, false}, {"1.234", 0, false},
		{"1 234", 0, false}, {"-5", 0, false}, {"", 0, false}, {"12345678901", 0, false},
	}
	for _, tc := range cases {
		if got, ok := ParsePopulation(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("ParsePopulation(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
