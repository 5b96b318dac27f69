package bounce

import "github.com/haishin/status"

// The built-in rules, made from the tables in rules.go when the package
// starts.
var (
	builtin      = mustMatcher()
	textVerdicts = makeTextVerdicts()
	service      = newCodeTable(serviceCodes[:])
	replyNames   = codeNames(replyReasons)
	enhanced     = newEnhancedTable()
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

func newCodeTable(rows []serviceCode) codeTable {
	lo, hi := status.Code(0), status.Code(0)
	for _, r := range rows {
		lo, hi = min(lo, r.code), max(hi, r.code)
	}
	t := codeTable{base: lo, index: make([]uint8, hi-lo+1), verdicts: []Verdict{{}}}
	for _, r := range rows {
		t.index[r.code-lo] = uint8(len(t.verdicts))
		t.verdicts = append(t.verdicts, verdict(status.Result{Code: r.code}, r.reason, Evidence{Source: SourceCode, Rule: codeName(r.code)}))
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

// The rules of the phrase tables: the deciding rules, then the leaning
// rules. A phrase's owner in builtinPhrases is its rule's index here, or
// numTextRules plus the index of a narration phrase.
var (
	textRules    = append(append([]textRule(nil), decidingRules...), leaningRules...)
	numDeciding  = int32(len(decidingRules))
	numTextRules = int32(len(textRules))
)

// mustMatcher builds the automaton of builtinPatterns.
func mustMatcher() *matcher {
	m, err := newMatcher(builtinPatterns)
	if err != nil {
		panic("bounce: the built-in rules: " + err.Error())
	}
	m.marks = markRange()
	return m
}

// makeTextVerdicts returns the verdict of each rule of textRules, but for
// the span of its words and what the result changes (facts.finish), which
// weigh sets.
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
		names[c] = codeName(c)
	}
	return names
}

// enhancedTable holds the reasons and rule names of enhancedReasons in an
// indexed array, which is read for every message that carries a code.
type enhancedTable struct {
	reasons [8][32]Reason // Undefined where the code says many things
	names   [8][32]string
}

func newEnhancedTable() *enhancedTable {
	t := new(enhancedTable)
	for k, reason := range enhancedReasons {
		t.reasons[k[0]][k[1]] = reason
		t.names[k[0]][k[1]] = enhancedName(k)
	}
	return t
}

// lookup returns the reason and rule name of e, and whether it means one
// thing.
func (t *enhancedTable) lookup(e status.Enhanced) (Reason, string, bool) {
	if uint(e.Subject) >= uint(len(t.reasons)) || uint(e.Detail) >= uint(len(t.reasons[0])) {
		return Undefined, "", false
	}
	r := t.reasons[e.Subject][e.Detail]
	return r, t.names[e.Subject][e.Detail], r != Undefined
}

// classify applies the built-in rules in the order the package comment
// gives.
func classify(r status.Result) Verdict {
	if v, ok := service.lookup(r.Code); ok && !isDNSCode(r.Code) {
		return *v // most results, without the frame of classifyLines
	}
	return classifyLines(r, false)
}

// classifyLines is classify; with lines set, the message has a line break
// and is folded at once, not walked first to find that it is to be.
func classifyLines(r status.Result, lines bool) Verdict {
	// The codes that decide whatever the words: the service's own (with
	// the DNS codes refined by their message), and the replies that took
	// the mail.
	if v, ok := service.lookup(r.Code); ok {
		if isDNSCode(r.Code) && r.Message != "" {
			return refineDNS(r, v)
		}
		return *v
	}
	if r.Code >= 200 && r.Code < 300 && replyReasons[r.Code] == Delivered {
		return verdict(r, Delivered, Evidence{Source: SourceCode, Rule: replyNames[r.Code]})
	}
	if lines {
		if v, ok := classifyFolded(r); ok {
			return v
		}
	}
	var l hitList
	if !findUntilMark(builtin, r.Message, &l) {
		return weigh(r, r.Message, &l, false) // no mark, so no ESC $ either
	}
	if v, ok := classifyFolded(r); ok {
		return v
	}
	l = hitList{} // nothing to fold: all its phrases, walked anew
	find(builtin, r.Message, &l)
	_, jis := marks(&l)
	return weigh(r, r.Message, &l, jis)
}

// isDNSCode reports whether c is one of the service's DNS codes, which
// say that the lookup of the recipient's domain failed.
func isDNSCode(c status.Code) bool {
	return c == 700 || c == 710 || c == 711 || c == 720
}

// refineDNS returns the verdict of a DNS code, v, unless the message says
// that the lookup failed for now (dnsRetry): then it is networkerror.
func refineDNS(r status.Result, v *Verdict) Verdict {
	var l hitList
	find(builtin, r.Message, &l)
	f := factsOf(r)
	best := found{owner: -1}
	for _, h := range l.all() {
		if p := &builtinPhrases[h.owner]; p.owner == markDNSRetry && fits(p, r.Message, h, &f) && (best.owner < 0 || h.start < best.start) {
			best = h
		}
	}
	if best.owner < 0 {
		return *v
	}
	return f.verdict(dnsRetry.reason, Evidence{Source: SourceText, Rule: dnsRetry.name, Start: best.start, End: best.end})
}

// undefined is the verdict of a failure where nothing decides: retry.
var undefined = verdict(status.Result{}, Undefined, Evidence{Source: SourceDefault})

// maxNarration is how many spans of narration weigh keeps.
const maxNarration = 8

// weigh decides the verdict of a result from the phrases found in its
// message, its enhanced code and its reply code, in the order the package
// comment gives.
//
// msg is the text the phrases were found in: r.Message, or a folded copy
// of it (see fold.go), whose offsets the caller maps back.
//
// jis says whether l holds the mark of ESC $ (see marks), which the caller
// has looked for.
func weigh[T text](r status.Result, msg T, l *hitList, jis bool) Verdict {
	var (
		spans   [maxNarration][2]int
		nspans  int
		st      = noStage
		stageAt found
		f       facts
	)
	f.init(r) // in place: facts are too large to return cheaply
	f.jis = jis
	for _, h := range l.all() {
		p := &builtinPhrases[h.owner]
		if p.owner < numTextRules || !fits(p, msg, h, &f) {
			continue
		}
		n := &narration[p.owner-numTextRules]
		end := h.end
		switch {
		case n.host:
			end = hostEnd(msg, h.end)
			if end == h.end {
				continue // no host name follows
			}
		case n.line:
			end = lineEnd(msg, h.end)
		}
		if nspans < len(spans) {
			spans[nspans] = [2]int{h.start, end}
			nspans++
		}
		if n.stage != noStage && (st == noStage || h.start < stageAt.start) {
			st, stageAt = n.stage, h
		}
	}
	narrated := func(h found) bool {
		for _, s := range spans[:nspans] {
			if s[0] <= h.start && h.end <= s[1] {
				return true
			}
		}
		return false
	}

	// The best deciding and leaning phrases, their owners made the rules'.
	dec, lean := found{owner: -1}, found{owner: -1}
	for _, h := range l.all() {
		p := &builtinPhrases[h.owner]
		if p.owner < 0 || p.owner >= numTextRules || narrated(h) || !fits(p, msg, h, &f) {
			continue
		}
		h.owner = p.owner
		if h.owner < numDeciding {
			if dec.owner < 0 || h.better(dec) {
				dec = h
			}
			continue
		}
		if f.temp && textRules[h.owner].reason.Action() == Suppress {
			continue
		}
		if lean.owner < 0 || h.better(lean) {
			lean = h
		}
	}

	if dec.owner >= 0 {
		v := f.textVerdict(dec)
		qualify(&f, &v, st)
		return v
	}
	e, eStart, eEnd, hasE := f.enhanced()
	specific, specificName, isSpecific := Undefined, "", false
	if hasE {
		specific, specificName, isSpecific = enhanced.lookup(e)
	}
	var v Verdict
	switch {
	case isSpecific:
		v = f.verdict(specific, Evidence{Source: SourceEnhanced, Rule: specificName, Start: eStart, End: eEnd})
	case lean.owner >= 0 && st == stageMail:
		// Words that only lean, in a refusal of MAIL FROM, refuse what
		// MAIL FROM gave: the sender's address.
		v = f.verdict(Rejected, Evidence{Source: SourceText, Rule: otherRules[ruleMailFrom], Start: lean.start, End: lean.end})
	case lean.owner >= 0:
		v = f.textVerdict(lean)
	case st == stageMail:
		// A refusal of MAIL FROM with no words of its own is about the
		// sender, and most often about its host (as for a connection).
		v = f.verdict(Blocked, Evidence{Source: SourceText, Rule: otherRules[ruleMailFrom], Start: stageAt.start, End: stageAt.end})
	case st == stageConnect || st == stageHelo:
		// A refusal of the connection or the greeting is about the
		// sending host.
		v = f.verdict(Blocked, Evidence{Source: SourceText, Rule: otherRules[ruleConnect], Start: stageAt.start, End: stageAt.end})
	case hasE && e.Subject == 7 && (r.Code == 550 || r.Code == 553 || r.Code == 554):
		// A policy code (X.7.0, X.7.1, …) says the refusal is about the
		// sender, not the address, though it does not say more.
		v = f.verdict(Blocked, Evidence{Source: SourceEnhanced, Rule: otherRules[rulePolicyCode], Start: eStart, End: eEnd})
	default:
		if reason, ok := replyReasons[r.Code]; ok {
			return f.verdict(reason, Evidence{Source: SourceCode, Rule: replyNames[r.Code]})
		}
		return f.verdict(Undefined, Evidence{Source: SourceDefault})
	}
	qualify(&f, &v, st)
	return v
}

// qualify turns a verdict on the recipient into one on the sender or a
// filter where the enhanced code or the stage says so:
//   - any verdict on the recipient with X.1.7 or X.1.8 (the sender's
//     address) is rejected;
//   - unknown-user or unknown-host words at MAIL FROM are about the
//     sender: rejected;
//   - unknown-user words at DATA are a content filter: filtered;
//   - unknown-user words beside a mailbox-status code (X.2.x) or a policy
//     code (X.7.x) are a refusal dressed as a missing user: filtered.
//
// It changes *v in place: copying the verdict in and out took a fifth of
// weigh's time on the documented replies (BenchmarkClassifyRepliesParts).
func qualify(f *facts, v *Verdict, st stage) {
	if !recipientReason(v.Reason) {
		return
	}
	e, eStart, eEnd, hasE := f.enhanced()
	switch {
	case hasE && e.Subject == 1 && (e.Detail == 7 || e.Detail == 8):
		_, name, _ := enhanced.lookup(e)
		*v = f.verdict(Rejected, Evidence{Source: SourceEnhanced, Rule: name, Start: eStart, End: eEnd})
	case st == stageMail && (v.Reason == UserUnknown || v.Reason == HostUnknown):
		*v = f.verdict(Rejected, Evidence{Source: v.Evidence.Source, Rule: otherRules[ruleMailFrom], Start: v.Evidence.Start, End: v.Evidence.End})
	case v.Evidence.Rule != "text:user-unknown":
		// The qualifications below are of the generic words for an
		// unknown user, not of a provider's documented reply.
	case st == stageData:
		*v = f.verdict(Filtered, Evidence{Source: SourceText, Rule: otherRules[ruleData], Start: v.Evidence.Start, End: v.Evidence.End})
	case hasE && (e.Subject == 2 || e.Subject == 7):
		*v = f.verdict(Filtered, Evidence{Source: SourceText, Rule: otherRules[ruleRefusedAsUnknown], Start: v.Evidence.Start, End: v.Evidence.End})
	}
}

// recipientReason reports whether a reason is a verdict on the recipient's
// address, one that would suppress it.
func recipientReason(r Reason) bool {
	switch r {
	case UserUnknown, HostUnknown, HasMoved, NotAccept, Suspend, Filtered:
		return true
	}
	return false
}

// textVerdict is the verdict of the text rule whose phrase is h.
func (f *facts) textVerdict(h found) Verdict {
	v := textVerdicts[h.owner]
	v.Evidence.Start, v.Evidence.End = h.start, h.end
	f.finish(&v)
	return v
}

// hostEnd returns the end of the host name that starts at msg[i], or i
// if none does: a word of letters, digits, "-", "_" and ".", with a dot
// in it or a "[" after it. A trailing dot is part of it.
func hostEnd[T text](msg T, i int) int {
	j, dot := i, false
	for ; j < len(msg); j++ {
		c := msg[j]
		if c == '.' {
			dot = true
		} else if !(isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' || c == '-' || c == '_') {
			break
		}
	}
	if j == i || !dot && (j == len(msg) || msg[j] != '[') {
		return i
	}
	return j
}

// lineEnd returns the end of the line that msg[i] is on: the next
// newline or "<<<", or the end of msg.
func lineEnd[T text](msg T, i int) int {
	for j := i; j < len(msg); j++ {
		if msg[j] == '\n' || msg[j] == '<' && j+2 < len(msg) && msg[j+1] == '<' && msg[j+2] == '<' {
			return j
		}
	}
	return len(msg)
}

// facts are what weigh reads of a result besides its words: whether the
// failure is temporary or permanent, its enhanced code and where that
// stands, and the encoding of its message, which are looked for once, and
// only when they are needed.
type facts struct {
	r          status.Result
	temp, perm bool
	looked     bool // e, start, end and hasE are known
	e          status.Enhanced
	start, end int
	hasE       bool
	detected   bool // cs is known
	cs         status.Charset
	jis        bool // the message has ESC $, so may be in ISO-2022-JP
}

// charset returns the encoding of the result's message.
func (f *facts) charset() status.Charset {
	if !f.detected {
		f.cs, f.detected = status.DetectCharset(f.r.Message), true
	}
	return f.cs
}

// enhanced returns the enhanced code of the result and where it stands.
func (f *facts) enhanced() (status.Enhanced, int, int, bool) {
	if !f.looked {
		f.e, f.start, f.end, f.hasE = f.r.EnhancedIndex()
		f.looked = true
	}
	return f.e, f.start, f.end, f.hasE
}

func factsOf(r status.Result) facts {
	var f facts
	f.init(r)
	return f
}

// init sets f to the facts of r.
func (f *facts) init(r status.Result) {
	*f = facts{r: r}
	switch {
	case r.Code >= 400 && r.Code < 500:
		f.temp = true
	case r.Code >= 500 && r.Code < 600 || r.Code == 730:
		f.perm = true
	case r.Code < 200 || r.Code >= 600:
		e, _, _, ok := f.enhanced()
		f.temp = ok && e.Transient()
		f.perm = ok && e.Permanent()
	}
}

// verdict completes a verdict for result r: the reason's usual action,
// and whether it is a hard bounce.
func verdict(r status.Result, reason Reason, e Evidence) Verdict {
	f := factsOf(r)
	return f.verdict(reason, e)
}

// verdict is the verdict of reason on the result of f.
func (f *facts) verdict(reason Reason, e Evidence) Verdict {
	v := Verdict{Reason: reason, Hard: reason.Hard(), Action: reason.Action(), Evidence: e}
	f.finish(&v)
	return v
}

// finish applies what the result says of every verdict: NotAccept is hard
// only when the failure is permanent, and a temporary failure never
// suppresses and is never hard.
func (f *facts) finish(v *Verdict) {
	if v.Reason == NotAccept {
		v.Hard = f.perm
	}
	if f.temp {
		v.Hard = false
		if v.Action == Suppress {
			v.Action = Retry
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
