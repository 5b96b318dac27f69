package bounce_test

import (
	"errors"
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
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok := bounce.Rule{Name: "fine", Reason: bounce.Blocked, Codes: []status.Code{554}}
			c, err := bounce.NewClassifier(ok, tt.rule)
			assert.Nil(t, c)
			require.ErrorIs(t, err, bounce.ErrRule)
			var re *bounce.RuleError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 1, re.Index, "the rule's index")
			assert.Contains(t, err.Error(), "rule 1")
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestLoadRules(t *testing.T) {
	rules, err := bounce.LoadRules(strings.NewReader(`[
		{"name": "acme-full", "reason": "mailboxfull", "contains": ["box is stuffed"]},
		{"name": "ours", "reason": "blocked", "action": "retry", "codes": [554, -3]}
	]`))
	require.NoError(t, err)
	assert.Equal(t, []bounce.Rule{
		{Name: "acme-full", Reason: bounce.MailboxFull, Contains: []string{"box is stuffed"}},
		{Name: "ours", Reason: bounce.Blocked, Action: bounce.Retry, Codes: []status.Code{554, -3}},
	}, rules)
	_, err = bounce.NewClassifier(rules...)
	require.NoError(t, err)

	for _, tt := range []struct {
		name  string
		json  string
		index int // -1: not about one rule
		want  string
	}{
		{"bad JSON", `[{"name": "a", "reason": "blocked", "codes": [554]},`, -1, "not a JSON array of rules"},
		{"not an array", `{"name": "a"}`, -1, "not a JSON array of rules"},
		{"an unknown reason", `[{"name": "a", "reason": "blocked", "codes": [554]}, {"name": "b", "reason": "exploded", "codes": [554]}]`, 1, `unknown reason "exploded"`},
		{"an unknown action", `[{"name": "a", "reason": "blocked", "action": "panic", "codes": [554]}]`, 0, `unknown action "panic"`},
		{"an unknown field", `[{"name": "a", "reason": "blocked", "contain": ["x"]}]`, 0, `unknown field "contain"`},
		{"a bad code", `[{"name": "a", "reason": "blocked", "codes": ["554"]}]`, 0, "cannot unmarshal"},
		{"a rule NewClassifier refuses", `[{"name": "a", "reason": "blocked"}]`, 0, "neither codes nor contains"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := bounce.LoadRules(strings.NewReader(tt.json))
			assert.Nil(t, rules)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			var re *bounce.RuleError
			if tt.index < 0 {
				assert.False(t, errors.As(err, &re), "%v", err)
				return
			}
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tt.index, re.Index)
			assert.NotEmpty(t, re.Name, "the rule's name")
			assert.Contains(t, err.Error(), `rule `)
		})
	}
}
