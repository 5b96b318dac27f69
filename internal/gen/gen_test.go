package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

const (
	rulesFile = "../../bounce/rules.go"
	genFile   = "../../bounce/japanese_gen.go"
)

// TestGenerated checks that the committed file is what the generator
// writes from the committed tables, byte for byte.
func TestGenerated(t *testing.T) {
	src, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(rulesFile, src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(genFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the generator writes from %s: run go generate ./bounce", genFile, rulesFile)
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"no table", "package bounce\nvar x = []string{\"容量\"}\n", "no table of type []textRule"},
		{"a phrase that is not a literal", "package bounce\nvar r = []textRule{{\"a\", 1, []string{p}}}\n", "not a string literal"},
		{"no phrases", "package bounce\nvar r = []textRule{{\"a\", 1}}\n", "without a literal list"},
		{"not Go", "package", "expected"},
		// U+2603, a snowman, has no form in Shift_JIS.
		{"a phrase with no form", "package bounce\nvar r = []textRule{{\"a\", 1, []string{\"\u2603\"}}}\n", "\u2603"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := generate("rules.go", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("generate(%q) = %v; want an error with %q", tt.src, err, tt.want)
			}
		})
	}
	// A form with '@' (0x40, a trail byte of Shift_JIS: 院 is 0x89 0x40).
	if _, err := generate("rules.go", []byte("package bounce\nvar r = []textRule{{name: \"a\", phrases: []string{\"病院\"}}}\n")); err == nil || !strings.Contains(err.Error(), "'@'") {
		t.Errorf("generate of a phrase whose Shift_JIS has '@' = %v; want an error", err)
	}
}

// TestEncodings gives replies that hold the Japanese phrases of the tables
// in UTF-8, Shift_JIS, EUC-JP and ISO-2022-JP, as golang.org/x/text
// encodes them: each gives the verdict and the rule of the UTF-8 reply,
// and its evidence is the same words, in the reply's own bytes.
func TestEncodings(t *testing.T) {
	src, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	phrases, err := japanesePhrases(rulesFile, src)
	if err != nil {
		t.Fatal(err)
	}
	var replies []string
	for _, p := range phrases {
		replies = append(replies, p, "お客様の"+p+"です。", "5.0.0 <taro@example.jp>: "+p+" (in reply to RCPT TO command)")
	}
	replies = append(replies,
		"受信者のメールボックスがいっぱいです",
		"このアカウントは現在ご利用いただけません",
		"550-5.2.2 メールボックスの 550-5.2.2 容量が不足しています",
		"指定されたメールアドレスは存在しないか、受信拒否の設定がされています",
	)
	for _, reply := range replies {
		utf8 := bounce.Classify(status.Result{Code: 550, Category: status.BE, Message: reply})
		want := reply[utf8.Evidence.Start:utf8.Evidence.End]
		for _, enc := range []struct {
			name string
			e    encoding.Encoding
		}{{"Shift_JIS", japanese.ShiftJIS}, {"EUC-JP", japanese.EUCJP}, {"ISO-2022-JP", japanese.ISO2022JP}} {
			msg, err := enc.e.NewEncoder().String(reply)
			if err != nil {
				t.Fatal(err)
			}
			v := bounce.Classify(status.Result{Code: 550, Category: status.BE, Message: msg})
			if v.Reason != utf8.Reason || v.Evidence.Rule != utf8.Evidence.Rule || v.Action != utf8.Action {
				t.Errorf("Classify(%q) in %s = %v, %v by %q; in UTF-8 %v, %v by %q", reply, enc.name, v.Reason, v.Action, v.Evidence.Rule, utf8.Reason, utf8.Action, utf8.Evidence.Rule)
				continue
			}
			ev := msg[v.Evidence.Start:v.Evidence.End]
			if enc.e == japanese.ISO2022JP && !isASCII(want) {
				ev = "\x1b$B" + ev + "\x1b(B" // the evidence is inside a run
			}
			got, err := enc.e.NewDecoder().String(ev)
			if err != nil || got != want {
				t.Errorf("Classify(%q) in %s: evidence %q (%q); in UTF-8 %q", reply, enc.name, ev, got, want)
			}
		}
	}
}
