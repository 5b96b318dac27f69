package bounce_test

import (
	"strings"
	"testing"

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
		r := parse(t, tt.line)
		v := bounce.Classify(r)
		if v.Evidence.Rule != tt.rule || !strings.EqualFold(r.Message[v.Evidence.Start:v.Evidence.End], tt.words) {
			t.Errorf("Classify(%q) = %v by %q %q; want %q %q", tt.line, v.Reason, v.Evidence.Rule, r.Message[v.Evidence.Start:v.Evidence.End], tt.rule, tt.words)
		}
	}
}
