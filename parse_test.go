package status_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
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

func TestResultJSON(t *testing.T) {
	// Every Result of the unit table reads back as it was, with the keys
	// mailstatus parse writes; message_bytes only where the message is not
	// UTF-8.
	for _, tt := range goodLines {
		t.Run(tt.name, func(t *testing.T) {
			js, err := json.Marshal(tt.want)
			require.NoError(t, err, "json.Marshal(%v)", tt.want)
			var back status.Result
			require.NoError(t, json.Unmarshal(js, &back), "%s", js)
			assert.Equal(t, tt.want, back, "json.Unmarshal(%s) = %v; want %v", js, back, tt.want)

			var keys map[string]any
			require.NoError(t, json.Unmarshal(js, &keys))
			want := map[string]any{"code": float64(tt.want.Code), "category": tt.want.Category.String(), "message": strings.ToValidUTF8(tt.want.Message, "\uFFFD")}
			if !utf8.ValidString(tt.want.Message) {
				want["message_bytes"] = base64.StdEncoding.EncodeToString([]byte(tt.want.Message))
				delete(keys, "message") // one U+FFFD a byte, not a run: checked below
				delete(want, "message")
			}
			assert.Equal(t, want, keys, "the keys of %s", js)
		})
	}

	r := status.Result{Code: 550, Category: status.BE, Message: "<a&b> \xff\xfe\xc3 x"}
	js, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `{"code":550,"category":"BE","message":"\u003ca\u0026b\u003e \ufffd\ufffd\ufffd x","message_bytes":"PGEmYj4g//7DIHg="}`, string(js))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(r))
	assert.Equal(t, `{"code":550,"category":"BE","message":"<a&b> \ufffd\ufffd\ufffd x","message_bytes":"PGEmYj4g//7DIHg="}`+"\n", buf.String(), "SetEscapeHTML(false) holds")

	for _, tt := range []struct {
		name, js string
		want     status.Result
		err      error // nil, or what the error wraps; errAny for any
	}{
		{"valid message_bytes", `{"code":250,"category":"-","message":"ok","message_bytes":"b2s="}`, status.Result{250, 0, "ok"}, nil},
		{"no message_bytes", `{"code":-502,"category":"LE","message":"Maybe forwarding"}`, status.Result{-502, status.LE, "Maybe forwarding"}, nil},
		{"en dash", `{"code":250,"category":"–","message":""}`, status.Result{250, 0, ""}, nil},
		{"LE/BE", `{"code":500,"category":"LE/BE","message":"x"}`, status.Result{500, status.LE | status.BE, "x"}, nil},
		{"message_bytes disagree", `{"code":550,"category":"BE","message":"abc","message_bytes":"//4="}`, status.Result{}, errAny},
		{"message for a run, not a byte", `{"code":550,"category":"BE","message":"\ufffd","message_bytes":"//4="}`, status.Result{}, errAny},
		{"bad category", `{"code":550,"category":"XE","message":"x"}`, status.Result{}, status.ErrCategory},
		{"code not a number", `{"code":"550","category":"BE","message":"x"}`, status.Result{}, errAny},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got status.Result
			err := json.Unmarshal([]byte(tt.js), &got)
			switch tt.err {
			case nil:
				require.NoError(t, err, "json.Unmarshal(%s)", tt.js)
				assert.Equal(t, tt.want, got, "json.Unmarshal(%s) = %v; want %v", tt.js, got, tt.want)
			case errAny:
				assert.Error(t, err, "json.Unmarshal(%s) = %v", tt.js, got)
				assert.True(t, strings.HasPrefix(err.Error(), "status: ") || strings.HasPrefix(err.Error(), "json: "), err.Error())
			default:
				assert.ErrorIs(t, err, tt.err, "json.Unmarshal(%s) = %v", tt.js, got)
			}
		})
	}

	// null leaves a Result as it is, as encoding/json does for values.
	got := status.Result{Code: 1}
	require.NoError(t, json.Unmarshal([]byte("null"), &got))
	assert.Equal(t, status.Result{Code: 1}, got)

	// A category outside the set does not marshal.
	_, err = json.Marshal(status.Result{Code: 550, Category: 4})
	assert.ErrorIs(t, err, status.ErrCategory)
}

// errAny stands for any error in the test tables.
var errAny = errors.New("any error")

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

// FuzzResultJSON checks that every Result, whatever the bytes of its
// message, reads back from its JSON as it was.
func FuzzResultJSON(f *testing.F) {
	for _, tt := range goodLines {
		f.Add(int64(tt.want.Code), uint8(tt.want.Category), tt.want.Message)
	}
	f.Fuzz(func(t *testing.T, code int64, cat uint8, msg string) {
		r := status.Result{Code: status.Code(code), Category: status.Category(cat % 4), Message: msg}
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("json.Marshal(%#v): %v", r, err)
		}
		var back status.Result
		if err := json.Unmarshal(js, &back); err != nil || back != r {
			t.Fatalf("json.Unmarshal(%s) = %#v, %v; want %#v", js, back, err, r)
		}
	})
}
