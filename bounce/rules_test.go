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
	{"550 BE 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address", "text:user-unknown", bounce.UserUnknown, "does not exist"},
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
	{"550 BE Unknown user taro@docomo.ne.jp", "text:carrier-filtered", bounce.Filtered, "unknown user"},
	{"550 BE 5.7.1 <hanako@example.jp>: Refused due to recipient preferences", "text:recipient-preferences", bounce.Filtered, "recipient preferences"},
	{"550 BE ユーザ側でドメイン拒否設定を行っているため配信できませんでした", "text:recipient-preferences", bounce.Filtered, "ドメイン拒否"},
	// blocked
	{"554 BE 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org", "text:blocklisted", bounce.Blocked, "blocked using"},
	{"550 BE 5.7.1 IP address 192.0.2.33 is blacklisted", "text:blocklisted", bounce.Blocked, "blacklisted"},
	{"554 BE 5.7.1 <mx.example.org[192.0.2.9]>: Client host rejected: Access denied", "text:blocklisted", bounce.Blocked, "client host rejected"},
	{"550 BE 5.7.606 Access denied, banned sending IP [192.0.2.44]", "text:blocklisted", bounce.Blocked, "access denied, banned"},
	{"550 BE SMTP error from remote mail server after MAIL FROM:<news@example.org> SIZE=2048: 550 Administrative prohibition", "text:refused-at-mail-from", bounce.Blocked, "after mail from"},
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
	{"550 BE 5.7.1 Message rejected as spam by Content Filtering", "text:spam", bounce.SpamDetected, "spam"},
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
	{"550 BE 5.7.1 <taro@example.jp>... Access denied", "text:access-denied", bounce.SecurityError, "access denied"},
	// the rest, one or two each
	{"550 BE 5.6.0 Message header does not comply with RFC 5322", "text:not-rfc-compliant", bounce.NotCompliantRFC, "does not comply with rfc"},
	{"550 BE 5.7.1 Messages with multiple addresses in From: header are not accepted", "text:not-rfc-compliant", bounce.NotCompliantRFC, "multiple addresses in"},
	{"530 BE 5.7.0 Must issue a STARTTLS command first", "text:starttls", bounce.FailedSTARTTLS, "must issue a starttls"},
	{"452 BE 4.3.2 Connection rate limit exceeded", "text:too-many-connections", bounce.TooManyConn, "connection rate limit"},
	{"452 BE 4.5.3 Too many recipients", "text:too-many-connections", bounce.TooManyConn, "too many recipients"},
	{"421 BE 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP address", "text:rate-limit", bounce.Speeding, "unusual rate"},
	{"421 BE 4.7.0 [TS01] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints", "text:reputation", bounce.BadReputation, "unexpected volume"},
	{"550 BE 5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address", "text:reputation", bounce.BadReputation, "reputation"},
	{"554 BE 5.7.1 Virus found: Eicar-Test-Signature", "text:virus", bounce.VirusDetected, "virus"},
	{"552 BE 5.6.0 Headers too large (32768 max)", "text:content", bounce.ContentError, "headers too large"},
	{"554 BE 5.7.1 <taro@example.org>: Relay access denied", "text:no-relaying", bounce.NoRelaying, "relay access denied"},
	{"552 BE 5.2.3 Message length exceeds administrative limit", "text:exceed-limit", bounce.ExceedLimit, "message length exceeds"},
	{"554 BE 5.3.4 Message too big for system", "text:message-too-big", bounce.MesgTooBig, "message too big"},
	{"452 BE 4.3.1 Insufficient system storage", "text:system-full", bounce.SystemFull, "system storage"},
	{"-500 LE x-unix; procmail: Quota exceeded while writing \"/var/mail/taro\"", "text:mailbox-full", bounce.MailboxFull, "quota exceeded"},
	{"-500 LE x-unix; procmail: Couldn't create \"/var/spool/mail/taro\"", "text:mailer-error", bounce.MailerError, "x-unix"},
	{"550 BE 5.1.6 recipient no longer on server: taro@example.jp", "text:has-moved", bounce.HasMoved, "no longer on server"},
	{"551 BE User not local; please try <taro@example.org>: has moved", "text:has-moved", bounce.HasMoved, "has moved"},
	{"550 BE 5.2.1 The email account that you tried to reach is disabled", "text:suspended", bounce.Suspend, "disabled"},
	{"554 BE このアカウントは現在ご利用いただけません", "text:suspended", bounce.Suspend, "ご利用いただけません"},
	{"-500 LE DNS Error: The domain example.org doesn't receive email according to the administrator: returned Null MX", "text:not-accept", bounce.NotAccept, "doesn't receive email"},
	{"550 BE 5.1.2 <taro@example.invalid>... Host unknown (Name server: example.invalid: host not found)", "text:host-unknown", bounce.HostUnknown, "host unknown"},
	{"503 BE 5.5.1 Improper sequence of commands", "text:syntax", bounce.SyntaxError, "improper sequence"},
	{"451 BE 4.3.0 Internal error, please try again later", "text:system-error", bounce.SystemError, "internal error"},
	{"450 BE 4.0.0 Temporary failure, please try again", "text:on-hold", bounce.OnHold, "temporary failure"},
	{"-500 LE I am out of the office until Monday", "text:vacation", bounce.Vacation, "out of the office"},
	{"550 BE The address is on the suppression list", "text:suppressed", bounce.Suppressed, "suppression list"},
	{"-500 LE Feedback-Type: abuse", "text:feedback", bounce.Feedback, "feedback-type"},
}

// nearMisses are messages that share words with a rule's phrases but are
// not what the rule is for: the rule must not decide them.
var nearMisses = []struct {
	line string
	rule string
}{
	{"550 BE 5.1.1 <taro@example.jp>: User unknown", "text:carrier-filtered"},
	{"550 BE 5.7.1 Recipient preference settings unknown", "text:recipient-preferences"},
	{"550 BE 5.1.1 <sender-club@example.jp>: Recipient address rejected: User unknown", "text:sender-rejected"},
	{"550 BE 5.1.1 <rfc@example.jp>: User unknown", "text:not-rfc-compliant"},
	{"550 BE 5.1.1 <spfan@example.jp>: User unknown", "text:auth-failure"},
	{"550 BE 5.1.1 <ptr@example.jp>: Mailbox full", "text:require-ptr"},
	{"550 BE 5.1.1 <tls@example.jp>: User unknown", "text:starttls"},
	{"550 BE 5.2.2 Mailbox full; the authentication of your account is fine", "text:security"},
	{"550 BE 5.1.1 Too many typos? User unknown", "text:too-many-connections"},
	{"552 BE 5.2.2 Mailbox full at this rate", "text:rate-limit"},
	{"550 BE 5.1.1 <url@example.jp>: User unknown", "text:blocklisted-url"},
	{"550 BE 5.1.1 <blocked@example.jp>: User unknown", "text:blocklisted"},
	{"550 BE 5.1.1 <taro@example.jp>: User unknown (reputed address)", "text:reputation"},
	{"550 BE 5.1.1 <viru@example.jp>: User unknown", "text:virus"},
	{"550 BE 5.1.1 <spa@example.jp>: User unknown", "text:spam"},
	{"550 BE 5.1.1 <header@example.jp>: User unknown", "text:content"},
	{"550 BE 5.1.1 <police@example.jp>: User unknown", "text:policy"},
	{"550 BE 5.1.1 <relay@example.jp>: User unknown", "text:no-relaying"},
	{"550 BE SMTP error from remote mail server after RCPT TO:<taro@example.jp>: 550 5.1.1 User unknown", "text:refused-at-mail-from"},
	{"550 BE 5.1.1 <taro@example.jp>: User unknown; length of the address is fine", "text:exceed-limit"},
	{"550 BE 5.1.1 <bigtaro@example.jp>: User unknown", "text:message-too-big"},
	{"550 BE 5.1.1 <full@example.jp>: User unknown", "text:mailbox-full"},
	{"550 BE 5.1.1 <system@example.jp>: User unknown", "text:system-full"},
	{"550 BE 5.1.1 <unix@example.jp>: User unknown", "text:mailer-error"},
	{"550 BE 5.1.1 <moved@example.jp>: User unknown", "text:has-moved"},
	{"550 BE 5.1.1 <inactive@example.jp>: User unknown", "text:inactive-address"},
	{"550 BE 5.1.1 <able@example.jp>: User unknown", "text:suspended"},
	{"552 BE 5.2.2 <user@example.jp>: Mailbox full", "text:user-unknown"},
	{"550 BE 5.1.1 <mx@example.jp>: User unknown", "text:not-accept"},
	{"550 BE 5.1.1 <dns@example.jp>: User unknown", "text:dns-error"},
	{"550 BE 5.1.1 <host@example.jp>: User unknown", "text:host-unknown"},
	{"550 BE 5.1.1 <time@example.jp>: User unknown", "text:expired"},
	{"550 BE 5.1.1 <network@example.jp>: User unknown", "text:network"},
	{"550 BE 5.1.1 <syntax@example.jp>: User unknown", "text:syntax"},
	{"550 BE 5.1.1 <system@example.jp>: User unknown", "text:system-error"},
	{"550 BE 5.1.1 <temporary@example.jp>: User unknown", "text:on-hold"},
	{"550 BE 5.1.1 <office@example.jp>: User unknown", "text:vacation"},
	{"550 BE 5.1.1 <suppress@example.jp>: User unknown", "text:suppressed"},
	{"550 BE 5.1.1 <feedback@example.jp>: User unknown", "text:feedback"},
	{"550 BE 5.1.1 <rejected@example.jp>: Mailbox full", "text:address-rejected"},
	{"550 BE 5.1.1 <denied@example.jp>: User unknown", "text:access-denied"},
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

func TestNearMisses(t *testing.T) {
	for _, tt := range nearMisses {
		r, err := status.ParseLine(tt.line)
		if err != nil {
			t.Fatalf("ParseLine(%q): %v", tt.line, err)
		}
		if v := bounce.Classify(r); v.Evidence.Rule == tt.rule {
			t.Errorf("Classify(%q) decided by %q, which is not for it (%v)", tt.line, tt.rule, v.Reason)
		}
	}
}

func TestEveryRuleTested(t *testing.T) {
	// Each rule of the table has a message a server could send and a near
	// miss.
	tested, missed := map[string]int{}, map[string]bool{}
	for _, tt := range ruleCases {
		tested[tt.rule]++
	}
	for _, tt := range nearMisses {
		missed[tt.rule] = true
	}
	for _, name := range bounce.TextRuleNames() {
		if tested[name] == 0 {
			t.Errorf("rule %q has no test message", name)
		}
		if !missed[name] {
			t.Errorf("rule %q has no near miss", name)
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
