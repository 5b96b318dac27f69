package bounce

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
)

// A matcher finds every phrase of the built-in table in one pass over a
// message: an Aho–Corasick automaton over ASCII-folded bytes, with a dense
// transition table. It jumps over e-mail addresses in angle brackets,
// which are names, not a server's words: that is a property of the
// built-in table, none of whose phrases holds '<' or '@' (a user's rules
// have a matcher of their own, which reads every byte). Bytes are mapped to classes first (every byte that no phrase
// holds is one class), which keeps the table small. The messages are not
// copied or lowered, so offsets are offsets in the caller's bytes.
//
// The phrases of ASCII bytes and the others (Japanese) have automata of
// their own, so that the one every message walks has few classes and a
// small table; the other is walked only for a message that has a byte
// above 0x7F.
type matcher struct {
	narrow automaton
	wide   *automaton // nil when every phrase is ASCII
}

// An automaton is the table of some of a matcher's phrases. Its walk is
// one table load a byte; it leaves its fast path only where a phrase ends,
// an address starts, or (in a narrow automaton with a wide one beside it)
// a byte above 0x7F comes, as the table's entries say.
type automaton struct {
	class  [256]uint8 // the class of each byte; 'A'..'Z' share the class of 'a'..'z'
	stride int        // the length of a state's row: one entry a class, then its hits and depth
	start  uint32     // the state after the start-of-message symbol, as in next
	// next[state*stride+class] is the next state's row offset (so that the
	// walk does not multiply), with the bit hasHits set where phrases end
	// at that state, or a mark. next[state*stride+stride-2] is the
	// state's index in hits, and next[state*stride+stride-1] its depth:
	// the length of the text that leads to it.
	next []uint32
	hits [][]hit // the phrases that end at a state, its suffixes' too
}

// Marks in the table. addressMark is the entry for '<': the walk then
// jumps over an e-mail address in angle brackets, after which it is at
// the root. wideMark is the entry
// for a byte above 0x7F in a narrow automaton: the wide one is walked too.
const (
	hasHits     = 1 << 31
	addressMark = math.MaxUint32
	wideMark    = math.MaxUint32 - 1
)

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

// newAutomaton builds the automaton of the patterns; with markWide, the
// walk reports bytes above 0x7F.
func newAutomaton(patterns []pattern, markWide bool) (*automaton, error) {
	m := &automaton{}
	// Classes: 0 for every byte no pattern holds, then one for each byte
	// that one does; then '<', if addresses can be skipped; then the
	// start-of-message symbol.
	n := 1
	for _, p := range patterns {
		if strings.ContainsAny(p.text, "<@") {
			return nil, errAddressPhrase
		}
		for i := range len(p.text) {
			c := fold(p.text[i])
			if m.class[c] == 0 {
				if n == math.MaxUint8-2 {
					return nil, errTooManyStates
				}
				m.class[c] = uint8(n)
				n++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	lt, wc := n, -1
	m.class['<'] = uint8(n)
	n++
	if markWide {
		wc = n
		for c := 0x80; c < 0x100; c++ {
			m.class[c] = uint8(n)
		}
		n++
	}
	startClass, width := n, n+1
	m.stride = width + 2

	// The trie, with -1 for a missing transition; state 0 is the root.
	trie := make([]int32, width)
	fill(trie, -1)
	own := [][]hit{nil}
	depth := []uint32{0}
	add := func(from int32, class int) int32 {
		i := int(from)*width + class
		if trie[i] < 0 {
			trie[i] = int32(len(own))
			own = append(own, nil)
			depth = append(depth, depth[from]+1)
			row := make([]int32, width)
			fill(row, -1)
			trie = append(trie, row...)
		}
		return trie[i]
	}
	for _, p := range patterns {
		s := int32(0)
		if p.anchored {
			s = add(s, startClass)
		}
		for i := range len(p.text) {
			s = add(s, int(m.class[p.text[i]]))
		}
		own[s] = append(own[s], hit{p.owner, int32(len(p.text))})
	}
	states := len(own)
	if states >= (wideMark&^hasHits)/m.stride {
		return nil, errTooManyStates
	}

	// Breadth first: each state's failure state is known before its
	// children's, so missing transitions are copied from it, and its
	// hits are added to the state's.
	next := make([]int32, len(trie)) // plain state numbers at first
	hits := make([][]hit, states)
	fail := make([]int32, states)
	order := make([]int32, 1, states) // the states in breadth-first order, the root first
	for c := range width {
		if t := trie[c]; t > 0 {
			next[c] = t
			order = append(order, t)
		}
	}
	for k := 1; k < len(order); k++ {
		s := order[k]
		hits[s] = append(append([]hit(nil), own[s]...), hits[fail[s]]...)
		for c := range width {
			i := int(s)*width + c
			f := next[int(fail[s])*width+c]
			if t := trie[i]; t > 0 {
				next[i] = t
				fail[t] = f
				order = append(order, t)
			} else {
				next[i] = f
			}
		}
	}

	// Number the states in breadth-first order, so that the shallow states,
	// which most bytes of a message visit, lie together in the table, and
	// write the rows.
	rank := make([]int32, states)
	for k, s := range order {
		rank[s] = int32(k)
	}
	m.hits = make([][]hit, states)
	for _, h := range hits {
		slices.SortFunc(h, func(a, b hit) int { return cmp.Or(cmp.Compare(a.owner, b.owner), cmp.Compare(b.length, a.length)) })
	}
	m.next = make([]uint32, states*m.stride)
	for s := range states {
		row := m.next[int(rank[s])*m.stride:][:m.stride]
		for c := range width {
			t := next[s*width+c]
			row[c] = uint32(rank[t]) * uint32(m.stride)
			if len(hits[t]) > 0 {
				row[c] |= hasHits
			}
		}
		row[lt] = addressMark
		if wc >= 0 {
			row[wc] = wideMark
		}
		row[width] = uint32(rank[s])
		row[width+1] = depth[s]
		m.hits[rank[s]] = hits[s]
	}
	m.start = m.next[startClass]
	return m, nil
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
	if walk(&m.narrow, msg, l) {
		walk(m.wide, msg, l)
	}
}

// walk records in l the phrases of the automaton in msg, and reports
// whether msg has a byte above 0x7F (if the automaton marks them).
//
// Each byte's step waits for the one before it (a table load), so a
// message of splitMin bytes or more is walked in two parts at once, which
// the processor overlaps: one from the start, the other from the root,
// after a blank near the middle (so that it does not start within an
// address). The first part goes on past the second's start only while a
// phrase that started before it may still be in progress: while the
// state's depth reaches back before the second's start. So the phrases
// that cross it are found too, whatever the length of the longest phrase.
func walk[T text](a *automaton, msg T, l *hitList) (wide bool) {
	next, class := a.next, &a.class
	n := uint(len(msg))
	i, s, end := uint(0), a.start&^hasHits, n // only an empty anchored phrase could end at the start, and there are none
	depthAt := uint(a.stride - 1)
	if n >= splitMin {
		if k := indexByte(msg[n/2:], ' '); k >= 0 {
			mid := n/2 + uint(k) + 1
			j, t := mid, uint32(0)
			for i < mid && j < n {
				s = next[uint(s)+uint(class[msg[i]])]
				t = next[uint(t)+uint(class[msg[j]])]
				if s >= hasHits {
					i, s = event(a, msg, i, s, l, &wide)
				}
				if t >= hasHits {
					j, t = event(a, msg, j, t, l, &wide)
				}
				i++
				j++
			}
			for ; j < n; j++ {
				t = next[uint(t)+uint(class[msg[j]])]
				if t >= hasHits {
					j, t = event(a, msg, j, t, l, &wide)
				}
			}
			// The first part at msg[i], in state s, is done once the text
			// that leads to s starts at mid or later.
			for ; i < mid; i++ {
				s = next[uint(s)+uint(class[msg[i]])]
				if s >= hasHits {
					i, s = event(a, msg, i, s, l, &wide)
				}
			}
			for ; i < n && i < mid+uint(next[uint(s&^hasHits)+depthAt]); i++ {
				s = next[uint(s)+uint(class[msg[i]])]
				if s >= hasHits {
					i, s = event(a, msg, i, s, l, &wide)
				}
			}
			return wide
		}
	}
	for ; i < end; i++ {
		s = next[uint(s)+uint(class[msg[i]])]
		if s >= hasHits {
			i, s = event(a, msg, i, s, l, &wide)
		}
	}
	return wide
}

// splitMin is the length from which walk walks a message in two parts.
const splitMin = 48

// event handles the state s, reached at msg[i], that is not plain: a byte
// above 0x7F, an address to jump over, or phrases that end there. It
// returns where the walk goes on and in what state.
func event[T text](a *automaton, msg T, i uint, s uint32, l *hitList, wide *bool) (uint, uint32) {
	switch s {
	case wideMark:
		*wide = true
		return i, 0
	case addressMark:
		if n := addressLen(msg[i:]); n > 0 {
			i += uint(n) - 1
		}
		return i, 0
	}
	s &^= hasHits
	for _, h := range a.hits[a.next[uint(s)+uint(a.stride-2)]] {
		l.add(found{h.owner, int(i) + 1 - int(h.length), int(i) + 1})
	}
	return i, s
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
	for i := range len(s) {
		if s[i] == c {
			return i
		}
	}
	return -1
}
