// Package bounce tells a sender why a delivery failed and what to do about
// it: retry later, stop sending to the address, or fix its own sending
// setup, with the words of the message that decided.
//
// The status code of a result line is too coarse for that. The service
// counts a 550 against the address whether the mailbox does not exist or
// the sender's IP address is on a blocklist, and 5.7.1 alone stands for a
// dozen reasons. [Classify] reads the evidence in this order, and the
// first that speaks decides:
//
//  1. the rules given to [NewClassifier], in their order;
//  2. the service's own codes: 250, the negative codes, 6xx, 7xx and 8xx
//     (but not -500 and -501, which say only that no code could be read
//     from a bounce mail);
//  3. the words of the message, matched against a table of the phrases
//     servers write for each reason, ASCII case-insensitively;
//  4. the RFC 3463 enhanced status code in the message, for the codes that
//     mean one thing whatever the server (X.1.1, X.2.2, X.7.26, …);
//  5. the SMTP reply code (550, 552, …).
//
// Words come before the enhanced code because servers put the same code on
// many reasons, and their words tell those apart; measured on real bounce
// mails, the other order agrees with Sisimai less often.
//
// The [Verdict] has the reason (Sisimai's vocabulary), whether it is a hard
// bounce, the action, and the [Evidence]: which kind decided, the stable
// name of the rule, and the byte offsets in the message of the words that
// decided, so that a sender can show them, trust them or override them
// with a [Rule] of its own.
//
// Where the service adds to the address's error count (locus user, weight
// above 0) but the action is [FixSender], the address is not at fault: the
// count is unfair to it, and suppressing the address would not help.
package bounce

import "github.com/haishin/status"

// Evidence is what decided a [Verdict].
type Evidence struct {
	// Source is the kind of evidence that decided.
	Source Source
	// Rule is the stable name of the rule that decided, such as
	// "text:user-unknown", "code:606" or "enhanced:X.2.2", or the name of
	// a user's rule. It is "" only for Undefined by default.
	Rule string
	// Start and End are the byte offsets in Result.Message of the words
	// that decided (Message[Start:End]); Start == End when the message did
	// not decide.
	Start, End int
}

// Verdict is why a delivery failed, or that it did not, and what to do.
type Verdict struct {
	Reason Reason
	// Hard reports a hard bounce, as Sisimai uses the word: the address
	// itself cannot receive mail (UserUnknown, HostUnknown, HasMoved, and
	// NotAccept when the failure is permanent).
	Hard     bool
	Action   Action
	Evidence Evidence
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
