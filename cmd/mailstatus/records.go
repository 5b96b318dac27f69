package main

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/haishin/status/internal/quote"
	"github.com/haishin/status/results"
)

// readRecords reads the records of files with a results.Reader each,
// opened as readFiles opens them, and calls each for every record, with
// its file. A record that cannot be read, and a failed request that a
// document reports, are reported on stderr and counted in bad. It returns
// whether every file was read to its end.
//
// It is the thin wiring of the commands that read records, to be replaced
// by the input layer of the tool.
func (c *cli) readRecords(files []string, each func(file string, rec results.Record)) (bad int, ok bool) {
	ok = c.readFiles(files, func(name string, r io.Reader) error {
		for rec, err := range results.NewReader(r).All() {
			switch e := err.(type) {
			case nil:
				each(name, rec)
			case *results.Error:
				c.warnf("%s\n", recordProblem(name, e))
				bad++
			case *results.RequestError:
				c.warnf("%s:%d: the request failed: %s\n", name, e.Line, requestProblem(e))
				bad++
			default:
				return err // an I/O error
			}
		}
		return nil
	})
	return bad, ok
}

// recordProblem reports a record that cannot be read the way compilers
// report errors, as malformed reports a line:
//
//	results.log:4:1: bad status code: "55O BE x"
//	list.xml:14: record 2 (id "a-2"): bad sent_date: "2021/13/01 16:34"
func recordProblem(file string, e *results.Error) string {
	b := make([]byte, 0, 64+len(e.Text))
	b = append(b, file...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(e.Line), 10)
	if e.Column > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Column), 10)
	}
	b = append(b, ": "...)
	if e.Form == results.XML && e.Index > 0 {
		b = append(b, "record "...)
		b = strconv.AppendInt(b, int64(e.Index), 10)
		if e.ID != "" {
			b = append(b, " (id "...)
			b = append(b, quote.Cut(e.ID)...)
			b = append(b, ')')
		}
		b = append(b, ": "...)
	}
	what := "error"
	if e.Err != nil {
		what = e.Err.Error()
		if i := strings.Index(what, ": "); i >= 0 {
			what = what[i+2:] // without the package's name
		}
	}
	b = append(b, what...)
	b = append(b, ": "...)
	b = append(b, quote.Cut(e.Text)...)
	return string(b)
}

// requestProblem says what a failed request's element says:
//
//	error kind "auth" code "101": "the api key is not valid"
func requestProblem(e *results.RequestError) string {
	s := e.Element
	if e.Kind != "" {
		s += " kind " + quote.Cut(e.Kind)
	}
	return s + " code " + quote.Cut(e.Code) + ": " + quote.Cut(e.Text)
}

// appendRecordFields appends to b the JSON members that parse adds for a
// record where its input has them: "to", "from", "sent" (RFC 3339, Japan
// time), "key" and "id", each after a comma, in that order, and nothing
// for a record of result lines.
func appendRecordFields(b []byte, rec results.Record) []byte {
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
