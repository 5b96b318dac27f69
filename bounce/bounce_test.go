package bounce_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

func parse(t testing.TB, line string) status.Result {
	t.Helper()
	r, err := status.ParseLine(line)
	require.NoError(t, err, "ParseLine(%q)", line)
	return r
}

func TestServiceCodes(t *testing.T) {
	// Each of the service's own codes has its documented reason; the
	// message does not change it.
	want := map[status.Code]bounce.Reason{
		-3: bounce.SystemError, -4: bounce.MailerError, -5: bounce.MailerError, -6: bounce.MailerError,
		-7: bounce.MailerError, -8: bounce.MailerError, -9: bounce.MailerError, -10: bounce.MailerError,
		-11: bounce.SystemError, -12: bounce.MailerError, -13: bounce.MailerError,
		-100: bounce.SystemError, -101: bounce.SystemError, -102: bounce.SystemError,
		-502: bounce.OnHold, 250: bounce.Delivered,
		601: bounce.NetworkError, 602: bounce.NetworkError, 606: bounce.Expired, 608: bounce.NetworkError,
		609: bounce.SystemError, 610: bounce.NetworkError, 611: bounce.UserUnknown,
		700: bounce.HostUnknown, 710: bounce.HostUnknown, 711: bounce.HostUnknown, 720: bounce.HostUnknown,
		730: bounce.NotAccept, 800: bounce.UserUnknown, 801: bounce.Suspend, 850: bounce.Filtered,
	}
	for s := range status.All() {
		c := s.Code
		if c >= 500 && c < 600 || c == -500 || c == -501 {
			continue // SMTP replies and unreadable bounces: the message decides
		}
		reason, ok := want[c]
		if !ok {
			if c >= 620 && c < 690 {
				reason = bounce.NetworkError // connections lost and timed out
			} else {
				t.Errorf("code %v: no reason expected in this test", c)
				continue
			}
		}
		for _, msg := range []string{"", "550 5.1.1 User unknown", "mailbox full"} {
			r := status.Result{Code: c, Category: status.BE, Message: msg}
			v := bounce.Classify(r)
			if v.Reason != reason || v.Evidence.Source != bounce.SourceCode || v.Evidence.Rule != "code:"+c.String() {
				t.Errorf("Classify(%v) = %v by %v %q; want %v by code", r, v.Reason, v.Evidence.Source, v.Evidence.Rule, reason)
			}
			if v.Evidence.Start != v.Evidence.End {
				t.Errorf("Classify(%v): the message did not decide, but the span is %d:%d", r, v.Evidence.Start, v.Evidence.End)
			}
			if c < 0 && v.Action == bounce.Suppress {
				t.Errorf("Classify(%v): the sending system's own failure suppresses the address", r)
			}
		}
	}
}

func TestUnreadableBounces(t *testing.T) {
	// -500 and -501: no code could be read from the bounce mail. Undefined,
	// unless the words decide; never suppressed by the code alone.
	for _, code := range []status.Code{-500, -501} {
		v := bounce.Classify(status.Result{Code: code, Category: status.LE, Message: "something went wrong"})
		assert.Equal(t, bounce.Undefined, v.Reason, "code %v", code)
		assert.Equal(t, bounce.Retry, v.Action, "a failure that nothing explains is retried")
		assert.Equal(t, bounce.SourceDefault, v.Evidence.Source)
		assert.Empty(t, v.Evidence.Rule, "undefined by default has no rule")

		v = bounce.Classify(status.Result{Code: code, Category: status.LE, Message: "550 5.1.1 <taro@example.jp>: User unknown"})
		assert.Equal(t, bounce.UserUnknown, v.Reason)
		assert.Equal(t, bounce.SourceText, v.Evidence.Source)
	}
	v := bounce.Classify(parse(t, "-502 LE Maybe forwarding <taro@example.jp> User unknown"))
	assert.Equal(t, bounce.OnHold, v.Reason, "-502 is on hold whatever the words")
	assert.Equal(t, bounce.Retry, v.Action)
}

func TestCarrierForms(t *testing.T) {
	for _, tt := range []struct {
		line   string
		reason bounce.Reason
		hard   bool
	}{
		{"550 BE Unknown user taro@docomo.ne.jp", bounce.UserUnknown, true},          // docomo since 2025-03-13: missing
		{"550 BE : User unknown", bounce.Filtered, false},                            // au: filtered
		{"550 BE <taro@ezweb.ne.jp>: User unknown", bounce.UserUnknown, true},        // au: missing
		{"550 BE Invalid recipient: <taro@i.softbank.jp>", bounce.UserUnknown, true}, // SoftBank: missing
		{"850 BE ユーザ側でドメイン拒否設定を行っています", bounce.Filtered, false},                      // the service's own
		{"801 BE <hanako@docomo.ne.jp> このアカウントは現在ご利用いただけません", bounce.Suspend, false}, // the service's own
	} {
		v := bounce.Classify(parse(t, tt.line))
		assert.Equal(t, tt.reason, v.Reason, "%s", tt.line)
		assert.Equal(t, tt.hard, v.Hard, "%s: hard", tt.line)
		assert.Equal(t, bounce.Suppress, v.Action, "%s", tt.line)
	}
}

func TestOrderOfEvidence(t *testing.T) {
	c, err := bounce.NewClassifier(bounce.Rule{Name: "ours", Reason: bounce.Blocked, Codes: []status.Code{606}})
	require.NoError(t, err)
	tests := []struct {
		name   string
		line   string
		reason bounce.Reason
		source bounce.Source
		rule   string
	}{
		{"a user's rule before the service's code", "606 BE 5.2.2 Mailbox full", bounce.Blocked, bounce.SourceRule, "ours"},
		{"the service's code before words", "610 BE 5.2.2 Mailbox full", bounce.NetworkError, bounce.SourceCode, "code:610"},
		{"words before the enhanced code", "550 BE 5.1.1 Mailbox full", bounce.MailboxFull, bounce.SourceText, "text:mailbox-full"},
		{"the enhanced code before the reply code", "550 BE 5.2.2 sorry", bounce.MailboxFull, bounce.SourceEnhanced, "enhanced:X.2.2"},
		{"an enhanced code that says many things leaves it to the reply", "552 BE 5.7.1 sorry", bounce.MailboxFull, bounce.SourceCode, "code:552"},
		{"the reply code last", "550 BE sorry", bounce.UserUnknown, bounce.SourceCode, "code:550"},
		{"nothing", "599 BE sorry", bounce.Undefined, bounce.SourceDefault, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.Classify(parse(t, tt.line))
			assert.Equal(t, tt.reason, v.Reason)
			assert.Equal(t, tt.source, v.Evidence.Source)
			assert.Equal(t, tt.rule, v.Evidence.Rule)
		})
	}
}

func TestEnhancedEvidence(t *testing.T) {
	// The span of an enhanced code is the code itself.
	r := parse(t, "552 BE host said: 552-5.2.2 sorry")
	v := bounce.Classify(r)
	require.Equal(t, bounce.SourceEnhanced, v.Evidence.Source)
	assert.Equal(t, "5.2.2", r.Message[v.Evidence.Start:v.Evidence.End])
}

func TestEveryFailureHasAnAction(t *testing.T) {
	// None is for a delivery and an automatic reply; every other verdict,
	// an undefined one too, calls for an action.
	for _, tt := range []struct {
		line   string
		action bounce.Action
	}{
		{"250 BE ok", bounce.None},
		{"251 BE User not local; will forward to <taro@example.org>: forwarding address", bounce.None},
		{"-500 LE I am out of the office until Monday", bounce.None},
		{"554 BE sorry", bounce.Retry},
		{"599 BE 5.7.1 something nobody wrote down", bounce.Retry},
		{"-500 LE something went wrong", bounce.Retry},
		{"-501 LE", bounce.Retry},
		{"451 BE 4.0.0 hmm", bounce.Retry},
	} {
		v := bounce.Classify(parse(t, tt.line))
		if v.Action != tt.action {
			t.Errorf("Classify(%q) = %v, %v; want %v", tt.line, v.Reason, v.Action, tt.action)
		}
	}
	for code := 200; code < 600; code++ {
		if v := bounce.ClassifyReply(code, "something nobody wrote down"); v.Action == bounce.None && v.Reason != bounce.Delivered {
			t.Errorf("ClassifyReply(%d, …) = %v, none", code, v.Reason)
		}
	}
}

func TestHard(t *testing.T) {
	for _, tt := range []struct {
		line string
		hard bool
	}{
		{"550 BE 5.1.1 User unknown", true},
		{"550 BE 5.1.2 Host unknown", true},
		{"550 BE 5.1.6 recipient no longer on server", true},
		{"550 BE 5.1.10 The domain doesn't receive email: null MX", true}, // notaccept, permanent
		{"-500 LE 4.0.0 DNS: the domain doesn't receive email", false},    // notaccept, temporary
		{"730 BE loop", true},
		{"552 BE 5.2.2 Mailbox full", false},
		{"554 BE 5.7.1 blocked using zen.example.org", false},
	} {
		v := bounce.Classify(parse(t, tt.line))
		assert.Equal(t, tt.hard, v.Hard, "%s (%v)", tt.line, v.Reason)
	}
}

func TestBytesAndCase(t *testing.T) {
	// Matching folds ASCII case byte by byte: offsets point at the
	// caller's bytes, whatever precedes them (invalid UTF-8, NUL,
	// Shift_JIS, a byte whose lower case would be longer in Unicode).
	for _, prefix := range []string{"", "\xff\xfe", "\x00\x00", "\x83\x65\x83\x58", "İ", "ＡＢＣ ", strings.Repeat("x", 1000)} {
		msg := prefix + "<taro@example.jp>: USER Unknown\x00\xff"
		r := status.Result{Code: 550, Category: status.BE, Message: msg}
		v := bounce.Classify(r)
		require.Equal(t, bounce.UserUnknown, v.Reason, "%q", msg)
		assert.Equal(t, "USER Unknown", msg[v.Evidence.Start:v.Evidence.End], "%q", msg)
	}
	// Non-ASCII bytes are not folded: "ＵＳＥＲ ＵＮＫＮＯＷＮ" is not a phrase.
	v := bounce.Classify(status.Result{Code: 599, Message: "ＵＳＥＲ ＵＮＫＮＯＷＮ"})
	assert.Equal(t, bounce.Undefined, v.Reason)
}

func TestClassifyAllocs(t *testing.T) {
	results := make([]status.Result, 0, len(ruleCases))
	for _, tt := range ruleCases {
		results = append(results, parse(t, tt.line))
	}
	allocs := testing.AllocsPerRun(20, func() {
		for _, r := range results {
			sinkVerdict = bounce.Classify(r)
		}
	})
	assert.Zero(t, allocs, "Classify allocates")
}

var sinkVerdict bounce.Verdict

func TestConcurrentUse(t *testing.T) {
	// Run under -race: Classify and a Classifier share only read-only
	// tables.
	c, err := bounce.NewClassifier(bounce.Rule{Name: "full", Reason: bounce.MailboxFull, Contains: []string{"stuffed"}})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				tt := ruleCases[(g*31+i)%len(ruleCases)]
				r, _ := status.ParseLine(tt.line)
				if v := bounce.Classify(r); v.Reason != tt.reason {
					t.Errorf("Classify(%q) = %v; want %v", tt.line, v.Reason, tt.reason)
					return
				}
				if v := c.Classify(status.Result{Code: 550, Message: "box is stuffed"}); v.Evidence.Rule != "full" {
					t.Errorf("Classifier: %+v", v)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzClassify checks that Classify never panics and that the evidence
// span stays within the message, whatever the bytes.
func FuzzClassify(f *testing.F) {
	for _, tt := range ruleCases {
		f.Add(tt.line)
	}
	for _, tt := range nearMisses {
		f.Add(tt.line)
	}
	c, err := bounce.NewClassifier(bounce.Rule{Name: "x", Reason: bounce.Blocked, Contains: []string{"zz", "ZZZ top"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, err := status.ParseLine(line)
		if err != nil {
			r = status.Result{Code: 550, Message: line}
		}
		for _, v := range []bounce.Verdict{bounce.Classify(r), c.Classify(r)} {
			e := v.Evidence
			if e.Start < 0 || e.End < e.Start || e.End > len(r.Message) {
				t.Fatalf("Classify(%q): span %d:%d of a %d-byte message", line, e.Start, e.End, len(r.Message))
			}
			if (e.Rule == "") != (v.Reason == bounce.Undefined && e.Source == bounce.SourceDefault) {
				t.Fatalf("Classify(%q) = %v by %v %q", line, v.Reason, e.Source, e.Rule)
			}
			if v.Reason.String() == "" || strings.HasPrefix(v.Reason.String(), "Reason(") {
				t.Fatalf("Classify(%q): reason %v", line, v.Reason)
			}
		}
		v := bounce.Classify(r)
		if v.Action == bounce.None && v.Reason != bounce.Delivered && v.Reason != bounce.Vacation {
			t.Fatalf("Classify(%q) = %v, none: a failure with nothing to do", line, v.Reason)
		}
		if v.Evidence.Rule != "" && !bounce.BuiltinRule(v.Evidence.Rule) {
			t.Fatalf("Classify(%q) names %q, which no table lists", line, v.Evidence.Rule)
		}
	})
}

func TestUnfair(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"554 BE 5.7.1 Client host [192.0.2.1] blocked using zen.example.org", true}, // counted, the sender at fault
		{"550 BE 5.1.1 <taro@example.jp>: User unknown", false},                      // counted, the address at fault
		{"-4 LE can't connect", false},                                               // the system's locus: not counted
		{"552 BE 5.2.2 Mailbox full", false},                                         // retry
		{"599 BE 5.7.1 blocked using zen.example.org", false},                        // not in the catalog
	} {
		r := parse(t, tt.line)
		if got := bounce.Unfair(r, bounce.Classify(r)); got != tt.want {
			t.Errorf("Unfair(%q) = %v; want %v", tt.line, got, tt.want)
		}
	}
}

func TestEnhancedEvidenceIsTheChosenCode(t *testing.T) {
	// The evidence marks the code status chose, not the same digits
	// earlier in the message (a version number).
	r := parse(t, "552 BE mx v5.2.2 says: 552 5.2.2 sorry")
	v := bounce.Classify(r)
	require.Equal(t, bounce.SourceEnhanced, v.Evidence.Source)
	assert.Equal(t, "5.2.2", r.Message[v.Evidence.Start:v.Evidence.End])
	assert.Equal(t, strings.LastIndex(r.Message, "5.2.2"), v.Evidence.Start)
}

func TestVerdictJSONNames(t *testing.T) {
	// The JSON keys are lower case, as the tool writes them.
	v := bounce.Classify(parse(t, "550 BE 5.1.1 <taro@example.jp>: User unknown"))
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"reason": "userunknown", "hard": true, "action": "suppress",
		"evidence": {"source": "text", "rule": "text:user-unknown", "start": 25, "end": 37}}`, string(b))
	var back bounce.Verdict
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, v, back)
}
