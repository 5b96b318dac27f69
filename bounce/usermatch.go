package bounce

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// A userMatcher finds, in a message, the first user rule (by index) whose
// phrase the message holds and whose codes, if it has any, hold the
// result's code.
//
// The phrases of 4 bytes or more are found through a filter: a bit set
// of the hashes of their first 4 bytes, which a message's windows of 4
// bytes are looked up in, each one apart from the others (so that the
// processor overlaps them, whatever the size of the set), and only where
// the filter lets a window pass is the trie walked from there. The
// phrases of 1 to 3 bytes, which no filter of 4 bytes can see, have an
// automaton of their own, walked over the whole message. Should the
// windows that pass cost more than a few walks of the message (a message
// made of the phrases themselves), the rest of the message is walked
// with the automaton of the long phrases, so that the cost stays linear
// in the length of the message, whatever the phrases.
type userMatcher struct {
	short, long *userAutomaton // nil when no phrase is that short, or that long
	filter      []uint64       // a bit for each hash of a long phrase's first 4 bytes' classes
	shift       uint8          // a hash is the high 64-shift bits of a product
	low         uint32         // the lowest owner of any phrase
}

// descendBudget is how many walks of the message (and of 64 bytes more)
// the walks down the trie from windows may take before the rest of the
// message is walked with the automaton; the tests make it 0 to walk it.
var descendBudget = 4

// filterGram is the length of the windows of the filter: the phrases
// shorter than that are the short ones.
const filterGram = 4

// newUserMatcher builds the matcher of phrases, which are not empty and
// at most MaxPhraseLen bytes long. codes(owner) returns the code keys of
// an owner (see codeKey), nil for a rule without codes; every key once.
func newUserMatcher(phrases []userPhrase, codes func(owner int32) []uint16) *userMatcher {
	m := &userMatcher{low: math.MaxUint32}
	// The long phrases first, the short ones after them.
	long := 0
	for i := range phrases {
		if len(phrases[i].text) >= filterGram {
			phrases[long], phrases[i] = phrases[i], phrases[long]
			long++
		}
	}
	if long < len(phrases) {
		m.short = newUserAutomaton(phrases[long:], codes)
		m.low = m.short.low
	}
	if long > 0 {
		a := newUserAutomaton(phrases[:long], codes)
		m.long = a
		m.low = min(m.low, a.low)
		nbits := 1 << 16 // 16 bits or more a phrase: one window in 16 or fewer passes by chance
		for nbits < 16*long {
			nbits <<= 1
		}
		m.filter = make([]uint64, nbits/64)
		m.shift = uint8(64 - (bits.Len(uint(nbits)) - 1))
		for _, p := range phrases[:long] {
			h := m.hash(a.gram(p.text))
			m.filter[h/64] |= 1 << (h % 64)
		}
	}
	return m
}

// hash returns the filter's bit of the classes of 4 bytes.
func (m *userMatcher) hash(gram uint32) uint64 {
	return uint64(gram) * 0x9E3779B97F4A7C15 >> m.shift
}

// find returns the best phrase in msg whose owner is below limit (a rule's
// index) and accepts the code key (noCodeKey for a code no rule has): the
// first owner's, and of its phrases the one that starts first, and of
// those the longest.
func (m *userMatcher) find(msg string, key uint16, limit uint32) (owner uint32, start, end int, ok bool) {
	if m.low >= limit {
		return 0, 0, 0, false
	}
	b := best{owner: limit}
	if m.short != nil {
		m.short.walk(msg, 0, m.short.known(key), &b)
	}
	if a := m.long; a != nil && len(msg) >= filterGram && a.low <= b.owner {
		key := a.known(key)
		class, filter := &a.class, m.filter
		budget := descendBudget * (len(msg) + 64) // the bytes the walks down from windows may take
		gram := uint32(class[msg[0]])<<8 | uint32(class[msg[1]])<<16 | uint32(class[msg[2]])<<24
		for i := 0; i+filterGram <= len(msg); i++ {
			gram = gram>>8 | uint32(class[msg[i+3]])<<24
			if h := m.hash(gram); filter[h/64]&(1<<(h%64)) == 0 {
				continue
			}
			if budget -= a.descend(msg, i, key, &b); budget < 0 {
				a.walk(msg, i, key, &b) // every phrase that starts at i or after
				break
			}
		}
	}
	return b.owner, b.start, b.end, b.ok
}

// best is the best phrase found so far, as find returns it.
type best struct {
	owner      uint32
	start, end int
	ok         bool
}

// A userAutomaton is an Aho–Corasick automaton of some of the phrases of
// a userMatcher. Unlike the built-in table's, it is sparse, so that its
// memory is linear in the bytes of the phrases, and it never jumps over
// addresses: a user's phrase is found wherever it stands. The states are
// numbered in breadth-first order, and the children of a state in the
// order of their labels, so that a state's children are the states
// first..next.first-1 of one array, and a state costs 13 bytes: no row of
// transitions, no map. Only the shallowest states, which most bytes of a
// message visit, have rows: as many as fit in a budget of 4 bytes a state
// (and at least 64 KiB).
//
// Bytes are mapped to classes first, ASCII letters folded to lower case
// byte by byte: the message is never copied, and the offsets are offsets
// in the caller's bytes.
//
// What ends at a state is kept by the state: one entry of outs, shared
// with its failure state when no phrase of its own ends there, which
// gives the best rule without codes that a phrase ending there belongs
// to, and a table by code of the best rules with codes (a persistent
// tree, shared with the failure state's). So a match is decided in
// constant time, however many rules share a phrase or a suffix.
type userAutomaton struct {
	class  [256]uint8 // the class of each byte; 0 for a byte that no phrase holds
	stride int        // the number of classes
	// rows[s*stride+c] is the state after state s (one of the first
	// len(rows)/stride) on a byte of class c, with hasOut set when
	// something ends there.
	rows   []uint32
	dense  uint32   // len(rows)/stride
	states []ustate // breadth-first; 0 is the root; one more at the end, for its first
	label  []uint8  // label[s] is the class of the byte that leads to s
	outs   []uout
	trees  codeTrees
	keys   [numCodeKeys / 64]uint64 // the code keys in trees
	low    uint32                   // the lowest owner of any phrase
}

// known returns key if a tree of m holds it, else noCodeKey, which spares
// the lookups of a code that no rule of m's phrases has.
func (m *userAutomaton) known(key uint16) uint16 {
	if key == noCodeKey || m.keys[key/64]&(1<<(key%64)) == 0 {
		return noCodeKey
	}
	return key
}

// minRowBytes is the least budget for rows, in bytes; the tests make it
// 0 to walk the sparse states.
var minRowBytes = 1 << 16

// hasOut marks a state, as a step returns it, where a phrase ends.
const hasOut = 1 << 31

// A ustate is a state of a userAutomaton.
type ustate struct {
	first uint32 // its first child; the children end at the next state's first
	fail  uint32 // the state of the longest proper suffix that is in the trie
	out   int32  // its entry in outs, or -1 when no phrase ends at it or its suffixes
}

// A uout is what ends at a state: the best of the phrases that end there
// for rules without codes, the tree of those for rules with codes, and
// the lowest owner of them all, to skip the rest at a glance.
type uout struct {
	free  rank
	coded uint32 // a root in trees
	low   uint32
}

// A rank orders the phrases that end at one place in a message: the
// owner (a rule's index) in the high bits and lengthMask-length in the
// low ones, so that the lower rank is the better phrase, the first
// rule's and then the longest (the one that starts first). noRank is
// none; no rule's phrase has it.
type rank uint32

const (
	lengthBits = 11
	lengthMask = 1<<lengthBits - 1
	noRank     = rank(math.MaxUint32)

	// Compile-time checks: a phrase's length fits in lengthBits, an
	// owner in the others, and noRank's owner is no rule.
	_ = uint(lengthMask - MaxPhraseLen)
	_ = uint(1<<(32-lengthBits) - 1 - MaxRules)
)

func makeRank(owner int, length int) rank {
	return rank(uint32(owner)<<lengthBits | uint32(lengthMask-length))
}

func (r rank) owner() uint32 { return uint32(r) >> lengthBits }
func (r rank) length() int   { return lengthMask - int(r&lengthMask) }

// userPhrase is a phrase of a user's rule, its owner the rule's index.
type userPhrase struct {
	text  string
	owner int32
}

// newUserAutomaton builds the automaton of phrases (see newUserMatcher).
func newUserAutomaton(phrases []userPhrase, codes func(owner int32) []uint16) *userAutomaton {
	// Classes in the order of the folded bytes, so that the order of
	// classes is the order of phrases sorted by compareFolded.
	m := &userAutomaton{}
	for _, p := range phrases {
		for i := range len(p.text) {
			m.class[fold(p.text[i])] = 1
		}
	}
	n := 1
	for c := range m.class {
		if m.class[c] != 0 {
			m.class[c] = uint8(n)
			n++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	m.stride = n

	// Sorted by their folded bytes (then by owner), the phrases that share
	// a prefix lie together: the trie has a state for each byte of a
	// phrase after the prefix it shares with the one before. It is built a
	// level at a time, the states of a level numbered in the order of the
	// phrases, which is breadth-first order with each state's children in
	// the order of their labels.
	slices.SortFunc(phrases, func(a, b userPhrase) int {
		return cmp.Or(compareFolded(a.text, b.text), cmp.Compare(a.owner, b.owner))
	})
	states := 1
	for k, p := range phrases {
		shared := 0
		if k > 0 {
			q := phrases[k-1].text
			for shared < min(len(p.text), len(q)) && fold(p.text[shared]) == fold(q[shared]) {
				shared++
			}
		}
		states += len(p.text) - shared
	}
	type term struct{ state, owner, length int32 }
	var (
		terms  = make([]term, 0, len(phrases))
		active = make([]int32, len(phrases)) // the phrases longer than the level, by index
		at     = make([]int32, len(phrases)) // the state of each phrase's prefix
	)
	for i := range active {
		active[i] = int32(i)
	}
	m.label = make([]uint8, 1, states)
	m.states = make([]ustate, 1, states+1)
	m.states[0] = ustate{first: math.MaxUint32}
	for depth := 0; len(active) > 0; depth++ {
		prevParent, prevClass := int32(-1), uint8(0)
		kept := active[:0]
		for _, k := range active {
			p := phrases[k]
			c := m.class[p.text[depth]]
			if at[k] != prevParent || c != prevClass {
				s := uint32(len(m.states))
				if m.states[at[k]].first == math.MaxUint32 {
					m.states[at[k]].first = s
				}
				// The parent, in fail until the failure link is made.
				m.states = append(m.states, ustate{first: math.MaxUint32, fail: uint32(at[k])})
				m.label = append(m.label, c)
				prevParent, prevClass = at[k], c
			}
			at[k] = int32(len(m.states) - 1)
			if depth+1 == len(p.text) {
				terms = append(terms, term{at[k], p.owner, int32(depth + 1)})
			} else {
				kept = append(kept, k)
			}
		}
		active = kept
	}
	active, at = nil, nil
	m.states = append(m.states, ustate{first: uint32(states)})
	for s := states - 1; s >= 0; s-- {
		if m.states[s].first == math.MaxUint32 {
			m.states[s].first = m.states[s+1].first
		}
	}

	// The failure links, in breadth-first order: the failure state of a
	// state is shallower, so it is known before. The rows of the first
	// states are made as they come, from their failure states' rows.
	m.dense = uint32(min(states, max(1, max(minRowBytes, 4*states)/(4*n))))
	m.rows = make([]uint32, int(m.dense)*n)
	for s := range states {
		if s > 0 {
			if p := m.states[s].fail; p == 0 {
				m.states[s].fail = 0
			} else {
				m.states[s].fail = m.step(m.states[p].fail, m.label[s]) &^ hasOut // no marks yet
			}
		}
		if uint32(s) < m.dense {
			row := m.rows[s*n:][:n]
			if s > 0 {
				copy(row, m.rows[int(m.states[s].fail)*n:][:n])
			}
			for t := m.states[s].first; t < m.states[s+1].first; t++ {
				row[m.label[t]] = t
			}
		}
	}

	// What ends at each state: its own phrases' owners (sorted), merged
	// with what ends at its failure state.
	m.low = math.MaxUint32
	m.trees.nodes = [][8]uint32{{}} // the empty tree
	m.states[0].out = -1
	var (
		entries []codeEntry
		seen    [numCodeKeys / 64]uint64
	)
	for s, t := 1, 0; s < states; s++ {
		base := m.states[m.states[s].fail].out
		m.states[s].out = base
		if t == len(terms) || terms[t].state != int32(s) {
			continue
		}
		o := uout{free: noRank, low: math.MaxUint32}
		if base >= 0 {
			o = m.outs[base]
		}
		free := o.free
		entries = entries[:0]
		for ; t < len(terms) && terms[t].state == int32(s); t++ {
			tm := terms[t]
			r := makeRank(int(tm.owner), int(tm.length))
			if r >= free {
				continue // a rule without codes comes first
			}
			keys := codes(tm.owner)
			if keys == nil {
				free = r
				continue
			}
			for _, k := range keys {
				if seen[k/64]&(1<<(k%64)) == 0 { // the first owner of a code at this state is the best
					seen[k/64] |= 1 << (k % 64)
					entries = append(entries, codeEntry{k, r})
				}
			}
		}
		for _, e := range entries {
			seen[e.key/64] = 0
		}
		entries = slices.DeleteFunc(entries, func(e codeEntry) bool { return e.rank >= free })
		slices.SortFunc(entries, func(a, b codeEntry) int { return cmp.Compare(a.key, b.key) })
		o.free = free
		o.low = min(o.low, free.owner())
		for _, e := range entries {
			o.low = min(o.low, e.rank.owner())
			m.keys[e.key/64] |= 1 << (e.key % 64)
		}
		o.coded = m.trees.insert(o.coded, codeLevels-1, entries)
		m.low = min(m.low, o.low)
		m.states[s].out = int32(len(m.outs))
		m.outs = append(m.outs, o)
	}
	m.outs = slices.Clip(m.outs)
	m.trees.nodes = slices.Clip(m.trees.nodes)

	// Mark the transitions of the rows to states where something ends.
	for i, t := range m.rows {
		if m.states[t].out >= 0 {
			m.rows[i] |= hasOut
		}
	}
	return m
}

// compareFolded compares a and b as ASCII-folded bytes.
func compareFolded(a, b string) int {
	for i := range min(len(a), len(b)) {
		if c := cmp.Compare(fold(a[i]), fold(b[i])); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// step returns the state after s on a byte of class c, with hasOut set
// when something ends there.
func (m *userAutomaton) step(s uint32, c uint8) uint32 {
	for s >= m.dense {
		if t := m.child(m.states[s].first, m.states[s+1].first, c); t != 0 {
			return m.marked(t)
		}
		s = m.states[s].fail
	}
	return m.rows[int(s)*m.stride+int(c)]
}

// marked returns s with hasOut set when something ends at s.
func (m *userAutomaton) marked(s uint32) uint32 {
	if m.states[s].out >= 0 {
		return s | hasOut
	}
	return s
}

// gram returns the classes of the first 4 bytes of s, the first in the
// low byte.
func (m *userAutomaton) gram(s string) uint32 {
	return uint32(m.class[s[0]]) | uint32(m.class[s[1]])<<8 | uint32(m.class[s[2]])<<16 | uint32(m.class[s[3]])<<24
}

// walk improves b with the phrases in msg that start at from or after.
func (m *userAutomaton) walk(msg string, from int, key uint16, b *best) {
	rows, stride, dense := m.rows, m.stride, m.dense
	s := uint32(0)
	for i := from; i < len(msg); i++ {
		c := m.class[msg[i]]
		if s < dense {
			s = rows[int(s)*stride+int(c)]
		} else {
			s = m.step(s, c)
		}
		if s >= hasOut {
			s &^= hasOut
			m.hit(s, i+1, key, b)
		}
	}
}

// descend improves b with the phrases that start at msg[from], walking
// down the trie from the root, and returns the number of bytes it read.
func (m *userAutomaton) descend(msg string, from int, key uint16, b *best) int {
	s := uint32(0)
	i := from
	for ; i < len(msg); i++ {
		c := m.class[msg[i]]
		lo, hi := m.states[s].first, m.states[s+1].first
		if s < m.dense {
			t := m.rows[int(s)*m.stride+int(c)] &^ hasOut
			if t < lo || t >= hi {
				break
			}
			s = t
		} else if s = m.child(lo, hi, c); s == 0 {
			break
		}
		if m.states[s].out >= 0 {
			m.hit(s, i+1, key, b)
		}
	}
	return i - from + 1
}

// child returns the state among lo..hi-1 whose label is c, or 0.
func (m *userAutomaton) child(lo, hi uint32, c uint8) uint32 {
	if hi-lo <= 8 {
		for k := lo; k < hi; k++ {
			if l := m.label[k]; l >= c {
				if l == c {
					return k
				}
				break
			}
		}
		return 0
	}
	end := hi
	for lo < hi {
		mid := lo + (hi-lo)/2
		if m.label[mid] < c {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < end && m.label[lo] == c {
		return lo
	}
	return 0
}

// hit improves b with what ends at state s, at msg[:end].
func (m *userAutomaton) hit(s uint32, end int, key uint16, b *best) {
	o := &m.outs[m.states[s].out]
	if o.low > b.owner {
		return
	}
	r := o.free
	if o.coded != 0 && key != noCodeKey {
		r = min(r, m.trees.lookup(o.coded, key))
	}
	if r == noRank || r.owner() > b.owner {
		return
	}
	// The same owner again: better only if it starts first, or starts as
	// early and is longer.
	if st := end - r.length(); r.owner() < b.owner || st < b.start || st == b.start && end > b.end {
		b.owner, b.start, b.end, b.ok = r.owner(), st, end, true
	}
}

// Code keys: a rule's code, from MinRuleCode to MaxRuleCode, less
// MinRuleCode.
const (
	numCodeKeys = 8 * 8 * 8 * 4 // the keys of a tree of codeLevels levels
	codeLevels  = 4
	noCodeKey   = math.MaxUint16 // no key: a code outside the range

	_ = uint(numCodeKeys - (MaxRuleCode - MinRuleCode + 1)) // every code has a key
)

// A codeEntry is the best phrase of a state for one code.
type codeEntry struct {
	key  uint16
	rank rank
}

// codeTrees holds the persistent trees that map a code key to the best
// rank of a state: 8-way nodes, four levels, the leaves holding ^rank (so
// that the zero node, node 0, is an empty tree of any height). A tree is
// never changed: insert copies the nodes on the paths it changes and
// shares the rest, so that a state's tree costs only what its own
// phrases add to its failure state's.
type codeTrees struct {
	nodes [][8]uint32
}

// lookup returns the rank of key in the tree root, noRank if none.
func (t *codeTrees) lookup(root uint32, key uint16) rank {
	n := t.nodes[root][key>>9&7]
	n = t.nodes[n][key>>6&7]
	n = t.nodes[n][key>>3&7]
	return ^rank(t.nodes[n][key&7])
}

// insert returns the tree n (at the given level: 0 for leaves) with the
// entries, sorted by key, where their rank is better.
func (t *codeTrees) insert(n uint32, level int, entries []codeEntry) uint32 {
	if len(entries) == 0 {
		return n
	}
	node := t.nodes[n]
	changed := false
	shift := 3 * level
	for len(entries) > 0 {
		slot := entries[0].key >> shift & 7
		k := 1
		for k < len(entries) && entries[k].key>>shift&7 == slot {
			k++
		}
		if level == 0 {
			if r := entries[0].rank; r < ^rank(node[slot]) {
				node[slot] = ^uint32(r)
				changed = true
			}
		} else if c := t.insert(node[slot], level-1, entries[:k]); c != node[slot] {
			node[slot] = c
			changed = true
		}
		entries = entries[k:]
	}
	if !changed {
		return n
	}
	t.nodes = append(t.nodes, node)
	return uint32(len(t.nodes) - 1)
}
