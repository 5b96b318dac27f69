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
//     from a bounce mail).
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
// message. Narration is not evidence: the words with which an MTA wraps
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
// The [Verdict] has the reason (Sisimai's vocabulary), whether it is a hard
// bounce, the action, and the [Evidence]: which kind decided, the stable
// name of the rule, and the byte offsets in the message of the words that
// decided, so that a sender can show them, trust them or override them
// with a [Rule] of its own.
//
// Where the service adds to the address's error count (locus user, weight
// above 0) but the action is [FixSender], the address is not at fault: the
// count is unfair to it ([Unfair]), and suppressing the address would not
// help.
package bounce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/haishin/status"
)

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
//
// A temporary failure never suppresses: for a 4xx reply, or a 4.X.X
// enhanced code where there is no reply code, Action is never [Suppress]
// and Hard is never true. The reason may still be one that suppresses
// (Postfix answers 450 for an unknown user when told to); the action is
// then [Retry]. A reason on the sender's side stays [FixSender]. A user's
// [Rule] that names its action explicitly gets that action.
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

// Rule is a user's rule: where the result's code is one of Codes (if any
// are given) and its message contains one of Contains (if any are given),
// the verdict is Reason, with Action or the reason's usual action. A rule
// needs Codes, Contains or both.
type Rule struct {
	// Name is the rule's name, shown as the evidence of what it decides.
	Name   string `json:"name"`
	Reason Reason `json:"reason"`
	// Action is what to do; 0 ([None]) means the reason's usual action.
	Action   Action        `json:"action,omitempty"`
	Codes    []status.Code `json:"codes,omitempty"`
	Contains []string      `json:"contains,omitempty"` // ASCII case-insensitive
}

// A Classifier classifies results with a user's rules, tried in order
// before the built-in ones: the first rule that matches decides. A nil or
// zero Classifier has no rules of its own. It is safe for concurrent use.
type Classifier struct {
	rules []Rule
	m     *matcher // the rules' Contains; nil when no rule has any
}

// ErrRule is wrapped by the errors of [NewClassifier] and [LoadRules]
// about one rule; they are [*RuleError] values.
var ErrRule = errors.New("bounce: bad rule")

// RuleError is a rule that cannot be used: Index is its position (from 0)
// in the rules given, Name its name, and Err what is wrong.
type RuleError struct {
	Index int
	Name  string
	Err   error
}

// Error names the rule by its index and name, and says what is wrong:
//
//	bounce: rule 1 "typo": unknown reason "mailboxful"
func (e *RuleError) Error() string {
	s := "bounce: rule " + strconv.Itoa(e.Index)
	if e.Name != "" {
		s += " " + strconv.Quote(e.Name)
	}
	return s + ": " + strings.TrimPrefix(e.Err.Error(), "bounce: ")
}

// Unwrap returns ErrRule and Err, so that errors.Is works with both.
func (e *RuleError) Unwrap() []error { return []error{ErrRule, e.Err} }

// NewClassifier returns a Classifier that tries rules, in order, before the
// built-in ones. A rule without a name, with neither Codes nor Contains,
// with an empty string in Contains, or with a reason or action outside the
// defined ones (Undefined included) is an error naming the rule.
func NewClassifier(rules ...Rule) (*Classifier, error) {
	c := &Classifier{rules: make([]Rule, len(rules))}
	var patterns []pattern
	for i, r := range rules {
		if err := r.check(); err != nil {
			return nil, &RuleError{Index: i, Name: r.Name, Err: err}
		}
		r.Codes = append([]status.Code(nil), r.Codes...)
		r.Contains = append([]string(nil), r.Contains...)
		c.rules[i] = r
		for _, s := range r.Contains {
			patterns = append(patterns, pattern{text: s, owner: int32(i)})
		}
	}
	if len(patterns) > 0 {
		m, err := newMatcher(patterns)
		if err != nil {
			return nil, fmt.Errorf("bounce: rules: %w", err)
		}
		c.m = m
	}
	return c, nil
}

// check says what is wrong with a rule, if anything.
func (r Rule) check() error {
	switch {
	case r.Name == "":
		return errors.New("no name")
	case r.Reason == Undefined:
		return errors.New("no reason")
	case r.Reason >= numReasons:
		return &valueError{ErrReason, r.Reason.String()}
	case r.Action >= numActions:
		return &valueError{ErrAction, r.Action.String()}
	case len(r.Codes) == 0 && len(r.Contains) == 0:
		return errors.New("neither codes nor contains: it would match every result")
	}
	for _, s := range r.Contains {
		if s == "" {
			return errors.New("an empty string in contains")
		}
	}
	return nil
}

// Classify classifies a result with the Classifier's rules, then the
// built-in ones. It never panics, and it is safe for concurrent use.
func (c *Classifier) Classify(r status.Result) Verdict {
	if c != nil && len(c.rules) > 0 {
		if v, ok := c.classifyRules(r); ok {
			return v
		}
	}
	return classify(r)
}

// classifyRules tries the user's rules.
func (c *Classifier) classifyRules(r status.Result) (Verdict, bool) {
	best, start, end := len(c.rules), 0, 0
	for i := range c.rules {
		if len(c.rules[i].Contains) == 0 && hasCode(c.rules[i].Codes, r.Code) {
			best = i
			break
		}
	}
	if c.m != nil && best > 0 {
		var l hitList
		find(c.m, r.Message, &l)
		for _, f := range l.all() {
			owner := c.rules[f.owner]
			if int(f.owner) < best && (len(owner.Codes) == 0 || hasCode(owner.Codes, r.Code)) {
				best, start, end = int(f.owner), f.start, f.end
			}
		}
	}
	if best == len(c.rules) {
		return Verdict{}, false
	}
	rule := &c.rules[best]
	v := verdict(r, rule.Reason, Evidence{Source: SourceRule, Rule: rule.Name, Start: start, End: end})
	if rule.Action != None {
		v.Action = rule.Action
	}
	return v, true
}

func hasCode(codes []status.Code, c status.Code) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

// LoadRules reads rules written as a JSON array of [Rule] objects:
//
//	[{"name": "acme-full", "reason": "mailboxfull", "contains": ["box is stuffed"]},
//	 {"name": "ours", "reason": "blocked", "action": "retry", "codes": [554]}]
//
// Reasons and actions are their names. Invalid JSON, an unknown field, an
// unknown reason or action, or a rule that [NewClassifier] would refuse is
// an error; one about a rule is a [*RuleError] naming it.
func LoadRules(r io.Reader) ([]Rule, error) {
	var raw []json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("bounce: rules: not a JSON array of rules: %w", err)
	}
	rules := make([]Rule, len(raw))
	for i, b := range raw {
		d := json.NewDecoder(bytes.NewReader(b))
		d.DisallowUnknownFields()
		if err := d.Decode(&rules[i]); err != nil {
			var named struct{ Name string }
			json.Unmarshal(b, &named) // for the error, if it has a name
			return nil, &RuleError{Index: i, Name: named.Name, Err: err}
		}
		if err := rules[i].check(); err != nil {
			return nil, &RuleError{Index: i, Name: rules[i].Name, Err: err}
		}
	}
	return rules, nil
}
