package bounce_test

import (
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// TestOrderOfEvidenceExamples holds the replies that the old order of
// evidence got wrong, each with the verdict it should give, and one example
// per step of the new order.
func TestOrderOfEvidenceExamples(t *testing.T) {
	for _, tt := range []struct {
		name    string
		line    string
		reasons []bounce.Reason // any of these
		action  bounce.Action
		hard    bool
		rule    string // "" for any
	}{
		{"greylisting is a retry, not an unknown user",
			"450 BE 4.2.0 <t@example.jp>: Recipient address rejected: Greylisted, see http://postgrey.example/help",
			[]bounce.Reason{bounce.OnHold}, bounce.Retry, false, "text:greylisted"},
		{"the stage in the narration does not decide over the words",
			"-500 LE host mx.example.jp[192.0.2.1] said: 452 4.3.1 Insufficient system storage (in reply to MAIL FROM command)",
			[]bounce.Reason{bounce.SystemFull}, bounce.Retry, false, "text:system-full"},
		{"a host name in the narration is not evidence",
			"-500 LE host mx1.antispam.example.net[192.0.2.7] said: 550 5.1.1 <t@example.net>: Recipient address rejected: User unknown",
			[]bounce.Reason{bounce.UserUnknown}, bounce.Suppress, true, "text:user-unknown"},
		{"Postfix's local delivery agent",
			`550 BE 5.1.1 <taro@example.jp>: unknown user: "taro"`,
			[]bounce.Reason{bounce.UserUnknown}, bounce.Suppress, true, "text:user-unknown"},
		{"the sender's domain, not the recipient's",
			"553 BE 5.1.8 <news@example.org>: Sender domain does not exist",
			[]bounce.Reason{bounce.Rejected}, bounce.FixSender, false, ""},
		{"the sender's domain has no MX",
			"553 BE 5.1.8 The sender domain does not have a valid MX record",
			[]bounce.Reason{bounce.Rejected}, bounce.FixSender, false, ""},
		{"a policy code on a bare 550 is about the sender",
			"550 BE 5.7.1 Message refused: your server is listed on our internal deny list",
			[]bounce.Reason{bounce.Blocked}, bounce.FixSender, false, ""},
		{"a 4xx never suppresses",
			"451 BE 4.2.1 <t@example.org>: Recipient address rejected: Mailbox temporarily disabled",
			[]bounce.Reason{bounce.Suspend, bounce.OnHold}, bounce.Retry, false, ""},
		{"Postfix's name service error: host not found",
			"-500 LE Host or domain name not found. Name service error for name=example.jp type=MX: Host not found",
			[]bounce.Reason{bounce.HostUnknown}, bounce.Suppress, true, "text:host-unknown"},
		{"Postfix's name service error: a bad reply",
			"-500 LE Name service error for name=example.jp type=MX: Malformed or unexpected name server reply",
			[]bounce.Reason{bounce.NetworkError}, bounce.Retry, false, "text:dns-error"},
		{"a blocklist zone outside the narration is evidence",
			"-500 LE host mx.example.jp[192.0.2.1] said: 554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org",
			[]bounce.Reason{bounce.Blocked}, bounce.FixSender, false, "text:blocklisted"},
		{"Exim's narration: a refusal at MAIL FROM with no words of its own",
			"-500 LE SMTP error from remote mail server after MAIL FROM:<news@example.org> SIZE=1234: 550 5.7.0 Rejected",
			[]bounce.Reason{bounce.Blocked}, bounce.FixSender, false, "stage:mail-from"},
		{"unknown-user words at MAIL FROM are about the sender",
			"-500 LE host mx.example.jp[192.0.2.1] said: 550 5.1.1 User unknown (in reply to MAIL FROM command)",
			[]bounce.Reason{bounce.Rejected}, bounce.FixSender, false, "stage:mail-from"},
		{"unknown-user words at DATA are a content filter",
			"-500 LE host mx.example.jp[192.0.2.1] said: 550 User unknown (in reply to end of DATA command)",
			[]bounce.Reason{bounce.Filtered}, bounce.Suppress, false, "stage:data"},
		{"a refusal of the greeting is about the sending host",
			"-500 LE host mx.example.jp[192.0.2.1] said: 554 5.7.1 go away (in reply to EHLO command)",
			[]bounce.Reason{bounce.Blocked}, bounce.FixSender, false, "stage:connect"},
		{"Sendmail's transcript: the command echoed is not evidence",
			"-500 LE ... while talking to mx.example.jp.: >>> MAIL From:<spam-report@example.org> <<< 550 5.1.1 User unknown",
			[]bounce.Reason{bounce.Rejected}, bounce.FixSender, false, "stage:mail-from"},
		{"Gmail's narration",
			"-500 LE Technical details of permanent failure: Google tried to deliver your message, but it was rejected by the server for the recipient domain spamfree.example.jp by mx.spamfree.example.jp. [192.0.2.1]. The error that the other server returned was: 550 5.1.1 User unknown",
			[]bounce.Reason{bounce.UserUnknown}, bounce.Suppress, true, "text:user-unknown"},
		{"a specific code over a leaning phrase",
			"552 BE 5.2.2 <t@example.jp>: Recipient address rejected: sorry",
			[]bounce.Reason{bounce.MailboxFull}, bounce.Retry, false, "enhanced:X.2.2"},
		{"a deciding phrase over a specific code",
			"550 BE 5.1.1 Mailbox full",
			[]bounce.Reason{bounce.MailboxFull}, bounce.Retry, false, "text:mailbox-full"},
		{"a leaning phrase over a catch-all code",
			"550 BE 5.7.1 <t@example.jp>: Recipient address rejected: sorry",
			[]bounce.Reason{bounce.UserUnknown}, bounce.Suppress, true, "text:address-rejected"},
		{"unknown-user words with a mailbox-status code are a refusal",
			"550 BE 5.2.1 <t@example.jp>... User unknown",
			[]bounce.Reason{bounce.Filtered}, bounce.Suppress, false, "text:refused-as-unknown"},
		{"docomo's old filter reply, with 5.2.0, is still filtered",
			"550 BE 5.2.0 Unknown user taro@docomo.ne.jp",
			[]bounce.Reason{bounce.Filtered}, bounce.Suppress, false, "text:refused-as-unknown"},
		{"the reply code alone says so",
			"550 BE sorry",
			[]bounce.Reason{bounce.UserUnknown}, bounce.Suppress, true, "code:550"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := status.ParseLine(tt.line)
			if err != nil {
				t.Fatal(err)
			}
			v := bounce.Classify(r)
			ok := false
			for _, want := range tt.reasons {
				ok = ok || v.Reason == want
			}
			if !ok || v.Action != tt.action || v.Hard != tt.hard || tt.rule != "" && v.Evidence.Rule != tt.rule {
				t.Errorf("Classify(%q) = %v, %v, hard %v by %q; want %v, %v, hard %v by %q",
					tt.line, v.Reason, v.Action, v.Hard, v.Evidence.Rule, tt.reasons, tt.action, tt.hard, tt.rule)
			}
		})
	}
}

// TestTemporaryNeverSuppresses gives every phrase of every built-in rule
// in a 4xx reply, and in a message whose only code is a 4.X.X one: the
// verdict is never suppress and never hard, and a sender-side reason
// stays fix-sender.
func TestTemporaryNeverSuppresses(t *testing.T) {
	for _, name := range bounce.TextRuleNames() {
		for _, p := range bounce.TextRulePhrases(name) {
			p = strings.TrimPrefix(p, "^")
			for _, r := range []status.Result{
				{Code: 450, Category: status.BE, Message: p},
				{Code: 451, Category: status.BE, Message: "4.0.0 " + p},
				{Code: -500, Category: status.LE, Message: "4.2.0 " + p},
			} {
				v := bounce.Classify(r)
				if v.Action == bounce.Suppress || v.Hard {
					t.Errorf("Classify(%v) = %v, %v, hard %v: a temporary failure suppresses", r, v.Reason, v.Action, v.Hard)
				}
				if v.Reason.Action() == bounce.FixSender && v.Action != bounce.FixSender {
					t.Errorf("Classify(%v) = %v, %v; a sender-side reason stays fix-sender", r, v.Reason, v.Action)
				}
			}
		}
	}
	// The reason may still be an unknown user.
	v := bounce.Classify(status.Result{Code: 450, Category: status.BE, Message: "4.1.1 <t@example.jp>: Recipient address rejected: User unknown in local recipient table"})
	if v.Reason != bounce.UserUnknown || v.Action != bounce.Retry || v.Hard {
		t.Errorf("a 450 for an unknown user = %v, %v, hard %v; want userunknown, retry, not hard", v.Reason, v.Action, v.Hard)
	}
}

// TestDNSCodesRefined gives the service's DNS codes with the words
// resolvers and MTAs write for a lookup that failed for now: networkerror,
// retry. Words that say nothing more, or that the name does not exist,
// leave the code's verdict: hostunknown.
func TestDNSCodesRefined(t *testing.T) {
	for _, tt := range []struct {
		line   string
		reason bounce.Reason
		rule   string
		words  string
	}{
		{"700 BE Name service error for name=example.com type=MX: Host not found, try again", bounce.NetworkError, "text:dns-retry", "try again"},
		{"710 BE unable to look up host mx.example.jp: Temporary failure in name resolution", bounce.NetworkError, "text:dns-retry", "Temporary failure in name resolution"},
		{"711 BE DNS type 'mx' lookup of example.jp responded with code SERVFAIL", bounce.NetworkError, "text:dns-retry", "SERVFAIL"},
		{"720 BE lookup example.jp on 192.0.2.53:53: read udp 192.0.2.1:40000->192.0.2.53:53: i/o timeout", bounce.NetworkError, "text:dns-retry", "timeout"},
		{"700 BE Deferred: Name server: example.jp.: host name lookup failure", bounce.NetworkError, "text:dns-retry", "host name lookup failure"},
		{"710 BE host lookup did not complete", bounce.NetworkError, "text:dns-retry", "host lookup did not complete"},
		{"711 BE Sorry, I couldn't find any host by that name. (#4.1.2)", bounce.NetworkError, "text:dns-retry", "any host by that name"},
		// The code decides.
		{"700 BE Name service error for name=example.com type=MX: Host not found", bounce.HostUnknown, "code:700", ""},
		{"710 BE Sorry, I couldn't find any host named example.jp. (#5.1.2)", bounce.HostUnknown, "code:710", ""},
		{"711 BE DNS error", bounce.HostUnknown, "code:711", ""},
		{"720 BE", bounce.HostUnknown, "code:720", ""},
		{"700 BE <try.again@example.jp>: sorry", bounce.HostUnknown, "code:700", ""},         // an address
		{"700 BE try.again@example.jp: sorry", bounce.HostUnknown, "code:700", ""},           // a bare address
		{"610 BE Name service error: try again", bounce.NetworkError, "code:610", ""},        // not a DNS code
		{"608 BE Temporary failure in name resolution", bounce.NetworkError, "code:608", ""}, // its own verdict already
	} {
		v := checkDecides(t, tt.line, tt.rule, tt.words)
		if v.Reason != tt.reason {
			t.Errorf("Classify(%q) = %v; want %v", tt.line, v.Reason, tt.reason)
		}
		if tt.reason == bounce.NetworkError && (v.Action != bounce.Retry || v.Hard) {
			t.Errorf("Classify(%q) = %v, hard %v; want retry", tt.line, v.Action, v.Hard)
		}
	}
}
