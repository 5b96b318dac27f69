package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

const explainUsage = `Usage: mailstatus explain [-lang en|ja] [-rules FILE] [LINE...]

Explains each result line ("<code> <category> <message>"), or each line of
standard input when no LINE is given: the catalog's row for its code, the
enhanced status code in its message and its title, why the delivery failed
(the reason, and whether it is a hard bounce), what to do (the action), the
rule that decided, and the message with the words that decided marked:
[[like this]], or in bold on a terminal. A malformed line is reported on
standard error, and the exit status is then 1.

`

func (c *cli) explain(args []string) int {
	fs := c.flags("explain", explainUsage)
	lang := langFlag(fs)
	rules := rulesFlag(fs)
	classifier, rc := c.parseFlagsAndRules(fs, args, rules)
	if rc >= 0 {
		return rc
	}
	open, closing := "[[", "]]"
	if isTerminal(c.stdout.w) {
		open, closing = "\x1b[1m", "\x1b[0m"
	}

	rc = exitOK
	n := 0
	each := func(name string, i int, line string) {
		res, err := status.ParseLine(line)
		if err != nil {
			bad := err.(*status.ParseError)
			bad.Line = i
			c.malformed(name, bad)
			rc = exitFail
			return
		}
		if n > 0 {
			c.stdout.Write([]byte("\n"))
		}
		n++
		c.explainResult(line, res, classifier.Classify(res), lang.value, open, closing)
	}
	if fs.NArg() > 0 {
		for i, line := range fs.Args() {
			each("argument", i+1, line)
			if c.stdout.err != nil {
				return exitFail
			}
		}
		return rc
	}
	sc := bufio.NewScanner(c.stdin)
	sc.Buffer(nil, 1<<20)
	for i := 1; sc.Scan(); i++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		each("-", i, sc.Text())
		if c.stdout.err != nil {
			return exitFail
		}
	}
	if err := sc.Err(); err != nil {
		c.warnf("mailstatus: standard input: %v\n", err)
		return exitFail
	}
	return rc
}

// explainResult writes what is known about one result.
func (c *cli) explainResult(line string, res status.Result, v bounce.Verdict, lang, open, closing string) {
	t := newTable(c.stdout)
	t.minWidth(0, len("description:")) // the same for every result
	t.row("line:", printable(line))
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
		t.row("code:", res.Code.String()+" "+res.Category.String()+" (not in the catalog)")
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
