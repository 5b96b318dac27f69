package main

import (
	"cmp"
	"io"
	"slices"
	"strconv"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

// The counting and the table of summary -by domain and -by provider.

// noDomain is the row of the results whose domain is not known: result
// lines, which have no address, and addresses without a domain.
const noDomain = "-"

// maxDomains is how many rows summary -by counts one by one; the results
// of further domains are counted together in the row otherDomains, so
// that memory stays bounded whatever the input holds.
const (
	maxDomains   = 10_000
	otherDomains = "(other domains)"
)

// domainCounter counts records per recipient domain, or per provider
// (results.Provider) where the domain is a known provider's.
type domainCounter struct {
	byProvider bool
	rows       map[string]*domainRow
}

// domainRow counts the records of one domain or provider.
type domainRow struct {
	results, failures int
	actions           [bounce.FixSender + 1]int
	reasons           tally[bounce.Reason] // of the failures
	rules             tally[string]        // of the failures
}

// newDomainCounter returns a counter per domain, or per provider when by
// is "provider".
func newDomainCounter(by string) *domainCounter {
	return &domainCounter{byProvider: by == "provider", rows: map[string]*domainRow{}}
}

// key returns the row of an address.
func (n *domainCounter) key(to string) string {
	d := results.Domain(to)
	if d == "" {
		return noDomain
	}
	if n.byProvider {
		if p, ok := results.Provider(d); ok {
			return p
		}
	}
	return d
}

// add counts a record, whose result has the verdict v.
func (n *domainCounter) add(rec *results.Record, v bounce.Verdict) {
	key := n.key(rec.To)
	row := n.rows[key]
	if row == nil && len(n.rows) >= maxDomains {
		key = otherDomains
		row = n.rows[key]
	}
	if row == nil {
		row = &domainRow{}
		n.rows[key] = row
	}
	row.results++
	if int(v.Action) < len(row.actions) {
		row.actions[v.Action]++
	}
	if rec.Result.Code != status.Delivered {
		row.failures++
		row.reasons.add(v.Reason)
		row.rules.add(v.Evidence.Rule)
	}
}

// domainCount is a row of summary -by, as its JSON has it.
type domainCount struct {
	// Domain is the domain, or the provider, or "-".
	Domain   string `json:"domain"`
	Results  int    `json:"results"`
	Failures int    `json:"failures"`
	// Actions counts the results per action, every action included.
	Actions map[bounce.Action]int `json:"actions"`
	// Reason is the reason of the most failures (the first in the order
	// of bounce's reasons of those of as many), and ReasonCount how many;
	// Rule is the rule that decided the most failures, and RuleCount how
	// many. They are "" and 0 for a row without failures.
	Reason      string `json:"reason,omitempty"`
	ReasonCount int    `json:"reason_count"`
	Rule        string `json:"rule,omitempty"`
	RuleCount   int    `json:"rule_count"`
}

// counts returns the rows, most results first, then by name.
func (n *domainCounter) counts() []domainCount {
	out := make([]domainCount, 0, len(n.rows))
	for key, row := range n.rows {
		dc := domainCount{Domain: key, Results: row.results, Failures: row.failures, Actions: map[bounce.Action]int{}}
		for a, k := range row.actions {
			dc.Actions[bounce.Action(a)] = k
		}
		if reason, k := row.reasons.top(); k > 0 {
			dc.Reason, dc.ReasonCount = reason.String(), k
		}
		dc.Rule, dc.RuleCount = row.rules.top()
		out = append(out, dc)
	}
	slices.SortFunc(out, func(a, b domainCount) int {
		return cmp.Or(cmp.Compare(b.Results, a.Results), cmp.Compare(a.Domain, b.Domain))
	})
	return out
}

// writeByDomain writes rows, the counts of a domainCounter, as a table
// whose first column is the provider, byProvider, or the domain.
func writeByDomain(w io.Writer, byProvider bool, rows []domainCount) error {
	t := newTable(w)
	t.alignRight(1, 2, 3, 4, 5, 6)
	head := "DOMAIN"
	if byProvider {
		head = "PROVIDER"
	}
	t.row(head, "RESULTS", "FAILURES", "NONE", "RETRY", "SUPPRESS", "FIX-SENDER", "REASON OF MOST", "DECIDED MOST BY")
	for _, dc := range rows {
		cells := []string{dc.Domain, strconv.Itoa(dc.Results), strconv.Itoa(dc.Failures)}
		for a := bounce.None; a <= bounce.FixSender; a++ {
			cells = append(cells, percent(float64(dc.Actions[a])/float64(dc.Results)))
		}
		reason, rule := "-", "-"
		if dc.ReasonCount > 0 {
			reason = dc.Reason + " (" + strconv.Itoa(dc.ReasonCount) + ")"
		}
		if dc.Rule != "" {
			rule = dc.Rule + " (" + strconv.Itoa(dc.RuleCount) + ")"
		}
		t.row(append(cells, reason, rule)...)
	}
	return t.flush()
}
