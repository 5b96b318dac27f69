package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/haishin/status"
)

const lookupUsage = `Usage: mailstatus lookup [-lang en|ja] CODE...

Explains each status code, in the order given: its category, where the
problem lies, the error count the service adds, the description and the
cause. An SMTP reply code
the catalog does not list (421, 450, 535) has the text of the RFC that
defines it (RFC 5321, RFC 3207, RFC 4954, RFC 7504), marked as not the
service's. A CODE written class.subject.detail (5.1.1, 4.7.26) is an RFC
3463 enhanced status code: its class, subject and title from the IANA
registry, and the document that defines it; the registry and the RFCs are
English, and so are their texts with -lang ja. A code that the catalog,
the RFCs or the registry do not know, or that is not a code, is reported
on standard error ("mailstatus: code 626: not in the catalog"), the
others are still explained, and the exit status is 1. Flags may stand
among the codes, and a CODE that starts with "-" and a digit is a
negative code, not a flag: lookup -502.

`

const listUsage = `Usage: mailstatus list [-format table|json|csv] [-lang en|ja]

Prints the whole catalog in the order of the service's table: aligned
columns, a JSON array of objects with the keys code, category, locus,
weight, description and cause (in the language of -lang), or CSV with a
header row of the same names.

`

// texts returns the description and cause of s in the language lang.
func texts(s status.Status, lang string) (description, cause string) {
	if lang == "ja" {
		return s.DescriptionJA, s.CauseJA
	}
	return s.Description, s.Cause
}

func (c *cli) lookup(args []string) int {
	fs := c.flags("lookup", lookupUsage)
	lang := langFlag(fs, "descriptions and causes")
	// "-" followed by digits is a (negative) code, not a flag.
	codes, rc := c.parseArgs(fs, args, isNumber)
	if rc >= 0 {
		return rc
	}
	if len(codes) == 0 {
		fmt.Fprintln(c.stderr, "mailstatus: lookup: no code given")
		fs.Usage()
		return exitUsage
	}

	rc = exitOK
	printed := 0
	for _, arg := range codes {
		if strings.Contains(arg, ".") {
			if !c.lookupEnhanced(arg, printed) {
				rc = exitFail
				continue
			}
			printed++
			if c.stdout.err != nil {
				return exitFail
			}
			continue
		}
		n, err := strconv.Atoi(arg)
		if err != nil {
			problem := "not a number"
			if errors.Is(err, strconv.ErrRange) {
				problem = "out of range"
			}
			c.warnf("mailstatus: code %q: %s\n", arg, problem)
			rc = exitFail
			continue
		}
		s, ok := status.Lookup(status.Code(n))
		replies := status.Replies(status.Code(n))
		if !ok && replies == nil {
			c.warnf("mailstatus: code %d: not in the catalog\n", n)
			rc = exitFail
			continue
		}
		if printed > 0 {
			fmt.Fprintln(c.stdout)
		}
		printed++
		if !ok {
			c.lookupReply(status.Code(n), replies)
			if c.stdout.err != nil {
				return exitFail
			}
			continue
		}
		description, cause := texts(s, lang.value)
		t := newTable(c.stdout)
		t.row("code:", s.Code.String())
		t.row("category:", s.Category.String())
		t.row("locus:", s.Locus.String())
		t.row("weight:", s.Weight.String())
		t.row("description:", description)
		if cause != "" {
			t.row("cause:", cause)
		}
		t.flush() // a write error is kept by c.stdout, and run reports it
		if c.stdout.err != nil {
			return exitFail
		}
	}
	return rc
}

// lookupReply writes the texts that RFCs give an SMTP reply code which
// the catalog does not list, marked as not the service's.
func (c *cli) lookupReply(code status.Code, replies []status.Reply) {
	t := newTable(c.stdout)
	t.minWidth(0, len("description:")) // as wide as a code of the catalog
	t.row("code:", code.String())
	note := "not in the service's catalog; the text of the RFC:"
	if len(replies) > 1 {
		note = "not in the service's catalog; the texts of the RFCs:"
	}
	t.row("note:", note)
	for _, r := range replies {
		t.row(r.RFC+":", r.Text)
	}
	t.flush() // a write error is kept by c.stdout, and run reports it
}

// notInCatalog says that a code is not in the catalog, with the texts
// that RFCs give it if it is an SMTP reply code:
//
//	not in the catalog; RFC 5321: <domain> Service not available, closing transmission channel
func notInCatalog(code status.Code) string {
	s := "not in the catalog"
	for _, r := range status.Replies(code) {
		s += "; " + r.RFC + ": " + r.Text
	}
	return s
}

// lookupEnhanced writes what the IANA registry says of the enhanced status
// code arg, after a blank line unless printed is 0, and reports whether
// the registry lists it. A code it does not list, or text that is not an
// enhanced status code, is reported on stderr.
func (c *cli) lookupEnhanced(arg string, printed int) bool {
	e, err := status.ParseEnhanced(arg)
	if err != nil {
		c.warnf("mailstatus: code %q: not an enhanced status code (class.subject.detail, class 2, 4 or 5)\n", arg)
		return false
	}
	if e.Reference() == "" {
		c.warnf("mailstatus: code %v: not in the IANA registry of enhanced status codes\n", e)
		return false
	}
	if printed > 0 {
		fmt.Fprintln(c.stdout)
	}
	// Description falls back on the subject's title for a detail the
	// registry does not list, and on the class's for a subject: details
	// and subjects above 999 are never listed.
	class := status.Enhanced{Class: e.Class, Subject: 1000, Detail: 1000}.Description()
	subject := status.Enhanced{Class: e.Class, Subject: e.Subject, Detail: 1000}.Description()
	t := newTable(c.stdout)
	t.minWidth(0, len("description:")) // as wide as a code of the catalog
	t.row("code:", e.String())
	t.row("class:", strconv.Itoa(e.Class)+" "+class)
	t.row("subject:", strconv.Itoa(e.Subject)+" "+subject)
	t.row("title:", e.Description())
	t.row("reference:", e.Reference())
	t.flush() // a write error is kept by c.stdout, and run reports it
	return true
}

// isNumber reports whether s is an optional sign and one or more digits.
func isNumber(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// catalogEntry is a catalog row as list writes it in JSON.
type catalogEntry struct {
	Code        status.Code     `json:"code"`
	Category    status.Category `json:"category"`
	Locus       status.Locus    `json:"locus"`
	Weight      status.Weight   `json:"weight"`
	Description string          `json:"description"`
	Cause       string          `json:"cause"`
}

func (c *cli) list(args []string) int {
	fs := c.flags("list", listUsage)
	format := formatFlag(fs, "table", "json", "csv")
	lang := langFlag(fs, "descriptions and causes")
	operands, rc := c.parseArgs(fs, args, noOperand)
	if rc >= 0 {
		return rc
	}
	if len(operands) > 0 {
		fmt.Fprintf(c.stderr, "mailstatus: list: unexpected argument %q\n", operands[0])
		fs.Usage()
		return exitUsage
	}

	var err error
	switch format.value {
	case "table":
		t := newTable(c.stdout)
		t.row("CODE", "CATEGORY", "LOCUS", "WEIGHT", "DESCRIPTION", "CAUSE")
		for s := range status.All() {
			description, cause := texts(s, lang.value)
			t.row(s.Code.String(), s.Category.String(), s.Locus.String(), s.Weight.String(), description, cause)
		}
		err = t.flush()
	case "json":
		var entries []catalogEntry
		for s := range status.All() {
			description, cause := texts(s, lang.value)
			entries = append(entries, catalogEntry{s.Code, s.Category, s.Locus, s.Weight, description, cause})
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(entries)
	case "csv":
		w := csv.NewWriter(c.stdout)
		w.Write([]string{"code", "category", "locus", "weight", "description", "cause"})
		for s := range status.All() {
			description, cause := texts(s, lang.value)
			w.Write([]string{s.Code.String(), s.Category.String(), s.Locus.String(), s.Weight.String(), description, cause})
		}
		w.Flush()
		err = w.Error()
	}
	if err != nil { // a write error, which run reports
		return exitFail
	}
	return exitOK
}
