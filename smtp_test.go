package status_test

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
)

// readReplies reads the replies of testdata/smtp-replies.txt, in the
// order of the RFCs' lists.
func readReplies(t *testing.T) []status.Reply {
	t.Helper()
	f, err := os.Open("testdata/smtp-replies.txt")
	require.NoError(t, err)
	defer f.Close()
	var replies []status.Reply
	rfc := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "# RFC "); ok {
			n, _, _ := strings.Cut(name, ",")
			rfc = "RFC " + n
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		code, text, ok := strings.Cut(line, " ")
		require.True(t, ok, "%q", line)
		n, err := strconv.Atoi(code)
		require.NoError(t, err, "%q", line)
		require.NotEmpty(t, rfc, "a reply before the first RFC: %q", line)
		replies = append(replies, status.Reply{Code: status.Code(n), Text: text, RFC: rfc})
	}
	require.NoError(t, sc.Err())
	return replies
}

func TestRepliesMatchRFCs(t *testing.T) {
	// Every reply of the RFCs' lists, and no other, in the order Replies
	// documents: by code, RFC 5321's first, then by RFC number.
	want := readReplies(t)
	require.Greater(t, len(want), 30)
	rank := func(rfc string) int {
		if rfc == "RFC 5321" {
			return 0
		}
		n, _ := strconv.Atoi(strings.TrimPrefix(rfc, "RFC "))
		return n
	}
	slices.SortStableFunc(want, func(a, b status.Reply) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(rank(a.RFC), rank(b.RFC)))
	})
	var got []status.Reply
	for c := status.Code(-1000); c < 1000; c++ {
		rs := status.Replies(c)
		for _, r := range rs {
			assert.Equal(t, c, r.Code)
		}
		got = append(got, rs...)
	}
	assert.Equal(t, want, got)
}

func TestReplies(t *testing.T) {
	tests := []struct {
		code status.Code
		want []string // RFC: text
	}{
		{421, []string{"RFC 5321: <domain> Service not available, closing transmission channel"}},
		{535, []string{"RFC 4954: Authentication credentials invalid"}},
		{530, []string{"RFC 3207: Must issue a STARTTLS command first", "RFC 4954: Authentication required"}},
		{500, []string{"RFC 5321: Syntax error, command unrecognized", "RFC 4954: Authentication Exchange line is too long"}},
		{556, []string{"RFC 7504: Domain does not accept mail"}},
		{626, nil}, {-502, nil}, {0, nil}, {599, nil}, {210, nil}, {557, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range status.Replies(tt.code) {
			got = append(got, r.RFC+": "+r.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Replies(%v) = %q; want %q", tt.code, got, tt.want)
		}
	}
	// The result is the caller's to append to: it cannot write over the
	// table.
	grown := append(status.Replies(530), status.Reply{Code: 531, Text: "x"})
	assert.Len(t, grown, 3)
	assert.Len(t, status.Replies(530), 2)
	assert.Equal(t, "Authentication mechanism is too weak", status.Replies(534)[0].Text)
}

func ExampleReplies() {
	// 421 is not in the service's catalog: the RFC says what it is.
	if _, ok := status.Lookup(421); !ok {
		for _, r := range status.Replies(421) {
			fmt.Printf("%d %s (%s)\n", r.Code, r.Text, r.RFC)
		}
	}
	// Output:
	// 421 <domain> Service not available, closing transmission channel (RFC 5321)
}
