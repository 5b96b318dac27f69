package main

import (
	"io"
	"strings"
	"time"

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
			switch err.(type) {
			case nil:
				each(name, rec)
			case *results.Error, *results.RequestError:
				// The error names the line (and the record); the file
				// goes first, as for the tool's other errors.
				c.warnf("%s: %s\n", name, strings.TrimPrefix(err.Error(), "results: "))
				bad++
			default:
				return err // an I/O error
			}
		}
		return nil
	})
	return bad, ok
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
