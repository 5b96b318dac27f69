package bounce_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// reply is a row of testdata/replies.tsv: a result line in the form a
// provider or a server's software documents it, the reasons it may have
// (one, or two where the text is honestly ambiguous), the action, and
// the source of the text.
type reply struct {
	line    string
	reasons []bounce.Reason
	action  bounce.Action
	source  string
}

func loadReplies(t testing.TB) []reply {
	t.Helper()
	f, err := os.Open("testdata/replies.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []reply
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			t.Fatalf("replies.tsv:%d: %d fields; want 4 (line, reasons, action, source)", n, len(fields))
		}
		row := reply{line: fields[0], source: fields[3]}
		for _, name := range strings.Split(fields[1], "|") {
			reason, err := bounce.ParseReason(name)
			if err != nil {
				t.Fatalf("replies.tsv:%d: %v", n, err)
			}
			row.reasons = append(row.reasons, reason)
		}
		if row.action, err = bounce.ParseAction(fields[2]); err != nil {
			t.Fatalf("replies.tsv:%d: %v", n, err)
		}
		for _, reason := range row.reasons {
			// Two reasons are allowed, never two actions that differ on
			// suppress.
			if a := reason.Action(); (a == bounce.Suppress) != (row.action == bounce.Suppress) && !strings.HasPrefix(row.line, "4") {
				t.Fatalf("replies.tsv:%d: %v suppresses and the action is %v", n, reason, row.action)
			}
		}
		if row.source == "" {
			t.Fatalf("replies.tsv:%d: no source", n)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestReplies is the regression suite of the built-in table: every reply
// that providers and server software document gets its reason and action.
func TestReplies(t *testing.T) {
	rows := loadReplies(t)
	if len(rows) < 300 {
		t.Errorf("replies.tsv has %d rows; want 300 or more", len(rows))
	}
	failed := 0
	for i, row := range rows {
		r, err := status.ParseLine(row.line)
		if err != nil {
			t.Errorf("replies.tsv:%d: %v", i+1, err)
			continue
		}
		v := bounce.Classify(r)
		ok := v.Action == row.action
		if ok {
			ok = false
			for _, want := range row.reasons {
				ok = ok || v.Reason == want
			}
		}
		if !ok {
			failed++
			e := v.Evidence
			t.Errorf("replies.tsv:%d: Classify(%q) = %v, %v by %q %q; want %v, %v (%s)", i+1, row.line, v.Reason, v.Action, e.Rule, r.Message[e.Start:e.End], row.reasons, row.action, row.source)
		}
	}
	t.Logf("%d of %d documented replies classified as documented", len(rows)-failed, len(rows))
}
