package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/haishin/status"
)

const parseUsage = `Usage: mailstatus parse [-lang en|ja] [FILE...]

Reads result lines and writes one JSON object per line (JSON Lines):
file, line, code, category, message and known; for a code the catalog
lists, locus, weight, description and cause (if any); the enhanced status
code the message carries, if any; and "problem": "category mismatch" for a
category the code cannot have. A message that is not valid UTF-8 also comes
as message_bytes, its exact bytes in base64. A malformed line is reported
on standard error as FILE:LINE: error, and the exit status is then 1.

`

// parsedLine is one result line as parse writes it.
type parsedLine struct {
	File         string          `json:"file"`
	Line         int             `json:"line"`
	Code         status.Code     `json:"code"`
	Category     status.Category `json:"category"`
	Message      string          `json:"message"`
	MessageBytes []byte          `json:"message_bytes,omitempty"`
	Known        bool            `json:"known"`
	Locus        *status.Locus   `json:"locus,omitempty"`
	Weight       *status.Weight  `json:"weight,omitempty"`
	Description  string          `json:"description,omitempty"`
	Cause        string          `json:"cause,omitempty"`
	Enhanced     string          `json:"enhanced,omitempty"`
	Problem      string          `json:"problem,omitempty"`
}

func (c *cli) parse(args []string) int {
	fs := c.flags("parse", parseUsage)
	lang := langFlag(fs)
	if rc := c.parseFlags(fs, args); rc >= 0 {
		return rc
	}

	out := bufio.NewWriter(c.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	malformed := 0
	_, ok := c.readResults(fs.Args(), func(file string, line int, res status.Result, bad *status.ParseError) error {
		if bad != nil {
			fmt.Fprintf(c.stderr, "%s:%d: %v\n", file, line, bad)
			malformed++
			return nil
		}
		return enc.Encode(describe(file, line, res, lang.value))
	})
	if err := out.Flush(); err != nil {
		fmt.Fprintf(c.stderr, "mailstatus: %v\n", err)
		return exitFail
	}
	if !ok || malformed > 0 {
		return exitFail
	}
	return exitOK
}

// describe makes the JSON object for one result.
func describe(file string, line int, res status.Result, lang string) parsedLine {
	p := parsedLine{File: file, Line: line, Code: res.Code, Category: res.Category, Message: res.Message}
	if !utf8.ValidString(res.Message) {
		p.MessageBytes = []byte(res.Message) // JSON would replace the invalid bytes
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
	return p
}
