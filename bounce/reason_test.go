package bounce

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
)

func TestReasonFacts(t *testing.T) {
	// The properties of the table of reasons, whatever its rows.
	names := map[string]Reason{}
	usedActions := map[Action]bool{}
	for r := Reason(0); r < numReasons; r++ {
		facts := reasons[r]
		name := r.String()
		if name != facts.name || !regexp.MustCompile(`^[a-z]+$`).MatchString(name) {
			t.Errorf("Reason(%d).String() = %q; want the table's name %q, in lower-case letters", r, name, facts.name)
		}
		if other, ok := names[name]; ok {
			t.Errorf("%v and %v are both named %q", other, r, name)
		}
		names[name] = r

		got, err := ParseReason(name)
		if err != nil || got != r {
			t.Errorf("ParseReason(%q) = %v, %v; want %v", name, got, err, r)
		}
		if _, err := ParseReason(strings.ToUpper(name)); err == nil {
			t.Errorf("ParseReason(%q) succeeds; names are lower case", strings.ToUpper(name))
		}
		b, err := r.AppendText([]byte("r="))
		require.NoError(t, err)
		assert.Equal(t, "r="+name, string(b))
		var back Reason
		if err := back.UnmarshalText(b[2:]); err != nil || back != r {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b[2:], back, err, r)
		}

		if r.Action() != facts.action || r.Action() >= numActions {
			t.Errorf("%v.Action() = %v; want the table's %v", r, r.Action(), facts.action)
		}
		usedActions[r.Action()] = true
		if r.Hard() != facts.hard {
			t.Errorf("%v.Hard() = %v; want the table's %v", r, r.Hard(), facts.hard)
		}
		if r.Hard() && r.Action() != Suppress {
			t.Errorf("%v is a hard bounce, but its action is %v, not suppress", r, r.Action())
		}
		// A verdict of the reason has its facts (NotAccept is hard only
		// when the failure is permanent).
		v := verdict(status.Result{Code: 550}, r, Evidence{})
		if v.Reason != r || v.Action != r.Action() || v.Hard != r.Hard() {
			t.Errorf("verdict(550, %v) = %+v; want the reason's facts", r, v)
		}
	}
	assert.Len(t, names, int(numReasons))
	assert.Len(t, usedActions, int(numActions), "every action is the usual action of some reason")

	// Nothing decides: a failure all the same, retried.
	assert.Equal(t, Verdict{Reason: Undefined, Action: Retry, Evidence: Evidence{Source: SourceDefault}}, Classify(status.Result{Code: 599}))

	// Values outside the set.
	out := numReasons
	assert.Equal(t, "Reason("+strconv.Itoa(int(out))+")", out.String())
	assert.Equal(t, None, out.Action())
	assert.False(t, out.Hard())
	_, err := out.MarshalText()
	assert.ErrorIs(t, err, ErrReason)
	_, err = ParseReason(out.String())
	assert.ErrorIs(t, err, ErrReason)
	_, err = ParseReason("")
	assert.ErrorIs(t, err, ErrReason)
}

func TestReasonDocs(t *testing.T) {
	// The doc comment of each constant ends with the reason's facts, as
	// the type's doc comment promises: "Hard; suppress.", "Soft; retry.".
	words := map[Action]string{None: "no action", Retry: "retry", Suppress: "suppress", FixSender: "fix the sender"}
	require.Len(t, words, int(numActions))
	f, err := parser.ParseFile(token.NewFileSet(), "reason.go", nil, parser.ParseComments)
	require.NoError(t, err)
	facts := regexp.MustCompile(`(Hard|Soft)( when permanent)?; ([a-z ]+)( \([a-z ]+\))?\.$`)
	seen := 0
	for _, decl := range f.Decls {
		d, ok := decl.(*ast.GenDecl)
		if !ok || d.Tok != token.CONST {
			continue
		}
		for _, spec := range d.Specs {
			s := spec.(*ast.ValueSpec)
			name := s.Names[0].Name
			r, err := ParseReason(strings.ToLower(name))
			if err != nil {
				continue // not a reason (numReasons, the actions, the sources)
			}
			seen++
			doc := strings.Join(strings.Fields(s.Doc.Text()), " ")
			m := facts.FindStringSubmatch(doc)
			if m == nil {
				t.Errorf("the doc comment of %s does not end with its facts: %q", name, doc)
				continue
			}
			if hard := m[1] == "Hard"; hard != r.Hard() {
				t.Errorf("the doc comment of %s says %s; Hard() = %v", name, m[1], r.Hard())
			}
			if m[3] != words[r.Action()] {
				t.Errorf("the doc comment of %s says %q; its action is %v", name, m[3], r.Action())
			}
		}
	}
	assert.Equal(t, int(numReasons), seen, "reasons with a doc comment")
}

func TestActionText(t *testing.T) {
	names := map[string]bool{}
	for a := Action(0); a < numActions; a++ {
		name := a.String()
		if name == "" || names[name] || strings.HasPrefix(name, "Action(") {
			t.Errorf("Action(%d).String() = %q: empty, twice or a fallback", a, name)
		}
		names[name] = true
		got, err := ParseAction(name)
		if err != nil || got != a {
			t.Errorf("ParseAction(%q) = %v, %v; want %v", name, got, err, a)
		}
		b, err := a.AppendText([]byte("a="))
		require.NoError(t, err)
		assert.Equal(t, "a="+name, string(b))
		var back Action
		if err := back.UnmarshalText(b[2:]); err != nil || back != a {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b[2:], back, err, a)
		}
	}
	assert.Equal(t, "fix-sender", FixSender.String())
	_, err := ParseAction("fix_sender")
	assert.ErrorIs(t, err, ErrAction)
	out := numActions
	assert.Equal(t, "Action("+strconv.Itoa(int(out))+")", out.String())
	_, err = out.MarshalText()
	assert.ErrorIs(t, err, ErrAction)
}

func TestSourceText(t *testing.T) {
	names := map[string]bool{}
	for s := Source(0); s < numSources; s++ {
		name := s.String()
		if name == "" || names[name] || strings.HasPrefix(name, "Source(") {
			t.Errorf("Source(%d).String() = %q: empty, twice or a fallback", s, name)
		}
		names[name] = true
		got, err := ParseSource(name)
		if err != nil || got != s {
			t.Errorf("ParseSource(%q) = %v, %v; want %v", name, got, err, s)
		}
		b, err := s.AppendText([]byte("s="))
		require.NoError(t, err)
		assert.Equal(t, "s="+name, string(b))
		var back Source
		if err := back.UnmarshalText(b[2:]); err != nil || back != s {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b[2:], back, err, s)
		}
	}
	out := numSources
	assert.Equal(t, "Source("+strconv.Itoa(int(out))+")", out.String())
	_, err := out.MarshalText()
	assert.ErrorIs(t, err, ErrSource)
	assert.EqualError(t, err, `bounce: unknown source "Source(`+strconv.Itoa(int(out))+`)"`)
	for _, bad := range []string{"", "Text", "rules", out.String()} {
		_, err := ParseSource(bad)
		assert.ErrorIs(t, err, ErrSource, "%q", bad)
		var s Source
		assert.ErrorIs(t, s.UnmarshalText([]byte(bad)), ErrSource, "%q", bad)
	}
}

func TestValueErrorCut(t *testing.T) {
	// Bad input is quoted, and cut as package status cuts it.
	long := strings.Repeat("x", 10*quote.Max)
	for _, err := range []error{
		func() error { _, err := ParseSource(long); return err }(),
		func() error { _, err := ParseReason(long); return err }(),
		func() error { _, err := ParseAction(long); return err }(),
	} {
		msg := err.Error()
		assert.True(t, strings.HasSuffix(msg, quote.Cut(long)), "%s", msg)
		assert.Less(t, len(msg), 2*quote.Max, "%s", msg)
	}
	_, err := ParseReason("a\x00\n")
	assert.EqualError(t, err, `bounce: unknown reason "a\x00\n"`, "control bytes escaped")
}

func TestTextErrors(t *testing.T) {
	// The exact errors of the Parse functions and the text methods.
	// (internal/enum's tests check that a failed UnmarshalText or
	// AppendText changes nothing.)
	tests := []struct {
		name string
		err  func() error
		is   error
		want string
	}{
		{"ParseReason", func() error { _, err := ParseReason("UserUnknown"); return err }, ErrReason, `bounce: unknown reason "UserUnknown"`},
		{"Reason.UnmarshalText", func() error { r := Blocked; return r.UnmarshalText([]byte("")) }, ErrReason, `bounce: unknown reason ""`},
		{"Reason.MarshalText", func() error { _, err := numReasons.MarshalText(); return err }, ErrReason, `bounce: unknown reason "Reason(` + strconv.Itoa(int(numReasons)) + `)"`},
		{"Reason.AppendText", func() error { _, err := Reason(255).AppendText(nil); return err }, ErrReason, `bounce: unknown reason "Reason(255)"`},
		{"ParseAction", func() error { _, err := ParseAction("fix_sender"); return err }, ErrAction, `bounce: unknown action "fix_sender"`},
		{"Action.UnmarshalText", func() error { a := Retry; return a.UnmarshalText([]byte("Retry")) }, ErrAction, `bounce: unknown action "Retry"`},
		{"Action.AppendText", func() error { _, err := Action(9).AppendText(nil); return err }, ErrAction, `bounce: unknown action "Action(9)"`},
		{"ParseSource", func() error { _, err := ParseSource("rules"); return err }, ErrSource, `bounce: unknown source "rules"`},
		{"Source.UnmarshalText", func() error { var s Source; return s.UnmarshalText([]byte("Text")) }, ErrSource, `bounce: unknown source "Text"`},
		{"Source.AppendText", func() error { _, err := Source(200).AppendText(nil); return err }, ErrSource, `bounce: unknown source "Source(200)"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			require.ErrorIs(t, err, tt.is)
			assert.EqualError(t, err, tt.want)
		})
	}
	assert.Equal(t, "Reason(255)", Reason(255).String())
	assert.Equal(t, "Action(255)", Action(255).String())
	assert.Equal(t, "Source(255)", Source(255).String())
}

func TestVerdictJSON(t *testing.T) {
	// A Verdict round-trips through JSON: the verdicts of the benchmark's
	// mix, of every built-in rule, and of every reason from every source.
	var verdicts []Verdict
	for _, r := range benchResults {
		verdicts = append(verdicts, classify(r))
	}
	verdicts = append(verdicts, textVerdicts...)
	verdicts = append(verdicts, service.verdicts...)
	for r := Reason(0); r < numReasons; r++ {
		for s := Source(0); s < numSources; s++ {
			for _, code := range []status.Code{0, 450, 550} {
				verdicts = append(verdicts, verdict(status.Result{Code: code}, r, Evidence{Source: s, Rule: "rule \"" + r.String() + "\" <&>", Start: int(r), End: int(r) + int(s)}))
			}
		}
	}
	for _, v := range verdicts {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", v, err)
		}
		var back Verdict
		if err := json.Unmarshal(b, &back); err != nil || back != v {
			t.Fatalf("json.Unmarshal(%s) = %+v, %v; want %+v", b, back, err, v)
		}
	}
	t.Logf("%d verdicts", len(verdicts))

	var v Verdict
	err := json.Unmarshal([]byte(`{"Evidence": {"Source": "hunch"}}`), &v)
	assert.ErrorIs(t, err, ErrSource)
}
