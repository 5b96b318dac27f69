package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

const summaryUsage = `Usage: mailstatus summary [-format table|json] [-by domain|provider] [-rules FILE] [FILE...]

Counts what a delivery-result log holds: results per code, most frequent
first; results per action (what to do: none, retry, suppress, fix-sender);
results per reason (why the delivery failed), with the action the
verdicts call for (a reason whose results call for different actions, as
a rule of -rules can make them, has a row for each action) and the rule
that decided most of them; and totals: lines read, results, deliveries
(250), failures by the category the lines give (LE, BE) and by where the
catalog puts the problem (system, user), the failures decided by the code
alone (an SMTP reply code, 400 to 599, with no word of the message nor an
enhanced code to go by; the service's own codes are documented facts and
are not counted), codes the catalog does not list, malformed lines (with
the first few of them), the sum of the error counts the results add, and
the part of it added on results whose action is fix-sender: counts
against addresses that are not at fault; and the inputs not read to their
end, if any (a file that cannot be read, one cut short while it is read,
compressed data cut short or corrupt, invalid XML, a document that
reports a failed request), which also make the exit status 1. DECIDED
MOST BY names the rule that decided most results of a reason, and how
many ("-" where no rule decided). At most 1,000 distinct codes that the
catalog does not list are counted one by one; results with further such
codes are counted together ("not counted apart"), so that memory stays
bounded whatever the log holds. With -format json the rows are "codes",
"actions" (a count for every action), "reasons" (each with "rule" and
"rule_count") and "totals" (with "decided_by_code", "error_count" and
"unfair_error_count", the part on fix-sender).
An input whose lines are all malformed makes the exit status 1; an empty
input is the log of a day without deliveries. It reads what parse reads:
result lines, address<TAB>result-line files and API v1 documents, where a
record that cannot be read counts as a malformed line.

-by domain counts per recipient domain instead of per code, action and
reason: a row per domain (most results first) with its results, its
failures, the share of each action and the reason of most failures, with
the rule that decided most of them; -by provider, per mail provider
(Google, Microsoft, Yahoo! JAPAN, Yahoo, Apple, docomo, au, SoftBank; any
other domain by itself). Result lines have no recipient: their row is
"-". The totals follow; with -format json the rows are "domains".

`

// maxMalformedShown is how many malformed lines a summary names.
const maxMalformedShown = 5

// maxUndocumented is how many distinct codes the catalog does not list a
// summary counts one by one; results with further such codes are counted
// together, so that memory stays bounded whatever the log holds.
const maxUndocumented = 1000

// maxUndocumentedShown is how many undocumented codes the totals name.
const maxUndocumentedShown = 10

// codeCount is what a summary says about one code.
type codeCount struct {
	Code        status.Code     `json:"code"`
	Count       int             `json:"count"`
	Share       float64         `json:"share"`    // of all results, 0 to 1
	Category    status.Category `json:"category"` // the categories the lines gave
	Known       bool            `json:"known"`
	Description string          `json:"description,omitempty"`
}

// reasonCount is what a summary says about the results of one reason
// whose verdicts call for one action: a reason has a row for each action
// its verdicts call for (most have one; a rule of -rules can give a reason
// another action than its usual one).
type reasonCount struct {
	Reason bounce.Reason `json:"reason"`
	Count  int           `json:"count"`
	Share  float64       `json:"share"` // of all results, 0 to 1
	Action bounce.Action `json:"action"`
	// Rule is the rule that decided the most of these results (the
	// first by name of those that decided as many), "" when none did;
	// RuleCount is how many it decided.
	Rule      string `json:"rule"`
	RuleCount int    `json:"rule_count"`
}

// actionCount is what a summary table says about one action.
type actionCount struct {
	Action bounce.Action
	Count  int
	Share  float64 // of all results, 0 to 1
}

// summary is what the summary command counts.
type summary struct {
	Codes []codeCount `json:"codes"`
	// Actions counts the results per action, every action included.
	Actions map[bounce.Action]int `json:"actions"`
	Reasons []reasonCount         `json:"reasons"`
	// Domains are the rows of -by: per recipient domain, or per provider.
	Domains []domainCount `json:"domains,omitempty"`
	Totals  totals        `json:"totals"`
}

type totals struct {
	Lines int `json:"lines"`
	// Incomplete lists the inputs not read to their end, so that the
	// counts lack part of them: one that could not be opened or read,
	// that shrank while it was read, or whose compressed data is cut
	// short or corrupt (the lines from the corrupt part on are not
	// counted), with the last line read from it and why.
	Incomplete []incompleteInput `json:"incomplete"`
	Results    int               `json:"results"`
	Delivered  int               `json:"delivered"`
	Failures   int               `json:"failures"`
	ByCategory struct {
		LE   int `json:"LE"`
		BE   int `json:"BE"`
		None int `json:"none"`
	} `json:"failures_by_category"`
	ByLocus struct {
		System  int `json:"system"`
		User    int `json:"user"`
		Unknown int `json:"unknown"` // codes the catalog does not list
	} `json:"failures_by_locus"`
	// DecidedByCode counts the results that the code alone decided: an
	// SMTP reply code (400 to 599) when no rule, no words of the message
	// and no enhanced code did (bounce.SourceCode). The service's own
	// codes (250, negative, 6xx to 8xx) are not counted: they are facts
	// the service documents, not a guess from a coarse reply code.
	DecidedByCode int         `json:"decided_by_code"`
	Undocumented  []codeCount `json:"undocumented"`
	// UndocumentedOther counts the results whose code the catalog does not
	// list and which came after maxUndocumented such codes were counted.
	UndocumentedOther  int           `json:"undocumented_other"`
	CategoryMismatches int           `json:"category_mismatches"`
	Malformed          int           `json:"malformed"`
	MalformedAt        []string      `json:"malformed_at"` // FILE:LINE of the first few
	ErrorCount         status.Weight `json:"error_count"`  // the sum of the results' weights
	// UnfairErrorCount is the part of ErrorCount added on results whose
	// action is fix-sender: the address is not at fault.
	UnfairErrorCount status.Weight `json:"unfair_error_count"`
}

// incompleteInput is an input that summary could not read to its end.
type incompleteInput struct {
	File  string `json:"file"`
	Line  int    `json:"line"` // the last line read from it
	Error string `json:"error"`
}

// counter adds results up into a summary.
type counter struct {
	s            summary
	codes        map[status.Code]*codeCount
	undocumented int // codes in codes that the catalog does not list
	classifier   *bounce.Classifier
	// rows are the rows of reasons, indexed by the reason: a row for each
	// action, in the order they came (most reasons have one).
	rows [256][]*row
}

// row counts the results of a row of reasons, of one reason and action,
// and per rule those that each rule decided.
type row struct {
	action bounce.Action
	count  int
	rules  tally[string]
}

// row returns the row of reason and action, made if need be.
func (n *counter) row(reason bounce.Reason, action bounce.Action) *row {
	for _, r := range n.rows[reason] {
		if r.action == action {
			return r
		}
	}
	r := &row{action: action}
	n.rows[reason] = append(n.rows[reason], r)
	return r
}

// add counts a result that rule decided.
func (r *row) add(rule string) {
	r.count++
	r.rules.add(rule)
}

// top returns the rule that decided the most results, the first by name
// of those that decided as many, and how many it decided.
func (r *row) top() (string, int) { return r.rules.top() }

func newCounter(classifier *bounce.Classifier) *counter {
	return &counter{codes: map[status.Code]*codeCount{}, classifier: classifier}
}

// add counts a result, and returns its verdict.
func (n *counter) add(res status.Result) bounce.Verdict {
	v := n.classifier.Classify(res)
	n.row(v.Reason, v.Action).add(v.Evidence.Rule)
	t := &n.s.Totals
	t.Results++
	if decidedByCode(res, v) {
		t.DecidedByCode++
	}
	s, known := res.Status()
	cc := n.codes[res.Code]
	if cc == nil && (known || n.undocumented < maxUndocumented) {
		cc = &codeCount{Code: res.Code}
		n.codes[res.Code] = cc
		if !known {
			n.undocumented++
		}
	}
	if cc != nil {
		cc.Count++
		cc.Category |= res.Category
	} else {
		t.UndocumentedOther++
	}
	if known {
		cc.Known, cc.Description = true, s.Description
		t.ErrorCount += s.Weight
		if bounce.Unfair(res, v) {
			t.UnfairErrorCount += s.Weight
		}
		if res.Validate() != nil {
			t.CategoryMismatches++
		}
	}
	if res.Code == status.Delivered {
		t.Delivered++
		return v
	}
	t.Failures++
	switch res.Category {
	case status.LE:
		t.ByCategory.LE++
	case status.BE:
		t.ByCategory.BE++
	default:
		t.ByCategory.None++
	}
	switch {
	case !known:
		t.ByLocus.Unknown++
	case s.Locus == status.User:
		t.ByLocus.User++
	default:
		t.ByLocus.System++
	}
	return v
}

// decidedByCode reports whether the verdict v of res rests on its SMTP
// reply code alone (see totals.DecidedByCode).
func decidedByCode(res status.Result, v bounce.Verdict) bool {
	return v.Evidence.Source == bounce.SourceCode && res.Code >= 400 && res.Code <= 599
}

func (n *counter) malformed(file string, line int) {
	t := &n.s.Totals
	t.Malformed++
	if len(t.MalformedAt) < maxMalformedShown {
		t.MalformedAt = append(t.MalformedAt, file+":"+strconv.Itoa(line))
	}
}

// summary returns the counts: codes sorted by count, most first; reasons
// by the count of all their results, most first, and the rows of one
// reason together, by count.
func (n *counter) summary() summary {
	s := n.s
	// Empty lists are [] in JSON, not null.
	s.Codes, s.Totals.Undocumented = []codeCount{}, []codeCount{}
	s.Totals.MalformedAt = append([]string{}, s.Totals.MalformedAt...)
	s.Totals.Incomplete = append([]incompleteInput{}, s.Totals.Incomplete...)
	for _, cc := range n.codes {
		cc.Share = float64(cc.Count) / float64(s.Totals.Results)
		s.Codes = append(s.Codes, *cc)
	}
	slices.SortFunc(s.Codes, func(a, b codeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Code, b.Code))
	})
	s.Reasons = []reasonCount{}
	perReason := map[bounce.Reason]int{}
	s.Actions = map[bounce.Action]int{}
	for a := bounce.None; a <= bounce.FixSender; a++ {
		s.Actions[a] = 0
	}
	for reason, rows := range n.rows {
		for _, r := range rows {
			rc := reasonCount{Reason: bounce.Reason(reason), Action: r.action, Count: r.count}
			rc.Share = float64(rc.Count) / float64(s.Totals.Results)
			rc.Rule, rc.RuleCount = r.top()
			s.Reasons = append(s.Reasons, rc)
			perReason[rc.Reason] += rc.Count
			s.Actions[rc.Action] += rc.Count
		}
	}
	slices.SortFunc(s.Reasons, func(a, b reasonCount) int {
		return cmp.Or(cmp.Compare(perReason[b.Reason], perReason[a.Reason]), cmp.Compare(a.Reason, b.Reason),
			cmp.Compare(b.Count, a.Count), cmp.Compare(a.Action, b.Action))
	})
	for _, cc := range s.Codes {
		if !cc.Known {
			s.Totals.Undocumented = append(s.Totals.Undocumented, cc)
		}
	}
	return s
}

// actions returns the actions that some results call for, most first.
func (s summary) actions() []actionCount {
	var as []actionCount
	for a, k := range s.Actions {
		if k > 0 {
			as = append(as, actionCount{a, k, float64(k) / float64(s.Totals.Results)})
		}
	}
	slices.SortFunc(as, func(a, b actionCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Action, b.Action))
	})
	return as
}

func (c *cli) summary(args []string) int {
	fs := c.flags("summary", summaryUsage)
	format := formatFlag(fs, "table", "json")
	by := &choice{"", []string{"domain", "provider"}}
	fs.Var(by, "by", "count per recipient domain, or per mail provider: `domain|provider` (see above)")
	rules := rulesFlag(fs)
	classifier, files, rc := c.parseArgsAndRules(fs, args, rules, noOperand)
	if rc >= 0 {
		return rc
	}

	n := newCounter(classifier)
	var domains *domainCounter
	if by.value != "" {
		domains = newDomainCounter(by.value)
	}
	lines, incomplete, ok := c.readRecords(files, func(file string, rec results.Record, bad *results.Error) error {
		switch {
		case bad != nil:
			n.malformed(file, bad.Line)
		case domains != nil:
			domains.add(&rec, n.add(rec.Result))
		default:
			n.add(rec.Result)
		}
		return nil
	})
	n.s.Totals.Lines = lines
	for _, f := range incomplete {
		n.s.Totals.Incomplete = append(n.s.Totals.Incomplete, incompleteInput{f.file, f.line, f.err.Error()})
	}
	s := n.summary()
	if domains != nil {
		s.Domains = domains.counts()
	}

	var err error
	switch {
	case format.value == "json":
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(s)
	case domains != nil:
		err = writeByDomain(c.stdout, domains.byProvider, s.Domains)
		if err == nil {
			fmt.Fprintln(c.stdout)
			err = writeTotals(c.stdout, s.Totals)
		}
	default:
		err = writeSummary(c.stdout, s)
	}
	if err != nil || !ok {
		return exitFail
	}
	return exitOK
}

// writeSummary writes s as tables for a terminal.
func writeSummary(w io.Writer, s summary) error {
	t := newTable(w)
	t.alignRight(0, 1, 2)
	t.row("CODE", "COUNT", "SHARE", "CATEGORY", "DESCRIPTION")
	for _, cc := range s.Codes {
		description := cc.Description
		if !cc.Known {
			description = "(" + notInCatalog(cc.Code) + ")"
		}
		t.row(cc.Code.String(), strconv.Itoa(cc.Count), percent(cc.Share),
			cc.Category.String(), description)
	}
	if err := t.flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)

	t = newTable(w)
	t.alignRight(1, 2)
	t.row("ACTION", "COUNT", "SHARE")
	for _, ac := range s.actions() {
		t.row(ac.Action.String(), strconv.Itoa(ac.Count), percent(ac.Share))
	}
	if err := t.flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)

	t = newTable(w)
	t.alignRight(1, 2)
	t.row("REASON", "COUNT", "SHARE", "ACTION", "DECIDED MOST BY")
	for _, rc := range s.Reasons {
		rule := "-"
		if rc.Rule != "" {
			rule = rc.Rule + " (" + strconv.Itoa(rc.RuleCount) + ")"
		}
		t.row(rc.Reason.String(), strconv.Itoa(rc.Count), percent(rc.Share), rc.Action.String(), rule)
	}
	if err := t.flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return writeTotals(w, s.Totals)
}

// writeTotals writes the totals of a summary as a table.
func writeTotals(w io.Writer, tt totals) error {
	t := newTable(w)
	t.row("lines read", strconv.Itoa(tt.Lines))
	for i, in := range tt.Incomplete {
		label := ""
		if i == 0 {
			label = "  not read to the end"
		}
		t.row(label, in.File+": "+in.Error)
	}
	t.row("results", strconv.Itoa(tt.Results))
	t.row("delivered (250)", strconv.Itoa(tt.Delivered))
	t.row("failures", strconv.Itoa(tt.Failures))
	t.row("  LE", strconv.Itoa(tt.ByCategory.LE))
	t.row("  BE", strconv.Itoa(tt.ByCategory.BE))
	if tt.ByCategory.None > 0 {
		t.row("  no category", strconv.Itoa(tt.ByCategory.None))
	}
	t.row("  system", strconv.Itoa(tt.ByLocus.System))
	t.row("  user", strconv.Itoa(tt.ByLocus.User))
	t.row("  unknown code", strconv.Itoa(tt.ByLocus.Unknown))
	t.row("decided by the code alone", strconv.Itoa(tt.DecidedByCode))
	undocumented := "none"
	if len(tt.Undocumented) > 0 {
		var codes []string
		for _, cc := range tt.Undocumented[:min(len(tt.Undocumented), maxUndocumentedShown)] {
			codes = append(codes, fmt.Sprintf("%v (%d)", cc.Code, cc.Count))
		}
		if len(tt.Undocumented) > maxUndocumentedShown {
			codes = append(codes, fmt.Sprintf("... (%d codes)", len(tt.Undocumented)))
		}
		undocumented = strings.Join(codes, ", ")
	}
	t.row("undocumented codes", undocumented)
	if tt.UndocumentedOther > 0 {
		t.row("  not counted apart", fmt.Sprintf("%d results with further codes (after the first %d codes)", tt.UndocumentedOther, maxUndocumented))
	}
	t.row("category mismatches", strconv.Itoa(tt.CategoryMismatches))
	malformed := strconv.Itoa(tt.Malformed)
	if len(tt.MalformedAt) > 0 {
		malformed += " (" + strings.Join(tt.MalformedAt, ", ")
		if tt.Malformed > len(tt.MalformedAt) {
			malformed += ", ..."
		}
		malformed += ")"
	}
	t.row("malformed lines", malformed)
	t.row("error count sum", tt.ErrorCount.String())
	t.row("  on fix-sender", tt.UnfairErrorCount.String()+" (the addresses are not at fault)")
	return t.flush()
}

// percent formats a share (0 to 1) as a percentage with one decimal.
func percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}
