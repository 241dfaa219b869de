// Command hoursdump prints partons' state of each opening_hours value at
// sampled instants of reference weeks, for the make verify oracle
// (.ci/verify/hours_oracle.py), which compares it with the reference
// JavaScript evaluator.
//
//	go run ./.ci/verify/hoursdump -values values.json -weeks 2026-W29,2026-W30 -countries BE,FR
//
// values.json is a JSON array of strings. Output: one JSON object a line,
// {"value", "country", "week", "status", "reason", "states"}; states has one
// letter an instant (o open, c closed, u unknown), the instants every
// -step minutes from Monday 00:00 plus -offset.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/partons/partons/datasets/hours"
)

func main() {
	values := flag.String("values", "", "JSON array of opening_hours values")
	weeks := flag.String("weeks", "2026-W29,2026-W30", "reference weeks, comma-separated")
	countries := flag.String("countries", "BE,FR", "countries, comma-separated")
	step := flag.Int("step", 15, "minutes between instants")
	offset := flag.Int("offset", 0, "minutes after Monday 00:00 of the first instant")
	flag.Parse()
	if err := run(*values, *weeks, *countries, *step, *offset); err != nil {
		fmt.Fprintln(os.Stderr, "hoursdump:", err)
		os.Exit(1)
	}
}

func run(path, weeks, countries string, step, offset int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var vs []string
	if err := json.Unmarshal(b, &vs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if step <= 0 || offset < 0 {
		return fmt.Errorf("step must be positive and offset non-negative")
	}
	enc := json.NewEncoder(os.Stdout)
	for _, ws := range strings.Split(weeks, ",") {
		w, err := hours.ParseWhen(ws)
		if err != nil {
			return err
		}
		for _, c := range strings.Split(countries, ",") {
			cal := hours.CalendarFor(c)
			for _, v := range vs {
				rec := map[string]string{"value": v, "country": c, "week": ws, "status": "ok"}
				h, err := hours.Parse(v)
				if err != nil {
					rec["status"], rec["reason"] = "error", err.Error()
				} else if s := h.Evaluate(w, cal); s.Status != hours.Known {
					rec["status"], rec["reason"] = string(s.Status), s.Reason
				} else {
					rec["states"] = states(s, step, offset)
				}
				if err := enc.Encode(rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func states(s hours.Schedule, step, offset int) string {
	var b strings.Builder
	for m := offset; m < hours.WeekMinutes; m += step {
		switch {
		case in(s.Open, m):
			b.WriteByte('o')
		case in(s.Unknown, m):
			b.WriteByte('u')
		default:
			b.WriteByte('c')
		}
	}
	return b.String()
}

func in(iv []hours.Interval, m int) bool {
	for _, i := range iv {
		if m >= i.Start && m < i.End {
			return true
		}
	}
	return false
}
