package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tool on results with their recipients (issue 21), read from
// documents that the tests write in the form the service's API v1 pages
// document (apiv1/errorlist_data, apiv1/sendlist), from address<TAB>line
// exports and from result lines.

// docRecord is a <data> record of an API v1 document.
type docRecord struct {
	id, sent, to, from, key string
	code                    string // the code attribute of <message>
	message                 string // its text: the whole result line, or only the message
	extra                   string // other elements, such as the send list's status
}

// apiDocument returns an API v1 document whose <action> is action
// (get_error, get_result) and whose records are wrapped in wrapper.
func apiDocument(action, wrapper string, recs []docRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mail>\n <delivery id=\"1\">\n  <action>%s</action>\n  <%s>\n", action, wrapper)
	for _, r := range recs {
		fmt.Fprintf(&b, "   <data id =\"%s\">\n    <sent_date>%s</sent_date>\n    <to_addr><![CDATA[%s]]></to_addr>\n"+
			"    <from_addr><![CDATA[%s]]></from_addr>\n    <key_field><![CDATA[%s]]></key_field >\n%s"+
			"    <message code=\"%s\"><![CDATA[%s]]></message>\n   </data>\n",
			r.id, r.sent, r.to, r.from, r.key, r.extra, r.code, r.message)
	}
	fmt.Fprintf(&b, "  </%s>\n  <result code=\"0\">OK</result>\n </delivery>\n</mail>\n", wrapper)
	return b.String()
}

// The replies of the records, with the action the built-in rules give;
// ADDR stands for the recipient.
var dayReplies = []struct{ code, line string }{
	{"550", "550 BE 5.1.1 <ADDR>: Recipient address rejected: User unknown in local recipient table"}, // Postfix: suppress
	{"552", "552 BE 5.2.2 <ADDR>: Mailbox full"},                                                      // retry
	{"250", "250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz"},                                                  // none
}

// dayReply returns reply i of dayReplies, to addr.
func dayReply(i int, addr string) (code, line string) {
	r := dayReplies[i%len(dayReplies)]
	return r.code, strings.ReplaceAll(r.line, "ADDR", addr)
}

var dayDomains = []string{"example.jp", "gmail.com", "docomo.ne.jp", "outlook.com", "ezweb.ne.jp"}

// day writes a day's results in the four forms: an error list of n
// records whose <message> is the whole result line, a send list of n/2
// whose <message> holds only the message and the code its attribute, a
// TSV export of n/4 lines with a header, and n/8 result lines; the
// recipients are spread over dayDomains. It returns the files and how
// many records each domain has.
func day(t *testing.T, n int) (files []string, perDomain map[string]int) {
	t.Helper()
	perDomain = map[string]int{}
	to := func(i int) string {
		d := dayDomains[i%len(dayDomains)]
		perDomain[d]++
		return fmt.Sprintf("user%d@%s", i%(n/3+1), d)
	}
	var errs, sent []docRecord
	for i := range n {
		addr := to(i)
		code, line := dayReply(i%2, addr) // failures only
		errs = append(errs, docRecord{id: fmt.Sprintf("e-%d", i), sent: fmt.Sprintf("2024/03/04 %02d:%02d", i/60%24, i%60),
			to: addr, from: "news@shop.example.com", key: "no_data", code: code, message: line})
	}
	for i := range n / 2 {
		addr := to(i)
		code, line := dayReply(i, addr)
		status := "error"
		if code == "250" {
			status = "sent"
		}
		sent = append(sent, docRecord{id: fmt.Sprintf("s-%d", i), sent: "2024/03/05 18:00", to: addr, from: "news@shop.example.com",
			key: fmt.Sprintf("member-%04d", i), code: code, message: line[7:], extra: "    <status>" + status + "</status>\n"})
	}
	var tsv, lines strings.Builder
	tsv.WriteString("email\tresult\n")
	for i := range n / 4 {
		addr := to(i)
		_, line := dayReply(i, addr)
		tsv.WriteString(addr + "\t" + line + "\n")
	}
	for i := range n / 8 {
		_, line := dayReply(i, "someone@example.jp")
		lines.WriteString(line + "\n")
		perDomain[noDomain]++
	}
	return []string{
		writeFile(t, "errors.xml", apiDocument("get_error", "error_list", errs)),
		writeFile(t, "sent.xml", apiDocument("get_result", "sent_list", sent)),
		writeFile(t, "export.tsv", tsv.String()),
		writeFile(t, "results.log", lines.String()),
	}, perDomain
}

func TestRecordsCounted(t *testing.T) {
	// Every record of every form is counted, gzipped as plain, and by
	// domain too: a row per domain, with all its records.
	const n = 2000
	files, perDomain := day(t, n)
	total := n + n/2 + n/4 + n/8
	r, s := summaryJSON(t, "", files...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, total, s.Totals.Results)
	assert.Zero(t, s.Totals.Malformed)
	assert.Nil(t, s.Domains, "no rows per domain without -by")

	var gz []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		gz = append(gz, writeBytes(t, "day.gz", gzipped(t, string(data))))
	}
	for _, by := range []string{"", "domain"} {
		args := files
		if by != "" {
			args = append([]string{"-by", by}, files...)
		}
		plain := runTool(t, "", append([]string{"summary"}, args...)...)
		require.Equal(t, exitOK, plain.code, plain.stderr)
		args = append(args[:len(args)-len(files):len(args)-len(files)], gz...)
		z := runTool(t, "", append([]string{"summary"}, args...)...)
		require.Equal(t, exitOK, z.code, z.stderr)
		assert.Equal(t, plain.stdout, z.stdout, "gzipped, by %q", by)
	}

	r, s = summaryJSON(t, "", append([]string{"-by", "domain"}, files...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	got := map[string]int{}
	for _, dc := range s.Domains {
		_, twice := got[dc.Domain]
		assert.False(t, twice, "one row for %s", dc.Domain)
		got[dc.Domain] = dc.Results
	}
	assert.Equal(t, perDomain, got)
	assert.Equal(t, total, s.Totals.Results, "the totals follow")
}

func TestSummaryByDomainTable(t *testing.T) {
	files, perDomain := day(t, 40)
	r := runTool(t, "", "summary", "-by", "domain", files[0], files[2], files[3])
	require.Equal(t, exitOK, r.code, r.stderr)
	tables := strings.SplitN(r.stdout, "\n\n", 2)
	require.Len(t, tables, 2, r.stdout)
	rows := strings.Split(strings.TrimSuffix(tables[0], "\n"), "\n")
	assert.True(t, strings.HasPrefix(rows[0], "DOMAIN "), rows[0])
	var domains []string
	for _, row := range rows[1:] {
		domains = append(domains, strings.Fields(row)[0])
	}
	assert.ElementsMatch(t, keys(perDomain), domains, "a row per domain, and one for the result lines")
	assert.Contains(t, tables[1], fmt.Sprintf("results                    %d\n", 40+10+5), "the totals follow")

	r = runTool(t, "", "summary", files[1], "-by", "provider")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "PROVIDER "), r.stdout)
	for _, p := range []string{"\nGoogle ", "\nMicrosoft ", "\ndocomo ", "\nau ", "\nexample.jp "} {
		assert.Contains(t, r.stdout, p, "flags after the files")
	}
	assert.NotContains(t, r.stdout, "gmail.com", "gmail.com is Google's")

	r = runTool(t, "", "summary", "-by", "country", files[0])
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `invalid value "country" for flag -by`)
}

func TestParseRecords(t *testing.T) {
	files, _ := day(t, 8)
	r := runTool(t, "", append([]string{"parse"}, files...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var got []parsedLine
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	for sc.Scan() {
		var p parsedLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &p), sc.Text())
		got = append(got, p)
	}
	require.Len(t, got, 8+4+2+1)
	jst := time.FixedZone("JST", 9*60*60)

	// The error list: every field, the key unset as no_data.
	first := got[0]
	assert.Equal(t, files[0], first.File)
	assert.Equal(t, "user0@example.jp", first.To)
	assert.Equal(t, "news@shop.example.com", first.From)
	require.NotNil(t, first.Sent)
	assert.True(t, first.Sent.Equal(time.Date(2024, 3, 4, 0, 0, 0, 0, jst)), "%v", first.Sent)
	assert.Empty(t, first.Key, "no_data is no key")
	assert.Equal(t, "e-0", first.ID)
	assert.Equal(t, 6, first.Line, "the line of the record's <data>")
	assert.Equal(t, "userunknown", first.Reason.String())
	assert.Contains(t, r.stdout, `"line":6,"to":"user0@example.jp","from":"news@shop.example.com","sent":"2024-03-04T00:00:00+09:00","id":"e-0","code":550,`)

	// The send list, whose <message> holds only the message: the code
	// is its attribute, and the key is set.
	s := got[8]
	assert.Equal(t, "member-0000", s.Key)
	assert.Equal(t, 550, int(s.Code))
	assert.Equal(t, "5.1.1 <user0@example.jp>: Recipient address rejected: User unknown in local recipient table", s.Message)

	// The export: the address, and nothing the export does not have.
	e := got[12]
	assert.Equal(t, files[2], e.File)
	assert.Equal(t, "user0@example.jp", e.To)
	assert.Equal(t, 2, e.Line, "after the header")
	assert.Empty(t, e.From)
	assert.Nil(t, e.Sent)
	assert.NotContains(t, strings.Split(r.stdout, "\n")[12], `"from"`)

	// Result lines have no recipient.
	l := got[14]
	assert.Empty(t, l.To)
	assert.NotContains(t, strings.Split(r.stdout, "\n")[14], `"to"`)
}

func TestAddressesSuppress(t *testing.T) {
	// An unknown user is to be suppressed; the recipient of a sender that
	// a blocklist lists is not: the sender is at fault.
	doc := apiDocument("get_error", "error_list", []docRecord{
		{id: "1", sent: "2024/03/04 09:15", to: "taro@example.jp", from: "news@shop.example.com", key: "no_data", code: "550",
			message: "550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table"},
		{id: "2", sent: "2024/03/04 09:15", to: "hanako@example.net", from: "news@shop.example.com", key: "no_data", code: "550",
			message: "550 BE 5.7.1 Service unavailable; client host [192.0.2.10] blocked using zen.spamhaus.org"},
	})
	path := writeFile(t, "errors.xml.gz", doc)
	r := runTool(t, "", "addresses", path, "-action", "suppress", "-format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2, r.stdout)
	assert.Equal(t, addressHeader, rows[0], "a header row")
	assert.Equal(t, "taro@example.jp", rows[1][0])
	assert.NotContains(t, r.stdout, "hanako")

	r = runTool(t, "", "addresses", path, "-action", "fix-sender", "-format", "csv")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "\r\nhanako@example.net,", "the blocklisted sender's recipient, to reset")

	// Standard input, gzipped or not.
	r = runTool(t, string(gzipped(t, doc)), "addresses", "-format", "csv", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "\r\ntaro@example.jp,")
}

func TestExplainRecords(t *testing.T) {
	files, _ := day(t, 2)
	data, err := os.ReadFile(files[0])
	require.NoError(t, err)
	r := runTool(t, string(data), "explain")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "line:         550 BE 5.1.1 <user0@example.jp>: Recipient address rejected")
	assert.Contains(t, r.stdout, "\nto:           user0@example.jp\n")
	assert.Contains(t, r.stdout, "\nto:           user0@gmail.com\n")
	assert.Equal(t, 2, strings.Count(r.stdout, "\nto: "))

	r = runTool(t, "", "explain", "550 BE 5.1.1 User unknown")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "to:", "a line has no recipient")
}

func TestRecordErrors(t *testing.T) {
	good := docRecord{id: "a-1", sent: "2024/03/04 09:15", to: "taro@example.jp", from: "news@shop.example.com", key: "no_data", code: "550",
		message: "550 BE 5.1.1 User unknown"}
	bad := good
	bad.id, bad.sent = "a-2", "2024/13/04 09:15"
	path := writeFile(t, "errors.xml", apiDocument("get_error", "error_list", []docRecord{good, bad, good}))

	// A bad record: its line, number and id; the others are written.
	r := runTool(t, "", "parse", path)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, path+":13: record 2 (id \"a-2\"): bad sent_date: \"2024/13/04 09:15\"\n", r.stderr)
	assert.Equal(t, 2, strings.Count(r.stdout, "\n"))
	// summary counts it as malformed, and goes on.
	r, s := summaryJSON(t, "", path)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, 2, s.Totals.Results)
	assert.Equal(t, []string{path + ":13"}, s.Totals.MalformedAt)

	// A line of an export, by its column.
	tsv := writeFile(t, "export.tsv", "taro@example.jp\t550 BE x\nhanako@example.jp\t55O BE x\n")
	r = runTool(t, "", "parse", tsv)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, tsv+":2:19: bad status code: \"hanako@example.jp\\t55O BE x\"\n", r.stderr)

	// Invalid XML ends the document: reported, and the input is not
	// read to its end.
	doc := apiDocument("get_error", "error_list", []docRecord{good, good})
	cut := writeFile(t, "cut.xml", doc[:strings.LastIndex(doc, "<data")+20])
	r, s = summaryJSON(t, "", cut)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, cut+":14: invalid XML: unexpected EOF (the rest of the document is not read)\n", r.stderr)
	assert.Equal(t, 1, s.Totals.Results)
	assert.Equal(t, []incompleteInput{{cut, 14, "line 14: invalid XML: unexpected EOF"}}, s.Totals.Incomplete)

	// So does gzipped data cut short, as for a log.
	z := gzipped(t, doc)
	cutGz := writeBytes(t, "cut.xml.gz", z[:len(z)-12])
	r = runTool(t, "", "summary", cutGz)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "mailstatus: "+cutGz+": input cut short after line ")

	// A failed request, for every command: in the totals of summary.
	r, s = summaryJSON(t, "", failed)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, failed+":7: the request failed: error kind \"auth\"")
	require.Len(t, s.Totals.Incomplete, 2)
	assert.Equal(t, incompleteInput{failed, 5, `line 5: the request failed: result code "1": "NG"`}, s.Totals.Incomplete[0])
	for _, cmd := range []string{"parse", "explain", "addresses"} {
		data, err := os.ReadFile(failed)
		require.NoError(t, err)
		r = runTool(t, string(data), cmd)
		assert.Equal(t, exitFail, r.code, cmd)
		assert.Contains(t, r.stderr, "-:5: the request failed: result code \"1\": \"NG\"\n", cmd)
	}

	// A document none of whose records can be read is not a result
	// document; one without records is an empty day.
	all := writeFile(t, "bad.xml", apiDocument("get_error", "error_list", []docRecord{bad, bad}))
	r = runTool(t, "", "summary", all)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "mailstatus: "+all+": not a delivery-result log: none of its records can be read\n", r.stderr)
	empty := writeFile(t, "empty.xml", apiDocument("get_error", "error_list", nil))
	r = runTool(t, "", "summary", empty)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)

	// UTF-16 TSV, as Excel's "Unicode Text" writes it.
	utf16 := writeFile(t, "export.txt", "\xff\xfet\x00@\x00x\x00\t\x005\x005\x000\x00")
	r = runTool(t, "", "addresses", utf16)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "mailstatus: "+utf16+": "+errUTF16.Error()+"\n", r.stderr)
}

// generatedList writes an error list of n records, of 100 domains, to the
// pipe it returns, as it is read: a document of any size costs no memory
// to make. each, if not nil, is called after every n/10 records.
func generatedList(n int, each func()) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		fmt.Fprint(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mail><delivery><action>get_error</action><error_list>\n")
		for i := range n {
			fmt.Fprintf(w, "<data id=\"r-%d\"><sent_date>2024/03/04 09:%02d</sent_date><to_addr><![CDATA[user%d@d%d.example.jp]]></to_addr>"+
				"<key_field><![CDATA[no_data]]></key_field><message code=\"550\"><![CDATA[550 BE 5.1.1 <user%d@d%d.example.jp>: User unknown]]></message></data>\n",
				i, i%60, i, i%100, i, i%100)
			if each != nil && (i+1)%max(1, n/10) == 0 {
				w.Flush()
				each()
			}
		}
		fmt.Fprint(w, "</error_list><result code=\"0\">OK</result></delivery></mail>\n")
		w.Flush()
		pw.Close()
	}()
	return pr
}

// TestSummaryHeap runs summary -by domain on a generated error list of
// -records records, read from standard input, and checks with
// runtime.MemStats that the live heap does not grow with the records.
func TestSummaryHeap(t *testing.T) {
	n := max(*records, 10)
	if testing.Short() {
		n = min(n, 10_000)
	}
	var ms runtime.MemStats
	var first, peak uint64
	in := generatedList(n, func() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
		if first == 0 {
			first = ms.HeapAlloc
		}
	})
	var out strings.Builder
	var stderr strings.Builder
	rc := run([]string{"summary", "-by", "domain", "-format", "json"}, in, &out, &stderr)
	require.Equal(t, exitOK, rc, stderr.String())
	var s summary
	require.NoError(t, json.Unmarshal([]byte(out.String()), &s))
	require.Equal(t, n, s.Totals.Results)
	require.Len(t, s.Domains, 100)
	t.Logf("%d records: live heap %.1f MiB after the first tenth, %.1f MiB at most", n, float64(first)/(1<<20), float64(peak)/(1<<20))
	assert.Less(t, peak, uint64(32<<20))
	assert.Less(t, peak, first+4<<20, "the heap grew with the records")
}
