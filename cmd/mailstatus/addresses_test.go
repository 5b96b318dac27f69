package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status/results"
)

// The documents of package results' tests, written in the documented
// form of the service's API v1.
const (
	errorList = "../../results/testdata/errorlist.xml"
	sendList  = "../../results/testdata/sendlist.xml"
	failed    = "../../results/testdata/failed.xml"
	export    = "../../results/testdata/export.tsv"
)

func TestAddresses(t *testing.T) {
	r := runTool(t, "", "addresses", errorList, sendList, export)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	want := `ADDRESS                RESULTS  FAILURES  LAST SENT         LAST CODE  REASON       ACTION      COUNT  FAIR
hanako@example.jp            2         1  2024-03-04 09:15        552  mailboxfull  retry         0.1   0.1
ichiro@gmail.com             1         1  2024-03-05 18:00        550  userunknown  suppress        1     1
jiro@docomo.ne.jp            1         1  2024-03-04 09:16        850  filtered     suppress      0.5   0.5
jiro@t.vodafone.ne.jp        1         1  -                       850  filtered     suppress      0.5   0.5
saburo@outlook.com           1         1  2024-03-04 09:16        550  blocked      fix-sender      1     0
shiro@ezweb.ne.jp            1         1  2024-03-05 18:01       -550  userunknown  suppress        0     0
taro@example.jp              3         2  2024-03-05 18:00        250  userunknown  suppress        2     2
`
	assert.Equal(t, want, r.stdout)
}

func TestAddressesCSV(t *testing.T) {
	r := runTool(t, "", "addresses", "-action", "suppress", "-format", "csv", errorList, sendList)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NotContains(t, strings.ReplaceAll(r.stdout, "\r\n", ""), "\n", "RFC 4180 ends lines with CRLF")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, addressHeader, rows[0])
	var listed []string
	for _, row := range rows[1:] {
		listed = append(listed, row[0])
	}
	// The unknown users are listed; the recipient of a blocklisted sender
	// is not, nor an address whose latest result is a delivery.
	assert.Equal(t, []string{"ichiro@gmail.com", "jiro@docomo.ne.jp", "shiro@ezweb.ne.jp"}, listed)
	assert.Equal(t, []string{"ichiro@gmail.com", "1", "1", "2024-03-05 18:00", "550", "suppress", "userunknown", "suppress", "enhanced:X.1.1", "1", "1"}, rows[1])

	r = runTool(t, "", "addresses", "-format", "csv", "-bom", errorList)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "\ufeffaddress,results,"), "a byte order mark, then the header")

	r = runTool(t, "", "addresses", "-format", "csv", errorList)
	assert.True(t, strings.HasPrefix(r.stdout, "address,results,"), "no byte order mark unless asked")

	r = runTool(t, "", "addresses", "-bom", errorList)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-bom is for -format csv")
}

func TestAddressesFixSender(t *testing.T) {
	r := runTool(t, "", "addresses", "-action", "fix-sender", "-format", "json", errorList, sendList)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 1, r.stdout)
	var got addressRow
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &got))
	assert.Equal(t, addressRow{Address: "saburo@outlook.com", Results: 1, Failures: 1, LastSent: "2024-03-04T09:16:00+09:00",
		LastCode: 550, LastAction: "fix-sender", Reason: "blocked", Action: "fix-sender", Rule: got.Rule, Count: 10, Fair: 0}, got)
	assert.NotEmpty(t, got.Rule)
	assert.Contains(t, lines[0], `"count":1,"fair":0}`, "counts are JSON numbers")
}

func TestAddressesJSON(t *testing.T) {
	r := runTool(t, "", "addresses", "-format", "json", sendList)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 3)
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[2]), &first))
	assert.Equal(t, "taro@example.jp", first["address"])
	assert.NotContains(t, first, "reason", "no failure, no reason")
	for _, key := range addressHeader {
		if key != "reason" && key != "action" && key != "rule" {
			assert.Contains(t, first, key)
		}
	}
}

func TestAddressesActions(t *testing.T) {
	for action, want := range map[string]string{
		"retry": "hanako@example.jp",
		"none":  "taro@example.jp",
	} {
		r := runTool(t, "", "addresses", "-action", action, "-format", "csv", errorList, sendList)
		require.Equal(t, exitOK, r.code, r.stderr)
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 2, action)
		assert.Equal(t, want, rows[1][0], action)
	}
	r := runTool(t, "", "addresses", "-action", "bounce", errorList)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `invalid value "bounce" for flag -action`)
}

func TestAddressesProblems(t *testing.T) {
	// Result lines have no addresses: nothing to count is an error.
	log := writeFile(t, "results.log", "550 BE 5.1.1 User unknown\n250 - ok\n")
	r := runTool(t, "", "addresses", log)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "2 results without an address (result lines) are not counted")

	// A bad record is reported; the others are counted.
	doc := `<mail><error_list>
<data id="a-1"><to_addr>taro@example.jp</to_addr><message code="550">5.1.1 User unknown</message></data>
<data id="a-2"><to_addr>hanako@example.jp</to_addr><sent_date>2021/13/01 16:34</sent_date><message code="550">x</message></data>
</error_list></mail>`
	r = runTool(t, doc, "addresses", "-format", "csv")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "-:3: record 2 (id \"a-2\"): bad sent_date: \"2021/13/01 16:34\"\n", r.stderr)
	assert.Contains(t, r.stdout, "taro@example.jp,1,1,")
	assert.NotContains(t, r.stdout, "hanako")

	// A failed request is reported, in the compiler's form.
	r = runTool(t, "", "addresses", failed, errorList)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, failed+":5: the request failed: result code \"1\": \"NG\"\n"+
		failed+":7: the request failed: error kind \"auth\" code \"101\": \"the api key is not valid\"\n", r.stderr)
	assert.Contains(t, r.stdout, "taro@example.jp")

	// A malformed line of an export.
	tsv := writeFile(t, "export.tsv", "taro@example.jp\t550 BE x\nhanako@example.jp\t55O BE x\n")
	r = runTool(t, "", "addresses", tsv)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, tsv+":2:19: bad status code: \"hanako@example.jp\\t55O BE x\"\n", r.stderr)

	r = runTool(t, "", "addresses", "-h")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "Usage: mailstatus addresses")
}

// TestAddressTableChunks checks that a table written in chunks, for many
// addresses, is aligned as one table.
func TestAddressTableChunks(t *testing.T) {
	var c results.Counter
	for i := range 3 * tableRows {
		to := fmt.Sprintf("%s%d@example.jp", strings.Repeat("x", i%13), i)
		rec := results.Record{To: to, Form: results.TSV}
		rec.Result.Code = 550
		c.Add(rec)
	}
	var b bytes.Buffer
	require.NoError(t, writeAddresses(&b, &c, addressFilter(""), "table", false))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, 3*tableRows+1)
	// Where RESULTS ends in the header, every row's count ends.
	end := strings.Index(lines[0], "RESULTS") + len("RESULTS")
	digitEnd := regexp.MustCompile(`^\S+ +\d+`)
	for i, line := range lines[1:] {
		if m := digitEnd.FindString(line); len(m) != end {
			t.Fatalf("row %d: the results column ends at %d, the header's at %d:\n%s\n%s", i+1, len(m), end, lines[0], line)
		}
	}
}

func TestAppendRecordFields(t *testing.T) {
	f, err := os.Open(errorList)
	require.NoError(t, err)
	defer f.Close()
	var recs []results.Record
	for rec, err := range results.NewReader(f).All() {
		require.NoError(t, err)
		recs = append(recs, rec)
	}
	got := string(appendRecordFields([]byte(`{"code":550`), &recs[1])) + "}"
	assert.Equal(t, `{"code":550,"to":"hanako@Example.JP","from":"news@shop.example.com","sent":"2024-03-04T09:15:00+09:00","key":"member-0042","id":"e-1002"}`, got)
	var back struct{ To, From, Sent, Key, ID string }
	require.NoError(t, json.Unmarshal([]byte(got), &back))
	assert.Equal(t, recs[1].Sent.Format(time.RFC3339), back.Sent)

	// A key field set to no_data is unset, and a result line has none of
	// the fields.
	assert.NotContains(t, string(appendRecordFields(nil, &recs[0])), `"key"`)
	assert.Empty(t, appendRecordFields(nil, &results.Record{Form: results.Lines}))
	assert.Equal(t, `,"to":"a\"b@example.jp"`, string(appendRecordFields(nil, &results.Record{To: `a"b@example.jp`})))
}
