package main

import (
	"io"
	"strings"
	"unicode/utf8"
)

// table writes rows in aligned columns. Unlike text/tabwriter it counts
// the East Asian wide characters of the catalog's Japanese as two columns,
// as a terminal shows them.
type table struct {
	w     io.Writer
	rows  [][]string
	right map[int]bool // the columns aligned to the right
	min   map[int]int  // the columns' least widths
}

func newTable(w io.Writer) *table { return &table{w: w} }

// alignRight aligns the given columns (0-based) to the right.
func (t *table) alignRight(cols ...int) {
	t.right = map[int]bool{}
	for _, c := range cols {
		t.right[c] = true
	}
}

// minWidth makes column col (0-based) at least width columns wide.
func (t *table) minWidth(col, width int) {
	if t.min == nil {
		t.min = map[int]int{}
	}
	t.min[col] = width
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// flush writes the rows, each column as wide as its widest cell, two
// spaces apart, with no spaces at the end of a line.
func (t *table) flush() error {
	var widths []int
	for _, r := range t.rows {
		for i, cell := range r {
			if i == len(widths) {
				widths = append(widths, t.min[i])
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	var out, line strings.Builder
	for _, r := range t.rows {
		line.Reset()
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(cell))
			if t.right[i] {
				line.WriteString(pad + cell + "  ")
			} else {
				line.WriteString(cell + pad + "  ")
			}
		}
		out.WriteString(strings.TrimRight(line.String(), " "))
		out.WriteByte('\n')
	}
	t.rows = nil
	_, err := io.WriteString(t.w, out.String())
	return err
}

// displayWidth is how many terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

// isWide reports whether r is an East Asian wide or full-width character.
func isWide(r rune) bool {
	switch {
	case r < 0x1100 || r == utf8.RuneError:
		return false
	case r <= 0x115f, // Hangul Jamo
		0x2e80 <= r && r <= 0x303e, // CJK radicals, punctuation
		0x3041 <= r && r <= 0x33ff, // kana, CJK compatibility
		0x3400 <= r && r <= 0x4dbf, // CJK extension A
		0x4e00 <= r && r <= 0x9fff, // CJK ideographs
		0xa000 <= r && r <= 0xa4cf, // Yi
		0xac00 <= r && r <= 0xd7a3, // Hangul syllables
		0xf900 <= r && r <= 0xfaff, // CJK compatibility ideographs
		0xfe30 <= r && r <= 0xfe4f, // CJK compatibility forms
		0xff00 <= r && r <= 0xff60, // full-width forms
		0xffe0 <= r && r <= 0xffe6,
		0x20000 <= r && r <= 0x3fffd: // CJK extensions B and on
		return true
	}
	return false
}
