package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

// countFiles counts the records of files per domain, or per provider.
func countFiles(t *testing.T, by string, files ...string) *domainCounter {
	t.Helper()
	n := newDomainCounter(by)
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		for rec, err := range results.NewReader(f).All() {
			require.NoError(t, err, name)
			n.add(&rec, bounce.Classify(rec.Result))
		}
		f.Close()
	}
	return n
}

func TestByDomain(t *testing.T) {
	log := writeFile(t, "results.log", "550 BE 5.1.1 User unknown\n250 - ok\n")
	// example.jp: taro's 550 (twice) and 250, hanako's 552 and 250; "-":
	// the result lines.
	n := countFiles(t, "domain", errorList, sendList, export, log)
	var b bytes.Buffer
	require.NoError(t, writeByDomain(&b, false, n.counts()))
	want := `DOMAIN            RESULTS  FAILURES   NONE  RETRY  SUPPRESS  FIX-SENDER  REASON OF MOST   DECIDED MOST BY
example.jp              5         3  40.0%  20.0%     40.0%        0.0%  userunknown (2)  text:user-unknown (2)
-                       2         1  50.0%   0.0%     50.0%        0.0%  userunknown (1)  text:user-unknown (1)
docomo.ne.jp            1         1   0.0%   0.0%    100.0%        0.0%  filtered (1)     code:850 (1)
ezweb.ne.jp             1         1   0.0%   0.0%    100.0%        0.0%  userunknown (1)  text:user-unknown (1)
gmail.com               1         1   0.0%   0.0%    100.0%        0.0%  userunknown (1)  enhanced:X.1.1 (1)
outlook.com             1         1   0.0%   0.0%      0.0%      100.0%  blocked (1)      text:blocklisted (1)
t.vodafone.ne.jp        1         1   0.0%   0.0%    100.0%        0.0%  filtered (1)     code:850 (1)
`
	assert.Equal(t, want, b.String())
}

func TestByProvider(t *testing.T) {
	n := countFiles(t, "provider", errorList, sendList, export)
	got := map[string]domainCount{}
	for _, dc := range n.counts() {
		got[dc.Domain] = dc
	}
	assert.ElementsMatch(t, []string{"example.jp", "docomo", "au", "Google", "Microsoft", "SoftBank"}, keys(got))
	ms := got["Microsoft"]
	assert.Equal(t, 1, ms.Actions[bounce.FixSender])
	assert.Equal(t, "blocked", ms.Reason)
	assert.Equal(t, "userunknown", got["Google"].Reason)
	assert.Equal(t, 1, got["SoftBank"].Results, "t.vodafone.ne.jp is SoftBank's")

	var b bytes.Buffer
	require.NoError(t, writeByDomain(&b, true, n.counts()))
	assert.True(t, strings.HasPrefix(b.String(), "PROVIDER "), b.String())

	data, err := json.Marshal(n.counts())
	require.NoError(t, err)
	var rows []domainCount
	require.NoError(t, json.Unmarshal(data, &rows))
	assert.Equal(t, n.counts(), rows)
	assert.Contains(t, string(data), `"fix-sender":1`, "every action by name")
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestByDomainTies checks that the reason and the rule of most are the
// first by order of those of as many, so that the output is the same
// every run.
func TestByDomainTies(t *testing.T) {
	for range 20 {
		n := newDomainCounter("domain")
		for _, line := range []string{"552 BE 5.2.2 Mailbox full", "550 BE 5.1.1 User unknown"} {
			rec := results.Record{To: "taro@example.jp"}
			rec.Result.Message = line[7:]
			rec.Result.Code = 550
			if line[2] == '2' {
				rec.Result.Code = 552
			}
			n.add(&rec, bounce.Classify(rec.Result))
		}
		dc := n.counts()[0]
		require.Equal(t, 1, dc.ReasonCount)
		assert.Equal(t, bounce.UserUnknown.String(), dc.Reason, "userunknown comes before mailboxfull")
		assert.Equal(t, "text:mailbox-full", dc.Rule, "the first rule by name")
	}
}

func TestByDomainBounded(t *testing.T) {
	n := newDomainCounter("domain")
	for i := range maxDomains + 50 {
		rec := results.Record{To: fmt.Sprintf("taro@d%d.example", i)}
		rec.Result.Code = 250
		n.add(&rec, bounce.Classify(rec.Result))
	}
	rows := n.counts()
	assert.Len(t, rows, maxDomains+1)
	assert.Equal(t, domainCount{Domain: otherDomains, Results: 50, Actions: map[bounce.Action]int{bounce.None: 50, bounce.Retry: 0, bounce.Suppress: 0, bounce.FixSender: 0}}, rows[0])
}

// records is how many records TestByDomainHeap reads: 2·10^4 by default, and
// 10^6 with
//
//	go test -run TestByDomainHeap -v ./cmd/mailstatus -records 1000000
var records = flag.Int("records", 20_000, "the number of records of TestByDomainHeap's document")

// TestByDomainHeap reads a generated error list of -records records, of
// 100 domains, into a domainCounter, and checks with runtime.MemStats that
// the live heap does not grow with the records.
func TestByDomainHeap(t *testing.T) {
	n := max(*records, 10)
	if testing.Short() {
		n = min(n, 10_000)
	}
	counter := newDomainCounter("domain")
	var ms runtime.MemStats
	var first, peak uint64
	read := 0
	for rec, err := range results.NewReader(generatedList(n, nil)).All() {
		require.NoError(t, err)
		counter.add(&rec, bounce.Classify(rec.Result))
		if read++; read%(n/10) == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			if first == 0 {
				first = ms.HeapAlloc
			}
		}
	}
	require.Equal(t, n, read)
	require.Len(t, counter.rows, 100)
	t.Logf("%d records: live heap %.1f MiB after the first tenth, %.1f MiB at most", n, float64(first)/(1<<20), float64(peak)/(1<<20))
	assert.Less(t, peak, uint64(16<<20))
	assert.Less(t, peak, first+4<<20, "the heap grew with the records")
}
