package quote

import (
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	long := strings.Repeat("a", Max-1) + "日本"
	for _, tt := range []struct{ name, in, want string }{
		{"short", "550 BE x", `"550 BE x"`},
		{"exactly Max", strings.Repeat("b", Max), `"` + strings.Repeat("b", Max) + `"`},
		{"cut", strings.Repeat("c", Max+10), `"` + strings.Repeat("c", Max) + `"...`},
		{"cut before a rune, not inside it", long, `"` + strings.Repeat("a", Max-1) + `"...`},
		{"control bytes escaped", "a\x00\n", `"a\x00\n"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cut(tt.in); got != tt.want {
				t.Errorf("Cut(%q) = %s; want %s", tt.in, got, tt.want)
			}
		})
	}
}
