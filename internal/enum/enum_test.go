package enum_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/haishin/status/internal/enum"
)

type color uint8

var errColor = errors.New("paint: bad color")

var colors = enum.New[color]("color", errColor, []string{"red", "green", "blue"}).Alias("grün", 1)

func TestNames(t *testing.T) {
	for v, want := range []string{"red", "green", "blue"} {
		c := color(v)
		if got := colors.String(c); got != want {
			t.Errorf("String(%d) = %q; want %q", v, got, want)
		}
		b, err := colors.Append([]byte("c="), c)
		if err != nil || string(b) != "c="+want {
			t.Errorf("Append(%d) = %q, %v; want %q", v, b, err, "c="+want)
		}
		if got, err := enum.Parse(colors, want); err != nil || got != c {
			t.Errorf("Parse(%q) = %v, %v; want %v", want, got, err, c)
		}
		var u color = 9
		if err := colors.Unmarshal(&u, []byte(want)); err != nil || u != c {
			t.Errorf("Unmarshal(%q) = %v, %v; want %v", want, u, err, c)
		}
	}
	if got, err := enum.Parse(colors, []byte("grün")); err != nil || got != 1 {
		t.Errorf(`Parse("grün") = %v, %v; want 1`, got, err)
	}
	if got := colors.String(1); got != "green" {
		t.Errorf("String(1) = %q after an alias; want the name", got)
	}
}

func TestNamesErrors(t *testing.T) {
	if got := colors.String(3); got != "color(3)" {
		t.Errorf("String(3) = %q", got)
	}
	b, err := colors.Append([]byte("c="), 200)
	if string(b) != "c=" || err == nil || err.Error() != `paint: bad color "color(200)"` || !errors.Is(err, errColor) {
		t.Errorf("Append(200) = %q, %v", b, err)
	}
	for _, bad := range []string{"", "Red", "red ", "gruen", "color(0)", strings.Repeat("r", 200)} {
		_, err := enum.Parse(colors, bad)
		var ve *enum.ValueError
		if !errors.As(err, &ve) || ve.Text != bad || !errors.Is(err, errColor) {
			t.Errorf("Parse(%q) = %v", bad, err)
		}
		c := color(2)
		if err := colors.Unmarshal(&c, []byte(bad)); err == nil || c != 2 {
			t.Errorf("Unmarshal(%q) = %v and set %v", bad, err, c)
		}
	}
	_, err = enum.Parse(colors, "Red")
	if got := err.Error(); got != `paint: bad color "Red"` {
		t.Errorf(`Parse("Red") error %q`, got)
	}
}

func TestNewPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"empty name":      func() { enum.New[color]("color", errColor, []string{"red", ""}) },
		"twice":           func() { enum.New[color]("color", errColor, []string{"red", "blue", "red"}) },
		"alias of a name": func() { enum.New[color]("color", errColor, []string{"red", "blue"}).Alias("blue", 0) },
		"alias twice":     func() { enum.New[color]("color", errColor, []string{"red"}).Alias("rot", 0).Alias("rot", 0) },
		"alias outside":   func() { enum.New[color]("color", errColor, []string{"red"}).Alias("rot", 1) },
		"too many":        func() { enum.New[color]("color", errColor, make([]string, 257)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestParseAllocations(t *testing.T) {
	text := []byte("blue")
	var c color
	if n := testing.AllocsPerRun(100, func() { _ = colors.Unmarshal(&c, text); _, _ = colors.Append(text[:0], c) }); n != 0 {
		t.Errorf("Unmarshal and Append allocate %v times", n)
	}
}
