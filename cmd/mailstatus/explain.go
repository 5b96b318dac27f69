package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

const explainUsage = `Usage: mailstatus explain [-lang en|ja] [-rules FILE] [LINE...]

Explains each result line ("<code> <category> <message>"), or each line of
standard input when no LINE is given: the catalog's row for its code, the
encoding of its message when it is not UTF-8 (charset), the enhanced
status code in its message and its title, why the delivery failed
(the reason, and whether it is a hard bounce), what to do (the action),
what the reason means and what to do about it (meaning and advice, in the
language of -lang), the rule that decided, and the message with the words
that decided marked: [[like this]], or in bold on a terminal; control
bytes in a message are shown escaped (\x01). Where a rule of -rules set
another action than the reason's usual one, a note says that the advice
is for the usual action. A note also says when the service counts an
error against an address that is not at fault.

Without a LINE, or with "-", standard input is read as parse reads it:
gzip and bzip2 are decompressed, a byte order mark is skipped, and blank lines
(spaces, tabs, CR) too; an address<TAB>result-line file or an API v1
document is read too, and each result comes with its recipient (to). A
malformed line, or one longer
than 64 KiB, is reported on standard error as FILE:LINE:COLUMN: error ("-"
for standard input, "argument" for a LINE), and the exit status is then 1.
Flags may stand among the lines, and a LINE that starts with "-" and a
digit is a line: explain '-502 LE Maybe forwarding'.

`

func (c *cli) explain(args []string) int {
	fs := c.flags("explain", explainUsage)
	lang := langFlag(fs, "descriptions, causes, meanings and advice")
	rules := rulesFlag(fs)
	// A line that starts with a negative code ("-502 LE Maybe
	// forwarding") is a line, not a flag.
	classifier, lines, rc := c.parseArgsAndRules(fs, args, rules, isLine)
	if rc >= 0 {
		return rc
	}
	open, closing := "[[", "]]"
	if isTerminal(c.stdout.w) {
		open, closing = "\x1b[1m", "\x1b[0m"
	}

	rc = exitOK
	n := 0
	explain := func(rec results.Record) error {
		if n > 0 {
			c.stdout.Write([]byte("\n"))
		}
		n++
		c.explainResult(rec, classifier.Classify(rec.Result), lang.value, open, closing)
		return c.stdout.err
	}
	if len(lines) == 0 || len(lines) == 1 && lines[0] == "-" {
		// Standard input, read as parse and summary read it.
		_, _, ok := c.readRecords(nil, func(file string, rec results.Record, bad *results.Error) error {
			if bad != nil {
				c.report(file, bad)
				rc = exitFail
				return nil
			}
			return explain(rec)
		})
		if !ok {
			return exitFail
		}
		return rc
	}
	for i, line := range lines {
		res, err := status.ParseLine(line)
		if bad, ok := err.(*status.ParseError); ok {
			bad.Line = i + 1
			c.report("argument", bad)
			rc = exitFail
			continue
		}
		if explain(results.Record{Result: res}) != nil {
			return exitFail
		}
	}
	return rc
}

// isLine reports whether an argument of explain that starts with "-" is a
// line: "-" followed by a digit, a negative code.
func isLine(arg string) bool {
	return len(arg) > 1 && arg[0] == '-' && '0' <= arg[1] && arg[1] <= '9'
}

// explainResult writes what is known about one record's result, and its
// recipient, if it has one.
func (c *cli) explainResult(rec results.Record, v bounce.Verdict, lang, open, closing string) {
	res := rec.Result
	t := newTable(c.stdout)
	t.minWidth(0, len("description:")) // the same for every result
	t.row("line:", printable(res.String()))
	if rec.To != "" {
		t.row("to:", printable(rec.To))
	}
	s, known := res.Status()
	if known {
		description, cause := texts(s, lang)
		t.row("code:", res.Code.String()+" "+res.Category.String()+" (the catalog: "+s.Category.String()+", "+s.Locus.String()+", weight "+s.Weight.String()+")")
		t.row("description:", description)
		if cause != "" {
			t.row("cause:", cause)
		}
		if res.Validate() != nil {
			t.row("problem:", "category mismatch: the catalog has "+s.Category.String()+" for this code")
		}
	} else {
		t.row("code:", res.Code.String()+" "+res.Category.String()+" ("+notInCatalog(res.Code)+")")
	}
	if cs := res.Charset(); cs != status.UTF8 {
		t.row("charset:", cs.String()+" (the message is shown as UTF-8 shows its bytes)")
	}
	if e, ok := res.Enhanced(); ok {
		t.row("enhanced:", e.String()+" "+e.Description())
	}
	reason := v.Reason.String()
	if v.Hard {
		reason += " (a hard bounce)"
	}
	t.row("reason:", reason)
	t.row("action:", v.Action.String())
	g := v.Guidance()
	meaning, advice := g.Meaning, g.Advice
	if lang == "ja" {
		meaning, advice = g.MeaningJA, g.AdviceJA
	}
	if meaning != "" {
		t.row("meaning:", meaning)
	}
	if advice != "" {
		t.row("advice:", advice)
		if usual := v.Reason.Action(); v.Action != usual {
			t.row("note:", "the advice is for "+usual.String()+", the usual action for "+v.Reason.String()+"; the rule that decided says "+v.Action.String())
		}
	}
	switch e := v.Evidence; {
	case e.Source == bounce.SourceRule:
		t.row("decided by:", "your rule "+strconv.Quote(e.Rule))
	case e.Rule != "":
		t.row("decided by:", e.Rule)
	default:
		t.row("decided by:", "nothing: no rule knows this result")
	}
	if bounce.Unfair(res, v) {
		t.row("note:", "the service counts "+s.Weight.String()+" against the address, but the address is not at fault")
	}
	msg, e := res.Message, v.Evidence
	if e.End > e.Start {
		t.row("message:", printable(msg[:e.Start])+open+printable(msg[e.Start:e.End])+closing+printable(msg[e.End:]))
	} else {
		t.row("message:", printable(msg))
	}
	t.flush()
}

// printable returns s with control characters and bytes that are not
// UTF-8 escaped as Go escapes them, so that a message cannot move the
// cursor or change colours on a terminal.
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsGraphic(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
