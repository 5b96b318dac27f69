// Package bounce tells a sender why a delivery failed and what to do about
// it: retry later, stop sending to the address, or fix its own sending
// setup, with the words of the message that decided.
//
// The status code of a result line is too coarse for that. The service
// counts a 550 against the address whether the mailbox does not exist or
// the sender's IP address is on a blocklist, and 5.7.1 alone stands for a
// dozen reasons. [Classify] weighs the evidence in this order:
//
//  1. The rules given to [NewClassifier], in their order.
//  2. The service's own codes: 250, the negative codes, 6xx, 7xx and 8xx
//     (but not -500 and -501, which say only that no code could be read
//     from a bounce mail). The message refines the DNS codes (700, 710,
//     711, 720: the lookup of the recipient's domain failed): words that
//     say it failed for now (Postfix's "Host not found, try again",
//     resolvers' "Temporary failure in name resolution", SERVFAIL, a
//     time-out; rule "text:dns-retry") make it networkerror and retry, not
//     hostunknown.
//  3. A deciding phrase of the message: words that name a reason ("mailbox
//     full", "user unknown", "blocked using", "greylisted"), or a code of a
//     provider's own ("[TS01]", "AUP#CXBL", "IB104"). Of several, the rule
//     nearer the top of the table wins, wherever its words stand.
//  4. An RFC 3463 enhanced code that means one thing whatever the server
//     (X.1.1, X.2.2, X.3.4, X.7.26, …). A catch-all code (X.0.0, X.5.0,
//     X.7.0, X.7.1) never outranks words.
//  5. A leaning phrase: words that only lean ("recipient address
//     rejected", "access denied", "disabled", "does not exist", "try
//     again later", the words for a size). On a temporary failure, one
//     whose reason would suppress the address does not decide.
//  6. The SMTP stage that the narration names, where no words decided: a
//     refusal of MAIL FROM, of the connection or of the greeting is about
//     the sending host (blocked).
//  7. A policy code (X.7.x) on a 550, 553 or 554: about the sender, not
//     the address (blocked).
//  8. The SMTP reply code (550, 552, …). Evidence.Source is then
//     [SourceCode], so that a caller can count these weakest verdicts.
//
// Phrases are matched ASCII case-insensitively, in one pass over the
// message, as words and tokens: a phrase that starts with a letter or
// digit starts a word ("virus" is not found in "antivirus"), and a
// phrase that is a code (letters and digits with a digit, "_" or "#" in
// them: "IB104", "AUP#CXBL", "RP-001", "OFR004_104"'s "_104") is a whole
// token, not part of a longer one ("IB1045", "IB104-7"). An e-mail
// address is a name, not words: no phrase decides inside one, with angle
// brackets or without ("taro_100@docomo.ne.jp").
//
// A message is read as the server wrote its words. A reply of several
// lines, or one folded into a single result line, carries the codes that
// start its lines ("550-5.2.1 ", "452-4.2.2 ") inside the server's
// sentences ("mailbox 550-5.2.1 is full"): where a line break or such a
// seam stands in a message (after a blank: a reply code of class 2, 4 or
// 5 and a "-", or a blank where an earlier seam had the same code, and an
// enhanced code if one follows), the lines are joined by a blank and the
// seams left out before the phrases are found, on a buffer on the stack.
// The seams never decide, and the evidence is in the message's own bytes.
// A message longer than 2,048 bytes, or of more than 32 pieces, is read
// as it is.
//
// Japanese words are read in every encoding Japanese mail systems write:
// UTF-8, Shift_JIS (CP932), EUC-JP and ISO-2022-JP give the same verdict,
// rule and words, with the evidence in the message's own bytes, without
// decoding the message and without allocating. The phrases' forms in
// Shift_JIS and EUC-JP are generated from the tables (internal/gen); a
// form counts only in a message of its encoding ([status.DetectCharset])
// and on a character's first byte. The runs of two-byte characters of
// ISO-2022-JP are read as EUC-JP, and no ASCII phrase is found inside one.
//
// Narration is not evidence: the words with which an MTA wraps
// the remote server's reply (Postfix's "host H[IP] said: … (in reply to
// RCPT TO command)", Exim's "SMTP error from remote mail server after
// MAIL FROM:<…>:", qmail's "Remote host said:", Sendmail's ">>> RCPT
// To:<…>" and "... while talking to H.:", Google's "Technical details of
// permanent failure:", Postfix's "Name service error for name=… type=…:"),
// the host names inside it, and addresses in angle brackets anywhere,
// never decide. Host names and URLs outside the narration
// ("zen.spamhaus.org") are evidence.
//
// The narration tells the SMTP stage, which qualifies a verdict on the
// recipient:
//   - with X.1.7 or X.1.8 (the sender's address) it is rejected;
//   - unknown-user or unknown-host words at MAIL FROM are about the
//     sender: rejected; words that only lean, at MAIL FROM, too;
//   - unknown-user words at DATA are a content filter: filtered;
//   - unknown-user words beside a mailbox-status code (X.2.x) or a policy
//     code (X.7.x) are a refusal dressed as a missing user: filtered, as
//     Sisimai decides. The action stays suppress.
//
// Within each tier, table order decides: measured on real bounce mails, it
// agreed with Sisimai more often than "the phrase nearest the reply code",
// and much more often than "the last phrase".
//
// A temporary failure never suppresses: see [Verdict].
//
// The service's own codes are facts its table documents, and decide by
// themselves. The negative codes are failures of the sending system: of
// its settings (mailererror: fix them) or passing (systemerror: retry),
// never of the address. The 6xx codes are connections that failed or timed
// out (networkerror, retry; 606 is expired, 609 systemerror, and 611, an
// invalid address, userunknown). The 7xx codes are failed DNS lookups of
// the recipient's domain (hostunknown: the service counts a whole error
// against the address for them, as for an unknown user, and reports a DNS
// server it cannot reach apart, as 608, networkerror); 730, an MX that
// points at 127.0.0.1, is a domain that takes no mail (notaccept). -502,
// an address that forwards to one where delivery may have failed, is
// onhold: retry, do not suppress. 800 is a malformed address
// (userunknown), 801 a disabled account (suspend) and 850 a domain the
// user refuses (filtered).
//
// The Japanese mobile carriers: au answers "550 : User unknown" (with no
// address) for mail that its user's filter refused (filtered), and "550
// <addr>: User unknown" for an address that does not exist; SoftBank's
// "550 Invalid recipient: <addr>" is an address that does not exist.
// docomo no longer refuses the mail its users filter: since 2025-03-13 it
// accepts it (250) into a spam folder, so that a 250 to docomo no longer
// proves that the mail reached the inbox, and its "550 Unknown user" means
// that the address does not exist (userunknown); an explicit 5.2.0 in the
// message (older logs) is still filtered, and "552 Too much mail data" is
// a full mailbox.
//
// The [Verdict] has the reason (Sisimai's vocabulary), whether it is a hard
// bounce, the action, and the [Evidence]: which kind decided, the stable
// name of the rule, and the byte offsets in the message of the words that
// decided, so that a sender can show them, trust them or override them
// with a [Rule] of its own.
//
// Where the service adds to the address's error count (locus user, weight
// above 0) but the action is [FixSender], the address is not at fault: the
// count is unfair to it ([Unfair]). Suppressing the address would not
// help; set its count back instead (the service lets a count be set
// through its error-filter API, and [github.com/haishin/status/results.Counter]
// gives the count that is fair).
package bounce

import "github.com/haishin/status"

// Evidence is what decided a [Verdict].
type Evidence struct {
	// Source is the kind of evidence that decided.
	Source Source `json:"source"`
	// Rule is the stable name of the rule that decided, such as
	// "text:user-unknown", "code:606" or "enhanced:X.2.2", or the name of
	// a user's rule. It is "" only where nothing decided (Source is
	// [SourceDefault], the reason Undefined).
	Rule string `json:"rule"`
	// Start and End are the byte offsets in Result.Message of the words
	// that decided (Message[Start:End]); Start == End when the message did
	// not decide.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Verdict is why a delivery failed, or that it did not, and what to do.
// In JSON it is {"reason": "userunknown", "hard": true, "action":
// "suppress", "evidence": {"source": "text", "rule": "text:user-unknown",
// "start": 25, "end": 37}} for "550 BE 5.1.1 <taro@example.jp>: User
// unknown", and it reads back what it writes.
//
// Every failure has an action: Action is [None] only for a delivery
// ([Delivered]) and an automatic reply ([Vacation]), which are not
// failures; a failure that nothing explains is [Undefined] and [Retry].
// (A feedback report, a complaint, is [Suppress].)
//
// A temporary failure never suppresses: for a 4xx reply, or a 4.X.X
// enhanced code where there is no reply code, Action is never [Suppress]
// and Hard is never true. The reason may still be one that suppresses
// (Postfix answers 450 for an unknown user when told to); the action is
// then [Retry]. A reason on the sender's side stays [FixSender]. A user's
// [Rule] that names its action explicitly gets that action.
type Verdict struct {
	Reason Reason `json:"reason"`
	// Hard reports a hard bounce, as Sisimai uses the word: the address
	// itself cannot receive mail (UserUnknown, HostUnknown, HasMoved, and
	// NotAccept when the failure is permanent).
	Hard     bool     `json:"hard"`
	Action   Action   `json:"action"`
	Evidence Evidence `json:"evidence"`
}

// Classify classifies a result with the built-in rules. It never panics
// and never allocates, and it is safe for concurrent use.
func Classify(r status.Result) Verdict {
	return classify(r)
}

// Unfair reports whether the service counts an error against the address
// of result r (its catalog row has locus user and a weight above 0) while
// the verdict v is that the sender is at fault ([FixSender]), not the
// address: the count is unfair to the address, and suppressing it would
// not help.
func Unfair(r status.Result, v Verdict) bool {
	s, ok := r.Status()
	return ok && s.Locus == status.User && s.Weight > 0 && v.Action == FixSender
}
