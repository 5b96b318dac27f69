package bounce

import (
	"strings"
	"testing"

	"github.com/haishin/status"
)

// TestJapaneseForms checks japanese_gen.go against the tables: every
// Japanese phrase has its forms in Shift_JIS and EUC-JP, each form is
// found (it is a pattern of the automaton, owned by the phrase's rule),
// and no form is of a phrase the tables no longer have. When it fails,
// run go generate ./bounce.
func TestJapaneseForms(t *testing.T) {
	forms := map[string]japaneseForm{}
	for _, f := range japaneseForms {
		forms[f.text] = f
	}
	used := map[string]bool{}
	for i, r := range textRules {
		for _, p := range r.phrases {
			text, _, _ := phraseSyntax(p)
			if isASCII(text) {
				continue
			}
			f, ok := forms[text]
			if !ok {
				t.Errorf("%s: %q has no forms in japanese_gen.go: run go generate ./bounce", r.name, text)
				continue
			}
			used[text] = true
			if f.shiftJIS == "" || f.eucJP == "" || f.shiftJIS == text || f.eucJP == text || f.shiftJIS == f.eucJP {
				t.Errorf("%s: %q has the forms %q and %q", r.name, text, f.shiftJIS, f.eucJP)
			}
			for _, form := range []string{f.shiftJIS, f.eucJP} {
				n := 0
				for k, pt := range builtinPatterns {
					if pt.text == form && builtinPhrases[k].owner == int32(i) && builtinPhrases[k].form == form {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s: the form %q of %q is %d patterns of the rule; want 1", r.name, form, text, n)
				}
			}
		}
	}
	for _, f := range japaneseForms {
		if !used[f.text] {
			t.Errorf("japanese_gen.go has %q, which no table has: run go generate ./bounce", f.text)
		}
	}
}

// japaneseCases are replies with Japanese words, written for these tests,
// and the same words in Shift_JIS and EUC-JP (as Python's cp932 and
// euc_jp codecs encode them).
var japaneseCases = []struct {
	prefix, utf8, shiftJIS, eucJP string
	rule, words                   string
}{
	{"552 BE 5.2.2 <taro@example.jp> ", "受信者のメールボックスがいっぱいです",
		"\x8e\xf3\x90\x4d\x8e\xd2\x82\xcc\x83\x81\x81\x5b\x83\x8b\x83\x7b\x83\x62\x83\x4e\x83\x58\x82\xaa\x82\xa2\x82\xc1\x82\xcf\x82\xa2\x82\xc5\x82\xb7",
		"\xbc\xf5\xbf\xae\xbc\xd4\xa4\xce\xa5\xe1\xa1\xbc\xa5\xeb\xa5\xdc\xa5\xc3\xa5\xaf\xa5\xb9\xa4\xac\xa4\xa4\xa4\xc3\xa4\xd1\xa4\xa4\xa4\xc7\xa4\xb9", "text:mailbox-full", "いっぱい"},
	{"554 BE ", "このアカウントは現在ご利用いただけません",
		"\x82\xb1\x82\xcc\x83\x41\x83\x4a\x83\x45\x83\x93\x83\x67\x82\xcd\x8c\xbb\x8d\xdd\x82\xb2\x97\x98\x97\x70\x82\xa2\x82\xbd\x82\xbe\x82\xaf\x82\xdc\x82\xb9\x82\xf1",
		"\xa4\xb3\xa4\xce\xa5\xa2\xa5\xab\xa5\xa6\xa5\xf3\xa5\xc8\xa4\xcf\xb8\xbd\xba\xdf\xa4\xb4\xcd\xf8\xcd\xd1\xa4\xa4\xa4\xbf\xa4\xc0\xa4\xb1\xa4\xde\xa4\xbb\xa4\xf3", "text:suspended", "ご利用いただけません"},
	{"550 BE ", "ユーザ側でドメイン拒否設定を行っているため配信できませんでした",
		"\x83\x86\x81\x5b\x83\x55\x91\xa4\x82\xc5\x83\x68\x83\x81\x83\x43\x83\x93\x8b\x91\x94\xdb\x90\xdd\x92\xe8\x82\xf0\x8d\x73\x82\xc1\x82\xc4\x82\xa2\x82\xe9\x82\xbd\x82\xdf\x94\x7a\x90\x4d\x82\xc5\x82\xab\x82\xdc\x82\xb9\x82\xf1\x82\xc5\x82\xb5\x82\xbd",
		"\xa5\xe6\xa1\xbc\xa5\xb6\xc2\xa6\xa4\xc7\xa5\xc9\xa5\xe1\xa5\xa4\xa5\xf3\xb5\xf1\xc8\xdd\xc0\xdf\xc4\xea\xa4\xf2\xb9\xd4\xa4\xc3\xa4\xc6\xa4\xa4\xa4\xeb\xa4\xbf\xa4\xe1\xc7\xdb\xbf\xae\xa4\xc7\xa4\xad\xa4\xde\xa4\xbb\xa4\xf3\xa4\xc7\xa4\xb7\xa4\xbf", "text:recipient-preferences", "ドメイン拒否"},
	{"550 BE <hanako@example.co.jp>: ", "宛先不明のため配信できませんでした",
		"\x88\xb6\x90\xe6\x95\x73\x96\xbe\x82\xcc\x82\xbd\x82\xdf\x94\x7a\x90\x4d\x82\xc5\x82\xab\x82\xdc\x82\xb9\x82\xf1\x82\xc5\x82\xb5\x82\xbd",
		"\xb0\xb8\xc0\xe8\xc9\xd4\xcc\xc0\xa4\xce\xa4\xbf\xa4\xe1\xc7\xdb\xbf\xae\xa4\xc7\xa4\xad\xa4\xde\xa4\xbb\xa4\xf3\xa4\xc7\xa4\xb7\xa4\xbf", "text:user-unknown", "宛先不明"},
	{"552 BE ", "メールボックスの容量が不足しています。",
		"\x83\x81\x81\x5b\x83\x8b\x83\x7b\x83\x62\x83\x4e\x83\x58\x82\xcc\x97\x65\x97\xca\x82\xaa\x95\x73\x91\xab\x82\xb5\x82\xc4\x82\xa2\x82\xdc\x82\xb7\x81\x42",
		"\xa5\xe1\xa1\xbc\xa5\xeb\xa5\xdc\xa5\xc3\xa5\xaf\xa5\xb9\xa4\xce\xcd\xc6\xce\xcc\xa4\xac\xc9\xd4\xc2\xad\xa4\xb7\xa4\xc6\xa4\xa4\xa4\xde\xa4\xb9\xa1\xa3", "text:mailbox-full", "容量"},
}

// toJIS writes s, ASCII and EUC-JP, in ISO-2022-JP (RFC 1468): each run of
// EUC-JP's two-byte characters between ESC $ B and ESC ( B, less 0x80.
func toJIS(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] < 0x80 {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString("\x1b$B")
		for ; i < len(s) && s[i] >= 0x80; i++ {
			b.WriteByte(s[i] &^ 0x80)
		}
		b.WriteString("\x1b(B")
	}
	return b.String()
}

// formOf returns the form of a Japanese phrase in an encoding.
func formOf(t *testing.T, phrase string, cs status.Charset) string {
	for _, f := range japaneseForms {
		if f.text == phrase {
			switch cs {
			case status.ShiftJIS:
				return f.shiftJIS
			case status.EUCJP:
				return f.eucJP
			case status.ISO2022JP:
				return toJIS(f.eucJP)[3 : 3+len(f.eucJP)]
			}
			return f.text
		}
	}
	t.Fatalf("no forms of %q", phrase)
	return ""
}

// TestJapaneseEncodings gives each reply in UTF-8, Shift_JIS, EUC-JP and
// ISO-2022-JP, alone and after an ASCII reply, folded into one line: each
// has the verdict and the rule of the UTF-8 reply, and the evidence is the
// phrase's bytes in the message's own encoding.
func TestJapaneseEncodings(t *testing.T) {
	for _, tt := range japaneseCases {
		for _, enc := range []struct {
			cs  status.Charset
			msg string
		}{
			{status.UTF8, tt.utf8}, {status.ShiftJIS, tt.shiftJIS}, {status.EUCJP, tt.eucJP}, {status.ISO2022JP, toJIS(tt.eucJP)},
		} {
			for _, line := range []string{tt.prefix + enc.msg, tt.prefix + "sorry 550-5.0.0 " + enc.msg} {
				r, err := status.ParseLine(line)
				if err != nil {
					t.Fatal(err)
				}
				if cs := status.DetectCharset(r.Message); cs != enc.cs {
					t.Errorf("DetectCharset(%q) = %v; want %v", r.Message, cs, enc.cs)
				}
				v := Classify(r)
				if v.Evidence.Rule != tt.rule {
					t.Errorf("Classify(%q) in %v = %v by %q; want %q", line, enc.cs, v.Reason, v.Evidence.Rule, tt.rule)
					continue
				}
				if got, want := r.Message[v.Evidence.Start:v.Evidence.End], formOf(t, tt.words, enc.cs); got != want {
					t.Errorf("Classify(%q) in %v: evidence %q; want %q", line, enc.cs, got, want)
				}
			}
		}
	}
}

// TestJapaneseNearMisses holds the bytes of a phrase where they are not
// the phrase: inside another character, in another encoding, as the bytes
// of a run of ISO-2022-JP.
func TestJapaneseNearMisses(t *testing.T) {
	for _, tt := range []struct {
		name, line string
		phrase     string // its bytes stand in the message
		rule       string // the rule that must not decide
	}{
		// 阿い辰僂あ: the EUC-JP bytes of いっぱい from the second byte of 阿.
		{"EUC-JP, not on a character's first byte", "552 BE \xb0\xa4\xa4\xa4\xc3\xa4\xd1\xa4\xa4\xa2", "\xa4\xa4\xa4\xc3\xa4\xd1\xa4\xa4", "text:mailbox-full"},
		// 奄｢っぱい: the Shift_JIS bytes of いっぱい from the second byte of 奄.
		{"Shift_JIS, not on a character's first byte", "552 BE \x89\x82\xa2\x82\xc1\x82\xcf\x82\xa2", "\x82\xa2\x82\xc1\x82\xcf\x82\xa2", "text:mailbox-full"},
		// ご注意 ､､､ﾃ､ﾑ､､ in Shift_JIS: half-width katakana whose bytes are
		// the EUC-JP form of いっぱい.
		{"EUC-JP's bytes in Shift_JIS", "552 BE \x82\xb2\x92\x8d\x88\xd3\x20\xa4\xa4\xa4\xc3\xa4\xd1\xa4\xa4", "\xa4\xa4\xa4\xc3\xa4\xd1\xa4\xa4", "text:mailbox-full"},
		// 　粳蜊 in ISO-2022-JP is the bytes "!!dkim"; 　嗤鼠帆孑 "!!SPAMHAUS".
		{"ASCII in a run of ISO-2022-JP", "550 BE \x1b$B!!dkim\x1b(B", "dkim", "text:auth-failure"},
		{"ASCII in a run of ISO-2022-JP, with a line break", "550 BE \x1b$B!!SPAMHAUS\x1b(B\n", "SPAMHAUS", "text:blocklisted"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := status.ParseLine(tt.line)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(r.Message, tt.phrase) {
				t.Fatalf("%q does not hold %q: it cannot fail", r.Message, tt.phrase)
			}
			if v := Classify(r); v.Evidence.Rule == tt.rule {
				t.Errorf("Classify(%q) = %v by %q", tt.line, v.Reason, v.Evidence.Rule)
			}
		})
	}
}

func TestJISRunTooLongToFold(t *testing.T) {
	// A message too long to fold is read as it is; an ASCII phrase inside
	// a run of ISO-2022-JP still does not count.
	msg := strings.Repeat("x ", maxFolded/2) + "\x1b$B!!dkim\x1b(B"
	if v := Classify(status.Result{Code: 550, Category: status.BE, Message: msg}); v.Evidence.Rule == "text:auth-failure" {
		t.Errorf("Classify(a message of %d bytes in ISO-2022-JP) = %v by %q", len(msg), v.Reason, v.Evidence.Rule)
	}
	msg = strings.Repeat("x ", maxFolded/2) + "\x1b$B$\"\x1b(B dkim"
	if v := Classify(status.Result{Code: 550, Category: status.BE, Message: msg}); v.Evidence.Rule != "text:auth-failure" {
		t.Errorf("Classify(a message of %d bytes, dkim after its run of ISO-2022-JP) = %v by %q", len(msg), v.Reason, v.Evidence.Rule)
	}
}

func TestJapaneseAllocs(t *testing.T) {
	var results []status.Result
	for _, tt := range japaneseCases {
		for _, msg := range []string{tt.utf8, tt.shiftJIS, tt.eucJP, toJIS(tt.eucJP)} {
			results = append(results, status.Result{Code: 550, Category: status.BE, Message: msg})
		}
	}
	if n := testing.AllocsPerRun(20, func() {
		for _, r := range results {
			sinkJapanese = Classify(r)
		}
	}); n != 0 {
		t.Errorf("Classify of Japanese messages allocates %v times", n)
	}
}

var sinkJapanese Verdict
