package results

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// rec returns a record of an XML input for to, sent at sent (or without a
// send time for ""), with the result line line.
func rec(to, sent, line string) Record {
	res, err := status.ParseLine(line)
	if err != nil {
		panic(err)
	}
	r := Record{Result: res, To: to, Form: XML}
	if sent != "" {
		r.Sent = sentAt(sent + ":00")
	}
	return r
}

const (
	userUnknown = "550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown"
	blocked     = "550 BE 5.7.1 Service unavailable; client host [192.0.2.10] blocked using zen.spamhaus.org"
	mailboxFull = "552 BE 5.2.2 <taro@example.jp>: Mailbox full"
	delivered   = "250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz"
)

// TestCounterVerdicts checks the verdicts the other tests rely on.
func TestCounterVerdicts(t *testing.T) {
	for line, action := range map[string]bounce.Action{userUnknown: bounce.Suppress, blocked: bounce.FixSender, mailboxFull: bounce.Retry, delivered: bounce.None} {
		r, _ := status.ParseLine(line)
		require.Equal(t, action, bounce.Classify(r).Action, line)
	}
}

func TestCounterLatest(t *testing.T) {
	var c Counter
	// Out of order: the latest by send time wins, whatever the order.
	c.Add(rec("taro@example.jp", "2024/03/05 10:00", userUnknown))
	c.Add(rec("taro@example.jp", "2024/03/04 10:00", delivered))
	c.Add(rec("taro@example.jp", "2024/03/03 10:00", mailboxFull))
	a, ok := c.Lookup("taro@example.jp")
	require.True(t, ok)
	assert.Equal(t, 3, a.Results)
	assert.Equal(t, 2, a.Failures)
	assert.Equal(t, Outcome{Sent: sentAt("2024/03/05 10:00:00"), Code: 550, Reason: bounce.UserUnknown, Action: bounce.Suppress, Rule: "text:user-unknown"}, a.Last)
	assert.Equal(t, a.Last, a.LastFailure)

	// Of records sent at the same time, the one added last.
	c.Add(rec("hanako@example.jp", "2024/03/05 10:00", userUnknown))
	c.Add(rec("hanako@example.jp", "2024/03/05 10:00", delivered))
	a, _ = c.Lookup("hanako@example.jp")
	assert.Equal(t, status.Delivered, a.Last.Code)
	assert.Equal(t, bounce.None, a.Last.Action)
	assert.Equal(t, status.Code(550), a.LastFailure.Code)
	assert.Equal(t, bounce.Suppress, a.LastFailure.Action)

	// A record without a send time is older than every one with one.
	c.Add(rec("jiro@example.jp", "2024/03/01 10:00", mailboxFull))
	c.Add(rec("jiro@example.jp", "", userUnknown))
	a, _ = c.Lookup("jiro@example.jp")
	assert.Equal(t, status.Code(552), a.Last.Code)
	assert.Equal(t, bounce.Retry, a.Last.Action)

	// Without any, the one added last.
	c.Add(rec("ichiro@example.jp", "", userUnknown))
	c.Add(rec("ichiro@example.jp", "", mailboxFull))
	a, _ = c.Lookup("ichiro@example.jp")
	assert.Equal(t, status.Code(552), a.Last.Code)
	assert.True(t, a.Last.Sent.IsZero())

	// An address that never failed has no latest failure.
	c.Add(rec("shiro@example.jp", "2024/03/01 10:00", delivered))
	a, _ = c.Lookup("shiro@example.jp")
	assert.Equal(t, 0, a.Failures)
	assert.Equal(t, Outcome{}, a.LastFailure)
}

func TestCounterCounts(t *testing.T) {
	var c Counter
	for range 3 {
		c.Add(rec("taro@example.jp", "2024/03/05 10:00", blocked)) // the sender's fault: 1 each
	}
	c.Add(rec("taro@example.jp", "2024/03/05 11:00", mailboxFull)) // 0.1
	c.Add(rec("taro@example.jp", "2024/03/05 12:00", delivered))   // 0, and no reset
	a, _ := c.Lookup("taro@example.jp")
	assert.Equal(t, 31*status.Weight(1), a.Count, "count")
	assert.Equal(t, status.Weight(1), a.Fair, "fair")

	// The service caps its count at 99.9; so does the fair count.
	for range 150 {
		c.Add(rec("hanako@example.jp", "2024/03/05 10:00", userUnknown))
	}
	a, _ = c.Lookup("hanako@example.jp")
	assert.Equal(t, status.MaxTotal, a.Count)
	assert.Equal(t, status.MaxTotal, a.Fair)

	// Ten results of 0.1 make exactly 1.
	for range 10 {
		c.Add(rec("jiro@example.jp", "2024/03/05 10:00", mailboxFull))
	}
	a, _ = c.Lookup("jiro@example.jp")
	assert.Equal(t, status.Count, a.Count)

	// A code marked by the all errors mode, or one the catalog does not
	// list, adds nothing.
	c.Add(Record{To: "ichiro@example.jp", Result: status.Result{Code: -550, Message: "5.1.1 User unknown"}})
	c.Add(Record{To: "ichiro@example.jp", Result: status.Result{Code: 421, Message: "4.7.0 Try again later"}})
	a, _ = c.Lookup("ichiro@example.jp")
	assert.Equal(t, status.Weight(0), a.Count)
	assert.Equal(t, 2, a.Failures)
}

// TestCounterClassifier checks that a user's rules decide the action, and
// so the fair count.
func TestCounterClassifier(t *testing.T) {
	cl, err := bounce.NewClassifier(bounce.Rule{Name: "ours", Reason: bounce.Blocked, Contains: []string{"User unknown"}})
	require.NoError(t, err)
	c := Counter{Classifier: cl}
	c.Add(rec("taro@example.jp", "2024/03/05 10:00", userUnknown))
	a, _ := c.Lookup("taro@example.jp")
	assert.Equal(t, bounce.FixSender, a.Last.Action)
	assert.Equal(t, "ours", a.Last.Rule)
	assert.Equal(t, status.Count, a.Count)
	assert.Equal(t, status.Weight(0), a.Fair)
}

func TestCounterAddresses(t *testing.T) {
	var c Counter
	for _, to := range []string{"Taro@Example.JP", "taro@example.jp", "Taro@example.jp", "hanako@example.jp", "b@x.example", "a@x.example", "no-at-sign"} {
		assert.True(t, c.Add(rec(to, "2024/03/05 10:00", delivered)))
	}
	assert.False(t, c.Add(Record{Result: status.Result{Code: 250}, Form: Lines}), "a record without a recipient")
	var got []string
	for a := range c.All() {
		got = append(got, a.Address)
	}
	assert.Equal(t, []string{"Taro@example.jp", "a@x.example", "b@x.example", "hanako@example.jp", "no-at-sign", "taro@example.jp"}, got)
	assert.True(t, slices.IsSorted(got))
	assert.Equal(t, 6, c.Len())
	counted, none := c.Results()
	assert.Equal(t, 7, counted)
	assert.Equal(t, 1, none)
	a, ok := c.Lookup("TARO@example.JP")
	require.False(t, ok, "the part before the @ keeps its case")
	a, ok = c.Lookup("Taro@EXAMPLE.jp")
	require.True(t, ok)
	assert.Equal(t, 2, a.Results)

	// All can be used again, and stops when told.
	n := 0
	for range c.All() {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestCounterZeroTime(t *testing.T) {
	// The zero Time in another zone is still no time.
	var c Counter
	c.Add(Record{To: "taro@example.jp", Result: status.Result{Code: 552}, Sent: time.Time{}.In(jst)})
	c.Add(Record{To: "taro@example.jp", Result: status.Result{Code: 550}})
	a, _ := c.Lookup("taro@example.jp")
	assert.Equal(t, status.Code(550), a.Last.Code)
}

// TestCounterKeepsOutcomes checks that what a Counter packs into its
// entries comes back as it was added: send times with their nanoseconds and
// locations, and the rules of many addresses, interleaved.
func TestCounterKeepsOutcomes(t *testing.T) {
	east := time.FixedZone("E", 5*3600)
	times := []time.Time{
		time.Date(2024, 3, 5, 10, 0, 0, 0, jst),
		time.Date(2024, 3, 5, 10, 0, 0, 999_999_999, time.UTC),
		time.Date(1960, 1, 2, 3, 4, 5, 6, east),
		time.Date(2024, 3, 5, 10, 0, 0, 1, time.Local),
		{},
	}
	lines := []string{userUnknown, blocked, mailboxFull, "554 BE sorry", "-502 LE Maybe forwarding"}
	var c Counter
	type want struct {
		sent time.Time
		res  status.Result
	}
	wants := map[string]want{}
	for i := range 100 {
		to := fmt.Sprintf("user%d@example.jp", i)
		res, err := status.ParseLine(lines[i%len(lines)])
		require.NoError(t, err)
		sent := times[i%len(times)]
		c.Add(Record{To: to, Result: res, Sent: sent})
		wants[to] = want{sent, res}
	}
	for to, w := range wants {
		a, ok := c.Lookup(to)
		require.True(t, ok, to)
		v := bounce.Classify(w.res)
		o := Outcome{Sent: w.sent, Code: w.res.Code, Reason: v.Reason, Action: v.Action, Rule: v.Evidence.Rule}
		assert.Equal(t, o, a.Last, to)
		assert.Equal(t, o, a.LastFailure, to)
		assert.Equal(t, w.sent.Location(), a.Last.Sent.Location(), to)
	}
}

// TestCounterSaturates checks that the counts of results and failures stop
// at math.MaxInt32 rather than wrap.
func TestCounterSaturates(t *testing.T) {
	var c Counter
	c.Add(rec("taro@example.jp", "2024/03/05 10:00", userUnknown))
	c.addrs["taro@example.jp"].results = math.MaxInt32 - 1
	c.addrs["taro@example.jp"].failures = math.MaxInt32 - 1
	for range 2 {
		c.Add(rec("taro@example.jp", "2024/03/05 10:00", userUnknown))
	}
	a, _ := c.Lookup("taro@example.jp")
	assert.Equal(t, math.MaxInt32, a.Results)
	assert.Equal(t, math.MaxInt32, a.Failures)
}

// TestCounterEntrySize keeps an address's entry as small as the doc
// comment of Counter says, and free of pointers, which the garbage
// collector would have to follow.
func TestCounterEntrySize(t *testing.T) {
	if size := unsafe.Sizeof(entry{}); size > 80 {
		t.Errorf("an entry takes %d bytes; want at most 80", size)
	}
	if hasPointers(reflect.TypeFor[entry]()) {
		t.Error("an entry holds pointers")
	}
}

func hasPointers(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Struct:
		for i := range typ.NumField() {
			if hasPointers(typ.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return hasPointers(typ.Elem())
	case reflect.String, reflect.Pointer, reflect.UnsafePointer, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func, reflect.Interface:
		return true
	}
	return false
}
