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
	// descendBudget is how many walks of the message (and of 64 bytes
	// more) the walks down the trie from windows may take before the rest
	// of the message is walked with the automaton.
	descendBudget int
}

// tuning holds the knobs of a userMatcher. The tests turn them to walk
// the paths that real rules seldom take: the sparse states (rowBytes 0),
// the automaton of the long phrases from the first window that passes
// (descend 0).
type tuning struct {
	rowBytes int // the least budget for an automaton's rows, in bytes (see newTrie)
	descend  int // userMatcher.descendBudget
}

// defaultTuning is the tuning of every Classifier.
var defaultTuning = tuning{rowBytes: 1 << 16, descend: 4}

// filterGram is the length of the windows of the filter: the phrases
// shorter than that are the short ones.
const filterGram = 4

// newUserMatcher builds the matcher of phrases, which are not empty, not
// anchored, and at most MaxPhraseLen bytes long. codes(owner) returns the
// code keys of an owner (see codeKey), nil for a rule without codes;
// every key once.
func newUserMatcher(phrases []pattern, codes func(owner int32) []uint16, tune tuning) *userMatcher {
	m := &userMatcher{low: math.MaxUint32, descendBudget: tune.descend}
	// The long phrases first, the short ones after them.
	long := 0
	for i := range phrases {
		if len(phrases[i].text) >= filterGram {
			phrases[long], phrases[i] = phrases[i], phrases[long]
			long++
		}
	}
	if long < len(phrases) {
		m.short = newUserAutomaton(phrases[long:], codes, tune.rowBytes)
		m.low = m.short.low
	}
	if long > 0 {
		a := newUserAutomaton(phrases[:long], codes, tune.rowBytes)
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
		budget := m.descendBudget * (len(msg) + 64) // the bytes the walks down from windows may take
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
// a userMatcher: a trie (see newTrie), walked as it is, whose memory is
// linear in the bytes of the phrases. Only the shallowest states, which
// most bytes of a message visit, have rows: as many as fit in a budget of
// 4 bytes a state (and at least the tuning's rowBytes). Unlike the
// built-in table's, it never jumps over addresses: a user's phrase is
// found wherever it stands.
//
// What ends at a state is kept by the state: one entry of outs, shared
// with its failure state when no phrase of its own ends there, which
// gives the best rule without codes that a phrase ending there belongs
// to, and a table by code of the best rules with codes (a persistent
// tree, shared with the failure state's). So a match is decided in
// constant time, however many rules share a phrase or a suffix.
type userAutomaton struct {
	trie
	outs  []uout
	trees codeTrees
	keys  [numCodeKeys / 64]uint64 // the code keys in trees
	low   uint32                   // the lowest owner of any phrase
}

// known returns key if a tree of m holds it, else noCodeKey, which spares
// the lookups of a code that no rule of m's phrases has.
func (m *userAutomaton) known(key uint16) uint16 {
	if key == noCodeKey || m.keys[key/64]&(1<<(key%64)) == 0 {
		return noCodeKey
	}
	return key
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

// newUserAutomaton builds the automaton of phrases (see newUserMatcher),
// with rows in at least rowBytes bytes.
func newUserAutomaton(phrases []pattern, codes func(owner int32) []uint16, rowBytes int) *userAutomaton {
	t, terms := newTrie(phrases, 0)
	t.link(t.rowsIn(rowBytes))
	m := &userAutomaton{trie: *t}
	m.outputs(terms, codes)
	m.mark()
	return m
}

// outputs makes what ends at each state: its own phrases' owners (terms,
// sorted), merged with what ends at its failure state.
func (m *userAutomaton) outputs(terms []term, codes func(owner int32) []uint16) {
	m.low = math.MaxUint32
	m.trees.nodes = [][8]uint32{{}} // the empty tree
	var (
		entries []codeEntry
		seen    [numCodeKeys / 64]uint64
	)
	for s, t := 1, 0; s < len(m.states)-1; s++ {
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
		if s >= ends {
			s &^= ends
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
			t := m.rows[int(s)*m.stride+int(c)] &^ ends
			if t < lo || t >= hi {
				break
			}
			s = t
		} else if s = m.child(s, c); s == 0 {
			break
		}
		if m.states[s].out >= 0 {
			m.hit(s, i+1, key, b)
		}
	}
	return i - from + 1
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
