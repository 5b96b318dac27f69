package bounce_test

import (
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// ruleCases are result lines written for these tests as real servers
// phrase their replies, with the rule that must decide, its reason and the
// words it must point at. The twelve most common reasons have three or
// more each.
var ruleCases = []struct {
	line   string
	rule   string
	reason bounce.Reason
	words  string // Message[Start:End], compared ignoring ASCII case
}{
	// userunknown
	{"550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table", "text:user-unknown", bounce.UserUnknown, "user unknown"},
	{"550 BE 5.1.1 <hanako@example.co.jp>... No such user", "text:user-unknown", bounce.UserUnknown, "no such user"},
	{"550 BE Mailbox does not exist: <ichiro@example.jp>", "text:user-unknown", bounce.UserUnknown, "mailbox does not exist"},
	{"550 BE Unknown user taro@docomo.ne.jp", "text:user-unknown", bounce.UserUnknown, "unknown user"}, // docomo since 2025-03-13
	{"550 BE Invalid recipient: <ichiro@example.ne.jp>", "text:user-unknown", bounce.UserUnknown, "invalid recipient"},
	{"550 BE 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "text:user-unknown", bounce.UserUnknown, "recipientnotfound"},
	{"550 BE 5.1.1 <info@example.com>: inactive email address", "text:inactive-address", bounce.UserUnknown, "inactive email address"},
	{"550 BE <yuki@example.jp>: Recipient address rejected: undeliverable address", "text:address-rejected", bounce.UserUnknown, "recipient address"},
	// mailboxfull
	{"552 BE 5.2.2 <taro@example.jp>: Recipient address rejected: Mailbox full", "text:mailbox-full", bounce.MailboxFull, "mailbox full"},
	{"452 BE 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to free some space", "text:mailbox-full", bounce.MailboxFull, "out of storage"},
	{"552 BE 5.2.2 <hanako@example.jp>: user is over quota", "text:mailbox-full", bounce.MailboxFull, "over quota"},
	{"-500 LE lmtp: Dovecot said: 552 5.2.2 <k@example.jp> Quota exceeded (mailbox for user is full)", "text:mailbox-full", bounce.MailboxFull, "quota exceeded"},
	{"552 BE メールボックスの容量が不足しています", "text:mailbox-full", bounce.MailboxFull, "容量"},
	// filtered (the carriers' forms and others)
	{"550 BE : User unknown", "text:carrier-filtered", bounce.Filtered, ": user unknown"},
	{"550 BE 550 : User unknown", "text:carrier-filtered", bounce.Filtered, " : user unknown"},
	{"-500 LE host mfsmax.docomo.ne.jp[192.0.2.3] said: 550 Unknown user taro@docomo.ne.jp (in reply to end of DATA command)", "stage:data", bounce.Filtered, "unknown user"},
	{"550 BE 5.7.1 <hanako@example.jp>: Refused due to recipient preferences", "text:recipient-preferences", bounce.Filtered, "recipient preferences"},
	{"550 BE ユーザ側でドメイン拒否設定を行っているため配信できませんでした", "text:recipient-preferences", bounce.Filtered, "ドメイン拒否"},
	// blocked
	{"554 BE 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org", "text:blocklisted", bounce.Blocked, "blocked using"},
	{"550 BE 5.7.1 IP address 192.0.2.33 is blacklisted", "text:blocklisted", bounce.Blocked, "blacklisted"},
	{"554 BE 5.7.1 <mx.example.org[192.0.2.9]>: Client host rejected: Access denied", "text:blocklisted", bounce.Blocked, "client host rejected"},
	{"550 BE 5.7.606 Access denied, banned sending IP [192.0.2.44]", "text:blocklisted", bounce.Blocked, "access denied, banned"},
	{"550 BE SMTP error from remote mail server after MAIL FROM:<news@example.org> SIZE=2048: 550 Administrative prohibition", "stage:mail-from", bounce.Blocked, "after mail from:"},
	{"-500 LE Connected to 192.0.2.4 but sender was rejected. Remote host said: 550 5.7.1 <news@example.org>... Access denied", "stage:mail-from", bounce.Rejected, "access denied"},
	{"-500 LE host mx.example.jp[192.0.2.1] said: 554 5.7.1 sorry (in reply to EHLO command)", "stage:connect", bounce.Blocked, "in reply to ehlo"},
	// rejected (the sender)
	{"501 BE 5.1.8 <news@example.org>: Sender address rejected: Domain not found", "text:sender-rejected", bounce.Rejected, "sender address rejected"},
	{"553 BE 5.1.8 <root@host.example.org>... Domain of sender address root@host.example.org does not exist", "text:sender-rejected", bounce.Rejected, "domain of sender address"},
	{"550 BE Verification failed for <news@example.org>: Sender verify failed", "text:sender-rejected", bounce.Rejected, "sender verify failed"},
	// policyviolation
	{"554 BE 5.7.9 Message not accepted for policy reasons. See https://postmaster.example.com/error-codes", "text:policy", bounce.PolicyViolation, "policy reasons"},
	{"550 BE 5.7.0 Local Policy Violation", "text:policy", bounce.PolicyViolation, "local policy"},
	{"554 BE Mail from news@example.org rejected for policy reasons", "text:policy", bounce.PolicyViolation, "rejected for policy"},
	// authfailure
	{"550 BE 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy", "text:auth-failure", bounce.AuthFailure, "unauthenticated email"},
	{"550 BE 5.7.23 The message was rejected because of Sender Policy Framework violation", "text:auth-failure", bounce.AuthFailure, "sender policy framework"},
	{"550 BE 5.7.1 This message does not have authentication information or fails to pass authentication checks", "text:auth-failure", bounce.AuthFailure, "have authentication info"},
	{"550 BE 5.7.20 No passing DKIM signature found", "text:auth-failure", bounce.AuthFailure, "dkim"},
	// requireptr
	{"550 BE 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.5]", "text:require-ptr", bounce.RequirePTR, "reverse hostname"},
	{"550 BE 5.7.25 The IP address sending this message does not have a PTR record setup", "text:require-ptr", bounce.RequirePTR, "ptr record"},
	{"554 BE 5.7.1 Reverse DNS lookup failed for host 192.0.2.77", "text:require-ptr", bounce.RequirePTR, "reverse dns"},
	// networkerror
	{"-500 LE lost connection with mx.example.jp[192.0.2.8] while receiving the initial server greeting", "text:network", bounce.NetworkError, "lost connection"},
	{"554 BE 5.4.6 Too many hops 31 (30 max)", "text:network", bounce.NetworkError, "too many hops"},
	{"-500 LE connect to mx.example.jp[192.0.2.8]:25: Connection refused", "text:network", bounce.NetworkError, "connection refused"},
	{"-500 LE DNS Error: DNS type 'mx' lookup of example.jp responded with code SERVFAIL", "text:dns-error", bounce.NetworkError, "dns error"},
	// spamdetected
	{"550 BE 5.7.1 Message rejected as spam by Content Filtering", "text:spam-word", bounce.SpamDetected, "spam"},
	{"554 BE 5.7.1 Message content rejected, UBE, id=12345-01", "text:spam", bounce.SpamDetected, "message content rejected"},
	{"550 BE Message contains a blacklisted URL (example.com)", "text:blocklisted-url", bounce.SpamDetected, "blacklisted url"},
	// expired
	{"-500 LE connect to mx.example.org[192.0.2.1]:25: Connection timed out", "text:expired", bounce.Expired, "timed out"},
	{"-500 LE Delivery time expired; message was in the queue for 5 days", "text:expired", bounce.Expired, "delivery time expired"},
	{"-500 LE retry timeout exceeded", "text:expired", bounce.Expired, "retry time"},
	// securityerror
	{"530 BE 5.7.0 Authentication required", "text:security", bounce.SecurityError, "authentication required"},
	{"550 BE 5.7.1 RESOLVER.RST.AuthRequired; authentication required", "text:security", bounce.SecurityError, "authrequired"},
	{"550 BE Unauthenticated senders not allowed", "text:security", bounce.SecurityError, "unauthenticated senders"},
	{"550 BE 5.7.1 <taro@example.jp>... Access denied", "text:access-denied", bounce.Blocked, "access denied"},
	// the rest, one or two each
	{"550 BE 5.6.0 Message header does not comply with RFC 5322", "text:not-rfc-compliant", bounce.NotCompliantRFC, "does not comply with rfc"},
	{"550 BE 5.7.1 Messages with multiple addresses in From: header are not accepted", "text:not-rfc-compliant", bounce.NotCompliantRFC, "multiple addresses in"},
	{"530 BE 5.7.0 Must issue a STARTTLS command first", "text:starttls", bounce.FailedSTARTTLS, "starttls"},
	{"452 BE 4.3.2 Connection rate limit exceeded", "text:too-many-connections", bounce.TooManyConn, "connection rate limit"},
	{"452 BE 4.5.3 Too many recipients", "text:too-many-connections", bounce.TooManyConn, "too many recipients"},
	{"421 BE 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP address", "text:gmail-rate-unsolicited", bounce.BadReputation, "rate of unsolicited"},
	{"450 BE 4.2.1 The user you are trying to contact is receiving mail too quickly", "text:rate-limit", bounce.Speeding, "mail too quickly"},
	{"421 BE 4.7.0 [TS01] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints", "text:yahoo-deferred", bounce.BadReputation, "[ts01]"},
	{"550 BE 5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address", "text:reputation", bounce.BadReputation, "reputation"},
	{"554 BE 5.7.1 Virus found: Eicar-Test-Signature", "text:virus", bounce.VirusDetected, "virus"},
	{"552 BE 5.6.0 Headers too large (32768 max)", "text:content", bounce.ContentError, "headers too large"},
	{"554 BE 5.7.1 <taro@example.org>: Relay access denied", "text:no-relaying", bounce.NoRelaying, "relay access denied"},
	{"554 BE Message too big for system", "text:too-big", bounce.MesgTooBig, "message too big"},
	{"552 BE Too much mail data taro@docomo.ne.jp", "text:too-much-mail", bounce.MailboxFull, "too much mail data"}, // docomo
	{"452 BE 4.3.1 Insufficient system storage", "text:system-full", bounce.SystemFull, "system storage"},
	{"-500 LE x-unix; procmail: Quota exceeded while writing \"/var/mail/taro\"", "text:mailbox-full", bounce.MailboxFull, "quota exceeded"},
	{"-500 LE x-unix; procmail: Couldn't create \"/var/spool/mail/taro\"", "text:mailer-error", bounce.MailerError, "x-unix"},
	{"550 BE 5.1.6 recipient no longer on server: taro@example.jp", "text:has-moved", bounce.HasMoved, "no longer on server"},
	{"551 BE User not local; please try <taro@example.org>: has moved", "text:has-moved", bounce.HasMoved, "has moved"},
	{"550 BE The email account that you tried to reach is disabled", "text:disabled", bounce.Suspend, "disabled"},
	{"550 BE 5.2.1 The account has been suspended", "text:suspended", bounce.Suspend, "suspended"},
	{"554 BE このアカウントは現在ご利用いただけません", "text:suspended", bounce.Suspend, "ご利用いただけません"},
	{"-500 LE DNS Error: The domain example.org doesn't receive email according to the administrator: returned Null MX", "text:not-accept", bounce.NotAccept, "doesn't receive email"},
	{"550 BE 5.1.2 <taro@example.invalid>... Host unknown (Name server: example.invalid: host not found)", "text:host-unknown", bounce.HostUnknown, "host unknown"},
	{"503 BE 5.5.1 Improper sequence of commands", "text:syntax", bounce.SyntaxError, "improper sequence"},
	{"451 BE 4.3.0 Internal error, please try again later", "text:system-error", bounce.SystemError, "internal error"},
	{"450 BE 4.0.0 Temporary failure, please try again", "text:on-hold", bounce.OnHold, "temporary failure"},
	{"-500 LE I am out of the office until Monday", "text:vacation", bounce.Vacation, "out of the office"},
	{"550 BE The address is on the suppression list", "text:suppressed", bounce.Suppressed, "suppression list"},
	{"-500 LE Feedback-Type: abuse", "text:feedback", bounce.Feedback, "feedback-type"},
	{"554 BE Your IP address 192.0.2.1 has been blocked", "text:blocked", bounce.Blocked, "your ip"},
	// Refusals that are not of the sending host, whatever their words
	// around: a content filter's, the SMTP protocol's, a forwarding
	// policy's.
	{"554 BE 5.7.1 Message rejected due to content restrictions", "text:microsoft-content-filter", bounce.SpamDetected, "due to content restrictions"},
	{"503 BE 5.5.0 <unknown[192.0.2.1]>: Client host rejected: Improper use of SMTP command pipelining", "text:smtp-protocol", bounce.SyntaxError, "improper use of smtp command pipelining"},
	{"550 BE 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)", "text:microsoft-policy", bounce.PolicyViolation, "does not allow external forwarding"},
	// Cox's and Spectrum's codes in the shape of their replies (the
	// codes are documented; these replies were written for the test).
	{"552 BE 5.2.0 cmsmtp Message refused. Refer to Error Codes section at https://www.cox.com/ for more information. AUP#URLBL011", "text:cox-url", bounce.SpamDetected, "aup#urlbl"},
	{"421 BE cmsmtp [192.0.2.1] blocked. Refer to Error Codes section at https://www.cox.com/ for more information. AUP#CXDNS", "text:cox-ptr", bounce.RequirePTR, "aup#cxdns"},
	{"554 BE cmsmtp [192.0.2.1] rejected. Refer to Error Codes section at https://www.cox.com/ for more information. AUP#CXSMTP", "text:cox-smtp", bounce.Rejected, "aup#cxsmtp"},
	{"554 BE cmsmtp [192.0.2.1] blocked. Refer to Error Codes section at https://www.cox.com/ for more information. AUP#CXTHRT", "text:cox-account", bounce.SecurityError, "aup#cxthrt"},
	{"421 BE mx.charter.net cmsmtp 192.0.2.1 blocked. Please see https://www.spectrum.net/ for more information. AUP#In-1090", "text:spectrum-system", bounce.SystemError, "aup#in-1090"},
	{"552 BE mx.charter.net cmsmtp 192.0.2.1 rejected. Please see https://www.spectrum.net/ for more information. AUP#In-1530", "text:spectrum-size", bounce.MesgTooBig, "aup#in-1530"},
}

// nearMisses are messages that hold a phrase of a rule where it must not
// decide: in the narration of an MTA (a host name in it, or its words), in
// an address, in a 4xx reply (for words that would suppress), or beside a
// deciding phrase of a rule that comes first. TestNearMisses checks that
// each holds one of its rule's phrases, so that each can fail.
var nearMisses = []struct {
	line string
	rule string
}{
	{"550 BE Invalid recipient OFR004_416 : User unknown", "text:carrier-filtered"},                                                       // Orange's code first
	{"550 BE Envelope blocked - refused by recipient", "text:recipient-preferences"},                                                      // Mimecast's words first
	{"554 BE 5.7.1 Service unavailable; Sender address [example.org] blocked using dbl.example.net; dmarc", "text:auth-failure"},          // the sender's domain, first
	{"550 BE 5.7.1 <rfc822@example.jp>: Relay access denied", "text:not-rfc-compliant"},                                                   // an address
	{"-500 LE host rdns.example.net[192.0.2.7] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)", "text:require-ptr"},           // a host name
	{"530 BE 5.7.0 Must issue a STARTTLS command first; SMTP protocol violation", "text:starttls"},                                        // the protocol's words, first
	{"550 BE 5.7.26 Unauthenticated email from example.org is not accepted due to DMARC: not authenticated", "text:security"},             // DMARC first
	{"-500 LE host reputation.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:reputation"},      // a host name
	{"550 BE 5.7.26 DMARC policy fail; too many connections from this IP", "text:too-many-connections"},                                   // DMARC first
	{"550 BE 5.7.1 Unauthenticated email is not accepted from this domain; message rate limits apply", "text:rate-limit"},                 // authentication first
	{"-500 LE host greylist.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:greylisted"},        // a host name
	{"-500 LE host uribl.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:blocklisted-url"},      // a host name
	{"-500 LE host mx1.spamhaus.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:blocklisted"},   // a host name
	{"-500 LE host virus.example.net[192.0.2.7] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)", "text:virus"},                // a host name
	{"-500 LE host spamassassin.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:spam"},          // a host name
	{"554 BE 5.7.1 Spam message rejected: invalid content", "text:content"},                                                               // "spam message" first
	{"554 BE 5.7.1 Client host rejected: blocked using zen.example.org, local policy", "text:policy"},                                     // a blocklist first
	{"554 BE 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Relay access denied", "text:no-relaying"},                                  // "client host rejected" first
	{"554 BE 5.7.1 <taro@example.jp>: Relay access denied; over quota", "text:mailbox-full"},                                              // "relay access denied" first
	{"452 BE 4.2.2 Mailbox full: insufficient disk space", "text:system-full"},                                                            // "mailbox full" first
	{"-500 LE host procmail.example.net[192.0.2.7] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)", "text:mailer-error"},      // a host name
	{"552 BE 5.2.2 Mailbox full; the user has moved", "text:has-moved"},                                                                   // "mailbox full" first
	{"550 BE 5.7.1 Relay access denied for inactive email address", "text:inactive-address"},                                              // "relay access denied" first
	{"-500 LE host suspended.example.net[192.0.2.7] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)", "text:suspended"},        // a host name
	{"-500 LE host nullmx.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:not-accept"},          // a host name
	{"550 BE 5.2.1 Account suspended; DNS lookup not done", "text:dns-error"},                                                             // "suspended" first
	{"550 BE 5.1.8 <news@example.org>: Sender address rejected: Domain not found", "text:host-unknown"},                                   // the sender's domain, first
	{"-500 LE host recipnotfound.example.net[192.0.2.7] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)", "text:user-unknown"}, // a host name
	{"550 BE 5.1.1 User unknown; lost connection", "text:network"},                                                                        // "user unknown" first
	{"-500 LE host timeout.example.net[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)", "text:expired"},            // a host name
	{"550 BE 5.1.1 User unknown (syntax error in the local part?)", "text:syntax"},                                                        // "user unknown" first
	{"550 BE 5.1.1 User unknown: internal error avoided", "text:system-error"},                                                            // "user unknown" first
	{"550 BE 5.1.1 User unknown, not a temporary failure", "text:on-hold"},                                                                // "user unknown" first
	{"-500 LE host autoreply.example.net[192.0.2.7] said: 550 5.1.1 User unknown", "text:vacation"},                                       // a host name
	{"-500 LE host suppressed.example.net[192.0.2.7] said: 550 5.1.1 User unknown", "text:suppressed"},                                    // a host name
	{"-500 LE host complaint.example.net[192.0.2.7] said: 550 5.1.1 User unknown", "text:feedback"},                                       // a host name
	{"450 BE 4.7.1 <taro@example.jp>: Recipient address rejected: please try again", "text:address-rejected"},                             // a 4xx
	{"550 BE 5.7.1 Spam message rejected", "text:spam-word"},                                                                              // "spam message" decides
	{"554 BE 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.example.org; your IP", "text:blocked"},                  // "blocked using" decides
	{"450 BE 4.2.1 <taro@example.jp>: Recipient address rejected: inactive", "text:disabled"},                                             // a 4xx
	{"552 BE 5.2.2 Mailbox full: message too big for the space left", "text:too-big"},                                                     // "mailbox full" decides
	{"552 BE 5.3.4 Error: too much mail data", "text:too-much-mail"},                                                                      // Postfix's words for the size
	{"550 BE 5.7.1 <taro@example.jp>: Relay access denied", "text:access-denied"},                                                         // "relay access denied" decides
	{"550 BE 5.1.1 User unknown; service unavailable", "text:unavailable"},                                                                // "user unknown" decides
	{"450 BE 4.2.0 <taro@example.jp>: Recipient address rejected: Greylisted, try again later", "text:try-later"},                         // "greylisted" decides
	{"554 BE 5.7.1 Spam message rejected; message size exceeds fixed limit", "text:message-size"},                                         // "spam message" first
	{"550 BE 5.7.26 DMARC policy: too many messages in the mailbox of the sender domain", "text:mailbox-messages"},                        // DMARC first
}

func TestRules(t *testing.T) {
	for _, tt := range ruleCases {
		r, err := status.ParseLine(tt.line)
		if err != nil {
			t.Fatalf("ParseLine(%q): %v", tt.line, err)
		}
		v := bounce.Classify(r)
		e := v.Evidence
		if v.Reason != tt.reason || e.Rule != tt.rule || e.Source != bounce.SourceText {
			t.Errorf("Classify(%q) = %v by %v %q; want %v by text %q", tt.line, v.Reason, e.Source, e.Rule, tt.reason, tt.rule)
			continue
		}
		if got := r.Message[e.Start:e.End]; !strings.EqualFold(got, tt.words) {
			t.Errorf("Classify(%q): evidence %q; want %q", tt.line, got, tt.words)
		}
		if v.Action != tt.reason.Action() {
			t.Errorf("Classify(%q).Action = %v; want %v", tt.line, v.Action, tt.reason.Action())
		}
	}
}

// genericRules are the rules whose words many servers use, as opposed to
// one provider's: each has a near miss written for it.
var genericRules = []string{
	"text:carrier-filtered", "text:recipient-preferences", "text:not-rfc-compliant", "text:auth-failure",
	"text:require-ptr", "text:starttls", "text:security", "text:reputation", "text:too-many-connections",
	"text:rate-limit", "text:greylisted", "text:blocklisted-url", "text:blocklisted", "text:virus", "text:spam",
	"text:content", "text:policy", "text:no-relaying", "text:mailbox-full", "text:system-full", "text:mailer-error",
	"text:has-moved", "text:inactive-address", "text:suspended", "text:not-accept", "text:dns-error",
	"text:host-unknown", "text:user-unknown", "text:network", "text:expired", "text:syntax", "text:system-error",
	"text:on-hold", "text:vacation", "text:suppressed", "text:feedback", "text:address-rejected",
	"text:spam-word", "text:blocked", "text:disabled", "text:too-big", "text:too-much-mail", "text:access-denied",
	"text:unavailable", "text:try-later", "text:message-size", "text:mailbox-messages",
}

func TestNearMisses(t *testing.T) {
	for _, tt := range nearMisses {
		r, err := status.ParseLine(tt.line)
		if err != nil {
			t.Fatalf("ParseLine(%q): %v", tt.line, err)
		}
		if !holdsPhrase(r.Message, tt.rule) {
			t.Errorf("near miss %q holds no phrase of %s: it cannot fail", tt.line, tt.rule)
		}
		if v := bounce.Classify(r); v.Evidence.Rule == tt.rule {
			t.Errorf("Classify(%q) decided by %q, which is not for it (%v)", tt.line, tt.rule, v.Reason)
		}
	}
}

// holdsPhrase reports whether msg holds a phrase of the rule, ignoring
// ASCII case.
func holdsPhrase(msg, rule string) bool {
	for _, p := range bounce.TextRulePhrases(rule) {
		if strings.HasPrefix(p, "^") {
			if hasPrefixFold(msg, p[1:]) {
				return true
			}
			continue
		}
		for i := 0; i+len(p) <= len(msg); i++ {
			if hasPrefixFold(msg[i:], p) {
				return true
			}
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// TestProviderNearMisses makes a near miss for every rule: one of its
// phrases inside an address, where the built-in table never looks, or,
// for a rule whose phrases all have blanks, after a deciding phrase of
// the first rule, which comes before every other.
func TestProviderNearMisses(t *testing.T) {
	names := bounce.TextRuleNames()
	first := bounce.TextRulePhrases(names[0])[0]
	for _, name := range names {
		var line string
		for _, p := range bounce.TextRulePhrases(name) {
			if p[0] != '^' && !strings.ContainsAny(p, " <>@\"") && isASCII(p) {
				line = "550 BE <" + p + "@example.jp>: sorry"
				break
			}
		}
		if line == "" {
			if name == names[0] {
				continue
			}
			line = "550 BE " + first + " " + strings.TrimPrefix(bounce.TextRulePhrases(name)[0], "^")
		}
		r, err := status.ParseLine(line)
		if err != nil {
			t.Fatalf("ParseLine(%q): %v", line, err)
		}
		if !holdsPhrase(r.Message, name) {
			t.Fatalf("near miss %q holds no phrase of %s", line, name)
		}
		if v := bounce.Classify(r); v.Evidence.Rule == name {
			t.Errorf("Classify(%q) decided by %q", line, name)
		}
	}
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func TestEveryRuleTested(t *testing.T) {
	// Each rule of the table decides a message a server sends: one of
	// ruleCases, or a documented reply of testdata/replies.tsv.
	tested := map[string]int{}
	for _, tt := range ruleCases {
		tested[tt.rule]++
	}
	for _, row := range loadReplies(t) {
		r, err := status.ParseLine(row.line)
		if err != nil {
			t.Fatal(err)
		}
		tested[bounce.Classify(r).Evidence.Rule]++
	}
	for _, name := range bounce.TextRuleNames() {
		if tested[name] == 0 {
			t.Errorf("rule %q has no test message", name)
		}
	}
	// Every rule has a near miss made by TestProviderNearMisses; the rules
	// of words that many servers use have one written by hand too.
	missed := map[string]bool{}
	for _, tt := range nearMisses {
		missed[tt.rule] = true
	}
	for _, name := range genericRules {
		if !missed[name] {
			t.Errorf("rule %q has no near miss of its own", name)
		}
	}
	// The twelve most common reasons in real bounces have three each.
	perReason := map[bounce.Reason]int{}
	for _, tt := range ruleCases {
		perReason[tt.reason]++
	}
	for _, reason := range []bounce.Reason{
		bounce.UserUnknown, bounce.MailboxFull, bounce.Filtered, bounce.Blocked, bounce.Rejected,
		bounce.PolicyViolation, bounce.AuthFailure, bounce.RequirePTR, bounce.NetworkError,
		bounce.SpamDetected, bounce.Expired, bounce.SecurityError,
	} {
		if perReason[reason] < 3 {
			t.Errorf("%v has %d test messages; want 3 or more", reason, perReason[reason])
		}
	}
}

// TestRuleNamesListed checks that every verdict of the built-in rules on
// the test messages and the documented replies names a rule of the
// tables (bounce.BuiltinRule): every name a verdict can carry is listed in
// one place.
func TestRuleNamesListed(t *testing.T) {
	lines := []string{"550 BE 5.7.1 Message refused", "550 BE sorry", "599 BE sorry", "700 BE try again", "250 BE ok"}
	for _, tt := range ruleCases {
		lines = append(lines, tt.line)
	}
	for _, tt := range nearMisses {
		lines = append(lines, tt.line)
	}
	for _, row := range loadReplies(t) {
		lines = append(lines, row.line)
	}
	seen := map[string]bool{}
	for _, line := range lines {
		r, err := status.ParseLine(line)
		if err != nil {
			t.Fatal(err)
		}
		v := bounce.Classify(r)
		if v.Evidence.Rule == "" {
			continue
		}
		seen[v.Evidence.Rule] = true
		if !bounce.BuiltinRule(v.Evidence.Rule) {
			t.Errorf("Classify(%q) names %q, which no table lists", line, v.Evidence.Rule)
		}
	}
	for _, name := range []string{"stage:mail-from", "stage:connect", "stage:data", "enhanced:X.7", "text:refused-as-unknown", "code:550"} {
		if !seen[name] {
			t.Errorf("no test message is decided by %q", name)
		}
	}
	if bounce.BuiltinRule("text:no-such-rule") || bounce.BuiltinRule("") || bounce.BuiltinRule("code:999") {
		t.Error("BuiltinRule lists names no table has")
	}
}
