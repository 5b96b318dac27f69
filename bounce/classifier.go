package bounce

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
)

// Rule is a user's rule: where the result's code is one of Codes (if any
// are given) and its message contains one of Contains (if any are given),
// the verdict is Reason, with the rule's action or the reason's usual
// one. A rule needs Codes, Contains or both.
//
// In JSON (see [LoadRules]), a rule is an object with the keys "name",
// "reason", "action", "codes" and "contains"; "action": "none" sets
// HasAction.
type Rule struct {
	// Name is the rule's name, shown as the evidence of what it decides
	// (Evidence.Rule), in JSON too, so it must be valid UTF-8; the rules of
	// a set have names of their own.
	Name   string
	Reason Reason
	// Action is what to do. None, the zero value, means the reason's
	// usual action, unless HasAction is set.
	Action Action
	// HasAction says that Action is what to do even when it is None: a
	// rule that says "nothing to do". Any other Action needs no HasAction.
	HasAction bool
	// Codes are status codes, each from MinRuleCode to MaxRuleCode.
	Codes []status.Code
	// Contains are phrases, each of 1 to MaxPhraseLen bytes, found
	// wherever they stand in the message (in an address too), ASCII
	// case-insensitively. A phrase is bytes, not necessarily UTF-8: it
	// can match a message in Shift_JIS as the log holds it, and no
	// Verdict carries it (its Evidence points into the message). Such a
	// rule cannot be written as JSON ([Rule.MarshalJSON] fails).
	Contains []string
}

// The limits of a set of rules. [NewClassifier] and [LoadRules] refuse a
// set beyond them with a [*RuleError] naming the rule that crosses one.
// Within them, a Classifier's memory is linear in the rules: at most 17
// bytes a byte of the phrases (14 on random phrases), 16 bytes a phrase,
// 128 bytes a code of a rule with phrases and 24 bytes a rule, and up to
// 150 KiB of tables whatever the rules; it shares the names of the rules
// and keeps none of their phrases.
const (
	MaxRules       = 1 << 20 // rules in a set
	MaxPhraseLen   = 1024    // bytes in one phrase
	MaxPhraseBytes = 8 << 20 // bytes in all the phrases of a set
	MaxCodes       = 1 << 20 // codes in all the rules of a set

	MaxRulesFileSize = 16 << 20 // bytes in a rules file: LoadRules reads no more

	// The codes a rule can name: the catalog's codes (-3 to 850), SMTP
	// replies (200 to 599) and room around them.
	MinRuleCode = -999
	MaxRuleCode = 999
)

// A Classifier classifies results with a user's rules, tried in order
// before the built-in ones: the first rule that matches decides. A nil or
// zero Classifier has no rules of its own. It is safe for concurrent use.
type Classifier struct {
	rules []userRule
	// byCode holds, for each code key, the index of the first rule with
	// that code and no phrases, or len(rules); nil when there are none.
	byCode []int32
	m      *userMatcher // the rules' Contains; nil when no rule has any
}

// userRule is what a Classifier keeps of a rule to make its verdict.
type userRule struct {
	name      string
	reason    Reason
	action    Action
	hasAction bool
}

// ErrRule is wrapped by the errors of [NewClassifier] and [LoadRules]
// about one rule; they are [*RuleError] values.
var ErrRule = errors.New("bounce: bad rule")

// RuleError is a rule that cannot be used: Index is its index in the
// rules given (from 0: the first rule is rules[0], in Go as in the JSON
// array of a rules file), Name its name, and Err what is wrong.
type RuleError struct {
	Index int
	Name  string
	Err   error
}

// Error names the rule by its index, written as an index, and its name,
// and says what is wrong; for the second rule of a set:
//
//	bounce: rules[1] "typo": unknown reason "mailboxful"
func (e *RuleError) Error() string {
	s := "bounce: rules[" + strconv.Itoa(e.Index) + "]"
	if e.Name != "" {
		s += " " + quote.Cut(e.Name)
	}
	return s + ": " + strings.TrimPrefix(e.Err.Error(), "bounce: ")
}

// Unwrap returns ErrRule and Err, so that errors.Is works with both.
func (e *RuleError) Unwrap() []error { return []error{ErrRule, e.Err} }

// DuplicateError is the Err of a [*RuleError] about a rule that has the
// name of an earlier rule of the set: rules[First] (in the same file, for
// [LoadRules]). A program that joins the rules of several files can map
// both indexes back to their files.
type DuplicateError struct {
	First int
}

// Error names the earlier rule by its index: "the name of rules[0] too:
// names are unique".
func (e *DuplicateError) Error() string {
	return "the name of rules[" + strconv.Itoa(e.First) + "] too: names are unique"
}

// NewClassifier returns a Classifier that tries rules, in order, before the
// built-in ones. A rule without a name, with a name that is not valid
// UTF-8 or the name of an earlier rule (a [*DuplicateError]), with neither Codes nor Contains, with an empty string in
// Contains, with a reason or action outside the defined ones (Undefined
// included), or beyond the limits of a set of rules (see [MaxRules]) is
// an error naming the rule.
func NewClassifier(rules ...Rule) (*Classifier, error) {
	return newClassifier(defaultTuning, rules...)
}

// newClassifier is NewClassifier with the tuning of its matcher.
func newClassifier(tune tuning, rules ...Rule) (*Classifier, error) {
	var set ruleSet
	for i := range rules {
		if err := set.add(&rules[i]); err != nil {
			return nil, &RuleError{Index: i, Name: rules[i].Name, Err: err}
		}
	}
	c := &Classifier{rules: make([]userRule, len(rules))}
	var (
		phrases []pattern
		keys    []uint16 // the code keys of the rules with phrases and codes
		keyAt   []int32  // their first key in keys, by rule; one more at the end
		seen    [numCodeKeys / 64]uint64
	)
	if set.phrases > 0 {
		phrases = make([]pattern, 0, set.phrases)
		keyAt = make([]int32, len(rules)+1)
	}
	for i, r := range rules {
		c.rules[i] = userRule{name: r.Name, reason: r.Reason, action: r.Action, hasAction: r.HasAction}
		if len(r.Contains) == 0 {
			if c.byCode == nil {
				c.byCode = make([]int32, numCodeKeys)
				fill(c.byCode, int32(len(rules)))
			}
			for _, code := range r.Codes {
				k := codeKey(code)
				c.byCode[k] = min(c.byCode[k], int32(i))
			}
			continue
		}
		for _, s := range r.Contains {
			phrases = append(phrases, pattern{text: s, owner: int32(i)})
		}
		keyAt[i] = int32(len(keys))
		for _, code := range r.Codes {
			if k := codeKey(code); seen[k/64]&(1<<(k%64)) == 0 {
				seen[k/64] |= 1 << (k % 64)
				keys = append(keys, k)
			}
		}
		for _, k := range keys[keyAt[i]:] {
			seen[k/64] = 0
		}
		keyAt[i+1] = int32(len(keys)) // until the next rule with phrases sets its own
	}
	if len(phrases) > 0 {
		c.m = newUserMatcher(phrases, func(owner int32) []uint16 {
			if len(rules[owner].Codes) == 0 {
				return nil
			}
			return keys[keyAt[owner]:keyAt[owner+1]]
		}, tune)
	}
	return c, nil
}

// ruleSet checks the rules of a set one by one, and counts what the
// limits of a set bound.
type ruleSet struct {
	rules, phrases, phraseBytes, codes int
	names                              map[string]int // the index of each name
}

// add says what is wrong with the next rule of the set, if anything.
func (set *ruleSet) add(r *Rule) error {
	if err := r.check(); err != nil {
		return err
	}
	if set.names == nil {
		set.names = map[string]int{}
	}
	if i, ok := set.names[r.Name]; ok {
		return &DuplicateError{First: i}
	}
	set.names[r.Name] = set.rules
	set.rules++
	set.phrases += len(r.Contains)
	for _, s := range r.Contains {
		set.phraseBytes += len(s)
	}
	set.codes += len(r.Codes)
	switch {
	case set.rules > MaxRules:
		return fmt.Errorf("more than %d rules (MaxRules)", MaxRules)
	case set.phraseBytes > MaxPhraseBytes:
		return fmt.Errorf("the phrases of the rules so far pass %d bytes (MaxPhraseBytes)", MaxPhraseBytes)
	case set.codes > MaxCodes:
		return fmt.Errorf("the codes of the rules so far pass %d (MaxCodes)", MaxCodes)
	}
	return nil
}

// check says what is wrong with a rule on its own, if anything.
func (r *Rule) check() error {
	switch {
	case r.Name == "":
		return errors.New("no name")
	case !utf8.ValidString(r.Name):
		return errors.New("the name is not valid UTF-8: a Verdict shows it, and JSON cannot hold it")
	case r.Reason == Undefined:
		return errors.New("no reason")
	case r.Reason >= numReasons:
		_, err := r.Reason.MarshalText() // the error of a reason outside the set
		return err
	case r.Action >= numActions:
		_, err := r.Action.MarshalText()
		return err
	case len(r.Codes) == 0 && len(r.Contains) == 0:
		return errors.New("neither codes nor contains: it would match every result")
	}
	for _, code := range r.Codes {
		if codeKey(code) == noCodeKey {
			return fmt.Errorf("code %d out of range: a rule's codes are from %d to %d", code, MinRuleCode, MaxRuleCode)
		}
	}
	for _, s := range r.Contains {
		switch {
		case s == "":
			return errors.New("an empty string in contains")
		case len(s) > MaxPhraseLen:
			return fmt.Errorf("a phrase of %d bytes in contains: %s: at most %d bytes (MaxPhraseLen)", len(s), quote.Cut(s), MaxPhraseLen)
		}
	}
	return nil
}

// codeKey returns the key of code c in the tables of a Classifier, or
// noCodeKey for a code outside MinRuleCode…MaxRuleCode.
func codeKey(c status.Code) uint16 {
	if c < MinRuleCode || c > MaxRuleCode {
		return noCodeKey
	}
	return uint16(c - MinRuleCode)
}

// Classify classifies a result with the Classifier's rules, then the
// built-in ones. It never panics and never allocates, and it is safe for
// concurrent use. Its cost does not grow with the number of rules: the
// rules without phrases are looked up by the code, and those with phrases
// are found in one pass over the message.
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
	key := codeKey(r.Code)
	best := uint32(len(c.rules))
	if c.byCode != nil && key != noCodeKey {
		best = uint32(c.byCode[key])
	}
	start, end := 0, 0
	if c.m != nil {
		if owner, s, e, ok := c.m.find(r.Message, key, best); ok {
			best, start, end = owner, s, e
		}
	}
	if best == uint32(len(c.rules)) {
		return Verdict{}, false
	}
	rule := &c.rules[best]
	v := verdict(r, rule.reason, Evidence{Source: SourceRule, Rule: rule.name, Start: start, End: end})
	if rule.action != None || rule.hasAction {
		v.Action = rule.action
	}
	return v, true
}
