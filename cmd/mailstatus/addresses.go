package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

const addressesUsage = `Usage: mailstatus addresses [-action A] [-format table|csv|json] [-bom] [-rules FILE] [FILE...]

Says what to do per recipient. It reads the service's API v1 documents (the
error list and the send list) and address<TAB>result-line files (a sender's
database export), told apart by their first bytes; result lines without
addresses are not counted. One row per address, sorted by address: the
address (its domain in lower case), how many results, how many failures,
the latest send time (Japan time) and code, the reason and action of the
latest failure, the error count the service adds (the exact sum of the
weights, at most 99.9) and the count that is fair (without the failures
whose action is fix-sender). "Latest" is by send time, and of results sent
at the same time the later in the input.

-action suppress lists the addresses whose latest result calls for
suppress: the addresses to stop sending to. -action fix-sender lists the
addresses whose count is above their fair count: the service counts the
sender's own faults against them; set their count to the fair count (the
service lets a count be set from 0 to 99 through its error-filter API and
management screen). retry and none list the addresses whose latest result
calls for that action.

-format csv writes RFC 4180 CSV with a header row (address, results,
failures, last_sent, last_code, last_action, reason, action, rule, count,
fair); -bom starts it with the UTF-8 byte order mark that Excel needs to
read UTF-8. -format json writes one JSON object per address (JSON Lines)
with the same keys. The inputs are read as parse reads them (gzip and
bzip2, standard input for "-" or no FILE); a record that cannot be read,
and a failed request that a document reports, are reported on standard
error, and the exit status is then 1.

`

// addressActions are the values of -action.
var addressActions = []string{"suppress", "fix-sender", "retry", "none"}

func (c *cli) addresses(args []string) int {
	fs := c.flags("addresses", addressesUsage)
	action := &choice{"", addressActions}
	fs.Var(action, "action", "list only the addresses for action `A`: suppress, fix-sender, retry or none (see above)")
	format := formatFlag(fs, "table", "csv", "json")
	bom := fs.Bool("bom", false, "start the CSV with a UTF-8 byte order mark, for Excel")
	rules := rulesFlag(fs)
	classifier, files, rc := c.parseArgsAndRules(fs, args, rules, noOperand)
	if rc >= 0 {
		return rc
	}
	if *bom && format.value != "csv" {
		fmt.Fprintln(c.stderr, "mailstatus: addresses: -bom is for -format csv")
		fs.Usage()
		return exitUsage
	}

	counter := &results.Counter{Classifier: classifier}
	bad := 0
	_, _, ok := c.readRecords(files, func(file string, rec results.Record, e *results.Error) error {
		if e != nil {
			c.report(file, e)
			bad++
			return nil
		}
		counter.Add(rec)
		return nil
	})
	counted, unaddressed := counter.Results()
	if unaddressed > 0 {
		c.warnf("mailstatus: addresses: %d results without an address (result lines) are not counted\n", unaddressed)
	}
	err := writeAddresses(c.stdout, counter, addressFilter(action.value), format.value, *bom)
	if err != nil || !ok || bad > 0 || counted == 0 && unaddressed > 0 {
		return exitFail
	}
	return exitOK
}

// addressFilter returns whether to list an address for the action named
// by -action ("" for all).
func addressFilter(action string) func(results.Address) bool {
	switch action {
	case "":
		return func(results.Address) bool { return true }
	case "fix-sender":
		return func(a results.Address) bool { return a.Count > a.Fair }
	}
	want, err := bounce.ParseAction(action)
	if err != nil {
		panic("mailstatus: addresses: action " + action) // -action allows only actions
	}
	return func(a results.Address) bool { return a.Last.Action == want }
}

// addressRow is an address as CSV and JSON write it: the fields of the
// header row, in order.
type addressRow struct {
	Address    string `json:"address"`
	Results    int    `json:"results"`
	Failures   int    `json:"failures"`
	LastSent   string `json:"last_sent,omitempty"`
	LastCode   int    `json:"last_code"`
	LastAction string `json:"last_action"`
	// Reason, Action and Rule are those of the latest failure, "" for an
	// address that never failed.
	Reason string        `json:"reason,omitempty"`
	Action string        `json:"action,omitempty"`
	Rule   string        `json:"rule,omitempty"`
	Count  status.Weight `json:"count"`
	Fair   status.Weight `json:"fair"`
}

var addressHeader = []string{"address", "results", "failures", "last_sent", "last_code", "last_action", "reason", "action", "rule", "count", "fair"}

// The layouts of a send time: in a table and in CSV, and in JSON.
const (
	sentLayout     = "2006-01-02 15:04"
	sentLayoutJSON = time.RFC3339
)

func newAddressRow(a results.Address, layout string) addressRow {
	r := addressRow{Address: a.Address, Results: a.Results, Failures: a.Failures,
		LastCode: int(a.Last.Code), LastAction: a.Last.Action.String(),
		Count: a.Count, Fair: a.Fair}
	if !a.Last.Sent.IsZero() {
		r.LastSent = a.Last.Sent.Format(layout)
	}
	if a.Failures > 0 {
		f := a.LastFailure
		r.Reason, r.Action, r.Rule = f.Reason.String(), f.Action.String(), f.Rule
	}
	return r
}

// writeAddresses writes the addresses of c that keep lets through, sorted
// by address, in format: "table", "csv" (with a byte order mark first if
// bom is set) or "json" (JSON Lines).
func writeAddresses(w io.Writer, c *results.Counter, keep func(results.Address) bool, format string, bom bool) error {
	switch format {
	case "csv":
		if bom {
			if _, err := io.WriteString(w, "\ufeff"); err != nil {
				return err
			}
		}
		cw := csv.NewWriter(w)
		cw.UseCRLF = true // RFC 4180
		cw.Write(addressHeader)
		for a := range c.All() {
			if !keep(a) {
				continue
			}
			r := newAddressRow(a, sentLayout)
			cw.Write([]string{r.Address, strconv.Itoa(r.Results), strconv.Itoa(r.Failures), r.LastSent,
				strconv.Itoa(r.LastCode), r.LastAction, r.Reason, r.Action, r.Rule, a.Count.String(), a.Fair.String()})
			if err := cw.Error(); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for a := range c.All() {
			if !keep(a) {
				continue
			}
			if err := enc.Encode(newAddressRow(a, sentLayoutJSON)); err != nil {
				return err
			}
		}
		return nil
	}
	return writeAddressTable(w, c, keep)
}

// addressColumns are the columns of the table, and those aligned right.
var (
	addressColumns = []string{"ADDRESS", "RESULTS", "FAILURES", "LAST SENT", "LAST CODE", "REASON", "ACTION", "COUNT", "FAIR"}
	addressRight   = []int{1, 2, 4, 7, 8}
)

// tableRows is how many rows of the table are aligned at a time: the
// widths of the columns are found in a first pass over the addresses, so
// that the table need not be held whole, however many addresses it has.
const tableRows = 1024

// writeAddressTable writes the addresses as aligned columns, in two
// passes: one for the widths, one to write.
func writeAddressTable(w io.Writer, c *results.Counter, keep func(results.Address) bool) error {
	widths := make([]int, len(addressColumns))
	for i, h := range addressColumns {
		widths[i] = displayWidth(h)
	}
	for a := range c.All() {
		if keep(a) {
			for i, cell := range addressCells(a) {
				widths[i] = max(widths[i], displayWidth(cell))
			}
		}
	}
	t := newAddressTable(w, widths)
	t.row(addressColumns...)
	n := 1
	for a := range c.All() {
		if !keep(a) {
			continue
		}
		t.row(addressCells(a)...)
		if n++; n == tableRows {
			if err := t.flush(); err != nil {
				return err
			}
			t, n = newAddressTable(w, widths), 0
		}
	}
	return t.flush()
}

func newAddressTable(w io.Writer, widths []int) *table {
	t := newTable(w)
	t.alignRight(addressRight...)
	for i, width := range widths {
		t.minWidth(i, width)
	}
	return t
}

// addressCells returns the cells of an address's row of the table.
func addressCells(a results.Address) []string {
	r := newAddressRow(a, sentLayout)
	reason, action := "-", "-"
	if r.Reason != "" {
		reason, action = r.Reason, r.Action
	}
	sent := r.LastSent
	if sent == "" {
		sent = "-"
	}
	return []string{r.Address, strconv.Itoa(r.Results), strconv.Itoa(r.Failures), sent,
		strconv.Itoa(r.LastCode), reason, action, a.Count.String(), a.Fair.String()}
}
