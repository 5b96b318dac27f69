package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

// result is what one run of the tool did.
type result struct {
	code           int
	stdout, stderr string
}

// runTool runs the tool in-process with args and stdin.
func runTool(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// writeFile writes a file in a temporary directory, gzipped when its name
// ends in ".gz", and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	data := []byte(content)
	if strings.HasSuffix(name, ".gz") {
		var b bytes.Buffer
		z := gzip.NewWriter(&b)
		_, err := z.Write(data)
		require.NoError(t, err)
		require.NoError(t, z.Close())
		data = b.Bytes()
	}
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string // what stdout has
		err  string // what stderr has
	}{
		{"no command", nil, exitUsage, "", "Usage: mailstatus COMMAND"},
		{"unknown command", []string{"frob"}, exitUsage, "", `mailstatus: unknown command "frob"`},
		{"help", []string{"-h"}, exitOK, "Usage: mailstatus COMMAND", ""},
		{"lookup -h", []string{"lookup", "-h"}, exitOK, "Usage: mailstatus lookup", ""},
		{"list -h", []string{"list", "-h"}, exitOK, "Usage: mailstatus list", ""},
		{"parse -h", []string{"parse", "-h"}, exitOK, "Usage: mailstatus parse", ""},
		{"summary -h", []string{"summary", "-h"}, exitOK, "Usage: mailstatus summary", ""},
		{"unknown flag", []string{"parse", "-x"}, exitUsage, "", "flag provided but not defined: -x"},
		{"bad format", []string{"list", "-format", "xml"}, exitUsage, "", `invalid value "xml" for flag -format`},
		{"bad summary format", []string{"summary", "-format", "csv"}, exitUsage, "", `invalid value "csv" for flag -format`},
		{"bad lang", []string{"lookup", "-lang", "fr", "550"}, exitUsage, "", `invalid value "fr" for flag -lang`},
		{"list argument", []string{"list", "550"}, exitUsage, "", `unexpected argument "550"`},
		{"lookup nothing", []string{"lookup"}, exitUsage, "", "no code given"},
		{"help parse", []string{"help", "parse"}, exitOK, "Usage: mailstatus parse", ""},
		{"help summary", []string{"help", "summary"}, exitOK, "Usage: mailstatus summary", ""},
		{"help explain", []string{"help", "explain"}, exitOK, "Usage: mailstatus explain", ""},
		{"help", []string{"help"}, exitOK, "Usage: mailstatus COMMAND", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTool(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, "exit status; stderr: %s", r.stderr)
			if tt.out != "" {
				assert.Contains(t, r.stdout, tt.out)
			}
			if tt.err != "" {
				assert.Contains(t, r.stderr, tt.err)
			}
			if tt.code == exitUsage && len(tt.args) > 0 && tt.args[0] != "frob" {
				assert.Contains(t, r.stderr, "Usage: mailstatus "+tt.args[0], "usage on a usage error")
			}
		})
	}
}

func TestLookup(t *testing.T) {
	r := runTool(t, "", "lookup", "550", "-502")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	want := `code:         550
category:     BE
locus:        user
weight:       1
description:  Requested action not taken: mailbox unavailable
cause:        The recipient does not exist, or the recipient's side is set to refuse the mail.

code:         -502
category:     LE
locus:        system
weight:       0
description:  Maybe forwarding: delivery may have failed at the forwarding address
cause:        The address forwards its mail elsewhere, and delivery to the forwarding address may have failed.
`
	assert.Equal(t, want, r.stdout)

	r = runTool(t, "", "lookup", "-lang", "ja", "643")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "description:  RCPT応答待ち時に タイムアウト\n")
	assert.Contains(t, r.stdout, "cause:        サーバが高負荷またはシステム障害の可能性\n")

	r = runTool(t, "", "lookup", "601")
	assert.NotContains(t, r.stdout, "cause:", "no cause line where the catalog gives none")

	// An undocumented code is reported; the others still print.
	r = runTool(t, "", "lookup", "626", "552", "abc")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "mailstatus: code 626: not in the catalog\nmailstatus: code \"abc\": not a number\n", r.stderr)
	assert.Contains(t, r.stdout, "code:         552\n")
	assert.Contains(t, r.stdout, "weight:       0.1\n")
}

func TestLookupReply(t *testing.T) {
	// A standard SMTP reply code the catalog lacks has the RFC's text,
	// marked as not the service's, with exit status 0; the catalog's own
	// row stays the authority for the codes it lists.
	r := runTool(t, "", "lookup", "421", "530", "-lang", "ja", "550")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, `code:         421
note:         not in the service's catalog; the text of the RFC:
RFC 5321:     <domain> Service not available, closing transmission channel

code:         530
note:         not in the service's catalog; the texts of the RFCs:
RFC 3207:     Must issue a STARTTLS command first
RFC 4954:     Authentication required
`, r.stdout[:strings.Index(r.stdout, "\n\ncode:         550")+1])
	assert.Contains(t, r.stdout, "code:         550\ncategory:     BE\n")
	assert.NotContains(t, r.stdout[strings.Index(r.stdout, "code:         550"):], "RFC")

	for _, code := range []string{"450", "451", "452", "535", "432", "454", "521", "556", "220"} {
		r = runTool(t, "", "lookup", code)
		assert.Equal(t, exitOK, r.code, "%s: %s", code, r.stderr)
		assert.Contains(t, r.stdout, "not in the service's catalog", code)
		assert.Regexp(t, `(?m)^RFC \d+: +\S`, r.stdout, code)
	}
	r = runTool(t, "", "lookup", "599")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "mailstatus: code 599: not in the catalog\n", r.stderr)

	r = runTool(t, "", "explain", "535 BE 5.7.8 Error: authentication failed")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "code:         535 BE (not in the catalog; RFC 4954: Authentication credentials invalid)\n")
}

func TestList(t *testing.T) {
	var all []status.Status
	for s := range status.All() {
		all = append(all, s)
	}

	t.Run("table", func(t *testing.T) {
		r := runTool(t, "", "list")
		require.Equal(t, exitOK, r.code, r.stderr)
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		require.Len(t, lines, len(all)+1)
		assert.Regexp(t, `^CODE +CATEGORY +LOCUS +WEIGHT +DESCRIPTION +CAUSE$`, lines[0])
		for i, s := range all {
			f := strings.Fields(lines[i+1])
			assert.Equal(t, []string{s.Code.String(), s.Category.String(), s.Locus.String(), s.Weight.String()}, f[:4])
			assert.Contains(t, lines[i+1], s.Description)
			assert.Equal(t, strings.TrimRight(lines[i+1], " "), lines[i+1], "no trailing spaces")
		}
	})

	t.Run("json", func(t *testing.T) {
		for _, lang := range []string{"en", "ja"} {
			r := runTool(t, "", "list", "-format", "json", "-lang", lang)
			require.Equal(t, exitOK, r.code, r.stderr)
			var got []struct {
				Code        status.Code
				Category    status.Category
				Locus       status.Locus
				Weight      status.Weight
				Description string
				Cause       string
			}
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
			require.Len(t, got, len(all))
			for i, s := range all {
				description, cause := s.Description, s.Cause
				if lang == "ja" {
					description, cause = s.DescriptionJA, s.CauseJA
				}
				assert.Equal(t, s.Code, got[i].Code)
				assert.Equal(t, s.Category, got[i].Category)
				assert.Equal(t, s.Locus, got[i].Locus)
				assert.Equal(t, s.Weight, got[i].Weight)
				assert.Equal(t, description, got[i].Description)
				assert.Equal(t, cause, got[i].Cause)
			}
		}
		r := runTool(t, "", "list", "-format", "json")
		assert.Contains(t, r.stdout, `"weight": 0.1,`, "weights are JSON numbers")
	})

	t.Run("csv", func(t *testing.T) {
		r := runTool(t, "", "list", "-format", "csv", "-lang", "ja")
		require.Equal(t, exitOK, r.code, r.stderr)
		records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		require.NoError(t, err)
		require.Len(t, records, len(all)+1)
		assert.Equal(t, []string{"code", "category", "locus", "weight", "description", "cause"}, records[0])
		for i, s := range all {
			assert.Equal(t, []string{s.Code.String(), s.Category.String(), s.Locus.String(), s.Weight.String(), s.DescriptionJA, s.CauseJA}, records[i+1])
		}
	})
}

// parsed is a JSON Lines object of the parse command.
type parsed struct {
	File         string
	Line         int
	Code         status.Code
	Category     status.Category
	Message      string
	MessageBytes []byte `json:"message_bytes"`
	Charset      string
	Known        bool
	Locus        *status.Locus
	Weight       *status.Weight
	Description  string
	Cause        string
	Enhanced     string
	Reason       string
	Hard         bool
	Action       string
	Rule         string
	Evidence     string
	Unfair       bool
	Problem      string
}

func decodeLines(t *testing.T, out string) []parsed {
	t.Helper()
	var got []parsed
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var p parsed
		require.NoError(t, json.Unmarshal(sc.Bytes(), &p), "%s", sc.Text())
		got = append(got, p)
	}
	return got
}

func TestParse(t *testing.T) {
	input := "550 BE 5.1.1 <taro@example.jp>: User unknown\n" +
		"\n" +
		"421 BE 4.7.0 Try again later\n" +
		"55O BE broken\n" +
		"550 LE 5.1.1 mismatch\n" +
		"552 BE \xff\xfe Shift_JIS \x83\x65\x83\x58\x83\x67\n" +
		"250 - ok\n"
	path := writeFile(t, "day1.log", input)
	r := runTool(t, "", "parse", path)
	assert.Equal(t, exitFail, r.code, "a malformed line makes the exit status 1")
	assert.Equal(t, path+`:4:1: bad status code: "55O BE broken"`+"\n", r.stderr)

	got := decodeLines(t, r.stdout)
	require.Len(t, got, 5)
	user, none := status.User, status.NoLocus
	w1, w01, w0 := status.Weight(10), status.Weight(1), status.Weight(0)
	want := []parsed{
		{File: path, Line: 1, Code: 550, Category: status.BE, Message: "5.1.1 <taro@example.jp>: User unknown", Known: true, Locus: &user, Weight: &w1,
			Description: "Requested action not taken: mailbox unavailable", Cause: "The recipient does not exist, or the recipient's side is set to refuse the mail.", Enhanced: "5.1.1",
			Reason: "userunknown", Hard: true, Action: "suppress", Rule: "text:user-unknown", Evidence: "User unknown"},
		{File: path, Line: 3, Code: 421, Category: status.BE, Message: "4.7.0 Try again later", Enhanced: "4.7.0",
			Reason: "onhold", Action: "retry", Rule: "text:try-later", Evidence: "Try again later"},
		{File: path, Line: 5, Code: 550, Category: status.LE, Message: "5.1.1 mismatch", Known: true, Locus: &user, Weight: &w1,
			Description: "Requested action not taken: mailbox unavailable", Cause: "The recipient does not exist, or the recipient's side is set to refuse the mail.", Enhanced: "5.1.1", Problem: "category mismatch",
			Reason: "userunknown", Hard: true, Action: "suppress", Rule: "enhanced:X.1.1", Evidence: "5.1.1"},
		{File: path, Line: 6, Code: 552, Category: status.BE, Message: "\ufffd\ufffd Shift_JIS \ufffde\ufffdX\ufffdg", MessageBytes: []byte("\xff\xfe Shift_JIS \x83\x65\x83\x58\x83\x67"), Charset: "unknown",
			Known: true, Locus: &user, Weight: &w01, Description: "Requested mail action aborted: exceeded storage allocation",
			Cause:  "The receiving server or the user's mailbox is out of disk space, so the mail cannot be stored.",
			Reason: "mailboxfull", Action: "retry", Rule: "code:552"},
		{File: path, Line: 7, Code: 250, Category: 0, Message: "ok", Known: true, Locus: &none, Weight: &w0,
			Description: "Requested mail action okay, completed", Cause: "Delivered.",
			Reason: "delivered", Action: "none", Rule: "code:250"},
	}
	assert.Equal(t, want, got)

	// Raw JSON: weights are numbers, unknown codes have no catalog fields.
	lines := strings.Split(r.stdout, "\n")
	assert.Contains(t, lines[3], `"weight":0.1`)
	assert.NotContains(t, lines[1], `"locus"`)
	assert.Contains(t, lines[1], `"known":false`)
	assert.Contains(t, lines[0], `<taro@example.jp>`, "no HTML escaping")

	r = runTool(t, "", "parse", "-lang", "ja", path)
	got = decodeLines(t, r.stdout)
	assert.Equal(t, "Requested action not taken: mailbox unavailable メールボックスが利用できないため、要求された処理は実行不能", got[0].Description)
	assert.Equal(t, "宛先が存在しない、または相手側で受け取らない設定をしている。", got[0].Cause)
}

func TestParseFiles(t *testing.T) {
	a := writeFile(t, "a.log", "250 - ok\n643 BE timeout\n")
	b := writeFile(t, "b.log.gz", "\n850 BE 拒否\n")
	missing := filepath.Join(t.TempDir(), "missing.log")
	r := runTool(t, "601 LE refused\n", "parse", a, missing, b, "-")
	assert.Equal(t, exitFail, r.code, "a file that cannot be opened makes the exit status 1")
	assert.Contains(t, r.stderr, "mailstatus: "+missing+": open ")
	got := decodeLines(t, r.stdout)
	var where []string
	for _, p := range got {
		where = append(where, fmt.Sprintf("%s:%v:%d", p.File, p.Code, p.Line))
	}
	assert.Equal(t, []string{a + ":250:1", a + ":643:2", b + ":850:2", "-:601:1"}, where, "files in order, lines counted per file")
	assert.Equal(t, "拒否", got[2].Message, "gzip decompressed")

	r = runTool(t, "250 - ok\n", "parse")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Len(t, decodeLines(t, r.stdout), 1, "standard input without a file name")

	bad := filepath.Join(t.TempDir(), "bad.gz")
	require.NoError(t, os.WriteFile(bad, []byte("not gzip at all"), 0o644))
	r = runTool(t, "", "parse", bad, a)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "mailstatus: "+bad+": not in gzip format: it does not start as gzip data does")
	assert.Len(t, decodeLines(t, r.stdout), 2, "the next file is still read")
}

func TestSummary(t *testing.T) {
	// A hand-made log whose counts are known.
	day1 := strings.Join([]string{
		"250 - ok", "250 - ok", "250 - ok", "250 - ok",
		"550 BE 5.1.1 unknown", "550 BE 5.1.1 unknown", // user, 1 each
		"552 BE 5.2.2 full", // user, 0.1
		"643 LE timeout",    // system, 0
		"801 BE disabled",   // user, 0.5
		"421 BE 4.7.0 later",
		"55O BE broken",
		"",
		"550 LE mismatch", // user, 1, category mismatch
	}, "\n") + "\n"
	day2 := "-502 LE forwarding\n421 BE again\nbroken too\n250 - ok\n"
	a := writeFile(t, "day1.log", day1)
	b := writeFile(t, "day2.log.gz", day2)

	r := runTool(t, "", "summary", "-format", "json", a, b)
	require.Equal(t, exitOK, r.code, r.stderr)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s), r.stdout)

	tt := s.Totals
	assert.Equal(t, 17, tt.Lines)
	assert.Equal(t, 14, tt.Results)
	assert.Equal(t, 5, tt.Delivered)
	assert.Equal(t, 9, tt.Failures)
	assert.Equal(t, 3, tt.ByCategory.LE)
	assert.Equal(t, 6, tt.ByCategory.BE)
	assert.Equal(t, 0, tt.ByCategory.None)
	assert.Equal(t, 2, tt.ByLocus.System) // 643, -502
	assert.Equal(t, 5, tt.ByLocus.User)   // 550 ×3, 552, 801
	assert.Equal(t, 2, tt.ByLocus.Unknown)
	assert.Equal(t, 1, tt.CategoryMismatches)
	assert.Equal(t, 2, tt.Malformed)
	assert.Equal(t, []string{a + ":11", b + ":3"}, tt.MalformedAt)
	assert.Equal(t, "3.6", tt.ErrorCount.String(), "1+1+0.1+0.5+1")
	require.Len(t, tt.Undocumented, 1)
	assert.Equal(t, status.Code(421), tt.Undocumented[0].Code)
	assert.Equal(t, 2, tt.Undocumented[0].Count)

	var order []string
	for _, cc := range s.Codes {
		order = append(order, fmt.Sprintf("%v×%d", cc.Code, cc.Count))
	}
	assert.Equal(t, []string{"250×5", "550×3", "421×2", "-502×1", "552×1", "643×1", "801×1"}, order, "by count, then code")
	assert.InDelta(t, 5.0/14, s.Codes[0].Share, 1e-9)
	assert.Equal(t, status.LE|status.BE, s.Codes[1].Category, "550 came as BE and as LE")
	assert.False(t, s.Codes[2].Known)

	r = runTool(t, "", "summary", a, b)
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, want := range []string{
		"CODE  COUNT  SHARE  CATEGORY  DESCRIPTION\n",
		" 250      5  35.7%  -         Requested mail action okay, completed\n",
		" 421      2  14.3%  BE        (not in the catalog; RFC 5321: <domain> Service not available, closing transmission channel)\n",
		"lines read                 17\n",
		"delivered (250)            5\n",
		"undocumented codes         421 (2)\n",
		"malformed lines            2 (" + a + ":11, " + b + ":3)\n",
		"error count sum            3.6\n",
	} {
		assert.Contains(t, r.stdout, want)
	}

	r = runTool(t, "", "summary", filepath.Join(t.TempDir(), "nope.log"))
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "nope.log: open ")
}

func TestSummaryEmpty(t *testing.T) {
	r := runTool(t, "\n\n", "summary", "-format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"codes": [],`)
	assert.Contains(t, r.stdout, `"undocumented": [],`)
	assert.Contains(t, r.stdout, `"malformed_at": [],`)
	assert.Contains(t, r.stdout, `"lines": 2,`)

	r = runTool(t, "", "summary")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "results                    0\n")
}

func TestSummaryManyMalformed(t *testing.T) {
	r := runTool(t, strings.Repeat("bad\n", 7)+"250 - ok\n", "summary")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "malformed lines            7 (-:1, -:2, -:3, -:4, -:5, ...)\n")
}

// TestREADMESummary checks that README.md shows what the summary of the
// sample log prints.
func TestREADMESummary(t *testing.T) {
	t.Chdir("../..")
	r := runTool(t, "", "summary", "testdata/results.log")
	require.Equal(t, exitOK, r.code, r.stderr)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	const begin = "$ go run ./cmd/mailstatus summary testdata/results.log\n"
	text := string(readme)
	i := strings.Index(text, begin)
	require.GreaterOrEqual(t, i, 0, "README.md does not show the summary")
	text = text[i+len(begin):]
	j := strings.Index(text, "```")
	require.GreaterOrEqual(t, j, 0)
	assert.Equal(t, r.stdout, text[:j], "README.md's summary is stale")
}

func TestSampleLog(t *testing.T) {
	// The sample log has what the README promises.
	r := runTool(t, "", "summary", "-format", "json", "../../testdata/results.log")
	require.Equal(t, exitOK, r.code, r.stderr)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	assert.Equal(t, 2, s.Totals.Malformed)
	assert.Greater(t, s.Totals.Lines, 200)
	assert.Greater(t, s.Totals.Delivered, s.Totals.Results/2)
	codes := map[status.Code]bool{}
	for _, cc := range s.Codes {
		codes[cc.Code] = true
	}
	assert.True(t, codes[421], "an undocumented code")
	assert.True(t, slices.ContainsFunc(s.Codes, func(cc codeCount) bool { return cc.Code < 0 }), "a negative code")
	assert.True(t, slices.ContainsFunc(s.Codes, func(cc codeCount) bool { return cc.Code >= 640 && cc.Code < 690 }), "a timeout")
}

func TestProgress(t *testing.T) {
	clock := time.Unix(0, 0)
	var out bytes.Buffer
	p := &progress{w: &out, r: iotestChunks(strings.Repeat("x", 1000), 100), name: "big.log", size: 1000, min: 500,
		now: func() time.Time { clock = clock.Add(100 * time.Millisecond); return clock }}
	n, err := io.Copy(io.Discard, p)
	require.NoError(t, err)
	assert.Equal(t, int64(1000), n)
	p.erase()
	shown := strings.Count(out.String(), "mailstatus: reading big.log:")
	// Reads 1 to 10 take 100 ms each; shown at most every 250 ms, and
	// from the start since the size is over the minimum.
	assert.Equal(t, 4, shown, "%q", out.String())
	assert.Contains(t, out.String(), "(100%)")
	assert.True(t, strings.HasSuffix(out.String(), "\r\x1b[K"), "erased at the end")

	// Small input: nothing.
	out.Reset()
	p = &progress{w: &out, r: strings.NewReader("250 - ok\n"), name: "small.log", size: 9, min: 500, now: time.Now}
	_, err = io.Copy(io.Discard, p)
	require.NoError(t, err)
	p.erase()
	assert.Empty(t, out.String())

	// Unknown size: shown once the minimum has been read.
	out.Reset()
	p = &progress{w: &out, r: iotestChunks(strings.Repeat("x", 1000), 100), name: "-", size: -1, min: 500,
		now: func() time.Time { clock = clock.Add(time.Second); return clock }}
	_, err = io.Copy(io.Discard, p)
	require.NoError(t, err)
	assert.Equal(t, 6, strings.Count(out.String(), "mailstatus: reading -:"), "reads 6 to 10, and the one at the end")
	assert.NotContains(t, out.String(), "%")
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	path := writeFile(t, "a.log", "250 - ok\n")
	var stdout, stderr bytes.Buffer
	c := newCLI(strings.NewReader(""), &stdout, &stderr)
	c.progress = true
	assert.Equal(t, exitOK, c.run([]string{"summary", path}))
	assert.Contains(t, stderr.String(), "mailstatus: reading "+path)
	assert.True(t, strings.HasSuffix(stderr.String(), "\r\x1b[K"))

	// run decides by stderr: a buffer or a file is not a terminal.
	r := runTool(t, "", "summary", path)
	assert.Empty(t, r.stderr)
	assert.False(t, isTerminal(&stderr))
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f))
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "メール": 6, "DNS Error 1": 11, "アドレスループ (127.0.0.1)": 26, "ＡＢ": 4, "\xff": 1} {
		assert.Equal(t, want, displayWidth(s), "displayWidth(%q)", s)
	}
	var b bytes.Buffer
	tb := newTable(&b)
	tb.row("a", "メール", "x")
	tb.row("bb", "c", "")
	require.NoError(t, tb.flush())
	assert.Equal(t, "a   メール  x\nbb  c\n", b.String())
}

// iotestChunks reads s n bytes at a time.
func iotestChunks(s string, n int) io.Reader {
	return &chunkReader{s: s, n: n}
}

type chunkReader struct {
	s string
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.s)
	r.s = r.s[k:]
	return k, nil
}

func TestLookupArguments(t *testing.T) {
	// Codes are looked up in the order given, flags may stand among them,
	// and "-" with digits is a code.
	r := runTool(t, "", "lookup", "552", "abc", "550")
	assert.Equal(t, exitFail, r.code)
	assert.Less(t, strings.Index(r.stdout, "code:         552"), strings.Index(r.stdout, "code:         550"), "in order:\n%s", r.stdout)
	assert.Equal(t, "mailstatus: code \"abc\": not a number\n", r.stderr)

	r = runTool(t, "", "lookup", "abc", "-lang", "ja", "550")
	assert.Contains(t, r.stdout, "宛先が存在しない", "-lang after a code")

	r = runTool(t, "", "lookup", "-lang=ja", "-502", "-3")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Less(t, strings.Index(r.stdout, "code:         -502"), strings.Index(r.stdout, "code:         -3"))

	for _, arg := range []string{"-99999999999999999999", "99999999999999999999"} {
		r = runTool(t, "", "lookup", arg)
		assert.Equal(t, exitFail, r.code)
		assert.Equal(t, fmt.Sprintf("mailstatus: code %q: out of range\n", arg), r.stderr)
	}
	r = runTool(t, "", "lookup", "550", "-x")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "flag provided but not defined: -x")
}

// failingWriter fails every write and counts the calls.
type failingWriter struct{ writes int }

func (w *failingWriter) Write([]byte) (int, error) {
	w.writes++
	return 0, errors.New("no space left on device")
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.n += n
	return n, err
}

func TestWriteErrors(t *testing.T) {
	// A write error stops the tool at once and is reported once, without
	// an input file's name, with exit status 1.
	a := writeFile(t, "a.log", strings.Repeat("550 BE 5.1.1 <taro@example.jp>: User unknown\n", 5000))
	b := writeFile(t, "b.log", "250 - ok\n")
	for _, args := range [][]string{
		{"lookup", "550"},
		{"lookup", "550", "552"},
		{"-h"},
		{"help", "parse"},
		{"lookup", "-h"},
		{"list"},
		{"list", "-format", "json"},
		{"list", "-format", "csv"},
		{"parse", a, b},
		{"summary", a, b},
		{"summary", "-format", "json", a},
		{"explain", "550 BE 5.1.1 User unknown"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			w := &failingWriter{}
			code := run(args, strings.NewReader(""), w, &stderr)
			assert.Equal(t, exitFail, code)
			assert.Equal(t, "mailstatus: write error: no space left on device\n", stderr.String())
			assert.Equal(t, 1, w.writes, "no write after the first error")
		})
	}

	// parse stops reading too.
	big := strings.Repeat("550 BE 5.1.1 <taro@example.jp>: User unknown\n", 100000)
	in := &countingReader{r: strings.NewReader(big)}
	var stderr bytes.Buffer
	assert.Equal(t, exitFail, run([]string{"parse", "-", "-"}, in, &failingWriter{}, &stderr))
	assert.Less(t, in.n, len(big)/4, "read %d of %d bytes after the write error", in.n, len(big))
	assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "%s", stderr.String())

	// The real thing, where the system has it.
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	stderr.Reset()
	assert.Equal(t, exitFail, run([]string{"lookup", "550"}, strings.NewReader(""), full, &stderr))
	assert.Contains(t, stderr.String(), "mailstatus: write error: ")
}

// gzipped compresses s.
func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	_, err := z.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, z.Close())
	return b.Bytes()
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	member := gzipped(t, "250 - ok\n")
	tests := []struct {
		name    string
		data    []byte
		code    int
		results int
		stderr  string
	}{
		{"empty", nil, exitFail, 0, "not in gzip format: the file is empty"},
		{"cut in the header", member[:5], exitFail, 0, "not in gzip format: the file ends within the gzip header"},
		{"two members", append(gzipped(t, "250 - ok\n"), member...), exitOK, 2, ""},
		{"zero padding", append(gzipped(t, "250 - ok\n"), make([]byte, 100)...), exitOK, 1, "decompression OK, trailing zero bytes ignored"},
		{"trailing garbage", append(gzipped(t, "250 - ok\n"), "garbage"...), exitOK, 1, "decompression OK, trailing garbage ignored"},
		{"a member, then garbage", append(append(gzipped(t, "250 - ok\n"), member...), 0, 1, 2), exitOK, 2, "decompression OK, trailing garbage ignored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".log.gz")
			require.NoError(t, os.WriteFile(path, tt.data, 0o644))
			r := runTool(t, "", "parse", path)
			assert.Equal(t, tt.code, r.code, r.stderr)
			assert.Len(t, decodeLines(t, r.stdout), tt.results)
			if tt.stderr == "" {
				assert.Empty(t, r.stderr)
			} else {
				assert.Equal(t, 1, strings.Count(r.stderr, "\n"), r.stderr)
				assert.Contains(t, r.stderr, "mailstatus: "+path+": "+tt.stderr)
			}
		})
	}
}

func TestProgressErasedBeforeMessages(t *testing.T) {
	// On a terminal, a message about a malformed line starts on a clean
	// line: the progress line is erased first.
	path := writeFile(t, "a.log", strings.Repeat("250 - ok\n", 1000)+"55O BE broken\n")
	var stdout, stderr bytes.Buffer
	c := newCLI(strings.NewReader(""), &stdout, &stderr)
	c.progress = true
	assert.Equal(t, exitFail, c.run([]string{"parse", path}))
	msg := path + `:1001:1: bad status code: "55O BE broken"`
	i := strings.Index(stderr.String(), msg)
	require.Positive(t, i, "%q", stderr.String())
	assert.True(t, strings.HasSuffix(stderr.String()[:i], "\r\x1b[K"), "erased before the message: %q", stderr.String())
}

func TestIsTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	assert.False(t, isTerminal(null), "2>/dev/null is a character device, not a terminal")
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	defer pty.Close()
	assert.True(t, isTerminal(pty), "a pseudo-terminal")
}

func TestSummaryManyUndocumentedCodes(t *testing.T) {
	// A log whose first field is an id per line: memory stays bounded, and
	// every result is still counted.
	const n = 20000
	n2 := newCounter(nil)
	for i := range n {
		n2.add(status.Result{Code: status.Code(100000 + i), Category: status.BE})
		n2.add(status.Result{Code: 550, Category: status.BE})
	}
	assert.Equal(t, maxUndocumented+1, len(n2.codes), "the first undocumented codes and 550")
	s := n2.summary()
	assert.Equal(t, 2*n, s.Totals.Results)
	assert.Len(t, s.Totals.Undocumented, maxUndocumented)
	assert.Equal(t, n-maxUndocumented, s.Totals.UndocumentedOther)
	assert.Equal(t, n, s.Totals.ByLocus.Unknown)

	var b bytes.Buffer
	require.NoError(t, writeSummary(&b, s))
	for line := range strings.Lines(b.String()) {
		assert.Less(t, len(line), 300, "no endless line: %.100q", line)
	}
	assert.Contains(t, b.String(), fmt.Sprintf("%d results with further codes (after the first %d codes)", n-maxUndocumented, maxUndocumented))
}

// describeJSON is what parse wrote with encoding/json before it wrote JSON
// by hand: the reference appendResult must match byte for byte.
func describeJSON(t *testing.T, file string, rec results.Record, lang string) string {
	res := rec.Result
	p := parsedLine{File: file, Line: rec.Line, To: rec.To, From: rec.From, Key: rec.Key, ID: rec.ID,
		Code: res.Code, Category: res.Category, Message: res.Message}
	if !rec.Sent.IsZero() {
		p.Sent = &rec.Sent
	}
	if !utf8.ValidString(res.Message) {
		p.MessageBytes = []byte(res.Message)
	}
	if cs := res.Charset(); cs != status.UTF8 {
		p.Charset = cs.String()
	}
	if s, ok := res.Status(); ok {
		p.Known = true
		p.Locus, p.Weight = &s.Locus, &s.Weight
		p.Description, p.Cause = texts(s, lang)
		if res.Validate() != nil {
			p.Problem = "category mismatch"
		}
	}
	if e, ok := res.Enhanced(); ok {
		p.Enhanced = e.String()
	}
	v := bounce.Classify(res)
	p.Reason, p.Hard, p.Action, p.Rule = v.Reason, v.Hard, v.Action, v.Evidence.Rule
	p.Evidence = res.Message[v.Evidence.Start:v.Evidence.End]
	p.Unfair = bounce.Unfair(res, v)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(p))
	return b.String()
}

var jsonMessages = []string{
	"", "ok", "5.7.1 blocked using zen.example.org", "User unknown \xff", "Mailbox full\u2028", "5.1.1 <taro@example.jp>: User unknown & more", "quote \" and backslash \\",
	"tab\there", "nul \x00 bell \x07 esc \x1b del \x7f", "\xff\xfe Shift_JIS \x83\x65", "宛先不明です",
	"line\u2028separator\u2029", "backspace \b form feed \f", "\xed\xa0\x80 surrogate", "cut \xe3\x81", "\r\n inside",
}

func TestAppendResultMatchesEncodingJSON(t *testing.T) {
	sent := time.Date(2024, 3, 4, 9, 15, 0, 0, time.FixedZone("JST", 9*60*60))
	for i, msg := range jsonMessages {
		for _, code := range []status.Code{550, 250, 626, -502} {
			for _, lang := range []string{"en", "ja"} {
				rec := results.Record{Result: status.Result{Code: code, Category: status.LE, Message: msg}, Line: 7}
				if code == 550 { // a record of a document, with an address in the message's place
					rec.To, rec.From, rec.Sent, rec.Key, rec.ID = msg+"@example.jp", "<info@example.com>", sent, jsonMessages[(i+1)%len(jsonMessages)], "e-"+msg
				}
				got := string(appendResult(nil, "dir/a \"b\".log", &rec, catalogJSON(lang), bounce.Classify(rec.Result)))
				want := describeJSON(t, "dir/a \"b\".log", rec, lang)
				if got != want {
					t.Fatalf("appendResult(%q) =\n%s; want\n%s", msg, got, want)
				}
				var back parsedLine
				require.NoError(t, json.Unmarshal([]byte(got), &back))
				exact := back.Message
				if back.MessageBytes != nil {
					exact = string(back.MessageBytes)
				}
				if exact != msg {
					t.Fatalf("message %q came back as %q", msg, exact)
				}
			}
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, msg := range jsonMessages {
		f.Add(msg)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.ReplaceAll(want, []byte(`\u003c`), []byte("<"))
		want = bytes.ReplaceAll(want, []byte(`\u003e`), []byte(">"))
		want = bytes.ReplaceAll(want, []byte(`\u0026`), []byte("&"))
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s; want %s", s, got, want)
		}
	})
}

func TestRulesFlag(t *testing.T) {
	rules := writeFile(t, "rules.json", `[{"name": "acme-quota", "reason": "mailboxfull", "contains": ["box is stuffed"]}]`)
	log := writeFile(t, "a.log", "552 BE sorry, the box is stuffed\n550 BE 5.1.1 User unknown\n")
	r := runTool(t, "", "parse", "-rules", rules, log)
	require.Equal(t, exitOK, r.code, r.stderr)
	got := decodeLines(t, r.stdout)
	require.Len(t, got, 2)
	assert.Equal(t, "acme-quota", got[0].Rule)
	assert.Equal(t, "box is stuffed", got[0].Evidence)
	assert.Equal(t, "mailboxfull", got[0].Reason)
	assert.Equal(t, "text:user-unknown", got[1].Rule)

	r = runTool(t, "", "summary", "-format", "json", "-rules", rules, log)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"reason": "mailboxfull"`)

	r = runTool(t, "", "explain", "-rules", rules, "552 BE the box is stuffed")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `decided by:   your rule "acme-quota"`)

	// A bad rules file is a usage error naming the rule.
	bad := writeFile(t, "bad.json", `[{"name": "ok", "reason": "blocked", "codes": [554]}, {"name": "typo", "reason": "mailboxful", "codes": [552]}]`)
	for _, cmd := range []string{"parse", "summary", "explain"} {
		r = runTool(t, "", cmd, "-rules", bad, log)
		assert.Equal(t, exitUsage, r.code, cmd)
		assert.Equal(t, "mailstatus: "+bad+`: bounce: rules[1] "typo": unknown reason "mailboxful"`+"\n", r.stderr, cmd)
		assert.Empty(t, r.stdout, cmd)
	}
	r = runTool(t, "", "parse", "-rules", filepath.Join(t.TempDir(), "missing.json"), log)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "no such file")
}

func TestSummaryReasons(t *testing.T) {
	log := strings.Join([]string{
		"250 - ok", "250 - ok",
		"550 BE 5.1.1 <taro@example.jp>: User unknown",
		"550 BE 5.7.1 Client host [192.0.2.1] blocked using zen.example.org", // 1 against the address, unfairly
		"554 BE 5.7.1 Message rejected as spam",                              // 1, unfairly
		"552 BE 5.2.2 Mailbox full",                                          // 0.1, fairly
		"610 LE timed out",
	}, "\n")
	r := runTool(t, log, "summary", "-format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	counts := map[bounce.Reason]int{}
	for _, rc := range s.Reasons {
		counts[rc.Reason] = rc.Count
		assert.Equal(t, rc.Reason.Action(), rc.Action)
	}
	assert.Equal(t, map[bounce.Reason]int{bounce.Delivered: 2, bounce.UserUnknown: 1, bounce.Blocked: 1,
		bounce.SpamDetected: 1, bounce.MailboxFull: 1, bounce.NetworkError: 1}, counts)
	assert.Equal(t, bounce.Delivered, s.Reasons[0].Reason, "most first")
	assert.Equal(t, status.Weight(31), s.Totals.ErrorCount)
	assert.Equal(t, status.Weight(20), s.Totals.UnfairErrorCount)

	r = runTool(t, log, "summary")
	assert.Contains(t, r.stdout, "REASON        COUNT  SHARE  ACTION      DECIDED MOST BY\n")
	assert.Contains(t, r.stdout, "  on fix-sender            2 (the addresses are not at fault)\n")
}

func TestExplain(t *testing.T) {
	r := runTool(t, "", "explain", "550 BE 5.7.1 Client host [192.0.2.1] blocked using zen.example.org")
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, want := range []string{
		"code:         550 BE (the catalog: BE, user, weight 1)\n",
		"enhanced:     5.7.1 Delivery not authorized, message refused\n",
		"reason:       blocked\n",
		"action:       fix-sender\n",
		"decided by:   text:blocklisted\n",
		"note:         the service counts 1 against the address, but the address is not at fault\n",
		"message:      5.7.1 Client host [192.0.2.1] [[blocked using]] zen.example.org\n",
	} {
		assert.Contains(t, r.stdout, want)
	}

	// Standard input, Japanese, a hard bounce, a malformed line, and
	// control bytes that must not reach a terminal as they are.
	r = runTool(t, "550 BE 5.1.1 User unknown\x1b[2J\n\n55O BE broken\n626 BE ?\n", "explain", "-lang", "ja")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, `-:3:1: bad status code: "55O BE broken"`+"\n", r.stderr)
	assert.Contains(t, r.stdout, "cause:        宛先が存在しない、または相手側で受け取らない設定をしている。\n")
	assert.Contains(t, r.stdout, "reason:       userunknown (a hard bounce)\n")
	assert.Contains(t, r.stdout, `message:      5.1.1 [[User unknown]]\x1b[2J`+"\n")
	assert.NotContains(t, r.stdout, "\x1b")
	assert.Contains(t, r.stdout, "code:         626 BE (not in the catalog)\n")
	assert.Contains(t, r.stdout, "decided by:   nothing: no rule knows this result\n")
	assert.Equal(t, 2, strings.Count(r.stdout, "line:"), "blank and malformed lines are skipped")

	// A message in EUC-JP (メールボックスの容量): its encoding is said.
	r = runTool(t, "", "explain", "552 BE \xa5\xe1\xa1\xbc\xa5\xeb\xa5\xdc\xa5\xc3\xa5\xaf\xa5\xb9\xa4\xce\xcd\xc6\xce\xcc")
	assert.Contains(t, r.stdout, "charset:      EUC-JP (the message is shown as UTF-8 shows its bytes)\n")
	assert.Contains(t, r.stdout, "decided by:   text:mailbox-full\n")
	r = runTool(t, "", "explain", "550 BE 5.1.1 User unknown")
	assert.NotContains(t, r.stdout, "charset:")
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "宛先不明": "宛先不明", "a\x1b[31mb": `a\x1b[31mb`, "\xff\xfe": `\xff\xfe`,
		"tab\there": `tab\there`, "\u2028": `\u2028`,
	} {
		assert.Equal(t, want, printable(in), "printable(%q)", in)
	}
}

func TestSummaryActionOfTheVerdict(t *testing.T) {
	// A rule of -rules that gives a reason another action: the ACTION
	// column says what the verdicts say, with a row for each action of one
	// reason, consistent with the error count "on fix-sender".
	rules := writeFile(t, "rules.json", `[{"name":"x","reason":"blocked","action":"retry","codes":[554]}]`)
	log := strings.Join([]string{
		"554 BE 5.7.1 Service unavailable",
		"554 BE 5.7.1 Service unavailable",
		"550 BE 5.7.1 Client host [192.0.2.1] blocked using zen.example.org",
		"250 - ok",
	}, "\n")
	r := runTool(t, log, "summary", "-format", "json", "-rules", rules)
	require.Equal(t, exitOK, r.code, r.stderr)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	var rows []string
	for _, rc := range s.Reasons {
		rows = append(rows, fmt.Sprintf("%v %v %d", rc.Reason, rc.Action, rc.Count))
	}
	assert.Equal(t, []string{"blocked retry 2", "blocked fix-sender 1", "delivered none 1"}, rows)
	assert.Equal(t, status.Weight(10), s.Totals.UnfairErrorCount, "the 550 alone")

	r = runTool(t, log, "summary", "-rules", rules)
	require.Equal(t, exitOK, r.code, r.stderr)
	res, err := status.ParseLine("550 BE 5.7.1 Client host [192.0.2.1] blocked using zen.example.org")
	require.NoError(t, err)
	blocklisted := bounce.Classify(res).Evidence.Rule
	assert.Regexp(t, `(?m)^REASON +COUNT +SHARE +ACTION +DECIDED MOST BY\n`+
		`blocked +2 +50\.0% +retry +x \(2\)\n`+
		`blocked +1 +25\.0% +fix-sender +`+regexp.QuoteMeta(blocklisted)+` \(1\)\n`+
		`delivered +1 +25\.0% +none +code:250 \(1\)\n`, r.stdout)

	// Only the rule's results: nothing calls for fix-sender.
	r = runTool(t, "554 BE 5.7.1 Service unavailable\n", "summary", "-rules", rules)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "blocked      1  100.0%  retry   x (1)\n")
	assert.NotContains(t, r.stdout, "fix-sender\n")
}

func TestExplainInput(t *testing.T) {
	// explain reads standard input as parse does, and reports what it
	// cannot use in the same words.
	long := "550 BE " + strings.Repeat("x", 2<<20)
	tests := []struct {
		name, input string
		explained   int // how many results explain explains
	}{
		{"byte order mark", "\ufeff550 BE 5.1.1 User unknown\n", 1},
		{"a line over 1 MiB", "250 - ok\n" + long + "\n552 BE 5.2.2 Mailbox full\n", 2},
		{"blank lines", "\n \t\r\n250 - ok\n", 1},
		{"lines that only look blank", "\v\n\f\n\u00a0\n\u3000\n250 - ok\n", 1},
		{"no line ending", "250 - ok", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := runTool(t, tt.input, "parse")
			e := runTool(t, tt.input, "explain")
			assert.Equal(t, p.code, e.code, "exit status")
			assert.Equal(t, p.stderr, e.stderr, "what is reported")
			assert.Equal(t, tt.explained, strings.Count(e.stdout, "line:"), "%s", e.stdout)
			assert.Len(t, decodeLines(t, p.stdout), tt.explained)
		})
	}
	r := runTool(t, "250 - ok\n"+long+"\n552 BE 5.2.2 Mailbox full\n", "explain")
	assert.Equal(t, exitFail, r.code)
	assert.True(t, strings.HasPrefix(r.stderr, "-:2:65537: line too long: "), "%.100s", r.stderr)
	assert.Contains(t, r.stdout, "code:         552 BE")

	r = runTool(t, "\f\n", "explain")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, `-:1:1: bad status code: "\f"`+"\nmailstatus: -: not a delivery-result log: no line of it is a result line (<code> <category> <message>)\n", r.stderr)
}

func TestExplainArguments(t *testing.T) {
	// A line that starts with a negative code is a line, not a flag, and
	// flags may stand among the lines, as with lookup.
	r := runTool(t, "", "explain", "-502 LE Maybe forwarding", "-lang", "ja", "550 BE 5.1.1 User unknown")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "line:         -502 LE Maybe forwarding\n")
	assert.Contains(t, r.stdout, "code:         -502 LE (the catalog: LE, system, weight 0)\n")
	assert.Contains(t, r.stdout, "cause:        宛先が存在しない", "-lang after a line")
	assert.Less(t, strings.Index(r.stdout, "-502 LE"), strings.Index(r.stdout, "550 BE"), "in order")

	r = runTool(t, "", "explain", "--", "-lang")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, `argument:1:1: bad status code: "-lang"`+"\n", r.stderr)

	r = runTool(t, "", "explain", "-x", "250 - ok")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "flag provided but not defined: -x")

	r = runTool(t, "", "explain", "250 - ok", "", "55O BE x")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "argument:2:1: bad status code: \"\"\nargument:3:1: bad status code: \"55O BE x\"\n", r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout, "line:"))
}

func TestRulesFlagTwice(t *testing.T) {
	// -rules given twice loads both files, the rules of the first tried
	// first; an empty name is a usage error.
	first := writeFile(t, "first.json", `[{"name":"x","reason":"blocked","action":"retry","codes":[554]}]`)
	second := writeFile(t, "second.json", `[{"name":"y","reason":"systemerror","codes":[554]}, {"name":"z","reason":"mailboxfull","contains":["box is stuffed"]}]`)
	log := "554 BE 5.7.1 Service unavailable\n552 BE the box is stuffed\n"
	for _, cmd := range []string{"parse", "explain"} {
		r := runTool(t, log, cmd, "-rules", first, "-rules", second)
		require.Equal(t, exitOK, r.code, r.stderr)
		if cmd == "parse" {
			got := decodeLines(t, r.stdout)
			require.Len(t, got, 2)
			assert.Equal(t, []string{"x", "blocked", "retry"}, []string{got[0].Rule, got[0].Reason, got[0].Action})
			assert.Equal(t, []string{"z", "mailboxfull"}, []string{got[1].Rule, got[1].Reason})
		} else {
			assert.Contains(t, r.stdout, `decided by:   your rule "x"`)
			assert.Contains(t, r.stdout, `decided by:   your rule "z"`)
		}
	}
	r := runTool(t, log, "summary", "-rules", second, "-rules", first)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "systemerror", "the first file's rule decides")

	bad := writeFile(t, "bad.json", `[{"name":"ok","reason":"blocked","codes":[554]}, {"name":"typo","reason":"mailboxful","codes":[552]}]`)
	r = runTool(t, log, "parse", "-rules", first, "-rules", bad)
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, "mailstatus: "+bad+`: bounce: rules[1] "typo": unknown reason "mailboxful"`+"\n", r.stderr, "the file and the rule's index in it")
	assert.Empty(t, r.stdout)

	for _, cmd := range []string{"parse", "summary", "explain"} {
		r = runTool(t, log, cmd, "-rules", "")
		assert.Equal(t, exitUsage, r.code, cmd)
		assert.Contains(t, r.stderr, `mailstatus: `+cmd+`: invalid value "" for flag -rules: no file name`, cmd)
		assert.Empty(t, r.stdout, cmd)
	}
}

func TestProgressGzip(t *testing.T) {
	// The threshold counts the bytes of log, decompressed: a .gz of a few
	// KiB that holds more than the threshold shows progress, with the
	// share of the compressed file read.
	const min = 64 << 10
	big := writeFile(t, "big.log.gz", strings.Repeat("250 - ok\n", 2*min/9))
	small := writeFile(t, "small.log.gz", strings.Repeat("250 - ok\n", min/2/9))
	fi, err := os.Stat(big)
	require.NoError(t, err)
	require.Less(t, fi.Size(), int64(min), "the compressed file is under the threshold")
	for _, tt := range []struct {
		path  string
		shown bool
	}{{big, true}, {small, false}} {
		var stdout, stderr bytes.Buffer
		c := newCLI(strings.NewReader(""), &stdout, &stderr)
		c.progress, c.progressMin = true, min
		require.Equal(t, exitOK, c.run([]string{"summary", tt.path}))
		if !tt.shown {
			assert.Empty(t, stderr.String(), tt.path)
			continue
		}
		assert.Contains(t, stderr.String(), "mailstatus: reading "+tt.path+": ")
		assert.Regexp(t, `MiB \(\d+% of 0\.0 MiB compressed\)`, stderr.String())
	}
}

// TestREADMECommands checks that the command table of README.md has a row
// for every command, and one for help: a blank line would end the table in
// Markdown, and the rows after it would show as a paragraph.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	const head = "| command | what it does |\n|---|---|\n"
	text := string(readme)
	i := strings.Index(text, head)
	require.GreaterOrEqual(t, i, 0, "README.md has no command table")
	var rows []string
	for line := range strings.Lines(text[i+len(head):]) {
		if !strings.HasPrefix(line, "|") {
			break
		}
		rows = append(rows, line)
	}
	names := []string{"help"}
	for _, cmd := range commands {
		names = append(names, cmd.name)
	}
	for _, name := range names {
		assert.True(t, slices.ContainsFunc(rows, func(row string) bool {
			return strings.HasPrefix(row, "| `mailstatus "+name+" ")
		}), "the table has no row for %s", name)
	}
	assert.Len(t, rows, len(names))
}

// reasonAction is a row of reasons of summary.
type reasonAction struct {
	reason bounce.Reason
	action bounce.Action
}

// classified is what bounce.Classify says of the results of a log,
// counted as summary should count them.
type classified struct {
	actions       map[bounce.Action]int
	decidedByCode int
	rules         map[reasonAction]map[string]int // per row, per rule
}

// classifyLog classifies every result of log with bounce.Classify.
func classifyLog(t *testing.T, log string) classified {
	t.Helper()
	c := classified{actions: map[bounce.Action]int{bounce.None: 0, bounce.Retry: 0, bounce.Suppress: 0, bounce.FixSender: 0},
		rules: map[reasonAction]map[string]int{}}
	for res, err := range status.NewReader(strings.NewReader(log)).All() {
		if err != nil {
			continue
		}
		v := bounce.Classify(res)
		c.actions[v.Action]++
		if v.Evidence.Source == bounce.SourceCode && res.Code >= 400 && res.Code < 600 {
			c.decidedByCode++
		}
		key := reasonAction{v.Reason, v.Action}
		if c.rules[key] == nil {
			c.rules[key] = map[string]int{}
		}
		c.rules[key][v.Evidence.Rule]++
	}
	return c
}

// checkSummary checks the actions, the results decided by the code alone
// and the rule of each reason in the JSON and the table of summary
// against want.
func checkSummary(t *testing.T, want classified, args ...string) {
	t.Helper()
	r := runTool(t, "", append([]string{"summary", "-format", "json"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	assert.Equal(t, want.actions, s.Actions)
	assert.Equal(t, want.decidedByCode, s.Totals.DecidedByCode)
	require.Len(t, s.Reasons, len(want.rules))
	for _, rc := range s.Reasons {
		rules := want.rules[reasonAction{rc.Reason, rc.Action}]
		most := 0
		for _, n := range rules {
			most = max(most, n)
		}
		assert.Equal(t, most, rc.RuleCount, "%v %v: %v", rc.Reason, rc.Action, rules)
		assert.Equal(t, most, rules[rc.Rule], "%v %v: %s is not a rule that decided the most: %v", rc.Reason, rc.Action, rc.Rule, rules)
	}
	// The raw JSON has the keys.
	assert.Contains(t, r.stdout, `"actions": {`)
	assert.Contains(t, r.stdout, `"decided_by_code": `)
	assert.Contains(t, r.stdout, `"rule_count": `)

	r = runTool(t, "", append([]string{"summary"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	results := 0
	for _, n := range want.actions {
		results += n
	}
	actions := strings.Index(r.stdout, "\nACTION ")
	reasons := strings.Index(r.stdout, "\nREASON ")
	assert.Positive(t, actions, "an actions table")
	assert.Less(t, actions, reasons, "the actions before the reasons")
	for a, n := range want.actions {
		line := fmt.Sprintf(`(?m)^%s +%d +%.1f%%$`, regexp.QuoteMeta(a.String()), n, float64(n)*100/float64(results))
		if n == 0 {
			assert.NotRegexp(t, fmt.Sprintf(`(?m)^%s +\d`, regexp.QuoteMeta(a.String())), r.stdout[actions:reasons], "no row for an action nothing calls for")
			continue
		}
		assert.Regexp(t, line, r.stdout[actions:reasons])
	}
	assert.Regexp(t, fmt.Sprintf(`(?m)^decided by the code alone +%d$`, want.decidedByCode), r.stdout)
}

func TestSummaryActions(t *testing.T) {
	// A small log whose verdicts are plain, counted by hand.
	lines := []string{
		"550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown", // suppress
		"554 BE 5.7.1 Client host rejected: blocked using zen.spamhaus.org",        // fix-sender
		"452 BE 4.2.2 <hanako@example.jp>: Mailbox full",                           // retry
		"250 - ok", "250 - ok", // none; the service's own code, not counted as decided by the code
		"606 BE expired", // the service's own code, not counted either
		"550 BE sorry",   // nothing but the code decides
		"",
		"55O BE broken",
	}
	log := writeFile(t, "a.log", strings.Join(lines, "\n")+"\n")
	want := classifyLog(t, strings.Join(lines, "\n"))
	sorry, err := status.ParseLine("550 BE sorry")
	require.NoError(t, err)
	bare := bounce.Classify(sorry).Action
	hand := map[bounce.Action]int{bounce.None: 2, bounce.Retry: 2, bounce.Suppress: 1, bounce.FixSender: 1}
	hand[bare]++
	assert.Equal(t, hand, want.actions, "bounce.Classify agrees with the hand count")
	assert.Equal(t, 1, want.decidedByCode, "bounce.Classify agrees with the hand count")
	checkSummary(t, want, log)

	// The sample log, counted with bounce.Classify line by line.
	sample, err := os.ReadFile("../../testdata/results.log")
	require.NoError(t, err)
	checkSummary(t, classifyLog(t, string(sample)), "../../testdata/results.log")
}

func TestRowTop(t *testing.T) {
	many := func(n int) []string { // rules r0 to r(n-1), r(n-1) twice
		var rules []string
		for i := range n {
			rules = append(rules, "r"+strconv.Itoa(i))
		}
		return append(rules, rules[n-1])
	}
	tests := []struct {
		name  string
		rules []string // one result each, in order
		rule  string
		count int
	}{
		{"none", nil, "", 0},
		{"one", []string{"code:550", "code:550", "code:550"}, "code:550", 3},
		{"most", []string{"code:550", "text:user-unknown", "text:user-unknown"}, "text:user-unknown", 2},
		{"a tie: the first by name", []string{"text:b", "code:550", "text:a", "text:a", "code:550", "text:b"}, "code:550", 2},
		{"nothing decided", []string{"", "", ""}, "", 3},
		{"nothing decided, and a rule as often", []string{"x", "", "x", ""}, "", 2},
		{"more rules than the list holds", many(maxListed + 5), "r" + strconv.Itoa(maxListed+4), 2},
		{"the most in the list", append(many(maxListed+5), "r0", "r0"), "r0", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r row
			for _, rule := range tt.rules {
				r.add(rule)
			}
			if r.count != len(tt.rules) {
				t.Fatalf("count = %d; want %d", r.count, len(tt.rules))
			}
			for range 10 { // in any order of the map
				rule, count := r.top()
				if rule != tt.rule || count != tt.count {
					t.Fatalf("top() = %q, %d; want %q, %d", rule, count, tt.rule, tt.count)
				}
			}
		})
	}
}

func TestLookupEnhanced(t *testing.T) {
	r := runTool(t, "", "lookup", "5.7.26")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, `code:         5.7.26
class:        5 Permanent Failure
subject:      7 Security or Policy Status
title:        Multiple authentication checks failed
reference:    RFC 7372
`, r.stdout)

	// In order among the service's codes; the registry is English, also
	// with -lang ja.
	r = runTool(t, "", "lookup", "-lang", "ja", "4.7.26", "550", "5.1.1")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "code:         4.7.26\nclass:        4 Persistent Transient Failure\n")
	assert.Contains(t, r.stdout, "title:        Multiple authentication checks failed\n")
	assert.Contains(t, r.stdout, "title:        Bad destination mailbox address\n")
	assert.Contains(t, r.stdout, "subject:      1 Addressing Status\n")
	assert.Less(t, strings.Index(r.stdout, "4.7.26"), strings.Index(r.stdout, "code:         550"))
	assert.Less(t, strings.Index(r.stdout, "code:         550"), strings.Index(r.stdout, "5.1.1"))
	assert.Contains(t, r.stdout, "\n\ncode:         5.1.1\n", "a blank line between codes")

	tests := []struct {
		arg, stderr string
	}{
		{"5.99.1", "mailstatus: code 5.99.1: not in the IANA registry of enhanced status codes\n"},
		{"5.1.99", "mailstatus: code 5.1.99: not in the IANA registry of enhanced status codes\n"},
		{"3.1.1", `mailstatus: code "3.1.1": not an enhanced status code (class.subject.detail, class 2, 4 or 5)` + "\n"},
		{"5.1", `mailstatus: code "5.1": not an enhanced status code (class.subject.detail, class 2, 4 or 5)` + "\n"},
		{"5.01.1", `mailstatus: code "5.01.1": not an enhanced status code (class.subject.detail, class 2, 4 or 5)` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			r := runTool(t, "", "lookup", tt.arg, "552")
			assert.Equal(t, exitFail, r.code)
			assert.Equal(t, tt.stderr, r.stderr)
			assert.True(t, strings.HasPrefix(r.stdout, "code:         552\n"), "the other codes still print: %s", r.stdout)
		})
	}
}

func TestExplainGuidance(t *testing.T) {
	// What the reason means and what to do, in the language of -lang.
	const line = "550 BE 5.1.1 <taro@example.jp>: User unknown"
	res, err := status.ParseLine(line)
	require.NoError(t, err)
	g := bounce.Classify(res).Guidance()
	require.NotEmpty(t, g.AdviceJA)

	r := runTool(t, "", "explain", "-lang", "ja", line)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "meaning:      "+g.MeaningJA+"\n")
	assert.Contains(t, r.stdout, "advice:       "+g.AdviceJA+"\n")
	assert.Regexp(t, `(?m)^advice: +.*[\p{Hiragana}\p{Katakana}\p{Han}]`, r.stdout, "a Japanese advice")
	assert.NotContains(t, r.stdout, g.Advice)

	r = runTool(t, "", "explain", line)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "meaning:      "+g.Meaning+"\n")
	assert.Contains(t, r.stdout, "advice:       "+g.Advice+"\n")
	assert.NotRegexp(t, `[\p{Hiragana}\p{Katakana}\p{Han}]`, r.stdout, "English throughout")
	assert.Regexp(t, `(?s)reason: .*\naction: .*\nmeaning: .*\nadvice: `, r.stdout, "after the reason and the action")

	// A rule that sets another action than the reason's usual one: the
	// advice is the usual action's, and explain says so.
	rules := writeFile(t, "rules.json", `[{"name":"x","reason":"blocked","action":"retry","codes":[554]}]`)
	r = runTool(t, "", "explain", "-rules", rules, "554 BE 5.7.1 Service unavailable")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "advice:       "+bounce.Blocked.Guidance().Advice+"\n")
	assert.Contains(t, r.stdout, "note:         the advice is for fix-sender, the usual action for blocked; the rule that decided says retry\n")
	r = runTool(t, "", "explain", "554 BE 5.7.1 Service unavailable")
	assert.NotContains(t, r.stdout, "the advice is for")
}

// TestREADMEExamples checks that the examples of the command in README.md
// (blocks that start with "$ mailstatus" or "$ echo '...' | mailstatus")
// show what the tool prints, run in the root of the repository, where the
// README's file names are.
func TestREADMEExamples(t *testing.T) {
	t.Chdir("../..")
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	blocks := strings.Split(string(readme), "```\n$ ")
	require.Greater(t, len(blocks), 3, "README.md has no examples")
	n := 0
	for _, b := range blocks[1:] {
		command, rest, _ := strings.Cut(b, "\n")
		output, _, ok := strings.Cut(rest, "```")
		require.True(t, ok)
		stdin := ""
		if echo, cmd, ok := strings.Cut(command, " | "); ok && strings.HasPrefix(echo, "echo ") {
			stdin = shellWords(t, echo)[1] + "\n"
			command = cmd
		}
		args := shellWords(t, command)
		if args[0] != "mailstatus" {
			continue
		}
		n++
		t.Run(command, func(t *testing.T) {
			r := runTool(t, stdin, args[1:]...)
			assert.Equal(t, r.stdout, output, "README.md shows for %s", command)
		})
	}
	assert.GreaterOrEqual(t, n, 4)
}

// shellWords splits a command line into words as sh does, for the few
// forms README.md uses: words apart by spaces, and 'quoted' words.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	for s != "" {
		switch {
		case s[0] == ' ':
			s = s[1:]
		case s[0] == '\'':
			word, rest, ok := strings.Cut(s[1:], "'")
			require.True(t, ok, "no closing quote in %s", s)
			words, s = append(words, word), rest
		default:
			i := strings.IndexAny(s, " '")
			if i < 0 {
				i = len(s)
			}
			words, s = append(words, s[:i]), s[i:]
		}
	}
	return words
}

func TestGzipOnStandardInput(t *testing.T) {
	// Standard input has no name ending in .gz: its first bytes tell that
	// it is gzip, for every command that reads it.
	log := "550 BE 5.1.1 <taro@example.jp>: User unknown\n552 BE 5.2.2 Mailbox full\n"
	z := string(gzipped(t, log))
	for _, args := range [][]string{{"parse"}, {"parse", "-"}, {"summary"}, {"explain"}, {"explain", "-"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			plain, packed := runTool(t, log, args...), runTool(t, z, args...)
			assert.Equal(t, exitOK, packed.code, packed.stderr)
			assert.Equal(t, plain.stdout, packed.stdout)
			assert.Empty(t, packed.stderr)
			assert.Contains(t, packed.stdout, "mailbox", "both lines read")
		})
	}
}

func TestFlagsAmongFiles(t *testing.T) {
	// Every command takes its flags among its operands, as lookup and
	// explain always did; "--" ends the flags, so that a file named "-x"
	// can be read.
	log := writeFile(t, "a.log", "552 BE sorry, the box is stuffed\n250 - ok\n")
	rules := writeFile(t, "rules.json", `[{"name": "acme-quota", "reason": "mailboxfull", "contains": ["box is stuffed"]}]`)

	r := runTool(t, "", "summary", log, "-format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s), "JSON, not a table:\n%s", r.stdout)
	assert.Equal(t, 2, s.Totals.Results, "-format and json are not files")

	r = runTool(t, "", "parse", log, "-rules", rules, "-lang=ja")
	require.Equal(t, exitOK, r.code, r.stderr)
	got := decodeLines(t, r.stdout)
	require.Len(t, got, 2, "the rules file is not read as a log")
	assert.Equal(t, "acme-quota", got[0].Rule)
	assert.Contains(t, got[1].Description, "要求された処理", "-lang after a file")

	r = runTool(t, "", "summary", "-rules", rules, log, "-format", "json", log)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	assert.Equal(t, 4, s.Totals.Results, "files on both sides of a flag, in order")
	assert.True(t, slices.ContainsFunc(s.Reasons, func(rc reasonCount) bool { return rc.Rule == "acme-quota" && rc.Count == 2 }), "%+v", s.Reasons)

	r = runTool(t, "", "list", "-lang", "ja", "-format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "code,category,"), r.stdout[:40])

	// "--" ends the flags.
	t.Chdir(t.TempDir())
	require.NoError(t, os.WriteFile("-x", []byte("250 - ok\n"), 0o644))
	r = runTool(t, "", "parse", "--", "-x")
	require.Equal(t, exitOK, r.code, r.stderr)
	got = decodeLines(t, r.stdout)
	require.Len(t, got, 1)
	assert.Equal(t, "-x", got[0].File)
	r = runTool(t, "", "summary", "-format", "json", "--", "-x", "-format")
	assert.Equal(t, exitFail, r.code, "-format after -- is a file")
	assert.Contains(t, r.stderr, "mailstatus: -format: open ")

	for _, args := range [][]string{{"parse", "-x"}, {"summary", log, "-x"}, {"list", "-x"}, {"summary", log, "-format"}} {
		r = runTool(t, "", args...)
		assert.Equal(t, exitUsage, r.code, "%q", args)
		assert.Contains(t, r.stderr, "Usage: mailstatus "+args[0], "%q", args)
	}
}

func TestRulesErrorsNameTheFile(t *testing.T) {
	// A rule is named by its file and its index in that file, also when
	// the rules of two files clash; a file that is not JSON, by the line
	// and column.
	good := writeFile(t, "good.json", `[{"name":"x","reason":"blocked","codes":[554]}, {"name":"y","reason":"blocked","codes":[553]}]`)
	dup := writeFile(t, "dup.json", `[{"name":"z","reason":"filtered","codes":[552]}, {"name":"x","reason":"filtered","codes":[551]}]`)
	comma := writeFile(t, "comma.json", "[\n  {\"name\": \"a\", \"reason\": \"blocked\", \"codes\": [554]},\n]\n")
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"a name in two files", []string{"-rules", good, "-rules", dup},
			"mailstatus: " + dup + `: bounce: rules[1] "x": the name of ` + good + " rules[0] too: names are unique\n"},
		{"the other way", []string{"-rules", dup, "-rules", good},
			"mailstatus: " + good + `: bounce: rules[0] "x": the name of ` + dup + " rules[1] too: names are unique\n"},
		{"a trailing comma", []string{"-rules", good, "-rules", comma},
			"mailstatus: " + comma + ": bounce: rules: line 3, column 1: not a JSON array of rules: invalid character ']' looking for beginning of value\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, cmd := range []string{"parse", "summary", "explain"} {
				r := runTool(t, "250 - ok\n", append([]string{cmd}, tt.args...)...)
				assert.Equal(t, exitUsage, r.code, cmd)
				assert.Equal(t, tt.stderr, r.stderr, cmd)
				assert.Empty(t, r.stdout, cmd)
			}
		})
	}
}
