package results

import (
	"fmt"
	"io"
)

// generated is an API v1 error list of n records, written as it is read,
// so that a document of any size costs no memory to make. Record i is for
// address i%addrs; the codes cycle through a few lines.
type generated struct {
	n, addrs int
	i        int    // records written so far
	buf      []byte // what is written but not yet read
	done     bool
}

const (
	genHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mail>\n <delivery id=\"1\">\n  <action>get_error</action>\n  <error_list>\n"
	genTail = "  </error_list>\n  <result code=\"0\">OK</result>\n </delivery>\n</mail>\n"
)

var genLines = [...]string{
	"550 BE 5.1.1 <user@example.jp>: Recipient address rejected: User unknown in virtual mailbox table",
	"552 BE 5.2.2 <user@example.jp>: Mailbox full",
	"550 BE 5.7.1 Service unavailable; client host [192.0.2.10] blocked using zen.spamhaus.org",
	"250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz",
}

func newGenerated(n, addrs int) *generated {
	return &generated{n: n, addrs: addrs, buf: []byte(genHead)}
}

func (g *generated) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && !g.done {
		if g.i == g.n {
			g.buf = append(g.buf, genTail...)
			g.done = true
			break
		}
		g.buf = fmt.Appendf(g.buf, "   <data id=\"r-%d\">\n    <sent_date>2024/03/%02d %02d:%02d</sent_date>\n"+
			"    <to_addr><![CDATA[user%d@example%d.jp]]></to_addr>\n    <from_addr><![CDATA[news@shop.example.com]]></from_addr>\n"+
			"    <key_field><![CDATA[no_data]]></key_field>\n    <message code=\"%s\"><![CDATA[%s]]></message>\n   </data>\n",
			g.i, 1+g.i%28, g.i/60%24, g.i%60, g.i%g.addrs, g.i%g.addrs%100, genLines[g.i%len(genLines)][:3], genLines[g.i%len(genLines)])
		g.i++
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}
