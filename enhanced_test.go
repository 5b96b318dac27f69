package status_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/benchlog"
)

func TestParseEnhanced(t *testing.T) {
	good := map[string]status.Enhanced{
		"2.0.0":     {2, 0, 0},
		"5.1.1":     {5, 1, 1},
		"4.2.2":     {4, 2, 2},
		"5.7.26":    {5, 7, 26},
		"4.7.500":   {4, 7, 500},
		"5.999.999": {5, 999, 999},
		"5.10.0":    {5, 10, 0},
		"4.100.20":  {4, 100, 20},
		"2.6.4":     {2, 6, 4},
		"5.0.999":   {5, 0, 999},
		"5.7.30":    {5, 7, 30},
		"4.4.7":     {4, 4, 7},
		"5.5.0":     {5, 5, 0},
		"5.6.10":    {5, 6, 10},
		"5.3.4":     {5, 3, 4},
		"2.1.5":     {2, 1, 5},
		"4.9.9":     {4, 9, 9},
		"5.1.10":    {5, 1, 10},
		"4.3.0":     {4, 3, 0},
		"5.2.1":     {5, 2, 1},
		"5.7.1":     {5, 7, 1},
		"4.7.0":     {4, 7, 0},
		"5.4.14":    {5, 4, 14},
		"5.7.606":   {5, 7, 606},
	}
	for text, want := range good {
		t.Run(text, func(t *testing.T) {
			got, err := status.ParseEnhanced(text)
			require.NoError(t, err, "ParseEnhanced(%q)", text)
			assert.Equal(t, want, got, "ParseEnhanced(%q) = %v; want %v", text, got, want)
			assert.Equal(t, text, got.String())
			b, err := got.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, text, string(b), "MarshalText")
			var back status.Enhanced
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, got, back, "UnmarshalText(%q)", b)
		})
	}
}

func TestParseEnhancedErrors(t *testing.T) {
	bad := []string{
		"2.0.0 ",
		" 2.0.0",
		"",
		"5.1",
		"5.1.",
		"5..1",
		".5.1.1",
		"5.1.1.1",
		"3.1.1",
		"1.1.1",
		"55.1.1",
		"5.01.1",
		"5.1.01",
		"5.00.0",
		"5.1000.1",
		"5.1.1000",
		"5.a.1",
		"+5.1.1",
		"5.1.-1",
		"5,1,1",
		"５.１.１",
		"5.1.1\n",
		"X.1.1",
		"5.7.1 extra",
	}
	for _, text := range bad {
		t.Run(text, func(t *testing.T) {
			got, err := status.ParseEnhanced(text)
			assert.ErrorIs(t, err, status.ErrEnhanced, "ParseEnhanced(%q) = %v", text, got)
			assert.Zero(t, got)
			if text == "" {
				return // the text of the zero Enhanced: TestEnhancedJSON
			}
			var e status.Enhanced
			assert.ErrorIs(t, e.UnmarshalText([]byte(text)), status.ErrEnhanced, "UnmarshalText(%q)", text)
		})
	}
}

func TestCutEnhanced(t *testing.T) {
	tests := []struct {
		s    string
		want status.Enhanced
		rest string
		ok   bool
	}{
		{"5.1.1 <taro@example.jp>: User unknown", status.Enhanced{5, 1, 1}, " <taro@example.jp>: User unknown", true},
		{"5.7.26", status.Enhanced{5, 7, 26}, "", true},
		{"4.2.2-more", status.Enhanced{4, 2, 2}, "-more", true},
		{"5.1.1abc", status.Enhanced{5, 1, 1}, "abc", true},
		{"5.1.1.1", status.Enhanced{5, 1, 1}, ".1", true},
		{"2.0.0\r\n", status.Enhanced{2, 0, 0}, "\r\n", true},
		// RFC 3463: sub-codes of 1 to 3 digits, without leading zeros.
		{"5.01.1 leading zero", status.Enhanced{}, "5.01.1 leading zero", false},
		{"5.1.01 leading zero", status.Enhanced{}, "5.1.01 leading zero", false},
		{"5.00.0", status.Enhanced{}, "5.00.0", false},
		{"5.1.1000", status.Enhanced{}, "5.1.1000", false},
		{"3.1.1 no class", status.Enhanced{}, "3.1.1 no class", false},
		{" 5.1.1", status.Enhanced{}, " 5.1.1", false},
		{"550 5.1.1", status.Enhanced{}, "550 5.1.1", false},
		{"5.1", status.Enhanced{}, "5.1", false},
		{"", status.Enhanced{}, "", false},
	}
	for _, tt := range tests {
		e, rest, ok := status.CutEnhanced(tt.s)
		if e != tt.want || rest != tt.rest || ok != tt.ok {
			t.Errorf("CutEnhanced(%q) = %v, %q, %v; want %v, %q, %v", tt.s, e, rest, ok, tt.want, tt.rest, tt.ok)
		}
	}
}

func TestEnhancedJSON(t *testing.T) {
	// An Enhanced is text in JSON, and only a valid one marshals.
	js, err := json.Marshal(struct{ E status.Enhanced }{status.Enhanced{5, 1, 1}})
	require.NoError(t, err)
	assert.Equal(t, `{"E":"5.1.1"}`, string(js))
	var back struct{ E status.Enhanced }
	require.NoError(t, json.Unmarshal(js, &back))
	assert.Equal(t, status.Enhanced{5, 1, 1}, back.E)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"E":"5.1"}`), &back), status.ErrEnhanced)
	for _, e := range []status.Enhanced{{3, 1, 1}, {5, -1, 0}, {5, 1, 1000}, {0, 0, 1}, {0, 1, 0}} {
		_, err := e.MarshalText()
		assert.ErrorIs(t, err, status.ErrEnhanced, "%v.MarshalText()", e)
	}
	b, err := status.Enhanced{4, 2, 2}.AppendText([]byte("code "))
	require.NoError(t, err)
	assert.Equal(t, "code 4.2.2", string(b))

	// The zero Enhanced, what a message without a code has, is "", as a
	// zero netip.Addr is; "" reads back as it, and null changes nothing.
	type withCode struct {
		Code status.Enhanced `json:"code"`
		Opt  status.Enhanced `json:"opt,omitzero"`
	}
	e, _ := status.FindEnhanced("no code here")
	js, err = json.Marshal(withCode{Code: e})
	require.NoError(t, err, "json.Marshal of the zero Enhanced")
	assert.Equal(t, `{"code":""}`, string(js))
	back2 := withCode{Code: status.Enhanced{5, 1, 1}}
	require.NoError(t, json.Unmarshal(js, &back2))
	assert.Equal(t, withCode{}, back2)
	back2.Code = status.Enhanced{4, 4, 7}
	require.NoError(t, json.Unmarshal([]byte(`{"code":null}`), &back2))
	assert.Equal(t, status.Enhanced{4, 4, 7}, back2.Code, "null")
	b, err = status.Enhanced{}.AppendText([]byte("code "))
	require.NoError(t, err)
	assert.Equal(t, "code ", string(b))
	_, err = status.ParseEnhanced("")
	assert.ErrorIs(t, err, status.ErrEnhanced, `ParseEnhanced("") is no code`)
}

// enhancedMessages are messages as servers write them, with the enhanced
// code FindEnhanced must find in them, or none.
var enhancedMessages = []struct {
	msg  string
	want string // "" for none
}{
	// Gmail
	{"550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos", "5.1.1"},
	{"550 5.7.26 This mail has been blocked because the sender is unauthenticated.", "5.7.26"},
	{"452-4.2.2 The recipient's inbox is out of storage space.", "4.2.2"},
	{"421-4.7.0 [192.0.2.10 15] Our system has detected an unusual rate of unsolicited mail", "4.7.0"},
	{"550-5.7.1 [192.0.2.33] The IP you're using to send mail is not authorized", "5.7.1"},
	{"250 2.0.0 OK  1700000000 a1-20020a170902", "2.0.0"},
	// Outlook and Exchange
	{"550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302).", "5.5.0"},
	{"550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "5.1.10"},
	{"554 5.4.14 Hop count exceeded - possible mail loop ATTR34", "5.4.14"},
	{"#550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found ##", "5.1.1"},
	{"451 4.7.500 Server busy. Please try again later from [192.0.2.5]. (AS750)", "4.7.500"},
	{"550 5.7.606 Access denied, banned sending IP [192.0.2.44].", "5.7.606"},
	// Yahoo
	{"554 5.7.9 Message not accepted for policy reasons.", "5.7.9"},
	{"421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints", "4.7.0"},
	{"552 1 Requested mail action aborted, mailbox not found", ""},
	// Postfix
	{"5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table", "5.1.1"},
	{"host mx.example.jp[192.0.2.25] said: 550 5.1.1 <hanako@example.jp>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)", "5.1.1"},
	{"connect to mx.example.jp[192.0.2.25]:25: Connection timed out", ""},
	{"4.4.1 <ichiro@example.jp>: connect to mx.example.jp[192.0.2.1]:25: Connection refused", "4.4.1"},
	{"lost connection with mx.example.jp[192.0.2.9] while sending end of data -- message may be sent more than once", ""},
	{"smtp; 550 5.2.2 <yuki@example.jp>... Mailbox full", "5.2.2"},
	{"X-Postfix; 550 5.1.1 <k-tanaka@example.com>", "5.1.1"},
	{"Host or domain name not found. Name service error for name=example.invalid type=MX: Host not found, try again", ""},
	{"2.0.0 Ok: queued as 4Xk9Lq1Z2bz", "2.0.0"},
	// Exim
	{"SMTP error from remote mail server after RCPT TO:<taro@example.jp>: 550 5.1.1 <taro@example.jp>: Recipient address rejected", "5.1.1"},
	{"retry timeout exceeded (Exim 4.94.2)", ""},
	{"all relevant MX records point to non-existent hosts", ""},
	{"Message rejected: 550 Administrative prohibition", ""},
	// qmail
	{"Sorry, no mailbox here by that name. (#5.1.1)", "5.1.1"},
	{"This message is looping: it already has my Delivered-To line. (#5.4.6)", "5.4.6"},
	{"Connected to 192.0.2.14 but connection died. (#4.4.2)", "4.4.2"},
	// Sendmail
	{"553 5.3.0 <taro@example.jp>... No such user", "5.3.0"},
	{"Deferred: Connection timed out with mx.example.jp.", ""},
	// Japanese carriers and providers
	{"550 Unknown user taro@example.ne.jp", ""},
	{"552 5.2.2 taro@example.ne.jp: メールボックスがいっぱいです", "5.2.2"},
	{"550 5.1.1 <hanako@example.ne.jp>... User Unknown (宛先不明)", "5.1.1"},
	{"宛先のメールアドレスは存在しません (5.1.1)", "5.1.1"},
	{"受信拒否設定により配信できませんでした 5.7.1", "5.7.1"},
	{"ドメイン指定受信により拒否されました。エラーコード:5.7.1", "5.7.1"},
	{"エラー5.2.1アカウント停止中", "5.2.1"},
	// Look-alikes that are not codes
	{"Postfix 2.11.3 ready", ""},
	{"Client host [192.0.2.1] blocked using bl.example.org", ""},
	{"spam score 4.5 exceeds threshold 5.0", ""},
	{"deferred since 2024.05.01 10:00", ""},
	{"queued on 24.12.2023", ""},
	{"filter v5.1.1 rejected it", ""},
	{"version 4.5.1.2 of the filter", ""},
	{"5.1.1.1", ""},
	{"5.01.1 leading zero", ""},
	{"3.1.1 is no class", ""},
	{"5.1000.1 and 5.7.1000", ""},
	{"abc5.1.1", ""},
	{"5.1.1abc", ""},
	{"5.1.1_x", ""},
	{"1-5.1.1 is a range", ""},
	// Where they stand
	{"Requested action aborted: error in processing 451 4.3.0", "4.3.0"},
	{"550 #5.1.0 Address rejected.", "5.1.0"},
	{"(5.2.2) mailbox full", "5.2.2"},
	{"Recipient rejected with status 5.7.1.", "5.7.1"},
	{"host said: 550-5.7.1 policy", "5.7.1"},
	{"4.4.7 delivery time expired; last error 4.4.1", "4.4.7"},
	{"", ""},
	// Versions and dates that look like codes: the code after the reply
	// code wins, and a look-alike elsewhere is not taken.
	{"lmtp: Dovecot 2.3.16 said: 552 5.2.2 <a@example.jp> Quota exceeded", "5.2.2"},
	{"amavisd-new 2.6.4; 554 5.7.1 rejected", "5.7.1"},
	{"Mailer version 5.0.0-beta refused the message", ""},
	{"Nachricht am 4.5.24 zugestellt", ""},
	{"Status: 5.1.1 (bad mailbox)", "5.1.1"},
}

func TestFindEnhanced(t *testing.T) {
	for _, tt := range enhancedMessages {
		t.Run(tt.msg, func(t *testing.T) {
			got, ok := status.FindEnhanced(tt.msg)
			if tt.want == "" {
				assert.False(t, ok, "FindEnhanced(%q) = %v", tt.msg, got)
				assert.Zero(t, got)
				return
			}
			want, err := status.ParseEnhanced(tt.want)
			require.NoError(t, err)
			assert.True(t, ok, "FindEnhanced(%q) found nothing; want %v", tt.msg, want)
			assert.Equal(t, want, got, "FindEnhanced(%q) = %v; want %v", tt.msg, got, want)

			r := status.Result{Code: status.Code(want.Class*100 + 50), Category: status.BE, Message: tt.msg}
			e, ok := r.Enhanced()
			assert.True(t, ok)
			assert.Equal(t, want, e, "Result.Enhanced")
		})
	}
}

func TestResultEnhancedClass(t *testing.T) {
	// Result.Enhanced prefers a code whose class agrees with the reply
	// code, and never takes class 2 for a failure.
	tests := []struct {
		name string
		code status.Code
		msg  string
		want string // "" for none
	}{
		{"success class on a failure", 552, "2.0.0 said the relay, then 5.2.2 mailbox full", "5.2.2"},
		{"only a success class on a failure", 550, "2.1.5 recipient ok", ""},
		{"agreeing class after the reply code", 452, "550 5.2.2 was the first try; 452 4.2.2 now", "4.2.2"},
		{"first code when no class agrees", 450, "5.7.1 blocked", "5.7.1"},
		{"delivered", 250, "2.0.0 Ok: queued", "2.0.0"},
		{"the service's codes take any class", 606, "4.4.7 expired", "4.4.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := status.Result{Code: tt.code, Category: status.BE, Message: tt.msg}
			got, ok := r.Enhanced()
			if tt.want == "" {
				assert.False(t, ok, "Enhanced() of %v = %v", r, got)
				return
			}
			want, err := status.ParseEnhanced(tt.want)
			require.NoError(t, err)
			assert.Equal(t, want, got, "Enhanced() of %v = %v; want %v", r, got, want)
		})
	}
}

func TestFindEnhancedIndex(t *testing.T) {
	// The index variants find what FindEnhanced and Result.Enhanced find,
	// and the span holds that code's text.
	for _, tt := range enhancedMessages {
		t.Run(tt.msg, func(t *testing.T) {
			want, wantOK := status.FindEnhanced(tt.msg)
			e, start, end, ok := status.FindEnhancedIndex(tt.msg)
			require.Equal(t, wantOK, ok, "FindEnhancedIndex(%q) ok", tt.msg)
			require.Equal(t, want, e, "FindEnhancedIndex(%q) = %v; want %v", tt.msg, e, want)
			if !ok {
				assert.Equal(t, [2]int{0, 0}, [2]int{start, end}, "FindEnhancedIndex(%q): span when none is found", tt.msg)
				return
			}
			assert.Equal(t, tt.want, tt.msg[start:end], "FindEnhancedIndex(%q) = %d, %d", tt.msg, start, end)

			for _, code := range []status.Code{550, 450, 250, 606} {
				r := status.Result{Code: code, Category: status.BE, Message: tt.msg}
				want, wantOK := r.Enhanced()
				e, start, end, ok := r.EnhancedIndex()
				require.Equal(t, wantOK, ok, "EnhancedIndex() of %v", r)
				require.Equal(t, want, e, "EnhancedIndex() of %v = %v; want %v", r, e, want)
				if ok {
					assert.Equal(t, want.String(), tt.msg[start:end], "EnhancedIndex() of %v = %d, %d", r, start, end)
				}
			}
		})
	}
}

func TestEnhancedIndexSpan(t *testing.T) {
	// Where the same digits stand twice, the span is that of the code the
	// rules chose, not of the first text that spells it.
	tests := []struct {
		name string
		line string
		want string // the message with the chosen code in brackets
	}{
		{"version before the reply code", "552 BE mx v5.2.2 says: 552 5.2.2 sorry", "mx v5.2.2 says: 552 [5.2.2] sorry"},
		{"address before the code", "550 BE 192.0.2.1 said: 550 5.1.1 unknown", "192.0.2.1 said: 550 [5.1.1] unknown"},
		{"registered code after a version", "550 BE v5.7.1 filter: status 5.7.1", "v5.7.1 filter: status [5.7.1]"},
		{"at the start", "550 BE 5.1.1 <a@example.jp>... (#5.1.1)", "[5.1.1] <a@example.jp>... (#5.1.1)"},
		{"class of the reply code", "552 BE 2.0.0 said the relay, then 5.2.2 mailbox full", "2.0.0 said the relay, then [5.2.2] mailbox full"},
		{"agreeing class later", "452 BE 550 5.2.2 was the first try; 452 4.2.2 now", "550 5.2.2 was the first try; 452 [4.2.2] now"},
		{"weak place, agreeing class", "450 BE status 5.7.1, then status 4.7.1", "status 5.7.1, then status [4.7.1]"},
		{"multi-byte text before", "550 BE 宛先のメールアドレスは存在しません (5.1.1)", "宛先のメールアドレスは存在しません ([5.1.1])"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := status.ParseLine(tt.line)
			require.NoError(t, err)
			want, _ := r.Enhanced()
			e, start, end, ok := r.EnhancedIndex()
			require.True(t, ok, "EnhancedIndex() of %q found nothing", tt.line)
			assert.Equal(t, want, e)
			got := r.Message[:start] + "[" + r.Message[start:end] + "]" + r.Message[end:]
			assert.Equal(t, tt.want, got, "EnhancedIndex() of %q = %v, %d, %d", tt.line, e, start, end)
		})
	}

	_, start, end, ok := status.FindEnhancedIndex("mx v5.2.2 says: 552 5.2.2 sorry")
	assert.True(t, ok)
	assert.Equal(t, [2]int{20, 25}, [2]int{start, end}, "FindEnhancedIndex")
}

func TestEnhancedIndexAllocations(t *testing.T) {
	r := status.Result{Code: 552, Category: status.BE, Message: "lmtp: Dovecot 2.3.16 said: 552 5.2.2 <a@example.jp> Quota exceeded"}
	allocs := testing.AllocsPerRun(100, func() {
		_, _, _, sinkOK = status.FindEnhancedIndex(r.Message)
		_, _, _, sinkOK = r.EnhancedIndex()
	})
	assert.Zero(t, allocs)
}

func TestEnhancedDescription(t *testing.T) {
	tests := []struct {
		e         status.Enhanced
		want, ref string
	}{
		{status.Enhanced{5, 1, 1}, "Bad destination mailbox address", "RFC 3463"},
		{status.Enhanced{4, 2, 2}, "Mailbox full", "RFC 3463"},
		{status.Enhanced{2, 0, 0}, "Other undefined Status", "RFC 3463"},
		{status.Enhanced{5, 1, 10}, "Recipient address has null MX", "RFC 7505"},
		{status.Enhanced{5, 7, 26}, "Multiple authentication checks failed", "RFC 7372"},
		{status.Enhanced{5, 7, 30}, "REQUIRETLS support required", "RFC 8689"},
		{status.Enhanced{5, 1, 99}, "Addressing Status", ""},
		{status.Enhanced{4, 7, 500}, "Security or Policy Status", ""},
		{status.Enhanced{5, 4, 14}, "Network and Routing Status", ""},
		{status.Enhanced{5, 9, 1}, "Permanent Failure", ""},
		{status.Enhanced{4, 8, 0}, "Persistent Transient Failure", ""},
		{status.Enhanced{2, 999, 9}, "Success", ""},
		{status.Enhanced{9, 9, 9}, "", ""},
		{status.Enhanced{3, 1, 1}, "", ""},
		{status.Enhanced{}, "", ""},
		{status.Enhanced{-1, -1, -1}, "", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.e.Description(), "%v.Description()", tt.e)
		assert.Equal(t, tt.ref, tt.e.Reference(), "%v.Reference()", tt.e)
	}

	// The registry lists 81 codes, X.0.0 to X.7.30, with no gaps in a
	// subject's details, each with its defining document.
	ref := regexp.MustCompile(`^(RFC [0-9]{4}|draft-[a-z-]+)$`)
	listed := 0
	for subject := range 10 {
		gap := false
		for detail := range 1000 {
			e := status.Enhanced{5, subject, detail}
			assert.NotEmpty(t, e.Description(), "%v", e)
			if e.Reference() == "" {
				gap = true
				continue
			}
			assert.False(t, gap, "%v is listed after a gap", e)
			assert.Regexp(t, ref, e.Reference(), "%v", e)
			listed++
		}
	}
	assert.Equal(t, 81, listed)
}

func TestEnhancedClass(t *testing.T) {
	for _, tt := range []struct {
		e                    status.Enhanced
		permanent, transient bool
	}{
		{status.Enhanced{5, 1, 1}, true, false},
		{status.Enhanced{4, 4, 1}, false, true},
		{status.Enhanced{2, 0, 0}, false, false},
	} {
		assert.Equal(t, tt.permanent, tt.e.Permanent(), "%v.Permanent()", tt.e)
		assert.Equal(t, tt.transient, tt.e.Transient(), "%v.Transient()", tt.e)
	}
}

// FuzzFindEnhanced checks that FindEnhanced never panics and only finds
// codes that ParseEnhanced accepts and that stand in the message, and that
// the index variants find the same code and give its span.
func FuzzFindEnhanced(f *testing.F) {
	for _, tt := range enhancedMessages {
		f.Add(tt.msg)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		// CutEnhanced takes what ParseEnhanced accepts, and only that.
		if c, rest, ok := status.CutEnhanced(msg); ok {
			text := msg[:len(msg)-len(rest)]
			if p, err := status.ParseEnhanced(text); err != nil || p != c || text != c.String() {
				t.Fatalf("CutEnhanced(%q) = %v, %q; ParseEnhanced(%q) = %v, %v", msg, c, rest, text, p, err)
			}
		} else if rest != msg || c != (status.Enhanced{}) {
			t.Fatalf("CutEnhanced(%q) = %v, %q, false", msg, c, rest)
		} else if _, err := status.ParseEnhanced(msg); err == nil {
			t.Fatalf("CutEnhanced(%q) found nothing; ParseEnhanced accepts it", msg)
		}

		e, ok := status.FindEnhanced(msg)
		ie, start, end, iok := status.FindEnhancedIndex(msg)
		if ie != e || iok != ok {
			t.Fatalf("FindEnhancedIndex(%q) = %v, %v; FindEnhanced: %v, %v", msg, ie, iok, e, ok)
		}
		for _, code := range []status.Code{250, 452, 550} {
			r := status.Result{Code: code, Message: msg}
			want, wantOK := r.Enhanced()
			got, from, to, gotOK := r.EnhancedIndex()
			if got != want || gotOK != wantOK || wantOK && msg[from:to] != want.String() || !wantOK && (from != 0 || to != 0) {
				t.Fatalf("Result{%d, %q}.EnhancedIndex() = %v, %d, %d, %v; Enhanced: %v, %v", code, msg, got, from, to, gotOK, want, wantOK)
			}
		}
		if !ok {
			if e != (status.Enhanced{}) || start != 0 || end != 0 {
				t.Fatalf("FindEnhancedIndex(%q) = %v, %d, %d, false", msg, e, start, end)
			}
			return
		}
		if msg[start:end] != e.String() {
			t.Fatalf("FindEnhancedIndex(%q) = %v, %d, %d: the span holds %q", msg, e, start, end, msg[start:end])
		}
		back, err := status.ParseEnhanced(e.String())
		if err != nil || back != e {
			t.Fatalf("FindEnhanced(%q) = %v, which ParseEnhanced(%q) reads as %v, %v", msg, e, e.String(), back, err)
		}
		if !strings.Contains(msg, e.String()) {
			t.Fatalf("FindEnhanced(%q) = %v, not in the message", msg, e)
		}
		if e.Description() == "" {
			t.Fatalf("%v.Description() is empty", e)
		}
	})
}

// benchResults are the results of the benchmark log, for the benchmarks
// of enhanced status codes.
var benchResults = func() []status.Result {
	var rs []status.Result
	for _, line := range benchlog.Lines(1000) {
		r, err := status.ParseLine(line)
		if err != nil {
			panic(err)
		}
		rs = append(rs, r)
	}
	return rs
}()

var sinkEnhanced status.Enhanced

// BenchmarkFindEnhanced finds the enhanced code of one message of the log
// per operation.
func BenchmarkFindEnhanced(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkEnhanced, sinkOK = status.FindEnhanced(benchResults[i].Message)
		if i++; i == len(benchResults) {
			i = 0
		}
	}
}

// BenchmarkBaselineFindEnhancedRegexp finds a code with a regular
// expression, which knows none of FindEnhanced's rules of place.
func BenchmarkBaselineFindEnhancedRegexp(b *testing.B) {
	re := regexp.MustCompile(`\b[245]\.[0-9]{1,3}\.[0-9]{1,3}\b`)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkOK = re.FindStringIndex(benchResults[i].Message) != nil
		if i++; i == len(benchResults) {
			i = 0
		}
	}
}
