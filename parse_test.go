package status_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/benchlog"
)

// goodLines are lines ParseLine accepts, with what it makes of them.
var goodLines = []struct {
	name string
	line string
	want status.Result
}{
	{"user unknown", "550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown", status.Result{550, status.BE, "5.1.1 <taro@example.jp>: Recipient address rejected: User unknown"}},
	{"delivered", "250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz", status.Result{250, 0, "2.0.0 Ok: queued as 4Xk9Lq1Z2bz"}},
	{"en dash", "250 – ok", status.Result{250, 0, "ok"}},
	{"negative code", "-502 LE Maybe forwarding", status.Result{-502, status.LE, "Maybe forwarding"}},
	{"plus sign", "+550 BE x", status.Result{550, status.BE, "x"}},
	{"leading zero", "0550 BE x", status.Result{550, status.BE, "x"}},
	{"lower case", "550 be x", status.Result{550, status.BE, "x"}},
	{"mixed case LE", "601 lE x", status.Result{601, status.LE, "x"}},
	{"mixed case Le", "601 Le x", status.Result{601, status.LE, "x"}},
	{"japanese", "850 BE ユーザ側でドメイン拒否設定を行っています", status.Result{850, status.BE, "ユーザ側でドメイン拒否設定を行っています"}},
	{"no message", "643 BE", status.Result{643, status.BE, ""}},
	{"only blanks after category", "643 BE \t ", status.Result{643, status.BE, ""}},
	{"no category message", "250 -", status.Result{250, 0, ""}},
	{"blank runs and tabs", " \t 550\t\tBE  \t5.1.1  two  spaces\tand tab  ", status.Result{550, status.BE, "5.1.1  two  spaces\tand tab  "}},
	{"LF", "550 BE msg\n", status.Result{550, status.BE, "msg"}},
	{"CRLF", "550 BE msg\r\n", status.Result{550, status.BE, "msg"}},
	{"CR", "550 BE msg\r", status.Result{550, status.BE, "msg"}},
	{"CR inside", "550 BE a\rb", status.Result{550, status.BE, "a\rb"}},
	{"NUL", "550 BE a\x00b", status.Result{550, status.BE, "a\x00b"}},
	{"invalid UTF-8", "550 BE \xff\xfe\xc3", status.Result{550, status.BE, "\xff\xfe\xc3"}},
	{"Shift_JIS", "550 BE \x83\x65\x83\x58\x83\x67", status.Result{550, status.BE, "\x83\x65\x83\x58\x83\x67"}},
	{"category-like message", "550 BE LE BE -", status.Result{550, status.BE, "LE BE -"}},
	{"undocumented code", "421 BE 4.7.0 Try again later", status.Result{421, status.BE, "4.7.0 Try again later"}},
	{"undocumented 626", "626 LE x", status.Result{626, status.LE, "x"}},
	{"mismatched category", "550 LE x", status.Result{550, status.LE, "x"}},
	{"largest code", "9223372036854775807 BE x", status.Result{math.MaxInt, status.BE, "x"}},
	{"smallest code", "-9223372036854775808 LE x", status.Result{math.MinInt, status.LE, "x"}},
}

// badLines are lines ParseLine rejects, with the error and its column.
var badLines = []struct {
	name   string
	line   string
	err    error
	column int
}{
	{"empty", "", status.ErrCode, 1},
	{"blank", "  \t", status.ErrCode, 4},
	{"newline only", "\r\n", status.ErrCode, 1},
	{"letters", "abc BE x", status.ErrCode, 1},
	{"letter O", "55O BE x", status.ErrCode, 1},
	{"category glued to code", "550BE x", status.ErrCode, 1},
	{"sign alone", "- BE x", status.ErrCode, 1},
	{"plus alone", "+ BE", status.ErrCode, 1},
	{"two signs", "--5 BE x", status.ErrCode, 1},
	{"decimal", "5.5 BE x", status.ErrCode, 1},
	{"overflow", "9223372036854775808 BE x", status.ErrCode, 1},
	{"negative overflow", "-9223372036854775809 LE x", status.ErrCode, 1},
	{"overflow that wraps to 4", "18446744073709551620 BE x", status.ErrCode, 1},
	{"2^64", "18446744073709551616 BE x", status.ErrCode, 1},
	{"long number", "  99999999999999999999999999 BE x", status.ErrCode, 3},
	{"no-break space", "550\u00a0BE x", status.ErrCode, 1},
	{"missing category", "550", status.ErrCategory, 4},
	{"missing category after blank", "550 ", status.ErrCategory, 5},
	{"LE/BE", "550 LE/BE x", status.ErrCategory, 5},
	{"unknown category", "550 XE x", status.ErrCategory, 5},
	{"three letters", "550 BEE x", status.ErrCategory, 5},
	{"one letter", "550 B x", status.ErrCategory, 5},
	{"colon", "550 BE: x", status.ErrCategory, 5},
	{"em dash", "250 — x", status.ErrCategory, 5},
	{"full-width", "550 ＢＥ x", status.ErrCategory, 5},
	{"column after blanks", "  550 \t XX y", status.ErrCategory, 9},
}

func TestParseLine(t *testing.T) {
	for _, tt := range goodLines {
		t.Run(tt.name, func(t *testing.T) {
			got, err := status.ParseLine(tt.line)
			require.NoError(t, err, "ParseLine(%q)", tt.line)
			assert.Equal(t, tt.want, got, "ParseLine(%q) = %v; want %v", tt.line, got, tt.want)

			// The canonical form parses back to the same Result.
			back, err := status.ParseLine(got.String())
			require.NoError(t, err, "ParseLine(%q)", got.String())
			assert.Equal(t, got, back, "ParseLine(%q) = %v; want %v", got.String(), back, got)
		})
	}
}

func TestParseLineErrors(t *testing.T) {
	for _, tt := range badLines {
		t.Run(tt.name, func(t *testing.T) {
			got, err := status.ParseLine(tt.line)
			assert.Zero(t, got)
			require.ErrorIs(t, err, tt.err, "ParseLine(%q)", tt.line)
			var pe *status.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, 0, pe.Line)
			assert.Equal(t, tt.column, pe.Column, "ParseLine(%q): column", tt.line)
			assert.Equal(t, strings.TrimRight(tt.line, "\r\n"), pe.Text)
		})
	}
}

func TestResultString(t *testing.T) {
	tests := []struct {
		r    status.Result
		want string
	}{
		{status.Result{550, status.BE, "5.1.1 unknown"}, "550 BE 5.1.1 unknown"},
		{status.Result{250, 0, "ok"}, "250 - ok"},
		{status.Result{-3, status.LE, ""}, "-3 LE"},
		{status.Result{643, status.BE, "a  b\t"}, "643 BE a  b\t"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.r.String())
	}
}

func TestResultValidate(t *testing.T) {
	tests := []struct {
		line string
		want error // nil, ErrUnknownCode or ErrCategoryMismatch
	}{
		{"550 BE x", nil},
		{"250 - x", nil},
		{"-3 LE x", nil},
		{"500 LE x", nil},
		{"500 BE x", nil},
		{"850 BE x", nil},
		{"550 LE x", status.ErrCategoryMismatch},
		{"550 - x", status.ErrCategoryMismatch},
		{"250 BE x", status.ErrCategoryMismatch},
		{"250 LE x", status.ErrCategoryMismatch},
		{"500 - x", status.ErrCategoryMismatch},
		{"-3 BE x", status.ErrCategoryMismatch},
		{"421 BE x", status.ErrUnknownCode},
		{"626 LE x", status.ErrUnknownCode},
		{"0 - x", status.ErrUnknownCode},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			r, err := status.ParseLine(tt.line)
			require.NoError(t, err)
			err = r.Validate()
			if tt.want == nil {
				assert.NoError(t, err, "ParseLine(%q).Validate()", tt.line)
				return
			}
			assert.ErrorIs(t, err, tt.want, "ParseLine(%q).Validate()", tt.line)
			assert.Contains(t, err.Error(), r.Code.String(), "the error names the code")
			assert.True(t, strings.HasPrefix(err.Error(), "status: "), err.Error())

			_, known := r.Status()
			assert.Equal(t, tt.want != status.ErrUnknownCode, known, "Status() of %q", tt.line)
		})
	}
}

func TestResultLogValue(t *testing.T) {
	long := strings.Repeat("x", 501) + "ユーザ不明" // byte 512 is inside 不
	tests := []struct {
		name string
		r    status.Result
		want map[string]any // what a JSON handler writes for the group
	}{
		{"failure", status.Result{550, status.BE, "550 5.1.1 <taro@example.jp>: User unknown"}, map[string]any{
			"code": 550.0, "category": "BE", "enhanced": "5.1.1", "message": "550 5.1.1 <taro@example.jp>: User unknown",
		}},
		{"delivered", status.Result{250, 0, "2.0.0 Ok: queued as 4Xk9Lq1Z2bz"}, map[string]any{
			"code": 250.0, "category": "-", "enhanced": "2.0.0", "message": "2.0.0 Ok: queued as 4Xk9Lq1Z2bz",
		}},
		{"no enhanced code", status.Result{-502, status.LE, "Maybe forwarding"}, map[string]any{
			"code": -502.0, "category": "LE", "message": "Maybe forwarding",
		}},
		{"no message", status.Result{643, status.BE, ""}, map[string]any{
			"code": 643.0, "category": "BE",
		}},
		{"the reply code's class", status.Result{552, status.BE, "2.0.0 said the relay, then 5.2.2 mailbox full"}, map[string]any{
			"code": 552.0, "category": "BE", "enhanced": "5.2.2", "message": "2.0.0 said the relay, then 5.2.2 mailbox full",
		}},
		{"512 bytes kept whole", status.Result{550, status.BE, strings.Repeat("y", 512)}, map[string]any{
			"code": 550.0, "category": "BE", "message": strings.Repeat("y", 512),
		}},
		{"long message cut", status.Result{550, status.BE, long}, map[string]any{
			"code": 550.0, "category": "BE", "message": strings.Repeat("x", 501) + "ユーザ...",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "result", tt.r)
			var got struct{ Result map[string]any }
			require.NoError(t, json.Unmarshal(buf.Bytes(), &got), buf.String())
			assert.Equal(t, tt.want, got.Result, "the log of %v: %s", tt.r, buf.String())
		})
	}

	// The cut keeps whole characters and marks itself.
	v := status.Result{550, status.BE, long}.LogValue().Resolve()
	require.Equal(t, slog.KindGroup, v.Kind())
	msg := v.Group()[len(v.Group())-1]
	assert.Equal(t, "message", msg.Key)
	assert.True(t, utf8.ValidString(msg.Value.String()), "%q", msg.Value.String())
	assert.Equal(t, 510+len("..."), len(msg.Value.String()))
}

func TestParseErrorMessage(t *testing.T) {
	_, err := status.ParseLine("550 XE 5.1.1 <taro@example.jp>")
	assert.EqualError(t, err, `status: bad category at column 5: "550 XE 5.1.1 <taro@example.jp>"`)

	r := status.NewReader(strings.NewReader("250 - ok\n\n55x BE \xff\n"))
	_, err = r.Read()
	require.NoError(t, err)
	_, err = r.Read()
	assert.EqualError(t, err, `status: bad status code at line 3, column 1: "55x BE \xff"`)

	long := "1 " + strings.Repeat("あ", 100)
	_, err = status.ParseLine(long)
	require.ErrorIs(t, err, status.ErrCategory)
	msg := err.Error()
	assert.True(t, strings.HasSuffix(msg, `..."`) || strings.HasSuffix(msg, `"...`), msg)
	assert.Less(t, len(msg), 200, "the quote is cut: %s", msg)
	assert.NotContains(t, msg, `\x`, "the cut keeps whole characters")

	var pe *status.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, long, pe.Text, "Text keeps the whole line")
}

var sinkResult status.Result

// BenchmarkParseLine parses one line of the log per operation.
func BenchmarkParseLine(b *testing.B) {
	lines := benchlog.Lines(1000)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r, err := status.ParseLine(lines[i])
		if err != nil {
			b.Fatal(err)
		}
		sinkResult = r
		if i++; i == len(lines) { // not i%len(lines): a division costs as much as a short parse
			i = 0
		}
	}
}

// FuzzParseLine checks that ParseLine never panics, that its errors are
// ParseErrors that say something, and that what it parses round-trips.
func FuzzParseLine(f *testing.F) {
	for _, tt := range goodLines {
		f.Add(tt.line)
	}
	for _, tt := range badLines {
		f.Add(tt.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, err := status.ParseLine(line)
		if err != nil {
			var pe *status.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseLine(%q) error %T, want *ParseError", line, err)
			}
			if err.Error() == "" || pe.Err == nil || pe.Column < 1 {
				t.Fatalf("ParseLine(%q) = %#v", line, pe)
			}
			return
		}
		back, err := status.ParseLine(r.String())
		if err != nil || back != r {
			t.Fatalf("ParseLine(%q) = %#v, %v; want %#v", r.String(), back, err, r)
		}
		// The code is what strconv makes of the first field.
		first := strings.FieldsFunc(line, func(c rune) bool { return c == ' ' || c == '\t' })[0]
		if want, err := strconv.ParseInt(first, 10, 64); err != nil || status.Code(want) != r.Code {
			t.Fatalf("ParseLine(%q).Code = %d; strconv.ParseInt(%q) = %d, %v", line, r.Code, first, want, err)
		}
		_ = r.Validate()
		_, _ = r.Status()
	})
}

func TestConcurrentUse(t *testing.T) {
	// Lookup and ParseLine share no state; run under -race.
	lines := benchlog.Lines(500)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				line := lines[(g*131+i)%len(lines)]
				r, err := status.ParseLine(line)
				if !assert.NoError(t, err) {
					return
				}
				s, ok := status.Lookup(r.Code)
				if ok && s.Code != r.Code {
					t.Errorf("Lookup(%d) = %d", r.Code, s.Code)
					return
				}
				_ = r.Validate()
			}
		}()
	}
	wg.Wait()
}

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
			var e status.Enhanced
			assert.ErrorIs(t, e.UnmarshalText([]byte(text)), status.ErrEnhanced, "UnmarshalText(%q)", text)
		})
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
	for _, e := range []status.Enhanced{{}, {3, 1, 1}, {5, -1, 0}, {5, 1, 1000}} {
		_, err := e.MarshalText()
		assert.ErrorIs(t, err, status.ErrEnhanced, "%v.MarshalText()", e)
	}
	b, err := status.Enhanced{4, 2, 2}.AppendText([]byte("code "))
	require.NoError(t, err)
	assert.Equal(t, "code 4.2.2", string(b))
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
