package bounce_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

func TestClassifierRules(t *testing.T) {
	c, err := bounce.NewClassifier(
		bounce.Rule{Name: "acme-full", Reason: bounce.MailboxFull, Contains: []string{"Box Is Stuffed"}},
		bounce.Rule{Name: "our-554", Reason: bounce.Blocked, Action: bounce.Retry, Codes: []status.Code{554}},
		bounce.Rule{Name: "acme-gone", Reason: bounce.UserUnknown, Codes: []status.Code{550, 551}, Contains: []string{"gone"}},
	)
	require.NoError(t, err)
	tests := []struct {
		line   string
		reason bounce.Reason
		action bounce.Action
		rule   string
		words  string
	}{
		{"552 BE the box is STUFFED", bounce.MailboxFull, bounce.Retry, "acme-full", "box is STUFFED"},
		{"554 BE the box is stuffed", bounce.MailboxFull, bounce.Retry, "acme-full", "box is stuffed"}, // the first rule wins
		{"554 BE 5.1.1 user unknown", bounce.Blocked, bounce.Retry, "our-554", ""},                     // the action overrides
		{"551 BE she is gone", bounce.UserUnknown, bounce.Suppress, "acme-gone", "gone"},
		{"552 BE she is gone", bounce.MailboxFull, bounce.Retry, "code:552", ""}, // gone, but not a listed code
		{"550 BE 5.1.1 User unknown", bounce.UserUnknown, bounce.Suppress, "text:user-unknown", "User unknown"},
	}
	for _, tt := range tests {
		r := parse(t, tt.line)
		v := c.Classify(r)
		assert.Equal(t, tt.reason, v.Reason, "%s", tt.line)
		assert.Equal(t, tt.action, v.Action, "%s", tt.line)
		assert.Equal(t, tt.rule, v.Evidence.Rule, "%s", tt.line)
		assert.Equal(t, tt.words, r.Message[v.Evidence.Start:v.Evidence.End], "%s", tt.line)
		if strings.HasPrefix(tt.rule, "acme") || strings.HasPrefix(tt.rule, "our") {
			assert.Equal(t, bounce.SourceRule, v.Evidence.Source)
		}
	}

	// A nil or empty Classifier is Classify.
	var nilC *bounce.Classifier
	r := parse(t, "552 BE 5.2.2 Mailbox full")
	assert.Equal(t, bounce.Classify(r), nilC.Classify(r))
	assert.Equal(t, bounce.Classify(r), (&bounce.Classifier{}).Classify(r))

	// The rules are copied: changing them later changes nothing.
	rules := []bounce.Rule{{Name: "x", Reason: bounce.Blocked, Contains: []string{"zzz"}, Codes: []status.Code{550}}}
	c, err = bounce.NewClassifier(rules...)
	require.NoError(t, err)
	rules[0].Codes[0] = 551
	assert.Equal(t, "x", c.Classify(parse(t, "550 BE zzz")).Evidence.Rule)
}

func TestNewClassifierErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		rule bounce.Rule
		want string
	}{
		{"neither codes nor contains", bounce.Rule{Name: "r", Reason: bounce.Blocked}, "neither codes nor contains"},
		{"an empty pattern", bounce.Rule{Name: "r", Reason: bounce.Blocked, Contains: []string{"ok", ""}}, "an empty string in contains"},
		{"no reason", bounce.Rule{Name: "r", Codes: []status.Code{550}}, "no reason"},
		{"an undefined reason", bounce.Rule{Name: "r", Reason: bounce.Reason(200), Codes: []status.Code{550}}, `unknown reason "Reason(200)"`},
		{"an undefined action", bounce.Rule{Name: "r", Reason: bounce.Blocked, Action: 9, Codes: []status.Code{550}}, `unknown action "Action(9)"`},
		{"no name", bounce.Rule{Reason: bounce.Blocked, Codes: []status.Code{550}}, "no name"},
		{"a code below the range", bounce.Rule{Name: "r", Reason: bounce.Blocked, Codes: []status.Code{550, bounce.MinRuleCode - 1}}, "code -1000 out of range: a rule's codes are from -999 to 999"},
		{"a code above the range", bounce.Rule{Name: "r", Reason: bounce.Blocked, Codes: []status.Code{bounce.MaxRuleCode + 1}}, "code 1000 out of range"},
		{"a phrase too long", bounce.Rule{Name: "r", Reason: bounce.Blocked, Contains: []string{strings.Repeat("x", bounce.MaxPhraseLen+1)}}, "a phrase of 1025 bytes in contains"},
		{"a phrase of 1 MB", bounce.Rule{Name: "r", Reason: bounce.Blocked, Contains: []string{strings.Repeat("x", 1<<20)}}, "at most 1024 bytes (MaxPhraseLen)"},
		{"a name twice", bounce.Rule{Name: "fine", Reason: bounce.Blocked, Codes: []status.Code{550}}, "the name of rules[0] too: names are unique"},
		{"a name not UTF-8", bounce.Rule{Name: "b\xff", Reason: bounce.Blocked, Codes: []status.Code{550}}, `rules[1] "b\xff": the name is not valid UTF-8`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok := bounce.Rule{Name: "fine", Reason: bounce.Blocked, Codes: []status.Code{554}}
			c, err := bounce.NewClassifier(ok, tt.rule)
			assert.Nil(t, c)
			require.ErrorIs(t, err, bounce.ErrRule)
			var re *bounce.RuleError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 1, re.Index, "the rule's index")
			assert.Contains(t, err.Error(), "rules[1]")
			assert.Contains(t, err.Error(), tt.want)
		})
	}

	// A duplicate name says which rule had it first, in a field too.
	_, err := bounce.NewClassifier(
		bounce.Rule{Name: "a", Reason: bounce.Blocked, Codes: []status.Code{550}},
		bounce.Rule{Name: "b", Reason: bounce.Blocked, Codes: []status.Code{551}},
		bounce.Rule{Name: "a", Reason: bounce.Blocked, Codes: []status.Code{552}})
	var dup *bounce.DuplicateError
	require.ErrorAs(t, err, &dup)
	assert.Equal(t, 0, dup.First)
}

func TestRuleNameUTF8(t *testing.T) {
	// A Verdict carries its rule's name, and reads back its own JSON: a
	// name that is not valid UTF-8 is refused where rules are built. A
	// phrase may be any bytes: no Verdict carries it.
	_, err := bounce.NewClassifier(bounce.Rule{Name: "acme-\x83\x65", Reason: bounce.MailboxFull, Contains: []string{"full"}})
	require.ErrorIs(t, err, bounce.ErrRule)
	assert.ErrorContains(t, err, "not valid UTF-8")

	sjis := "\x83\x65\x83\x58\x83\x67" // テスト in Shift_JIS
	c, err := bounce.NewClassifier(bounce.Rule{Name: "acme-sjis", Reason: bounce.MailboxFull, Contains: []string{sjis}})
	require.NoError(t, err)
	v := c.Classify(parse(t, "552 BE "+sjis+" box"))
	require.Equal(t, "acme-sjis", v.Evidence.Rule)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back bounce.Verdict
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, v, back, "%s", b)
}

func TestLoadRules(t *testing.T) {
	rules, err := bounce.LoadRules(strings.NewReader("\uFEFF" + `[
		{"name": "acme-full", "reason": "mailboxfull", "contains": ["box is stuffed", "\u00e9t\u00e9 \ud83d\ude00"]},
		{"name": "ours", "reason": "blocked", "action": "retry", "codes": [554, -3, -0]},
		{"codes": [], "contains": ["out of office"], "action": "none", "reason": "vacation", "name": "quiet"}
	]` + " \n\t\r\n"))
	require.NoError(t, err)
	assert.Equal(t, []bounce.Rule{
		{Name: "acme-full", Reason: bounce.MailboxFull, Contains: []string{"box is stuffed", "été 😀"}},
		{Name: "ours", Reason: bounce.Blocked, Action: bounce.Retry, Codes: []status.Code{554, -3, 0}},
		{Name: "quiet", Reason: bounce.Vacation, Action: bounce.None, HasAction: true, Contains: []string{"out of office"}},
	}, rules)
	_, err = bounce.NewClassifier(rules...)
	require.NoError(t, err)

	rules, err = bounce.LoadRules(strings.NewReader(" [ ] "))
	require.NoError(t, err)
	assert.Empty(t, rules)
}

func TestLoadRulesErrors(t *testing.T) {
	const ok = `{"name": "ok", "reason": "blocked", "codes": [554]}`
	for _, tt := range []struct {
		name  string
		json  string
		index int // -1: not about one rule
		want  string
	}{
		{"no data", "", -1, "bounce: rules: not a JSON array of rules: no data"},
		{"white space", " \n", -1, "bounce: rules: not a JSON array of rules: no data"},
		{"bad JSON", `[` + ok + `,`, -1, "bounce: rules: line 1, column 54: not a JSON array of rules: unexpected EOF"},
		{"unclosed", `[` + ok, -1, "bounce: rules: line 1, column 53: not a JSON array of rules: unexpected EOF"},
		{"a trailing comma", "[\n  " + ok + ",\n  " + `{"name": "b", "reason": "blocked", "codes": [1]}` + ",\n]\n", -1, "bounce: rules: line 4, column 1: not a JSON array of rules: invalid character ']' looking for beginning of value"},
		{"a trailing comma in a rule", "[\n" + `{"name": "a", "codes": [554],}` + "]", -1, "bounce: rules: line 2, column 30: not a JSON array of rules: invalid character '}' looking for beginning of object key string"},
		{"cut in a string", "[\n" + `{"name": "a`, -1, "bounce: rules: line 2, column 12: not a JSON array of rules: unexpected EOF"},
		{"after a byte order mark", "\uFEFF[,]", -1, "bounce: rules: line 1, column 2: not a JSON array of rules: invalid character ',' looking for beginning of value"},
		{"no comma", `[` + ok + ` ` + ok + `]`, -1, "bounce: rules: line 1, column 54: not a JSON array of rules: invalid character '{' after array element"},
		{"an object", `{"name": "a"}`, -1, "bounce: rules: line 1, column 1: not a JSON array of rules: an object"},
		{"null", ` null`, -1, "bounce: rules: line 1, column 2: not a JSON array of rules: null"},
		{"a second array", `[` + ok + `] []`, -1, "bounce: rules: line 1, column 55: more than one JSON value after the array: an array"},
		{"a second null", `[]null`, -1, "bounce: rules: line 1, column 3: more than one JSON value after the array: null"},
		{"garbage after", `[` + ok + "]\n x", -1, "bounce: rules: line 2, column 2: more than one JSON value after the array: invalid character 'x' after top-level value"},
		{"a BOM not at the start", ` ` + "\uFEFF" + `[]`, -1, "bounce: rules: line 1, column 2: not a JSON array of rules: invalid character 'ï' looking for beginning of value"},
		{"too large", `[` + strings.Repeat(" ", bounce.MaxRulesFileSize) + `]`, -1, "bounce: rules: more than 16777216 bytes (MaxRulesFileSize)"},

		{"an unknown reason", `[` + ok + `, {"name": "b", "reason": "exploded", "codes": [554]}]`, 1, `bounce: rules[1] "b": unknown reason "exploded"`},
		{"an unknown action", `[{"name": "a", "reason": "blocked", "action": "panic", "codes": [554]}]`, 0, `bounce: rules[0] "a": unknown action "panic"`},
		{"an unknown key", `[{"name": "a", "reason": "blocked", "contain": ["x"]}]`, 0, `bounce: rules[0] "a": unknown key "contain"`},
		{"a key in upper case", `[` + ok + `, {"NAME": "b", "reason": "blocked", "codes": [554]}]`, 1, `bounce: rules[1] "b": key "NAME": keys are lower case ("name")`},
		{"a key in mixed case", `[{"name": "a", "Reason": "blocked", "codes": [554]}]`, 0, `bounce: rules[0] "a": key "Reason": keys are lower case ("reason")`},
		{"an empty name, then another under a key in upper case", `[{"nAme": "", "NAME": "b"}]`, 0, `bounce: rules[0] "b": key "nAme": keys are lower case ("name")`},
		{"a key twice", `[{"name": "a", "reason": "blocked", "codes": [554], "reason": "filtered"}]`, 0, `bounce: rules[0] "a": key "reason" twice`},
		{"a name twice", `[{"name": "a", "name": "b", "reason": "blocked", "codes": [554]}]`, 0, `bounce: rules[0] "a": key "name" twice`},
		{"a duplicate name", `[` + ok + `, {"name": "b", "reason": "blocked", "codes": [1]}, {"name": "ok", "reason": "filtered", "codes": [2]}]`, 2, `bounce: rules[2] "ok": the name of rules[0] too: names are unique`},
		{"a string code", `[{"name": "a", "reason": "blocked", "codes": ["554"]}]`, 0, `bounce: rules[0] "a": codes: a string, not a number: "554"`},
		{"a fractional code", `[{"name": "a", "reason": "blocked", "codes": [550.0]}]`, 0, `bounce: rules[0] "a": codes: not an integer: "550.0"`},
		{"an exponent", `[{"name": "a", "reason": "blocked", "codes": [5e2]}]`, 0, `bounce: rules[0] "a": codes: not an integer: "5e2"`},
		{"a huge code", `[{"name": "a", "reason": "blocked", "codes": [99999999999999999999]}]`, 0, `bounce: rules[0] "a": codes: not an integer: "99999999999999999999"`},
		{"a code out of range", `[{"name": "a", "reason": "blocked", "codes": [550, 1000]}]`, 0, `bounce: rules[0] "a": code 1000 out of range: a rule's codes are from -999 to 999`},
		{"a negative code out of range", `[{"name": "a", "reason": "blocked", "codes": [-1000]}]`, 0, `bounce: rules[0] "a": code -1000 out of range: a rule's codes are from -999 to 999`},
		{"codes not an array", `[{"name": "a", "reason": "blocked", "codes": 554}]`, 0, `bounce: rules[0] "a": codes: a number, not an array`},
		{"contains a string", `[{"name": "a", "reason": "blocked", "contains": "full"}]`, 0, `bounce: rules[0] "a": contains: a string, not an array`},
		{"a number in contains", `[{"name": "a", "reason": "blocked", "contains": ["full", 5]}]`, 0, `bounce: rules[0] "a": contains: a number, not a string`},
		{"null in contains", `[{"name": "a", "reason": "blocked", "contains": ["full", null]}]`, 0, `bounce: rules[0] "a": contains: null in the array`},
		{"null in codes", `[{"name": "a", "reason": "blocked", "codes": [554, null]}]`, 0, `bounce: rules[0] "a": codes: null in the array`},
		{"a null name", `[{"name": null, "reason": "blocked", "codes": [554]}]`, 0, `bounce: rules[0]: name: null, not a string`},
		{"a null action", `[{"name": "a", "reason": "blocked", "action": null, "codes": [554]}]`, 0, `bounce: rules[0] "a": action: null, not a string`},
		{"a numeric reason", `[{"name": "a", "reason": 12, "codes": [554]}]`, 0, `bounce: rules[0] "a": reason: a number, not a string`},
		{"a rule that is null", `[` + ok + `, null]`, 1, `bounce: rules[1]: null, not an object`},
		{"a rule that is a string", `["ok"]`, 0, `bounce: rules[0]: a string, not an object`},
		{"invalid UTF-8 in a phrase", `[{"name": "a", "reason": "blocked", "contains": ["ok", "bad ` + "\xff" + `"]}]`, 0, `bounce: rules[0] "a": invalid UTF-8 in a string: byte 0xff`},
		{"invalid UTF-8 in a name", `[` + ok + `, {"name": "b` + "\xc3" + `", "reason": "blocked", "codes": [1]}]`, 1, `bounce: rules[1] "b\xc3": invalid UTF-8 in a string: byte 0xc3`}, // the name's bytes, quoted
		{"invalid UTF-8 in a key", `[{"name": "a", "reason": "blocked", "codes": [1], "` + "\xe3\x81" + `": 1}]`, 0, `bounce: rules[0] "a": invalid UTF-8 in a string: byte 0xe3`},
		{"a lone high surrogate", `[{"name": "a", "reason": "blocked", "contains": ["\ud83d!"]}]`, 0, `bounce: rules[0] "a": a lone surrogate in a string: \ud83d`},
		{"a lone low surrogate", `[{"name": "a", "reason": "blocked", "contains": ["\ude00"]}]`, 0, `bounce: rules[0] "a": a lone surrogate in a string: \ude00`},
		{"two high surrogates", `[{"name": "a", "reason": "blocked", "contains": ["\ud83d\ud83d"]}]`, 0, `bounce: rules[0] "a": a lone surrogate in a string: \ud83d`},
		{"no name", `[{"reason": "blocked", "codes": [554]}]`, 0, `bounce: rules[0]: no name`},
		{"no reason", `[{"name": "a", "codes": [554]}]`, 0, `bounce: rules[0] "a": no reason`},
		{"a rule NewClassifier refuses", `[{"name": "a", "reason": "blocked"}]`, 0, `bounce: rules[0] "a": neither codes nor contains: it would match every result`},
		{"a phrase too long", `[{"name": "a", "reason": "blocked", "contains": ["` + strings.Repeat("x", bounce.MaxPhraseLen+1) + `"]}]`, 0, `bounce: rules[0] "a": a phrase of 1025 bytes in contains: "` + strings.Repeat("x", 80) + `"...: at most 1024 bytes (MaxPhraseLen)`},
	} {
		for _, load := range loaders {
			t.Run(load.name+"/"+tt.name, func(t *testing.T) {
				rules, err := load.f(strings.NewReader(tt.json))
				assert.Nil(t, rules)
				require.EqualError(t, err, tt.want)
				var re *bounce.RuleError
				if tt.index < 0 {
					assert.False(t, errors.As(err, &re), "%v", err)
					var se *bounce.RulesSyntaxError
					if strings.Contains(tt.want, ", column ") {
						require.ErrorAs(t, err, &se)
						assert.Contains(t, tt.want, fmt.Sprintf("line %d, column %d: ", se.Line, se.Column), "the fields say where")
					} else {
						assert.False(t, errors.As(err, &se), "%v", err)
					}
					if strings.HasSuffix(tt.want, "unexpected EOF") {
						assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
					}
					return
				}
				require.ErrorAs(t, err, &re)
				assert.ErrorIs(t, err, bounce.ErrRule)
				assert.Equal(t, tt.index, re.Index)
			})
		}
	}
}

// loaders are LoadRules and the baseline it is measured against
// (BenchmarkLoadRules), which must agree on every file.
var loaders = []struct {
	name string
	f    func(io.Reader) ([]bounce.Rule, error)
}{{"LoadRules", bounce.LoadRules}, {"decoder", bounce.LoadRulesDecoder}}

func TestRuleJSON(t *testing.T) {
	// A Rule round-trips through JSON, the action as it was said.
	rng := rand.New(rand.NewPCG(5, 6))
	rules, _ := randomRules(200, 4)
	for i := range rules {
		rules[i].Reason = bounce.Reason(rng.IntN(36))
		if k := rng.IntN(3); k > 0 {
			rules[i].Action, rules[i].HasAction = bounce.Action(rng.IntN(4)), k == 2
		}
		if rng.IntN(3) == 0 {
			rules[i].Contains = nil
		}
	}
	rules = append(rules, bounce.Rule{}, bounce.Rule{Name: "<&>\u2028\x00", Contains: []string{"\"", "日本"}})
	for _, r := range rules {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back bounce.Rule
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		want := r
		if want.Action != bounce.None {
			want.HasAction = false // says nothing more
		}
		assert.Equal(t, want, back, "%s", b)
	}

	b, err := json.Marshal(bounce.Rule{Name: "quiet", Reason: bounce.Vacation, HasAction: true, Contains: []string{"away"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name": "quiet", "reason": "vacation", "action": "none", "contains": ["away"]}`, string(b))
	b, err = json.Marshal(bounce.Rule{Name: "usual", Reason: bounce.Vacation, Codes: []status.Code{250}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name": "usual", "reason": "vacation", "codes": [250]}`, string(b))

	_, err = json.Marshal(bounce.Rule{Name: "bad", Reason: bounce.Blocked, Contains: []string{"\xff"}})
	assert.ErrorContains(t, err, `bounce: rule "bad": invalid UTF-8`)
	_, err = json.Marshal(bounce.Rule{Name: "bad", Reason: bounce.Reason(99)})
	assert.ErrorIs(t, err, bounce.ErrReason)
	var r bounce.Rule
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"name": "a", "NAME": "b"}`), &r), `bounce: rule: key "NAME": keys are lower case ("name")`)
}

func TestActionNone(t *testing.T) {
	// A rule can say "nothing to do": HasAction, "action": "none" in JSON.
	rules, err := bounce.LoadRules(strings.NewReader(`[
		{"name": "quiet", "reason": "userunknown", "action": "none", "contains": ["test mailbox"]},
		{"name": "usual", "reason": "userunknown", "contains": ["no such user"]},
		{"name": "retry", "reason": "userunknown", "action": "retry", "contains": ["try again"]}
	]`))
	require.NoError(t, err)
	c, err := bounce.NewClassifier(rules...)
	require.NoError(t, err)
	for _, tt := range []struct {
		msg    string
		rule   string
		action bounce.Action
	}{
		{"550 5.1.1 test mailbox", "quiet", bounce.None},
		{"550 5.1.1 no such user", "usual", bounce.Suppress},
		{"550 5.1.1 try again", "retry", bounce.Retry},
	} {
		v := c.Classify(status.Result{Code: 550, Message: tt.msg})
		assert.Equal(t, tt.rule, v.Evidence.Rule, tt.msg)
		assert.Equal(t, tt.action, v.Action, tt.msg)
		assert.Equal(t, bounce.UserUnknown, v.Reason, tt.msg)
		assert.True(t, v.Hard, tt.msg)
	}
}

func TestRuleLimits(t *testing.T) {
	// At the limits, rules load and match.
	long := strings.Repeat("ab", bounce.MaxPhraseLen/2)
	c, err := bounce.NewClassifier(
		bounce.Rule{Name: "low", Reason: bounce.SystemError, Codes: []status.Code{bounce.MinRuleCode}},
		bounce.Rule{Name: "high", Reason: bounce.SystemError, Codes: []status.Code{bounce.MaxRuleCode}},
		bounce.Rule{Name: "long", Reason: bounce.Blocked, Contains: []string{long}},
	)
	require.NoError(t, err)
	assert.Equal(t, "low", c.Classify(status.Result{Code: -999}).Evidence.Rule)
	assert.Equal(t, "high", c.Classify(status.Result{Code: 999}).Evidence.Rule)
	v := c.Classify(status.Result{Code: 550, Message: "x" + strings.ToUpper(long) + "x"})
	assert.Equal(t, "long", v.Evidence.Rule)
	assert.Equal(t, 1, v.Evidence.Start)
	assert.Equal(t, 1+bounce.MaxPhraseLen, v.Evidence.End)
	for _, code := range []status.Code{-1000, 1000, math.MaxInt32, math.MinInt32} {
		assert.Equal(t, bounce.SourceDefault, c.Classify(status.Result{Code: code}).Evidence.Source, "code %d", code)
	}

	// The phrases of a set: the rule that takes them past MaxPhraseBytes
	// is named. (The phrases share one string: the test is cheap.)
	phrase := strings.Repeat("p", bounce.MaxPhraseLen)
	n := bounce.MaxPhraseBytes / bounce.MaxPhraseLen
	rules := make([]bounce.Rule, n+1)
	for i := range rules {
		rules[i] = bounce.Rule{Name: "r" + strconv.Itoa(i), Reason: bounce.Blocked, Contains: []string{phrase}}
	}
	_, err = bounce.NewClassifier(rules...)
	var re *bounce.RuleError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, bounce.ErrRule)
	assert.Equal(t, n, re.Index)
	assert.Equal(t, "r"+strconv.Itoa(n), re.Name)
	assert.Contains(t, err.Error(), "pass 8388608 bytes (MaxPhraseBytes)")
}

func TestLongPhraseRefusedCheaply(t *testing.T) {
	// A phrase of 1 MB took from 433 MB to 4.9 GB to build; now it is
	// refused before anything is built.
	rule := bounce.Rule{Name: "huge", Reason: bounce.Blocked, Contains: []string{strings.Repeat("q", 1<<20)}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, err := bounce.NewClassifier(rule)
	runtime.ReadMemStats(&after)
	assert.Nil(t, c)
	assert.ErrorIs(t, err, bounce.ErrRule)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<10), "bytes allocated to refuse the rule")
	assert.Less(t, len(err.Error()), 200, "the error quotes the phrase cut short: %v", err)
}

func TestNewClassifierMemory(t *testing.T) {
	// Linear memory: under 100 bytes allocated for a byte of the phrases,
	// where the dense automaton took 2,500.
	n := 10_000
	if testing.Short() {
		n = 2_000
	}
	rules, phraseBytes := randomRules(n, 2)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, err := bounce.NewClassifier(rules...)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	require.NotNil(t, c)
	perByte := float64(after.TotalAlloc-before.TotalAlloc) / float64(phraseBytes)
	t.Logf("%d rules, %d phrase bytes: %.1f bytes allocated a phrase byte", n, phraseBytes, perByte)
	assert.Less(t, perByte, 100.0)
}

func TestClassifierPhrasesAnywhere(t *testing.T) {
	// A user's phrase matches wherever it stands, in an address too,
	// whatever else the set holds: skipping addresses is the built-in
	// table's business.
	docomo := bounce.Rule{Name: "docomo", Reason: bounce.Filtered, Contains: []string{"docomo.ne.jp"}}
	never := bounce.Rule{Name: "never", Reason: bounce.Blocked, Contains: []string{"@never.example"}}
	for _, tt := range []struct {
		name  string
		rules []bounce.Rule
		line  string
		rule  string
		words string
	}{
		{"a domain in an address", []bounce.Rule{{Name: "acme", Reason: bounce.Blocked, Contains: []string{"acme.com"}}},
			"550 BE 5.7.1 <bob@acme.com>: rejected", "acme", "acme.com"},
		{"a non-ASCII phrase with @ in an address", []bounce.Rule{{Name: "taro", Reason: bounce.UserUnknown, Contains: []string{"太郎@example.jp"}}},
			"550 BE <太郎@example.jp>: User unknown", "taro", "太郎@example.jp"},
		{"alone", []bounce.Rule{docomo}, "550 BE <taro@docomo.ne.jp>: User unknown", "docomo", "docomo.ne.jp"},
		{"beside a rule with @", []bounce.Rule{docomo, never}, "550 BE <taro@docomo.ne.jp>: User unknown", "docomo", "docomo.ne.jp"},
		{"the whole address", []bounce.Rule{{Name: "addr", Reason: bounce.Suspend, Contains: []string{"<TARO@example.JP>"}}},
			"550 BE <taro@example.jp>: User unknown", "addr", "<taro@example.jp>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := bounce.NewClassifier(tt.rules...)
			require.NoError(t, err)
			r := parse(t, tt.line)
			v := c.Classify(r)
			assert.Equal(t, tt.rule, v.Evidence.Rule)
			assert.Equal(t, tt.words, r.Message[v.Evidence.Start:v.Evidence.End])
		})
	}
}

func TestClassifierAllocs(t *testing.T) {
	rules, _ := randomRules(500, 3)
	rules = append(rules,
		bounce.Rule{Name: "code", Reason: bounce.Blocked, Codes: []status.Code{554}},
		bounce.Rule{Name: "short", Reason: bounce.Blocked, Contains: []string{"se"}},
	)
	c, err := bounce.NewClassifier(rules...)
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(10, func() {
		for _, r := range classifierResults[:200] {
			sinkVerdict = c.Classify(r)
		}
	})
	assert.Zero(t, allocs, "Classifier.Classify allocates")
}

// codeOnlyRules are 10^5 rules with codes and no phrases, and last, one
// more for code -1.
func codeOnlyRules() []bounce.Rule {
	many := make([]bounce.Rule, 100_000)
	for i := range many {
		many[i] = bounce.Rule{Name: "r" + strconv.Itoa(i), Reason: bounce.Blocked, Codes: []status.Code{status.Code(i%900 + 1)}}
	}
	return append(many, bounce.Rule{Name: "last", Reason: bounce.Suspend, Codes: []status.Code{-1}})
}

// sharedPhraseRules are 1,000 rules {"codes": [1], "contains": ["e"]}.
func sharedPhraseRules() []bounce.Rule {
	rules := make([]bounce.Rule, 1000)
	for i := range rules {
		rules[i] = bounce.Rule{Name: "e" + strconv.Itoa(i), Reason: bounce.Blocked, Codes: []status.Code{1}, Contains: []string{"e"}}
	}
	return rules
}

func TestClassifierManyRules(t *testing.T) {
	// What BenchmarkClassifierByCode and BenchmarkClassifierSharedPhrase
	// time: the right rule decides.
	all, err := bounce.NewClassifier(codeOnlyRules()...)
	require.NoError(t, err)
	assert.Equal(t, "last", all.Classify(status.Result{Code: -1, Message: "sorry"}).Evidence.Rule)
	assert.Equal(t, "r0", all.Classify(status.Result{Code: 1, Message: "sorry"}).Evidence.Rule)

	shared, err := bounce.NewClassifier(sharedPhraseRules()...)
	require.NoError(t, err)
	msg := strings.Repeat("e", 1<<16)
	assert.Equal(t, bounce.SourceCode, shared.Classify(status.Result{Code: 550, Message: msg}).Evidence.Source)
	assert.Equal(t, "e0", shared.Classify(status.Result{Code: 1, Message: msg}).Evidence.Rule)
}

// FuzzLoadRules checks that LoadRules never panics, that it agrees with
// its baseline of encoding/json alone (LoadRulesDecoder), that what it
// loads NewClassifier takes, and that the rules round-trip through JSON.
func FuzzLoadRules(f *testing.F) {
	f.Add(`[{"name": "a", "reason": "blocked", "action": "none", "codes": [554], "contains": ["x", "\u00e9"]}]`)
	f.Add(`[{"name": "a", "reason": "blocked", "contains": ["\ud83d\ude00"]}, {"name": "b", "reason": "filtered", "codes": [-3]}]`)
	f.Add("\uFEFF[]")
	f.Add(`[{"name": "a", "NAME": "b"}]`)
	f.Add(`[{"nAme": "", "NAME": "0"}]`)
	f.Add("[\n{\"name\": \"a\", \"codes\": [1],},\n]")
	f.Add(`[["x", {"a": 1}], 2]`)
	f.Fuzz(func(t *testing.T, text string) {
		rules, err := bounce.LoadRules(strings.NewReader(text))
		base, baseErr := bounce.LoadRulesDecoder(strings.NewReader(text))
		if fmt.Sprint(err) != fmt.Sprint(baseErr) || !reflect.DeepEqual(rules, base) {
			t.Fatalf("LoadRules(%q) = %+v, %v; the baseline: %+v, %v", text, rules, err, base, baseErr)
		}
		if err != nil {
			var re *bounce.RuleError
			if errors.As(err, &re) && (re.Index < 0 || !errors.Is(err, bounce.ErrRule)) {
				t.Fatalf("LoadRules(%q): %v: index %d", text, err, re.Index)
			}
			return
		}
		if _, err := bounce.NewClassifier(rules...); err != nil {
			t.Fatalf("LoadRules(%q) loads rules NewClassifier refuses: %v", text, err)
		}
		b, err := json.Marshal(rules)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", rules, err)
		}
		back, err := bounce.LoadRules(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("LoadRules(%s), from LoadRules(%q): %v", b, text, err)
		}
		if !reflect.DeepEqual(back, rules) {
			t.Fatalf("LoadRules(%s) = %+v; want %+v", b, back, rules)
		}
		var viaJSON []bounce.Rule
		if err := json.Unmarshal(b, &viaJSON); err != nil || !reflect.DeepEqual(viaJSON, rules) && len(rules) > 0 {
			t.Fatalf("json.Unmarshal(%s) = %+v, %v; want %+v", b, viaJSON, err, rules)
		}
	})
}
