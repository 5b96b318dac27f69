package bounce

import (
	"bytes"
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
)

// A matcher finds every phrase of the built-in table in one pass over a
// message: an Aho–Corasick automaton over ASCII-folded bytes (see
// newTrie). It jumps over e-mail addresses in angle brackets, which are
// names, not a server's words: that is a property of the built-in table,
// none of whose phrases holds '<' or '@' (a user's rules have a matcher of
// their own, which reads every byte). The messages are not copied or
// lowered, so offsets are offsets in the caller's bytes.
//
// The phrases of ASCII bytes and the others (Japanese) have automata of
// their own, so that the one every message walks has few classes and a
// small table; the other is walked only for a message that has a byte
// above 0x7F.
type matcher struct {
	narrow automaton
	wide   *automaton // nil when every phrase is ASCII
	// marks are the owners of the phrases from marks[0] to marks[1]-1,
	// which findUntilMark stops at; none in a matcher of tests.
	marks [2]int32
}

// A hit is a phrase that ends at a state: the index of the phrase's owner
// (a rule) and the phrase's length in bytes.
type hit struct {
	owner  int32
	length int32
}

var (
	errTooManyStates = errors.New("too many phrases")
	errAddressPhrase = errors.New("a phrase holds '<' or '@', but the automaton jumps over addresses")
)

// newMatcher builds the automata of the patterns, which must not be empty
// strings.
func newMatcher(patterns []pattern) (*matcher, error) {
	var narrow, wide []pattern
	for _, p := range patterns {
		if isASCII(p.text) {
			narrow = append(narrow, p)
		} else {
			wide = append(wide, p)
		}
	}
	m := &matcher{}
	if len(wide) > 0 {
		a, err := newAutomaton(wide, false)
		if err != nil {
			return nil, err
		}
		m.wide = a
	}
	a, err := newAutomaton(narrow, m.wide != nil)
	if err != nil {
		return nil, err
	}
	m.narrow = *a
	return m, nil
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// An automaton is a trie's states as the rows of a dense table: a step
// is one load, whatever the state, and the walk leaves its loop only
// where a phrase ends, an address starts, or (in a narrow automaton with
// a wide one beside it) a byte above 0x7F comes, as the table's entries
// say.
type automaton struct {
	class  [256]uint8 // the class of each byte; 'A'..'Z' share the class of 'a'..'z'
	stride uint32     // the length of a row: one entry a class, then outAt and depthAt
	start  uint32     // the state after the start-of-message symbol, as in next
	// next[s+c] is the state after the state whose row is at s on a byte
	// of class c: the offset of its row, with ends set where phrases end
	// there, or a mark. next[s+stride-2] says where its hits are,
	// next[s+stride-1] is its depth: the length of the text that leads to it.
	next []uint32
	// hits holds what ends at each state, its suffixes' too: a state's
	// row has, at outAt, hitsAt<<8 | the number of its hits, or 0.
	hits []hit
}

// Marks in the table, which have ends set too, so that one test finds
// every entry that is not a plain step: '<', where the walk jumps over an
// e-mail address in angle brackets and is then at the root, and a byte
// above 0x7F in a narrow automaton, where the wide one is walked too.
const (
	addressMark = math.MaxUint32
	wideMark    = math.MaxUint32 - 1

	outAt   = 2 // from the end of a row
	depthAt = 1
)

// newAutomaton builds the automaton of the patterns; with markWide, the
// walk reports bytes above 0x7F.
func newAutomaton(patterns []pattern, markWide bool) (*automaton, error) {
	for _, p := range patterns {
		if strings.ContainsAny(p.text, "<@") {
			return nil, errAddressPhrase
		}
	}
	// The classes of the marks, after the bytes' and the start symbol's:
	// '<', then the bytes above 0x7F.
	extra := 1
	if markWide {
		extra++
	}
	t, terms := newTrie(patterns, extra)
	a := &automaton{}
	lt := uint8(t.stride - extra)
	t.class['<'] = lt
	if markWide {
		for c := 0x80; c < 0x100; c++ {
			t.class[c] = lt + 1
		}
	}
	states := uint32(len(t.states) - 1)
	stride := uint32(t.stride) + 2
	if uint64(states)*uint64(stride) >= wideMark&^ends {
		return nil, errTooManyStates
	}
	t.link(states)
	a.class, a.stride = t.class, stride
	outs := outputs(t, terms)
	t.mark()
	at := make([]uint32, len(outs))
	for k, h := range outs {
		if len(h) > 0xFF || len(a.hits) >= 1<<24 {
			return nil, errTooManyStates
		}
		at[k] = uint32(len(a.hits))<<8 | uint32(len(h))
		a.hits = append(a.hits, h...)
	}
	a.next = make([]uint32, states*stride)
	n := uint32(t.stride)
	for s := range states {
		row := a.next[s*stride:][:stride]
		for c, e := range t.rows[s*n:][:n] {
			row[c] = (e&^ends)*stride | e&ends
		}
		row[lt] = addressMark
		if markWide {
			row[lt+1] = wideMark
		}
		if o := t.states[s].out; o >= 0 {
			row[stride-outAt] = at[o]
		}
	}
	// The depths, parents before children.
	for s := range states {
		for c := t.states[s].first; c < t.states[s+1].first; c++ {
			a.next[c*stride+stride-depthAt] = a.next[s*stride+stride-depthAt] + 1
		}
	}
	a.start = a.next[t.start] &^ ends // no phrase ends at the start
	return a, nil
}

// outputs returns what ends at each state of t, where own phrases end
// there (terms) or at its suffixes, and sets the states' entries in it.
// A state where no phrase of its own ends shares its failure state's
// entry.
func outputs(t *trie, terms []term) [][]hit {
	var outs [][]hit
	for s, k := 1, 0; s < len(t.states)-1; s++ {
		f := t.states[t.states[s].fail].out
		t.states[s].out = f
		if k == len(terms) || terms[k].state != int32(s) {
			continue
		}
		var h []hit
		for ; k < len(terms) && terms[k].state == int32(s); k++ {
			h = append(h, hit{terms[k].owner, terms[k].length})
		}
		if f >= 0 {
			h = append(h, outs[f]...)
		}
		slices.SortFunc(h, func(a, b hit) int { return cmp.Or(cmp.Compare(a.owner, b.owner), cmp.Compare(b.length, a.length)) })
		t.states[s].out = int32(len(outs))
		outs = append(outs, h)
	}
	return outs
}

// A found is a phrase found in a message: its owner and its span.
type found struct {
	owner      int32
	start, end int
}

// better reports whether f beats g: the first owner wins, and of one
// owner's phrases the leftmost, and of those the longest.
func (f found) better(g found) bool {
	return f.owner < g.owner || f.owner == g.owner && (f.start < g.start || f.start == g.start && f.end > g.end)
}

// maxHits is how many phrases a hitList holds, and maxPerOwner how many
// of one owner's: a message that repeats one phrase cannot crowd out the
// others. Real replies hold a handful.
const (
	maxHits     = 16
	maxPerOwner = 2
)

// A hitList is the phrases found in a message, in the order the walk
// met them, at most maxPerOwner of an owner and maxHits in all. It lives
// on the caller's stack.
type hitList struct {
	n    int
	hits [maxHits]found
	// With until set, the walk stops at the first mark it adds (see
	// findUntilMark), and sets marked.
	until, marked bool
}

// add records f unless the list is full or holds maxPerOwner phrases of
// its owner already, or f itself.
func (l *hitList) add(f found) {
	if l.n == len(l.hits) {
		return
	}
	same := 0
	for _, g := range l.hits[:l.n] {
		if g.owner == f.owner {
			if g == f {
				return // found by both parts of a split walk
			}
			if same++; same == maxPerOwner {
				return
			}
		}
	}
	l.hits[l.n] = f
	l.n++
}

// all returns the phrases found.
func (l *hitList) all() []found { return l.hits[:l.n] }

// text is a message: as given, or folded into a buffer (see
// ClassifyReply).
type text interface{ ~string | ~[]byte }

// find records in l the phrases of the matcher that occur in msg.
func find[T text](m *matcher, msg T, l *hitList) {
	if walk(m, &m.narrow, msg, l) && !l.marked {
		walk(m, m.wide, msg, l)
	}
}

// findUntilMark is find, but it stops at the first mark that it adds to l
// (a line break, a seam or ESC $: see matcher.marks), and reports whether
// it did: then the message is to be folded, and the phrases of its walk
// would be thrown away. A walk of the folded message takes their place,
// and the walk of the message as it is does not go on past the mark.
func findUntilMark(m *matcher, msg string, l *hitList) (marked bool) {
	l.until = true
	find(m, msg, l)
	l.until = false
	return l.marked
}

// walk records in l the phrases of the automaton in msg, and reports
// whether msg has a byte above 0x7F (if the automaton marks them).
//
// Each byte's step waits for the one before it (a table load), so a
// message of splitMin bytes or more is walked in two parts at once, a
// byte of each in turn, which the processor overlaps: one from the start,
// the other from the root, after a blank near the middle (so that it does
// not start within an address). The first part goes on past the second's
// start only while a phrase that started before it may still be in
// progress: while the state's depth reaches back before the second's
// start. So the phrases that cross it are found too, whatever the length
// of the longest phrase.
//
// The order in which the walk meets the phrases decides which a hitList
// keeps of a message with many (it keeps the first), so it is part of
// what a verdict is: the same phrases in the same order for the same
// message.
func walk[T text](m *matcher, a *automaton, msg T, l *hitList) (wide bool) {
	next, class := a.next, &a.class
	n := uint(len(msg))
	i, s := uint(0), a.start
	var mid uint
	if n >= splitMin {
		if k := indexByte(msg[n/2:], ' '); k >= 0 {
			mid = n/2 + uint(k) + 1
		}
	}
	if mid > 0 {
		j, t := mid, uint32(0)
		for ; i < mid && j < n; i, j = i+1, j+1 {
			s = next[uint(s)+uint(class[msg[i]])]
			t = next[uint(t)+uint(class[msg[j]])]
			if s >= ends {
				if i, s = step(m, a, msg, i, s, l, &wide); l.marked {
					return wide
				}
			}
			if t >= ends {
				if j, t = step(m, a, msg, j, t, l, &wide); l.marked {
					return wide
				}
			}
		}
		for ; j < n; j++ {
			if t = next[uint(t)+uint(class[msg[j]])]; t >= ends {
				if j, t = step(m, a, msg, j, t, l, &wide); l.marked {
					return wide
				}
			}
		}
		n = mid
	}
	for ; i < n; i++ {
		if s = next[uint(s)+uint(class[msg[i]])]; s >= ends {
			if i, s = step(m, a, msg, i, s, l, &wide); l.marked {
				return wide
			}
		}
	}
	if mid > 0 {
		// The first part, at msg[i] in state s, is done once the text
		// that leads to s starts at mid or later.
		for ; i < uint(len(msg)) && i < mid+uint(next[uint(s)+uint(a.stride-depthAt)]); i++ {
			if s = next[uint(s)+uint(class[msg[i]])]; s >= ends {
				if i, s = step(m, a, msg, i, s, l, &wide); l.marked {
					return wide
				}
			}
		}
	}
	return wide
}

// splitMin is the length from which walk walks a message in two parts.
const splitMin = 48

// step completes walk's step to s at msg[i], which is not plain: it
// makes the mark's move, or adds to l the phrases that end there.
func step[T text](m *matcher, a *automaton, msg T, i uint, s uint32, l *hitList, wide *bool) (uint, uint32) {
	i, s, hits := event(a, msg, i, s, wide)
	for _, h := range hits {
		n := l.n
		l.add(found{h.owner, int(i) + 1 - int(h.length), int(i) + 1})
		if l.until && l.n > n && m.marks[0] <= h.owner && h.owner < m.marks[1] {
			l.marked = true // as marks(l) would say once the walk is done
		}
	}
	return i, s
}

// event handles the state s, reached at msg[i], that is not plain: a
// byte above 0x7F, an address to jump over, or phrases that end there. It
// returns where the walk goes on, in what state, and the phrases that end
// at msg[i].
func event[T text](a *automaton, msg T, i uint, s uint32, wide *bool) (uint, uint32, []hit) {
	switch s {
	case wideMark:
		*wide = true
		return i, 0, nil
	case addressMark:
		if n := addressLen(msg[i:]); n > 0 {
			i += uint(n) - 1
		}
		return i, 0, nil
	}
	s &^= ends
	h := a.next[uint(s)+uint(a.stride-outAt)]
	return i, s, a.hits[h>>8:][:h&0xFF]
}

// maxAddress is the longest address in angle brackets the walk jumps over.
const maxAddress = 320

// addressLen returns the length of the e-mail address in angle brackets
// at the start of s ("<taro@example.jp>"), or 0 if there is none there: a
// "<", at most maxAddress bytes with an "@" and no blank, control byte or
// "<", and a ">". Names in addresses ("<mailboxfull@example.jp>") are not
// words of the server, and skipping them saves a third of the walk on a
// typical reply.
func addressLen[T text](s T) int {
	at := false
	for i := 1; i < len(s) && i <= maxAddress+1; i++ {
		switch c := s[i]; {
		case c == '>':
			if !at {
				return 0
			}
			return i + 1
		case c == '@':
			at = true
		case c <= ' ' || c == '<':
			return 0
		}
	}
	return 0
}

// indexByte is strings.IndexByte or bytes.IndexByte.
func indexByte[T text](s T, c byte) int {
	switch s := any(s).(type) {
	case string:
		return strings.IndexByte(s, c)
	case []byte:
		return bytes.IndexByte(s, c)
	}
	for i := range len(s) {
		if s[i] == c {
			return i
		}
	}
	return -1
}
