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
	"github.com/haishin/status/internal/quote"
)

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
		s += " " + quote.Cut(e.Name)
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
		f, ok := c.m.find(r.Message, func(owner int32) bool {
			return len(c.rules[owner].Codes) == 0 || hasCode(c.rules[owner].Codes, r.Code)
		})
		if ok && int(f.owner) < best {
			best, start, end = int(f.owner), f.start, f.end
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
