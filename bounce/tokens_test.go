package bounce_test

import (
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// TestWholeTokens holds messages in which a phrase of a rule stands where
// it must not decide: a code inside a longer token, a word inside a
// longer word, a phrase inside an e-mail address without angle brackets.
// Each holds a phrase of the rule (so that the test can fail), and gets
// the verdict of the words around it.
func TestWholeTokens(t *testing.T) {
	for _, tt := range []struct {
		name, line string
		notRule    string // holds a phrase of this rule, which must not decide
		rule       string // the rule that decides instead
	}{
		{"a code in a local part (docomo's form)", "550 BE Unknown user taro_100@docomo.ne.jp", "text:orange-blocked", "text:user-unknown"},
		{"a code in a local part", "550 BE No such user hanako_104@example.co.jp", "text:orange-connections", "text:user-unknown"},
		{"a code inside a longer token", "550 BE 5.1.1 User unknown: queue id AB12IB104X", "text:godaddy-blocked", "text:user-unknown"},
		{"a code followed by more digits", "550 BE 5.1.1 User unknown (ticket RP-0019)", "text:outlook-rate", "text:user-unknown"},
		{"a code joined to the next part", "550 BE 5.1.1 User unknown (ref IB104-77)", "text:godaddy-blocked", "text:user-unknown"},
		{"a word inside a longer word", "451 BE 4.3.0 Temporary local problem: the antivirus engine is not available", "text:virus", "text:system-error"},
		{"a word in a bare address", "550 BE virus@example.jp: no such user", "text:virus", "text:user-unknown"},
		{"a word in a bare address before a colon", "550 BE spamhaus@example.com:rejected: user unknown", "text:blocklisted", "text:user-unknown"},
		{"a word in the domain of a bare address", "550 BE 5.1.1 taro@blacklist.example.com: Recipient address rejected: User unknown", "text:blocklisted", "text:user-unknown"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, tt.line)
			if !holdsPhrase(r.Message, tt.notRule) {
				t.Fatalf("%q holds no phrase of %s: it cannot fail", tt.line, tt.notRule)
			}
			if v := bounce.Classify(r); v.Evidence.Rule != tt.rule {
				t.Errorf("Classify(%q) = %v by %q; want %q", tt.line, v.Reason, v.Evidence.Rule, tt.rule)
			}
		})
	}
}

// TestTokensStillMatch holds codes and words at the boundaries they may
// have: punctuation, the end of the message, a stem's longer form.
func TestTokensStillMatch(t *testing.T) {
	for _, tt := range []struct{ line, rule, words string }{
		{"554 BE 5.7.1 Connection refused by IB104.", "text:godaddy-blocked", "IB104"},
		{"554 BE 5.7.1 (IB104) connection refused", "text:godaddy-blocked", "IB104"},
		{"421 BE Too many connections. OFR004_104 [104]", "text:orange-connections", "_104"},
		{"552 BE 5.2.0 Message refused. AUP#URLBL011", "text:cox-url", "AUP#URLBL"},
		{"550 BE 5.1.1 <t@example.jp>: User unknown, greylisted", "text:greylisted", "greylist"},
		{"550 BE 5.7.1 Anti-virus check failed: virus found", "text:virus", "virus"},
	} {
		checkDecides(t, tt.line, tt.rule, tt.words)
	}
}

// checkDecides checks that rule decides Classify of line, with words as
// its evidence (ignoring ASCII case), and returns the verdict.
func checkDecides(t *testing.T, line, rule, words string) bounce.Verdict {
	t.Helper()
	r := parse(t, line)
	v := bounce.Classify(r)
	if got := r.Message[v.Evidence.Start:v.Evidence.End]; v.Evidence.Rule != rule || !strings.EqualFold(got, words) {
		t.Errorf("Classify(%q) = %v by %q %q; want %q %q", line, v.Reason, v.Evidence.Rule, got, rule, words)
	}
	return v
}

// TestSeams gives each rule case with the seam of a folded reply
// ("550-5.2.2 ") before each of its words: the verdict is the same, and
// the evidence is the same words, in the caller's bytes, with the seam
// among them where it stood inside them.
func TestSeams(t *testing.T) {
	for _, tt := range ruleCases {
		r := parse(t, tt.line)
		want := bounce.Classify(r)
		seam := "550-"
		if r.Code >= 400 && r.Code < 600 {
			seam = r.Code.String() + "-"
		}
		if e, start, end, ok := r.EnhancedIndex(); ok && e.Class != 2 {
			seam += r.Message[start:end] + " "
		}
		for k := 1; k < len(r.Message); k++ {
			if r.Message[k-1] != ' ' {
				continue
			}
			s := r
			s.Message = r.Message[:k] + seam + r.Message[k:]
			v := bounce.Classify(s)
			if v.Reason != want.Reason || v.Evidence.Rule != want.Evidence.Rule {
				t.Errorf("Classify(%q) = %v by %q; without the seam %v by %q", s.Message, v.Reason, v.Evidence.Rule, want.Reason, want.Evidence.Rule)
				continue
			}
			got := s.Message[v.Evidence.Start:v.Evidence.End]
			if want.Evidence.Source == bounce.SourceText {
				got = strings.Replace(got, seam, "", 1)
			}
			// The folded message has lost the reply code at its start,
			// and with it au's blank before ": User unknown".
			if w := r.Message[want.Evidence.Start:want.Evidence.End]; strings.TrimSpace(got) != strings.TrimSpace(w) {
				t.Errorf("Classify(%q): evidence %q; without the seam %q", s.Message, got, w)
			}
		}
	}
}

func TestSeamExamples(t *testing.T) {
	for _, tt := range []struct {
		name, line  string
		rule, words string
	}{
		{"a phrase across a seam", "550 BE 5.0.0 Sorry, the recipient's mailbox 550-5.0.0 is full", "text:mailbox-full", "mailbox 550-5.0.0 is full"},
		{"a seam without an enhanced code", "452 BE 4.2.2 The recipient's mailbox 452-is full", "text:mailbox-full", "mailbox 452-is full"},
		{"the last line's code after a seam", "550 BE 5.1.1 The email account 550-5.1.1 that you tried to reach: user 550 5.1.1 unknown", "text:user-unknown", "user 550 5.1.1 unknown"},
		{"three lines in one", "550 BE 550-5.7.26 Unauthenticated email from example.org is not 550-5.7.26 accepted due to domain's DMARC policy", "text:auth-failure", "unauthenticated email"},
		{"not a seam: no blank before", "550 BE 5.0.0 mailbox/550-5.0.0 is full", "code:550", ""},
		{"not a seam: a code of class 6", "550 BE 5.0.0 mailbox 650-5.0.0 is full", "code:550", ""},
		{"not a seam: a blank where no seam of the code came before", "550 BE 5.0.0 mailbox 550 5.0.0 is full", "code:550", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkDecides(t, tt.line, tt.rule, tt.words)
		})
	}
}

func TestSeamBeyondTheBuffer(t *testing.T) {
	// A message longer than 2,048 bytes is read as it is: a phrase broken
	// by a seam there is not found, and the reply code decides.
	r := status.Result{Code: 552, Category: status.BE, Message: strings.Repeat("x ", 1100) + "mailbox 552-5.2.0 is full"}
	if v := bounce.Classify(r); v.Evidence.Rule != "code:552" {
		t.Errorf("Classify(a message of %d bytes) = %v by %q; want code:552", len(r.Message), v.Reason, v.Evidence.Rule)
	}
	r.Message = r.Message[1000:]
	if v := bounce.Classify(r); v.Evidence.Rule != "text:mailbox-full" {
		t.Errorf("Classify(a message of %d bytes) = %v by %q; want text:mailbox-full", len(r.Message), v.Reason, v.Evidence.Rule)
	}
}

func TestSeamAllocs(t *testing.T) {
	r := parse(t, "550 BE 5.0.0 Sorry, the recipient's mailbox 550-5.0.0 is full")
	if n := testing.AllocsPerRun(100, func() { sinkVerdict = bounce.Classify(r) }); n != 0 {
		t.Errorf("Classify of a folded message allocates %v times", n)
	}
}
