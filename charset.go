package status

import (
	"strings"
	"unicode/utf8"

	"github.com/haishin/status/internal/enum"
)

// Charset is the character encoding a message is written in. The package
// reads messages as bytes and never decodes them; Charset says how the
// bytes are to be read, for a program that shows or decodes them. Japanese
// mail systems and their logs write Shift_JIS, EUC-JP and ISO-2022-JP as
// well as UTF-8.
//
// To read a whole log written in Shift_JIS as UTF-8, decode it before the
// [Reader], for example with golang.org/x/text/encoding/japanese:
//
//	r := status.NewReader(japanese.ShiftJIS.NewDecoder().Reader(f))
type Charset uint8

// The encodings [DetectCharset] tells apart.
const (
	// UTF8 is UTF-8, plain ASCII included: the zero value.
	UTF8 Charset = iota
	// ShiftJIS is Shift_JIS as Windows writes it (code page 932, Windows-31J).
	ShiftJIS
	// EUCJP is EUC-JP.
	EUCJP
	// ISO2022JP is ISO-2022-JP (RFC 1468): 7-bit bytes, with the escape
	// sequences ESC $ B or ESC $ @ before Japanese text and ESC ( B or
	// ESC ( J after it.
	ISO2022JP
	// UnknownCharset is none of them: another encoding, or binary data.
	UnknownCharset
)

// charsetNames are the names of the encodings; a Charset is not parsed
// from text, so its errors wrap nothing.
var charsetNames = enum.New[Charset]("Charset", nil, []string{
	UTF8: "UTF-8", ShiftJIS: "Shift_JIS", EUCJP: "EUC-JP", ISO2022JP: "ISO-2022-JP", UnknownCharset: "unknown",
})

// String returns the encoding's name as the IANA registry of character
// sets writes it ("UTF-8", "Shift_JIS", "EUC-JP", "ISO-2022-JP"), "unknown"
// for UnknownCharset, and "Charset(N)" for a value outside the set. It
// never returns "".
func (c Charset) String() string { return charsetNames.String(c) }

// DetectCharset says which encoding s is written in, from its bytes:
//
//   - UTF8 for valid UTF-8 (plain ASCII included) without an escape
//     sequence of ISO-2022-JP;
//   - ISO2022JP for 7-bit bytes with ESC $ B or ESC $ @ in them;
//   - EUCJP or ShiftJIS for bytes that are valid in that encoding and not
//     in UTF-8; where they are valid in both, EUCJP (Shift_JIS text nearly
//     always has bytes 0x81 to 0x9F, its kana and punctuation, which EUC-JP
//     never has);
//   - UnknownCharset for anything else: bytes valid in none of them, or
//     control bytes other than tab, line feed, carriage return, form feed
//     and escape, as binary data has.
//
// A character cut short at the very end of s (a message cut at a length)
// does not make s invalid. DetectCharset does not allocate.
func DetectCharset(s string) Charset {
	ascii := true
	for i := range len(s) {
		switch c := s[i]; {
		case c >= 0x80:
			ascii = false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b, c == 0x7f:
			return UnknownCharset
		}
	}
	if ascii {
		if strings.Contains(s, "\x1b$B") || strings.Contains(s, "\x1b$@") {
			return ISO2022JP
		}
		return UTF8
	}
	switch {
	case validUTF8(s):
		return UTF8
	case validEUCJP(s):
		return EUCJP
	case validShiftJIS(s):
		return ShiftJIS
	}
	return UnknownCharset
}

// Charset returns the encoding of the message: [DetectCharset] of
// r.Message.
func (r Result) Charset() Charset {
	return DetectCharset(r.Message)
}

// validUTF8 reports whether s is UTF-8, but for a rune cut short at its
// end.
func validUTF8(s string) bool {
	if utf8.ValidString(s) {
		return true
	}
	// The last rune may be cut: its first byte is within the last three.
	for k := 1; k <= utf8.UTFMax-1 && k <= len(s); k++ {
		if c := s[len(s)-k]; c < 0x80 || utf8.RuneStart(c) {
			return !utf8.FullRuneInString(s[len(s)-k:]) && utf8.ValidString(s[:len(s)-k])
		}
	}
	return false
}

// validEUCJP reports whether s is EUC-JP, but for a character cut short
// at its end: ASCII, two bytes of 0xA1 to 0xFE (JIS X 0208), 0x8E and a
// byte of 0xA1 to 0xDF (half-width katakana), or 0x8F and two bytes of
// 0xA1 to 0xFE (JIS X 0212).
func validEUCJP(s string) bool {
	for i := 0; i < len(s); {
		c, n := s[i], 0
		switch {
		case c < 0x80:
			i++
			continue
		case 0xa1 <= c && c <= 0xfe:
			n = 1
		case c == 0x8e:
			if i+1 < len(s) && (s[i+1] < 0xa1 || s[i+1] > 0xdf) {
				return false
			}
			i += 2
			continue
		case c == 0x8f:
			n = 2
		default:
			return false
		}
		for k := 1; k <= n; k++ {
			if i+k < len(s) && (s[i+k] < 0xa1 || s[i+k] > 0xfe) {
				return false
			}
		}
		i += n + 1
	}
	return true
}

// validShiftJIS reports whether s is Shift_JIS (code page 932), but for a
// character cut short at its end: ASCII, a byte of 0xA1 to 0xDF
// (half-width katakana), or a lead byte (0x81 to 0x9F, 0xE0 to 0xFC) and a
// trail byte (0x40 to 0x7E, 0x80 to 0xFC).
func validShiftJIS(s string) bool {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c < 0x80 || 0xa1 <= c && c <= 0xdf:
			i++
		case isShiftJISLead(c):
			if i+1 < len(s) {
				if t := s[i+1]; t < 0x40 || t == 0x7f || t > 0xfc {
					return false
				}
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

func isShiftJISLead(c byte) bool {
	return 0x81 <= c && c <= 0x9f || 0xe0 <= c && c <= 0xfc
}
