package status_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/haishin/status"
)

func TestDetectCharset(t *testing.T) {
	// The Japanese texts are 受信者のメールボックスがいっぱいです and
	// アカウント in each encoding, as Python's codecs write them.
	const (
		sjis = "\x8e\xf3\x90\x4d\x8e\xd2\x82\xcc\x83\x81\x81\x5b\x83\x8b\x83\x7b\x83\x62\x83\x4e\x83\x58\x82\xaa\x82\xa2\x82\xc1\x82\xcf\x82\xa2\x82\xc5\x82\xb7"
		euc  = "\xbc\xf5\xbf\xae\xbc\xd4\xa4\xce\xa5\xe1\xa1\xbc\xa5\xeb\xa5\xdc\xa5\xc3\xa5\xaf\xa5\xb9\xa4\xac\xa4\xa4\xa4\xc3\xa4\xd1\xa4\xa4\xa4\xc7\xa4\xb9"
		jis  = "\x1b$B<u?.<T$N%a!<%k%\\%C%/%9$,$$$C$Q$$$G$9\x1b(B"
	)
	for _, tt := range []struct {
		name, s string
		want    status.Charset
	}{
		{"empty", "", status.UTF8},
		{"ASCII", "550 5.1.1 <taro@example.jp>: User unknown", status.UTF8},
		{"ASCII with tabs and line breaks", "550-5.1.1 a\r\n550 5.1.1 b\tc\f", status.UTF8},
		{"UTF-8", "5.2.2 受信者のメールボックスがいっぱいです", status.UTF8},
		{"UTF-8 cut inside its last character", "いっぱ\xe3\x81", status.UTF8},
		{"Shift_JIS", "5.2.2 " + sjis, status.ShiftJIS},
		{"Shift_JIS cut after a lead byte", sjis + "\x82", status.ShiftJIS},
		{"Shift_JIS, half-width katakana", "\xb1\xb6\xb3\xdd\xc4 \x82\xa0", status.ShiftJIS},
		{"EUC-JP", "5.2.2 " + euc, status.EUCJP},
		{"EUC-JP cut after a first byte", euc + "\xa4", status.EUCJP},
		{"EUC-JP, half-width katakana", "\x8e\xb1\x8e\xb6 " + euc, status.EUCJP},
		{"EUC-JP, JIS X 0212", "\x8f\xb0\xa1" + euc, status.EUCJP},
		{"bytes valid in both EUC-JP and Shift_JIS", "\xa5\xa2\xa5\xab\xa5\xa6\xa5\xf3\xa5\xc8", status.EUCJP},
		{"ISO-2022-JP", "5.2.2 " + jis, status.ISO2022JP},
		{"ISO-2022-JP, JIS C 6226", "\x1b$@$\"\x1b(J", status.ISO2022JP},
		{"an escape that is not ISO-2022-JP", "\x1b[1mbold\x1b[0m", status.UTF8},
		{"ISO-2022-JP with 8-bit bytes", jis + "\xff", status.UnknownCharset},
		{"NUL", "user\x00unknown", status.UnknownCharset},
		{"DEL", "user\x7funknown", status.UnknownCharset},
		{"bytes no encoding has", "\xff\xfe\xfd", status.UnknownCharset},
		{"Latin-1", "d\xe9j\xe0 vu", status.UnknownCharset},
		{"UTF-8 with a byte it cannot have", "いっぱい\xff", status.UnknownCharset},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := status.DetectCharset(tt.s); got != tt.want {
				t.Errorf("DetectCharset(%q) = %v; want %v", tt.s, got, tt.want)
			}
			r := status.Result{Code: 550, Category: status.BE, Message: tt.s}
			if got := r.Charset(); got != tt.want {
				t.Errorf("Result{Message: %q}.Charset() = %v; want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestCharsetString(t *testing.T) {
	for c, want := range map[status.Charset]string{
		status.UTF8: "UTF-8", status.ShiftJIS: "Shift_JIS", status.EUCJP: "EUC-JP", status.ISO2022JP: "ISO-2022-JP",
		status.UnknownCharset: "unknown", status.UnknownCharset + 1: "Charset(5)", 255: "Charset(255)",
	} {
		if got := c.String(); got != want {
			t.Errorf("Charset(%d).String() = %q; want %q", c, got, want)
		}
	}
}

func TestDetectCharsetAllocs(t *testing.T) {
	s := strings.Repeat("\xa4\xa2", 100)
	if n := testing.AllocsPerRun(100, func() { sinkCharset = status.DetectCharset(s) }); n != 0 {
		t.Errorf("DetectCharset allocates %v times", n)
	}
}

var sinkCharset status.Charset

func FuzzDetectCharset(f *testing.F) {
	for _, s := range []string{"", "ascii", "いっぱい", "\x82\xa2", "\xa4\xa2", "\x1b$B$\"\x1b(B", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := status.DetectCharset(s)
		if c >= status.UnknownCharset+1 {
			t.Fatalf("DetectCharset(%q) = %v", s, c)
		}
		if c == status.UTF8 {
			// Valid UTF-8, but for a rune cut at the end.
			valid := utf8.ValidString(s)
			for k := 1; k < utf8.UTFMax && k <= len(s) && !valid; k++ {
				valid = utf8.ValidString(s[:len(s)-k])
			}
			if !valid {
				t.Fatalf("DetectCharset(%q) = UTF-8, but it is not", s)
			}
		}
	})
}
