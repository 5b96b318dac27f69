package main

import (
	"encoding/base64"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

const parseUsage = `Usage: mailstatus parse [-lang en|ja] [-rules FILE] [FILE...]

Reads results and writes one JSON object per result (JSON Lines): file,
line; to, from, sent (RFC 3339, Japan time), key and id, where the input
has them; code, category, message and known; for a code the catalog
lists, locus, weight, description and cause (if any); the enhanced status
code the message carries, if any; why the delivery failed and what to do
(reason, hard, action), the rule that decided and the words of the message
that did (evidence); "unfair": true where the service counts an error
against the address but the sender is at fault; and "problem": "category
mismatch" for a category the code cannot have. A message that is not valid
UTF-8 also comes as message_bytes, its exact bytes in base64, and one in
another encoding than UTF-8 with its charset (Shift_JIS, EUC-JP,
ISO-2022-JP or unknown).

It reads result lines, address<TAB>result-line files (a sender's database
export) and the service's API v1 documents (the error list and the send
list), told apart by their first bytes. A malformed line is reported on
standard error as FILE:LINE:COLUMN: error, a record of a document that
cannot be read as FILE:LINE: record N (id "ID"): error, and the exit
status is then 1; so is a failed request that a document reports.

gzip and bzip2 are decompressed, known by their first bytes, after a pass
that checks their checksums: no line of a corrupt gzip member, nor of
corrupt bzip2 data, is written. An input that ends early is reported as
"input cut short after line N"; one whose lines are all malformed, as not
a delivery-result log. Either makes the exit status 1.

`

// parsedLine is one result line as parse writes it; appendJSON writes its
// fields in this order, and a test reads them back with encoding/json.
type parsedLine struct {
	File         string          `json:"file"`
	Line         int             `json:"line"`
	To           string          `json:"to,omitempty"`
	From         string          `json:"from,omitempty"`
	Sent         *time.Time      `json:"sent,omitempty"`
	Key          string          `json:"key,omitempty"`
	ID           string          `json:"id,omitempty"`
	Code         status.Code     `json:"code"`
	Category     status.Category `json:"category"`
	Message      string          `json:"message"`
	MessageBytes []byte          `json:"message_bytes,omitempty"`
	Charset      string          `json:"charset,omitempty"`
	Known        bool            `json:"known"`
	Locus        *status.Locus   `json:"locus,omitempty"`
	Weight       *status.Weight  `json:"weight,omitempty"`
	Description  string          `json:"description,omitempty"`
	Cause        string          `json:"cause,omitempty"`
	Enhanced     string          `json:"enhanced,omitempty"`
	Reason       bounce.Reason   `json:"reason"`
	Hard         bool            `json:"hard"`
	Action       bounce.Action   `json:"action"`
	Rule         string          `json:"rule,omitempty"`
	Evidence     string          `json:"evidence,omitempty"`
	Unfair       bool            `json:"unfair,omitempty"`
	Problem      string          `json:"problem,omitempty"`
}

// flushAt is how much JSON parse collects before it writes.
const flushAt = 64 << 10

func (c *cli) parse(args []string) int {
	fs := c.flags("parse", parseUsage)
	lang := langFlag(fs, "descriptions and causes")
	rules := rulesFlag(fs)
	classifier, files, rc := c.parseArgsAndRules(fs, args, rules, noOperand)
	if rc >= 0 {
		return rc
	}

	rows := catalogJSON(lang.value)
	buf := make([]byte, 0, flushAt+4<<10)
	malformed := 0
	_, _, ok := c.readRecords(files, func(file string, rec results.Record, bad *results.Error) error {
		if bad != nil {
			c.report(file, bad)
			malformed++
			return nil
		}
		buf = appendResult(buf, file, &rec, rows, classifier.Classify(rec.Result))
		if len(buf) < flushAt {
			return nil
		}
		_, err := c.stdout.Write(buf)
		buf = buf[:0]
		return err
	})
	if c.stdout.err == nil {
		c.stdout.Write(buf)
	}
	if !ok || malformed > 0 || c.stdout.err != nil {
		return exitFail
	}
	return exitOK
}

// catalogJSON returns, for each code of the catalog, the JSON of its
// fields in a parsedLine from "locus" to "cause", in the language lang, so
// that parse writes them once, not once a line.
func catalogJSON(lang string) map[status.Code][]byte {
	rows := map[status.Code][]byte{}
	for s := range status.All() {
		description, cause := texts(s, lang)
		b := append([]byte(nil), `,"locus":"`...)
		b = append(b, s.Locus.String()...)
		b = append(b, `","weight":`...)
		b = append(b, s.Weight.String()...)
		if description != "" {
			b = append(b, `,"description":`...)
			b = appendString(b, description)
		}
		if cause != "" {
			b = append(b, `,"cause":`...)
			b = appendString(b, cause)
		}
		rows[s.Code] = b
	}
	return rows
}

// appendResult appends the JSON object for one record, and a newline, to
// b, taking the catalog's fields from rows (see catalogJSON). It writes
// what encoding/json would write for a parsedLine (with HTML left
// unescaped), several times faster.
func appendResult(b []byte, file string, rec *results.Record, rows map[status.Code][]byte, v bounce.Verdict) []byte {
	res := rec.Result
	b = append(b, `{"file":`...)
	b = appendString(b, file)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(rec.Line), 10)
	b = appendRecordFields(b, rec)
	b = append(b, `,"code":`...)
	b = strconv.AppendInt(b, int64(res.Code), 10)
	b = append(b, `,"category":"`...)
	b = append(b, res.Category.String()...)
	b = append(b, `","message":`...)
	b = appendString(b, res.Message)
	if !utf8.ValidString(res.Message) { // JSON replaces the invalid bytes
		b = append(b, `,"message_bytes":"`...)
		b = base64.StdEncoding.AppendEncode(b, []byte(res.Message))
		b = append(b, '"')
	}
	if cs := res.Charset(); cs != status.UTF8 {
		b = append(append(append(b, `,"charset":"`...), cs.String()...), '"')
	}
	row, known := rows[res.Code]
	b = append(b, `,"known":`...)
	b = strconv.AppendBool(b, known)
	b = append(b, row...)
	if e, ok := res.Enhanced(); ok {
		b = append(b, `,"enhanced":"`...)
		b, _ = e.AppendText(b)
		b = append(b, '"')
	}
	b = append(b, `,"reason":"`...)
	b, _ = v.Reason.AppendText(b)
	b = append(b, `","hard":`...)
	b = strconv.AppendBool(b, v.Hard)
	b = append(b, `,"action":"`...)
	b, _ = v.Action.AppendText(b)
	b = append(b, '"')
	if e := v.Evidence; e.Rule != "" {
		b = append(b, `,"rule":`...)
		b = appendString(b, e.Rule)
		if e.End > e.Start {
			b = append(b, `,"evidence":`...)
			b = appendString(b, res.Message[e.Start:e.End])
		}
	}
	if bounce.Unfair(res, v) {
		b = append(b, `,"unfair":true`...)
	}
	if known && res.Validate() != nil {
		b = append(b, `,"problem":"category mismatch"`...)
	}
	return append(b, "}\n"...)
}

// appendRecordFields appends to b the JSON members that parse adds for a
// record where its input has them: "to", "from", "sent" (RFC 3339, Japan
// time), "key" and "id", each after a comma, in that order, and nothing
// for a record of result lines.
func appendRecordFields(b []byte, rec *results.Record) []byte {
	for _, f := range [...]struct{ name, value string }{{"to", rec.To}, {"from", rec.From}} {
		if f.value != "" {
			b = append(b, `,"`+f.name+`":`...)
			b = appendString(b, f.value)
		}
	}
	if !rec.Sent.IsZero() {
		b = append(b, `,"sent":"`...)
		b = rec.Sent.AppendFormat(b, time.RFC3339)
		b = append(b, '"')
	}
	for _, f := range [...]struct{ name, value string }{{"key", rec.Key}, {"id", rec.ID}} {
		if f.value != "" {
			b = append(b, `,"`+f.name+`":`...)
			b = appendString(b, f.value)
		}
	}
	return b
}

const hex = "0123456789abcdef"

// jsonSafe and utf8Safe say which bytes a JSON string takes as they are:
// printable ASCII but '"' and '\\'; utf8Safe, for valid UTF-8, also the
// bytes from 0x80 but 0xE2, which starts U+2028 and U+2029.
var jsonSafe, utf8Safe = func() (a, u [256]bool) {
	for c := 0x20; c < 0x100; c++ {
		a[c] = c < utf8.RuneSelf && c != '"' && c != '\\'
		u[c] = a[c] || c >= utf8.RuneSelf && c != 0xe2
	}
	return a, u
}()

// appendString appends s as a JSON string, as encoding/json writes it
// with HTML left unescaped: invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029 are escaped.
func appendString(b []byte, s string) []byte {
	safe := &jsonSafe
	if utf8.ValidString(s) {
		safe = &utf8Safe
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if safe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
