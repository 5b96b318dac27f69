package bounce

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
)

// hasJapanese reports whether s has a hiragana, katakana or kanji.
func hasJapanese(s string) bool {
	for _, c := range s {
		if unicode.In(c, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// checkGuidanceText checks one text of the guidance: not empty, one line,
// a full sentence, and Japanese exactly where it should be.
func checkGuidanceText(t *testing.T, what, s string, ja bool) {
	t.Helper()
	switch {
	case s == "":
		t.Errorf("%s is empty", what)
	case strings.ContainsAny(s, "\r\n"):
		t.Errorf("%s = %q; want one line", what, s)
	case s != strings.TrimSpace(s):
		t.Errorf("%s = %q; want no leading or trailing space", what, s)
	case ja && !hasJapanese(s):
		t.Errorf("%s = %q; want Japanese", what, s)
	case ja && !strings.HasSuffix(s, "。"):
		t.Errorf("%s = %q; want it to end with 。", what, s)
	case !ja && hasJapanese(s):
		t.Errorf("%s = %q; want English", what, s)
	case !ja && !strings.HasSuffix(s, "."):
		t.Errorf("%s = %q; want it to end with a full stop", what, s)
	}
}

// actionWords are words that advice for each action must have, in
// English and in Japanese (any one of each list), and forbidden words
// that would contradict the action.
var actionWords = [numActions]struct{ en, ja, notEN, notJA []string }{
	None:      {en: []string{"nothing to do"}, ja: []string{"対応は不要"}, notEN: []string{"stop sending", "send again later"}, notJA: []string{"配信を停止", "配信停止", "時間をおいて再送"}},
	Retry:     {en: []string{"send again later"}, ja: []string{"時間をおいて再送"}, notEN: []string{"stop sending"}, notJA: []string{"配信を停止"}},
	Suppress:  {en: []string{"stop sending", "do not send"}, ja: []string{"配信を停止", "配信停止"}, notEN: []string{"send again"}, notJA: []string{"再送"}},
	FixSender: {notEN: []string{"stop sending", "do not send", "send again later"}, notJA: []string{"配信を停止", "配信停止", "時間をおいて再送"}},
}

// checkAgrees checks that advice and adviceJA agree with action a.
func checkAgrees(t *testing.T, what string, a Action, advice, adviceJA string) {
	t.Helper()
	w := actionWords[a]
	lower := strings.ToLower(advice)
	if len(w.en) > 0 && !containsAny(lower, w.en) {
		t.Errorf("%s: Advice %q has none of %q, for %v", what, advice, w.en, a)
	}
	if len(w.ja) > 0 && !containsAny(adviceJA, w.ja) {
		t.Errorf("%s: AdviceJA %q has none of %q, for %v", what, adviceJA, w.ja, a)
	}
	for _, s := range w.notEN {
		if strings.Contains(lower, s) {
			t.Errorf("%s: Advice %q says %q, against %v", what, advice, s, a)
		}
	}
	for _, s := range w.notJA {
		if strings.Contains(adviceJA, s) {
			t.Errorf("%s: AdviceJA %q says %q, against %v", what, adviceJA, s, a)
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestGuidanceTable(t *testing.T) {
	require.Len(t, guidance, int(numReasons), "guidance has a row for every reason")
	seen := map[string]Reason{}
	for r := Undefined; r < numReasons; r++ {
		t.Run(r.String(), func(t *testing.T) {
			g := r.Guidance()
			checkGuidanceText(t, "Meaning", g.Meaning, false)
			checkGuidanceText(t, "MeaningJA", g.MeaningJA, true)
			checkGuidanceText(t, "Advice", g.Advice, false)
			checkGuidanceText(t, "AdviceJA", g.AdviceJA, true)
			checkAgrees(t, r.String(), r.Action(), g.Advice, g.AdviceJA)
			for _, s := range []string{g.Meaning, g.MeaningJA, g.Advice, g.AdviceJA} {
				if other, ok := seen[s]; ok && s != "" {
					t.Errorf("%q is the text of %v too", s, other)
				}
				seen[s] = r
			}
		})
	}
}

func TestReasonGuidanceOutside(t *testing.T) {
	for _, r := range []Reason{numReasons, numReasons + 1, 255} {
		if g := r.Guidance(); g != (Guidance{}) {
			t.Errorf("%v.Guidance() = %+v; want a zero Guidance", r, g)
		}
		v := Verdict{Reason: r, Evidence: Evidence{Source: SourceCode, Rule: "code:625"}}
		if g := v.Guidance(); g != (Guidance{}) {
			t.Errorf("%+v.Guidance() = %+v; want a zero Guidance", v, g)
		}
	}
}

// TestCodeAdvice checks the advice of every row of serviceCodes that has
// its own: a code of the catalog, one of the service's own, once, in the
// catalog's order, decided by itself so that Verdict.Guidance uses the
// row, saying more than its reason, and agreeing with the verdict's
// action.
func TestCodeAdvice(t *testing.T) {
	order := map[status.Code]int{}
	i := 0
	for s := range status.All() {
		order[s.Code] = i
		i++
	}
	last, rows := -1, 0
	for _, a := range serviceCodes {
		assert.Greater(t, order[a.code], last, "%v: not in the catalog's order, or twice", a.code)
		last = order[a.code]
		if a.advice == "" && a.adviceJA == "" {
			continue
		}
		rows++
		t.Run(a.code.String(), func(t *testing.T) {
			_, ok := status.Lookup(a.code)
			require.True(t, ok, "status.Lookup(%v): not in the catalog", a.code)
			assert.True(t, a.code < 0 || a.code >= 600, "%v is not one of the service's own codes", a.code)

			checkGuidanceText(t, "advice", a.advice, false)
			checkGuidanceText(t, "adviceJA", a.adviceJA, true)

			v := Classify(status.Result{Code: a.code})
			require.Equal(t, Evidence{Source: SourceCode, Rule: "code:" + a.code.String()}, v.Evidence,
				"Classify(%v) is not decided by the code, so its advice is never used", a.code)
			reason := v.Reason.Guidance()
			assert.NotEqual(t, reason.Advice, a.advice, "says no more than %v", v.Reason)
			assert.NotEqual(t, reason.AdviceJA, a.adviceJA, "says no more than %v", v.Reason)
			checkAgrees(t, a.code.String(), v.Action, a.advice, a.adviceJA)

			g := v.Guidance()
			want := Guidance{reason.Meaning, reason.MeaningJA, a.advice, a.adviceJA}
			if g != want {
				t.Errorf("Classify(%v).Guidance() = %+v; want %+v", a.code, g, want)
			}
		})
	}
	assert.Equal(t, 29, rows, "rows with advice of their own")
}

// TestRuleAdvice checks the advice of the rules that have one of their
// own: it agrees with the rule's action, says more than the reason, and
// is what Verdict.Guidance gives for a verdict of the rule.
func TestRuleAdvice(t *testing.T) {
	n := 0
	for name, r := range builtinRules {
		if r.advice == "" || r.source == SourceCode {
			continue
		}
		n++
		checkGuidanceText(t, name+" advice", r.advice, false)
		checkGuidanceText(t, name+" adviceJA", r.adviceJA, true)
		checkAgrees(t, name, r.reason.Action(), r.advice, r.adviceJA)
		assert.NotEqual(t, r.reason.Guidance().Advice, r.advice, "%s says no more than %v", name, r.reason)
		g := Verdict{Reason: r.reason, Evidence: Evidence{Source: r.source, Rule: name}}.Guidance()
		assert.Equal(t, r.advice, g.Advice, name)
		assert.Equal(t, r.reason.Guidance().Meaning, g.Meaning, name)
	}
	assert.Equal(t, len(listRules), n)
}

func TestVerdictGuidance(t *testing.T) {
	foldEN, foldJA := "fold long lines", "長い行は折り返す"
	ours, err := NewClassifier(Rule{Name: "ours-625", Reason: NetworkError, Codes: []status.Code{625}})
	require.NoError(t, err)
	for _, tt := range []struct {
		name   string
		v      Verdict
		reason Reason
		rule   string // the rule that must have decided, if not ""
		fold   bool   // the code's advice to fold long lines, not the reason's
	}{
		{name: "625", v: Classify(status.Result{Code: 625, Category: status.BE}), reason: NetworkError, rule: "code:625", fold: true},
		{name: "625 LE with words", v: Classify(status.Result{Code: 625, Category: status.LE, Message: "connection closed"}), reason: NetworkError, fold: true},
		{name: "644", v: Classify(status.Result{Code: 644, Category: status.BE}), reason: NetworkError, fold: true},
		{name: "645 says no more", v: Classify(status.Result{Code: 645, Category: status.BE}), reason: NetworkError},
		{name: "reply code 552", v: Classify(status.Result{Code: 552, Category: status.BE}), reason: MailboxFull, rule: "code:552"},
		{name: "reply code 550", v: Classify(status.Result{Code: 550, Category: status.BE}), reason: UserUnknown, rule: "code:550"},
		{name: "text", v: Classify(status.Result{Code: 550, Category: status.BE, Message: "5.1.1 User unknown"}), reason: UserUnknown},
		{name: "user's rule on 625", v: ours.Classify(status.Result{Code: 625, Category: status.BE}), reason: NetworkError},
		{name: "made by hand, not by a code", v: Verdict{Reason: NetworkError, Evidence: Evidence{Source: SourceText, Rule: "code:625"}}, reason: NetworkError},
		{name: "made by hand, bad rule", v: Verdict{Reason: NetworkError, Evidence: Evidence{Source: SourceCode, Rule: "code:x625"}}, reason: NetworkError},
		{name: "made by hand, by 625", v: Verdict{Reason: NetworkError, Evidence: Evidence{Source: SourceCode, Rule: "code:625"}}, reason: NetworkError, fold: true},
		{name: "zero", v: Verdict{}, reason: Undefined},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rule != "" {
				require.Equal(t, Evidence{Source: SourceCode, Rule: tt.rule}, tt.v.Evidence)
			}
			g := tt.v.Guidance()
			want := tt.reason.Guidance()
			assert.Equal(t, want.Meaning, g.Meaning)
			assert.Equal(t, want.MeaningJA, g.MeaningJA)
			if !tt.fold {
				assert.Equal(t, want, g, "%+v.Guidance(): want the reason's", tt.v)
				return
			}
			assert.Contains(t, g.Advice, foldEN)
			assert.Contains(t, g.AdviceJA, foldJA)
			assert.NotContains(t, want.Advice, foldEN)
		})
	}
}

func TestVerdictGuidanceAllocs(t *testing.T) {
	v := Classify(status.Result{Code: 625})
	if n := testing.AllocsPerRun(100, func() { _ = v.Guidance() }); n != 0 {
		t.Errorf("Verdict.Guidance allocates %v times; want 0", n)
	}
}
