package results

import (
	"iter"
	"math"
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
//     the address's codes ([status.Weight.Add] adds them), within 0 and 99.9
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
// "Taro@example.jp", and "taro@example.jp" another.
//
// The memory a Counter holds grows with the number of distinct addresses,
// not with the number of records: one map entry per address, which holds
// the address and 80 bytes of counts (the names of rules and the time
// zones of send times are kept once for all addresses). Results and
// Failures stop at 2,147,483,647 (math.MaxInt32).
//
// The zero Counter is empty and ready to use; it classifies with the
// built-in rules of package bounce. A Counter is not safe for concurrent
// use.
type Counter struct {
	// Classifier classifies the results: nil means the built-in rules of
	// package bounce. Set it before the first call to Add.
	Classifier *bounce.Classifier

	addrs        map[string]*entry
	rules        interned[string]         // the rules of the outcomes
	locs         interned[*time.Location] // the locations of their send times
	results      int                      // records counted
	noRecipients int                      // records not counted, for they have no recipient
}

// entry is what a Counter keeps of one address. Its fields are small, and
// it holds no pointer, so that the garbage collector need not scan it.
type entry struct {
	results, failures int32  // up to math.MaxInt32
	count, fair       uint16 // Weights, within 0 and status.MaxTotal
	last, failure     outcome
}

// outcome is an [Outcome] as a Counter keeps it: the send time as Unix
// seconds and nanoseconds, the rule and the time's location by their
// indexes in the Counter's interned values.
type outcome struct {
	sec       int64
	code      status.Code
	nsec      uint32
	rule, loc uint32
	reason    bounce.Reason
	action    bounce.Action
}

// before reports whether o was sent before p, as [time.Time.Before] says
// of their send times.
func (o *outcome) before(p *outcome) bool {
	return o.sec < p.sec || o.sec == p.sec && o.nsec < p.nsec
}

// interned keeps each distinct value once and gives it an index.
type interned[T comparable] struct {
	values []T
	index  map[T]uint32
	last   uint32 // the index id returned last, tried first
}

// id returns v's index in values, adding v if it is new.
func (in *interned[T]) id(v T) uint32 {
	if int(in.last) < len(in.values) && in.values[in.last] == v {
		return in.last
	}
	i, ok := in.index[v]
	if !ok {
		if in.index == nil {
			in.index = make(map[T]uint32)
		}
		i = uint32(len(in.values))
		in.values = append(in.values, v)
		in.index[v] = i
	}
	in.last = i
	return i
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
	// Sent is when the mail was sent, in the location of the record's
	// time (without a monotonic clock reading), the zero Time when the
	// input does not say.
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
	o := outcome{sec: r.Sent.Unix(), nsec: uint32(r.Sent.Nanosecond()), code: r.Result.Code,
		rule: c.rules.id(v.Evidence.Rule), loc: c.locs.id(r.Sent.Location()), reason: v.Reason, action: v.Action}
	e.results = min(e.results, math.MaxInt32-1) + 1
	if e.results == 1 || !o.before(&e.last) {
		e.last = o
	}
	if r.Result.Code != status.Delivered {
		e.failures = min(e.failures, math.MaxInt32-1) + 1
		if e.failures == 1 || !o.before(&e.failure) {
			e.failure = o
		}
	}
	if s, _ := r.Result.Status(); s.Weight > 0 {
		e.count = uint16(status.Weight(e.count).Add(s.Weight))
		if v.Action != bounce.FixSender {
			e.fair = uint16(status.Weight(e.fair).Add(s.Weight))
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
		keys := make([]string, 0, len(c.addrs))
		for key := range c.addrs {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, key := range keys {
			if !yield(c.address(key, c.addrs[key])) {
				return
			}
		}
	}
}

func (c *Counter) address(key string, e *entry) Address {
	a := Address{Address: key, Results: int(e.results), Failures: int(e.failures),
		Last: c.outcome(&e.last), Count: status.Weight(e.count), Fair: status.Weight(e.fair)}
	if e.failures > 0 {
		a.LastFailure = c.outcome(&e.failure)
	}
	return a
}

func (c *Counter) outcome(o *outcome) Outcome {
	return Outcome{Sent: time.Unix(o.sec, int64(o.nsec)).In(c.locs.values[o.loc]), Code: o.code,
		Reason: o.reason, Action: o.action, Rule: c.rules.values[o.rule]}
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
