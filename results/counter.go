package results

import (
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// A Counter counts records per recipient: for each address, how many
// results, the latest one, the latest failure (a code other than 250) with
// its reason and action, and two error counts:
//
//   - Count, the count the service adds: the exact sum of the weights of
//     the address's codes ([status.Tally] adds them), within 0 and 99.9
//     ([status.MaxTotal]). A code the catalog does not list, such as a
//     code marked by the "all errors" mode (see [Record.Marked]), adds 0,
//     and a delivery does not set the count back: the catalog says
//     neither.
//   - Fair, the same count without the failures whose action is
//     [bounce.FixSender]: what the count would be if only the address's
//     own faults were counted. Where Fair is below Count, the service
//     counts the sender's faults against the address; the service lets a
//     count be set (0 to 99) through its error-filter API and its
//     management screen, and Fair is the value to set.
//
// "Latest" is by the records' send times; of records sent at the same
// time, or without a send time, the one added last. A record without a
// send time (a TSV export has none) is taken as sent before every record
// that has one, so that it is latest only among records without one.
//
// Addresses are counted with their domain in lower case (domains are not
// case-sensitive; RFC 5321 lets the part before the "@" be), so that
// "Taro@Example.JP" and "Taro@example.jp" are one address,
// "Taro@example.jp", and "taro@example.jp" another. The memory a Counter
// holds grows with the number of distinct addresses, not with the number
// of records.
//
// The zero Counter is empty and ready to use; it classifies with the
// built-in rules of package bounce. A Counter is not safe for concurrent
// use.
type Counter struct {
	// Classifier classifies the results: nil means the built-in rules of
	// package bounce. Set it before the first call to Add.
	Classifier *bounce.Classifier

	addrs        map[string]*entry
	count, fair  status.Tally
	results      int // records counted
	noRecipients int // records not counted, for they have no recipient
}

// entry is what a Counter keeps of one address.
type entry struct {
	results, failures int
	last, failure     Outcome
}

// Address is what a [Counter] says about one recipient.
type Address struct {
	// Address is the address, with its domain in lower case.
	Address string
	// Results is how many records the address has; Failures, how many of
	// them have a code other than 250.
	Results, Failures int
	// Last is the latest result; LastFailure is the latest failure, zero
	// when Failures is 0.
	Last, LastFailure Outcome
	// Count is the error count the service adds, and Fair the count
	// without the failures whose action is fix-sender; see [Counter].
	Count, Fair status.Weight
}

// Outcome is one result of an [Address]: when it was sent, its code, and
// its verdict.
type Outcome struct {
	// Sent is when the mail was sent, the zero Time when the input does
	// not say.
	Sent time.Time
	Code status.Code
	// Reason and Action are the verdict's; Rule is the rule that decided
	// ([bounce.Evidence.Rule]).
	Reason bounce.Reason
	Action bounce.Action
	Rule   string
}

// Add counts a record under its recipient and reports whether it did: a
// record without one (To is "", as in a Lines input) is not counted.
func (c *Counter) Add(r Record) bool {
	if r.To == "" {
		c.noRecipients++
		return false
	}
	key := addressKey(r.To)
	e := c.addrs[key]
	if e == nil {
		if c.addrs == nil {
			c.addrs = make(map[string]*entry)
		}
		e = &entry{}
		c.addrs[key] = e
	}
	c.results++
	v := c.Classifier.Classify(r.Result)
	o := Outcome{Sent: r.Sent, Code: r.Result.Code, Reason: v.Reason, Action: v.Action, Rule: v.Evidence.Rule}
	e.results++
	if e.results == 1 || !o.Sent.Before(e.last.Sent) {
		e.last = o
	}
	if r.Result.Code != status.Delivered {
		e.failures++
		if e.failures == 1 || !o.Sent.Before(e.failure.Sent) {
			e.failure = o
		}
	}
	s, _ := r.Result.Status()
	if s.Weight > 0 {
		c.count.AddWeight(key, s.Weight)
		if v.Action != bounce.FixSender {
			c.fair.AddWeight(key, s.Weight)
		}
	}
	return true
}

// Len returns the number of distinct addresses counted.
func (c *Counter) Len() int { return len(c.addrs) }

// Results returns how many records Add counted, and how many it did not
// count because they have no recipient.
func (c *Counter) Results() (counted, noRecipient int) {
	return c.results, c.noRecipients
}

// Lookup returns what the Counter says about addr, whose domain may be in
// any letter case, and false for an address it has not counted.
func (c *Counter) Lookup(addr string) (Address, bool) {
	key := addressKey(addr)
	e := c.addrs[key]
	if e == nil {
		return Address{}, false
	}
	return c.address(key, e), true
}

// All returns an iterator over the addresses counted, sorted by address
// (byte by byte), so that two outputs diff cleanly. It sorts the addresses
// when iteration starts and reads each one's counts when it yields it. It
// can be used any number of times.
func (c *Counter) All() iter.Seq[Address] {
	return func(yield func(Address) bool) {
		for _, key := range slices.Sorted(maps.Keys(c.addrs)) {
			if !yield(c.address(key, c.addrs[key])) {
				return
			}
		}
	}
}

func (c *Counter) address(key string, e *entry) Address {
	a := Address{Address: key, Results: e.results, Failures: e.failures,
		Last: e.last, LastFailure: e.failure, Count: c.count.Total(key), Fair: c.fair.Total(key)}
	return a
}

// addressKey returns addr with the part after its last "@" in lower case
// (ASCII letters only, byte for byte), allocating only when that changes
// it.
func addressKey(addr string) string {
	at := lastAt(addr)
	if at < 0 || !hasUpper(addr[at+1:]) {
		return addr
	}
	b := []byte(addr)
	lowerASCII(b[at+1:])
	return string(b)
}
