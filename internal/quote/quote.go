// Package quote quotes bad input for error messages, the same way in
// package status, package bounce and the mailstatus command.
package quote

import (
	"strconv"
	"unicode/utf8"
)

// Max is about how many bytes of the input [Cut] keeps.
const Max = 80

// Cut quotes s with [strconv.Quote], cutting it at a rune boundary after
// about Max bytes and marking the cut with "...".
func Cut(s string) string {
	if len(s) <= Max {
		return strconv.Quote(s)
	}
	n := Max
	for n > Max-utf8.UTFMax && !utf8.RuneStart(s[n]) {
		n--
	}
	return strconv.Quote(s[:n]) + "..."
}
