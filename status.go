// Package status reads the delivery results of the ARARA message
// (アララメッセージ) mail service and explains their status codes.
//
// The service reports one result line for every address it sent to:
//
//	line     = [blanks] code blanks category [blanks message]
//	code     = ["+" | "-"] digit {digit}
//	category = "LE" | "BE" | "-" | "–"      (letter case does not matter)
//	blanks   = (" " | "\t") {" " | "\t"}
//	message  = the rest of the line, byte for byte
//	eol      = {"\r"} "\n" | "\r"       (the longest that matches)
//
// where eol ends a line: "\n", "\r\n", or a CR on its own, as old Mac OS
// files end lines (a run of CR at the end of the input is one eol too), for
// example
//
//	550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown
//
// A code must fit in an int, and may have leading zeros ("0550" is 550);
// anything else is [ErrCode]. "LE/BE", a value of the catalog, is never the
// category of a line ([ErrCategory]). The message keeps tabs, runs of
// spaces, NUL, invalid UTF-8 and Shift_JIS bytes as they were.
//
// [ParseLine] turns one such line into a [Result], and a [Reader] reads a
// whole log of them; the line ending is not part of the message. [Lookup] explains a code: its category (LE: handing the mail to
// the MTA failed; BE: the MTA could not deliver it to the recipient's
// server), where the problem lies, a description and cause, and the
// error-count weight the service adds to the address. A [Tally] adds those
// weights up per address, exactly, and [FindEnhanced] finds the RFC 3463
// enhanced status code (such as 5.1.1) that most messages carry.
//
// The catalog is the service's own table of status codes (-3 … 850),
// transcribed row by row: the Japanese fields keep the table's text byte for
// byte, the English fields translate it (an SMTP row quotes a reply text of
// RFC 5321 before its Japanese, and its English is that quote). Remote
// servers can return codes the table does not list: such a line still
// parses, and [Result.Validate] reports [ErrUnknownCode].
package status

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/haishin/status/internal/enum"
)

// Code is a delivery status code: an SMTP reply code from the recipient's
// server (250, 550, …) or one of the service's own codes (negative, 6xx–8xx).
type Code int

// Delivered is the code of a delivered mail, the only one that is not a
// failure.
const Delivered Code = 250

// String returns the code in decimal, such as "-502" or "550".
func (c Code) String() string {
	return strconv.Itoa(int(c))
}

// Status is one row of the catalog: what a status code means. In JSON its
// keys are those of the mailstatus command's list output (code, category,
// locus, weight, description, cause), with description_ja and cause_ja
// for the Japanese fields.
type Status struct {
	Code Code `json:"code"`
	// Category is the set of categories this code can occur with:
	// LE, BE, LE|BE, or 0 for code 250.
	Category Category `json:"category"`
	// Locus is where the problem lies: with the system or with the user
	// (NoLocus for code 250).
	Locus Locus `json:"locus"`
	// Weight is what the service adds to the address's error count; 0 where
	// the catalog gives no count.
	Weight Weight `json:"weight"`
	// Description says what the code means, in English, for every code.
	Description string `json:"description"`
	// DescriptionJA is the catalog's 内容 text, byte for byte (its typos too).
	DescriptionJA string `json:"description_ja"`
	// Cause says what usually leads to the code, in English; it is ""
	// exactly where CauseJA is "".
	Cause string `json:"cause"`
	// CauseJA is the catalog's 原因 text, byte for byte. Where the catalog
	// wrote the cause in its エラーカウント column, it is taken from there.
	CauseJA string `json:"cause_ja"`
}

// Lookup returns the catalog row of code c, and false (with a zero Status)
// when the catalog does not list c.
func Lookup(c Code) (Status, bool) {
	// index maps c-indexBase to a position in rows, 0 for a code the
	// catalog does not list. The unsigned comparison also rejects codes
	// below indexBase.
	var k uint8
	if i := int(c) - indexBase; uint(i) < uint(len(index)) {
		k = index[i]
	}
	return rows[k], k != 0
}

// All returns an iterator over every row of the catalog, in the order of
// the service's table: -3 … -502, then 250 … 850. It can be used any number
// of times.
func All() iter.Seq[Status] {
	return func(yield func(Status) bool) {
		for _, s := range catalog {
			if !yield(s) {
				return
			}
		}
	}
}

// rows is catalog after a zero Status, and index and indexBase are derived
// from catalog when the package starts.
var (
	rows             = append([]Status{{}}, catalog[:]...)
	index, indexBase = buildIndex()
)

func buildIndex() ([]uint8, int) {
	lo, hi := catalog[0].Code, catalog[0].Code
	for _, s := range catalog {
		lo, hi = min(lo, s.Code), max(hi, s.Code)
	}
	idx := make([]uint8, hi-lo+1)
	for i, s := range catalog {
		if idx[s.Code-lo] != 0 {
			panic("status: code " + s.Code.String() + " is twice in the catalog")
		}
		idx[s.Code-lo] = uint8(i + 1)
	}
	return idx, int(lo)
}

// Weight is an error-count weight in tenths of one count: 10 is a count of
// 1, 1 is 0.1. The service keeps counts to one decimal; an integer keeps
// sums of them exact where float64 would not (ten 0.1s make exactly 10).
// Write whole counts with [Count], as time.Second is used: 3 * Count.
type Weight int

// Count is a weight of one error count.
const Count Weight = 10

// String returns the weight as a decimal number with at most one decimal:
// "0", "0.1", "0.5", "1", "1.5", "99.9".
func (w Weight) String() string {
	return string(appendWeight(make([]byte, 0, 8), w))
}

// ParseWeight parses a weight written in decimal, as [Weight.String] writes
// it. It accepts exactly: one or more ASCII digits (leading zeros allowed,
// so "01" is 1), optionally followed by "." and one digit ("0.1", "007.5",
// "1.0"), or by "." and two digits of which the second is 0 ("1.00", "0.50",
// as the service's XML API writes counts). The value must fit in a Weight.
// Anything else, such as "-1", "1.05", ".5", "1." or " 1", is an error
// wrapping [ErrWeight].
func ParseWeight(s string) (Weight, error) {
	return parseWeight(s)
}

// Float64 returns the weight in counts, such as 0.1 for Weight(1), for
// display and arithmetic that need not be exact.
func (w Weight) Float64() float64 {
	return float64(w) / 10
}

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Weight.String] to b. A negative weight is an error.
func (w Weight) AppendText(b []byte) ([]byte, error) {
	if w < 0 {
		return b, weightError(w.String(), "negative")
	}
	return appendWeight(b, w), nil
}

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Weight.String]. A negative weight is an error.
func (w Weight) MarshalText() ([]byte, error) {
	return w.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseWeight] accepts.
func (w *Weight) UnmarshalText(text []byte) error {
	v, err := parseWeight(text)
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]: the weight is a JSON
// number, such as 0.1 or 1.
func (w Weight) MarshalJSON() ([]byte, error) {
	return w.MarshalText()
}

// UnmarshalJSON implements [encoding/json.Unmarshaler]; it accepts the
// numbers [ParseWeight] accepts. JSON null leaves w as it is.
func (w *Weight) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	return w.UnmarshalText(data)
}

func appendWeight(b []byte, w Weight) []byte {
	u := uint64(w)
	if w < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/10, 10)
	if d := u % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

// parseWeight is shared by ParseWeight, UnmarshalText and UnmarshalJSON;
// see ParseWeight for what it accepts.
func parseWeight[T string | []byte](s T) (Weight, error) {
	bad := func(why string) (Weight, error) {
		return 0, weightError(string(s), why)
	}
	digits := len(s) // the whole counts are s[:digits]
	tenth := uint64(0)
	switch {
	case len(s) >= 3 && s[len(s)-3] == '.':
		if !isDigit(s[len(s)-2]) || !isDigit(s[len(s)-1]) {
			return bad("not a decimal number")
		}
		if s[len(s)-1] != '0' {
			return bad("counts have one decimal")
		}
		digits, tenth = len(s)-3, uint64(s[len(s)-2]-'0')
	case len(s) >= 2 && s[len(s)-2] == '.':
		if !isDigit(s[len(s)-1]) {
			return bad("not a decimal number")
		}
		digits, tenth = len(s)-2, uint64(s[len(s)-1]-'0')
	}
	if digits == 0 {
		return bad("not a decimal number")
	}
	const limit = uint64(^uint(0) >> 1) // the largest Weight
	var n uint64                        // in tenths
	for i := range digits {
		if !isDigit(s[i]) {
			return bad("not a decimal number")
		}
		d := uint64(s[i] - '0')
		if n > (limit-d*10)/10 {
			return bad("out of range")
		}
		n = n*10 + d*10
	}
	if n > limit-tenth {
		return bad("out of range")
	}
	return Weight(n + tenth), nil
}

// weightError is the error of a weight that cannot be parsed or
// marshalled: text quoted, and why.
func weightError(text, why string) error {
	return fmt.Errorf("%w: %s", &enum.ValueError{Kind: ErrWeight, Text: text}, why)
}

// MaxTotal is the largest error count: the service's counts run from 0 to
// 99.9. [Weight.Add] and a [Tally] keep totals within 0 and MaxTotal.
const MaxTotal Weight = 999

// Add returns the error count w with d added as the service adds it:
// exactly, and within 0 and [MaxTotal] (99.9) rather than overflow. A
// negative d takes away, down to 0. A w outside 0 and MaxTotal is taken as
// the nearer of the two first. A [Tally] adds with Add; use it to keep
// counts of your own, such as a column of a database, as the service
// keeps them.
func (w Weight) Add(d Weight) Weight {
	w = min(max(w, 0), MaxTotal)
	switch {
	case d > MaxTotal-w:
		return MaxTotal
	case d < -w:
		return 0
	}
	return w + d
}

// A Tally adds up error-count weights per key, usually per address, as the
// service does. Totals are exact tenths, and a total stays within 0 and
// [MaxTotal] (99.9) rather than overflow. Keys are used as given: the caller
// decides whether "Taro@Example.jp" and "taro@example.jp" are one address.
//
// The zero value is an empty tally ready to use. A Tally is safe for
// concurrent use; it must not be copied after first use.
type Tally struct {
	mu     sync.Mutex
	totals map[string]Weight // only keys whose total is above 0
}

// Add adds the weight of the result's code (0 for a code the catalog does
// not list) to key's total and returns the new total.
func (t *Tally) Add(key string, r Result) Weight {
	s, _ := Lookup(r.Code)
	return t.AddWeight(key, s.Weight)
}

// AddWeight adds w to key's total with [Weight.Add] and returns the new
// total, which stays within 0 and MaxTotal: a negative w takes away, down
// to 0.
func (t *Tally) AddWeight(key string, w Weight) Weight {
	t.mu.Lock()
	defer t.mu.Unlock()
	total := t.totals[key].Add(w)
	if total == 0 {
		delete(t.totals, key)
		return 0
	}
	if t.totals == nil {
		t.totals = make(map[string]Weight)
	}
	t.totals[key] = total
	return total
}

// Total returns key's total, 0 for a key never added to.
func (t *Tally) Total(key string) Weight {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.totals[key]
}

// Reset sets key's total back to 0.
func (t *Tally) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.totals, key)
}

// Reached returns the keys whose total is at least limit and above 0, in
// sorted order: the addresses the service would filter out at that limit.
func (t *Tally) Reached(limit Weight) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var keys []string
	for k, total := range t.totals {
		if total >= limit {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// All returns an iterator over the keys whose total is above 0 and their
// totals, sorted by key. It iterates over a copy taken when iteration
// starts, so the loop may call the Tally's methods.
func (t *Tally) All() iter.Seq2[string, Weight] {
	return func(yield func(string, Weight) bool) {
		t.mu.Lock()
		totals := maps.Clone(t.totals)
		t.mu.Unlock()
		for _, k := range slices.Sorted(maps.Keys(totals)) {
			if !yield(k, totals[k]) {
				return
			}
		}
	}
}
