package bounce

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/haishin/status"
)

// runs returns full, or short under -short.
func runs(full, short int) int {
	if testing.Short() {
		return short
	}
	return full
}

// naiveRules is what a Classifier's rules must decide, found the slow way:
// each rule in turn, each of its phrases searched for on its own in a
// lower-case copy of the message. It returns the index of the rule, and
// the span of its phrase that starts first (the longest of those), or -1.
func naiveRules(rules []Rule, r status.Result) (index, start, end int) {
	lower := foldString(r.Message)
	for i, rule := range rules {
		if len(rule.Codes) > 0 && !hasCode(rule.Codes, r.Code) {
			continue
		}
		if len(rule.Contains) == 0 {
			return i, 0, 0
		}
		start, end := -1, -1
		for _, p := range rule.Contains {
			q := foldString(p)
			if k := strings.Index(lower, q); k >= 0 && (start < 0 || k < start || k == start && k+len(q) > end) {
				start, end = k, k+len(q)
			}
		}
		if start >= 0 {
			return i, start, end
		}
	}
	return -1, 0, 0
}

// foldString returns s with ASCII upper-case letters in lower case, byte
// by byte.
func foldString(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = fold(b[i])
	}
	return string(b)
}

func hasCode(codes []status.Code, c status.Code) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

// checkRules compares c.Classify with naiveRules on r.
func checkRules(t *testing.T, c *Classifier, rules []Rule, r status.Result) {
	t.Helper()
	v := c.Classify(r)
	i, start, end := naiveRules(rules, r)
	if i < 0 {
		if v.Evidence.Source == SourceRule {
			t.Fatalf("Classify(%d %q) = rule %q; want none of the rules\nrules: %s", r.Code, r.Message, v.Evidence.Rule, showRules(rules))
		}
		return
	}
	if v.Evidence.Source != SourceRule || v.Evidence.Rule != rules[i].Name || v.Evidence.Start != start || v.Evidence.End != end {
		t.Fatalf("Classify(%d %q) = %v %q %d:%d; want rule %q %d:%d\nrules: %s", r.Code, r.Message, v.Evidence.Source, v.Evidence.Rule, v.Evidence.Start, v.Evidence.End, rules[i].Name, start, end, showRules(rules))
	}
	if v.Reason != rules[i].Reason {
		t.Fatalf("Classify(%d %q) = %v; want %v", r.Code, r.Message, v.Reason, rules[i].Reason)
	}
}

// showRules shows the codes and phrases of rules, for a failure.
func showRules(rules []Rule) string {
	var b strings.Builder
	for i, r := range rules {
		fmt.Fprintf(&b, "\n\t%d: %v %q", i, r.Codes, r.Contains)
	}
	return b.String()
}

// randomRuleSet returns n rules over a small alphabet, so that phrases
// share prefixes and suffixes, nest, repeat in other rules with other
// codes, and hold addresses' bytes and bytes above 0x7F.
func randomRuleSet(rng *rand.Rand, n int) []Rule {
	const alphabet = "abAB <@>.\xe5\xff"
	rules := make([]Rule, n)
	for i := range rules {
		r := Rule{Name: "r" + strconv.Itoa(i), Reason: Reason(1 + rng.IntN(int(numReasons)-1))}
		for range rng.IntN(3) {
			r.Codes = append(r.Codes, status.Code(550+rng.IntN(3)))
		}
		if len(r.Codes) == 0 || rng.IntN(4) > 0 {
			for range 1 + rng.IntN(3) {
				p := make([]byte, 1+rng.IntN(5))
				for k := range p {
					p[k] = alphabet[rng.IntN(len(alphabet))]
				}
				r.Contains = append(r.Contains, string(p))
			}
		}
		rules[i] = r
	}
	return rules
}

// randomMessage returns a message made of the rules' phrases, in upper
// or lower case, and of noise.
func randomMessage(rng *rand.Rand, rules []Rule) string {
	const alphabet = "aAbB <@>.\xe5\xffc"
	var b []byte
	for range rng.IntN(12) {
		if r := rules[rng.IntN(len(rules))]; len(r.Contains) > 0 && rng.IntN(2) == 0 {
			p := []byte(r.Contains[rng.IntN(len(r.Contains))])
			if rng.IntN(2) == 0 {
				p = bytes.ToUpper(p)
			}
			b = append(b, p...)
			continue
		}
		for range 1 + rng.IntN(3) {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
	}
	return string(b)
}

func TestRulesAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range runs(300, 30) {
		rules := randomRuleSet(rng, 1+rng.IntN(40))
		c, err := newClassifier(testTuning(uint64(k)), rules...)
		if err != nil {
			t.Fatal(err)
		}
		for range 50 {
			checkRules(t, c, rules, status.Result{Code: status.Code(549 + rng.IntN(5)), Message: randomMessage(rng, rules)})
		}
	}
}

// testTuning returns, by k, the default tuning and the ones that walk
// the paths real rules seldom take: as few rows as can be (the sparse
// walk), for odd k; the automaton of the long phrases from the first
// window that passes, for k%4 of 2 or 3.
func testTuning(k uint64) tuning {
	tune := defaultTuning
	if k%2 == 1 {
		tune.rowBytes = 0
	}
	if k%4 >= 2 {
		tune.descend = 0
	}
	return tune
}

// FuzzRules checks a Classifier's rules against naiveRules: the rules
// made from the seed, the message and the code from the fuzzer.
func FuzzRules(f *testing.F) {
	f.Add(uint64(1), 550, "ab <a@b.c> \xe5\xff")
	f.Add(uint64(2), 551, "aaaaaaaa")
	f.Add(uint64(3), 552, "BaBaB@")
	f.Fuzz(func(t *testing.T, seed uint64, code int, msg string) {
		rng := rand.New(rand.NewPCG(seed, seed))
		rules := randomRuleSet(rng, 1+rng.IntN(30))
		c, err := newClassifier(testTuning(seed), rules...)
		if err != nil {
			t.Fatal(err)
		}
		checkRules(t, c, rules, status.Result{Code: status.Code(code), Message: msg})
	})
}

func TestRuleSetLimits(t *testing.T) {
	// The rule that takes a set past MaxRules or MaxCodes is refused (a
	// set that large is too costly to build in a test).
	r := Rule{Name: "x", Reason: Blocked, Codes: []status.Code{550}}
	for _, tt := range []struct {
		name string
		set  ruleSet
		want string
	}{
		{"the last rule", ruleSet{rules: MaxRules - 1, codes: MaxCodes - 1}, ""},
		{"a rule too many", ruleSet{rules: MaxRules}, "more than 1048576 rules (MaxRules)"},
		{"a code too many", ruleSet{codes: MaxCodes}, "the codes of the rules so far pass 1048576 (MaxCodes)"},
		{"a phrase byte too many", ruleSet{phraseBytes: MaxPhraseBytes}, ""}, // r has no phrases
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.set.add(&r)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("add: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("add: %v; want %s", err, tt.want)
			}
		})
	}
}
