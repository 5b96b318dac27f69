package bounce

import (
	"strconv"

	"github.com/haishin/status"
)

// The built-in rules, made from the tables in rules.go when the package
// starts.
var (
	text          = mustMatcher()
	textVerdicts  = makeTextVerdicts()
	service       = newCodeTable(serviceCodes)
	replyNames    = codeNames(replyReasons)
	enhancedNames = enhancedRuleNames()
)

// codeTable holds the verdicts of the service's own codes, which depend
// on nothing else, in an indexed array: most results are decided by one
// of these codes, and this is several times faster than a map and a
// verdict made anew.
type codeTable struct {
	base     status.Code
	index    []uint8 // code-base to a position in verdicts, 0 for none
	verdicts []Verdict
}

func newCodeTable(m map[status.Code]Reason) codeTable {
	lo, hi := status.Code(0), status.Code(0)
	for c := range m {
		lo, hi = min(lo, c), max(hi, c)
	}
	t := codeTable{base: lo, index: make([]uint8, hi-lo+1), verdicts: []Verdict{{}}}
	names := codeNames(m)
	for c, reason := range m {
		t.index[c-lo] = uint8(len(t.verdicts))
		t.verdicts = append(t.verdicts, verdict(status.Result{Code: c}, reason, Evidence{Source: SourceCode, Rule: names[c]}))
	}
	return t
}

// lookup returns the verdict of code c, and whether there is one.
func (t *codeTable) lookup(c status.Code) (*Verdict, bool) {
	var k uint8
	if i := int(c - t.base); uint(i) < uint(len(t.index)) {
		k = t.index[i]
	}
	return &t.verdicts[k], k != 0
}

// mustMatcher builds the automaton of textRules; the owner of a phrase is
// its rule's index.
func mustMatcher() *matcher {
	var patterns []pattern
	for i, r := range textRules {
		for _, p := range r.phrases {
			anchored := len(p) > 1 && p[0] == '^'
			if anchored {
				p = p[1:]
			}
			patterns = append(patterns, pattern{text: p, owner: int32(i), anchored: anchored})
		}
	}
	m, err := newMatcher(patterns)
	if err != nil {
		panic("bounce: the built-in rules: " + err.Error())
	}
	return m
}

// makeTextVerdicts returns the verdict of each rule of textRules, but for
// the span of its words, and Hard for NotAccept, which depend on the
// result (classify sets them).
func makeTextVerdicts() []Verdict {
	vs := make([]Verdict, len(textRules))
	for i, r := range textRules {
		vs[i] = verdict(status.Result{}, r.reason, Evidence{Source: SourceText, Rule: r.name})
	}
	return vs
}

func codeNames(m map[status.Code]Reason) map[status.Code]string {
	names := make(map[status.Code]string, len(m))
	for c := range m {
		names[c] = "code:" + c.String()
	}
	return names
}

func enhancedRuleNames() map[[2]int]string {
	names := make(map[[2]int]string, len(enhancedReasons))
	for k := range enhancedReasons {
		names[k] = "enhanced:X." + strconv.Itoa(k[0]) + "." + strconv.Itoa(k[1])
	}
	return names
}

// classify applies the built-in rules in the order the package comment
// gives.
func classify(r status.Result) Verdict {
	if v, ok := service.lookup(r.Code); ok {
		return *v
	}
	if f, ok := text.find(r.Message, nil); ok {
		v := textVerdicts[f.owner]
		v.Evidence.Start, v.Evidence.End = f.start, f.end
		if v.Reason == NotAccept {
			v.Hard = permanent(r)
		}
		return v
	}
	if e, ok := r.Enhanced(); ok {
		key := [2]int{e.Subject, e.Detail}
		if reason, ok := enhancedReasons[key]; ok {
			start, end := enhancedSpan(r.Message, e)
			return verdict(r, reason, Evidence{Source: SourceEnhanced, Rule: enhancedNames[key], Start: start, End: end})
		}
	}
	if reason, ok := replyReasons[r.Code]; ok {
		return verdict(r, reason, Evidence{Source: SourceCode, Rule: replyNames[r.Code]})
	}
	return Verdict{Evidence: Evidence{Source: SourceDefault}}
}

// verdict completes a verdict for result r: the reason's usual action,
// and whether it is a hard bounce.
func verdict(r status.Result, reason Reason, e Evidence) Verdict {
	hard := reason.Hard()
	if reason == NotAccept {
		hard = permanent(r)
	}
	return Verdict{Reason: reason, Hard: hard, Action: reason.Action(), Evidence: e}
}

// permanent reports whether a result is a permanent failure: a 5xx reply,
// the service's own 730, or an enhanced code of class 5 in the message.
func permanent(r status.Result) bool {
	if r.Code >= 500 && r.Code < 600 || r.Code == 730 {
		return true
	}
	e, ok := r.Enhanced()
	return ok && e.Permanent()
}

// enhancedSpan returns where the enhanced code e stands in msg: its first
// occurrence that no digit or dot and digit adjoins, or an empty span.
func enhancedSpan(msg string, e status.Enhanced) (start, end int) {
	var buf [16]byte
	code, err := e.AppendText(buf[:0])
	if err != nil {
		return 0, 0
	}
	for i := 0; i+len(code) <= len(msg); i++ {
		if msg[i] != code[0] || msg[i:i+len(code)] != string(code) {
			continue
		}
		j := i + len(code)
		if i > 0 && (isDigit(msg[i-1]) || msg[i-1] == '.') || j < len(msg) && (isDigit(msg[j]) || msg[j] == '.' && j+1 < len(msg) && isDigit(msg[j+1])) {
			continue
		}
		return i, j
	}
	return 0, 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
