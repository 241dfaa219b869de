package usage

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func flag(key string) string { return "--" + key }

func TestRender(t *testing.T) {
	e := Errorf("%s: {osm} gives the villages: drop {villages}", "x.osm")
	if got, want := e.Error(), "x.osm: osm gives the villages: drop villages"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	wrapped := fmt.Errorf("scenario.yaml: base: %w", e)
	if got, want := Render(wrapped, flag), "scenario.yaml: base: x.osm: --osm gives the villages: drop --villages"; got != want {
		t.Errorf("Render = %q, want %q", got, want)
	}
	if As(wrapped) != e {
		t.Error("As does not find the error through a wrap")
	}
	h := &Hint{Err: context.Canceled, Advice: "{lenient_hours} reads them as unknown"}
	if !errors.Is(h, context.Canceled) {
		t.Error("a hint loses the kind of its error")
	}
	if got, want := Render(h, flag), "context canceled\n(--lenient_hours reads them as unknown)"; got != want {
		t.Errorf("Render(hint) = %q, want %q", got, want)
	}
	if got := Render(errors.New("plain {x}"), flag); got != "plain {x}" {
		t.Errorf("Render touched a plain error: %q", got)
	}
}

func TestNamed(t *testing.T) {
	e := fmt.Errorf("run: %w", Errorf("{snap_m} 0: must be greater than 0"))
	n := Named(e, flag)
	if n.Error() != "run: --snap_m 0: must be greater than 0" || As(n) == nil || !errors.Is(n, e) {
		t.Errorf("Named = %q, want the flag and the chain kept", n)
	}
	if Named(n, flag) != n {
		t.Error("a named error is named again")
	}
	plain := errors.New("disk full")
	if Named(plain, flag) != plain || Named(nil, flag) != nil {
		t.Error("an error naming no option is changed")
	}
}
