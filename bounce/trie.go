package bounce

import (
	"cmp"
	"math"
	"slices"
)

// The automata of the built-in table (match.go) and of a Classifier's
// rules (usermatch.go) are Aho–Corasick automata over ASCII-folded bytes,
// built by the same steps, in this file:
//
//  1. classes: the bytes of the phrases are numbered in the order of
//     their folded values, every byte that no phrase holds in class 0;
//  2. the trie, a level at a time from the phrases sorted by their
//     classes, its states numbered in breadth-first order;
//  3. the failure links, and the rows of the first states: a full row of
//     transitions each, made from its failure state's;
//  4. what ends at each state, which each matcher keeps in its own way,
//     and the mark [ends] on the transitions to those states.
//
// Each matcher then walks the trie as it likes: a Classifier's as it is,
// with rows for its first states only, so that its memory stays linear
// in its phrases; the built-in table's through a dense table of rows for
// every state (see automaton).

// pattern is a phrase to find and its owner (a rule, or narration). An
// anchored pattern matches only at the start of the message.
type pattern struct {
	text     string
	owner    int32
	anchored bool
}

// A trie holds an automaton in its plain form. A state's children are the
// states first..next.first-1, in the order of their labels, so that a
// state costs 13 bytes: no row of transitions, no map. Only the first
// dense states have rows.
type trie struct {
	class  [256]uint8 // the class of each byte; 0 for a byte that no phrase holds
	stride int        // the number of classes: the length of a row
	start  uint8      // the class of the start-of-message symbol, 0 if no pattern is anchored
	// rows[s*stride+c] is the state after state s (one of the first
	// dense) on a byte of class c, with ends set where something ends.
	rows   []uint32
	dense  uint32
	states []tstate // breadth-first; 0 is the root; one more at the end, for its first
	label  []uint8  // label[s] is the class of the symbol that leads to s
}

// A tstate is a state of a trie.
type tstate struct {
	first uint32 // its first child; the children end at the next state's first
	fail  uint32 // the state of the longest proper suffix that is in the trie
	out   int32  // its entry in the matcher's outputs, or -1 when nothing ends at it or its suffixes
}

// ends marks a transition, in rows and as step returns it, to a state
// where something ends (tstate.out is not -1).
const ends = 1 << 31

// A term is a pattern that ends at a state: the state, the pattern's
// owner, and its length in bytes.
type term struct{ state, owner, length int32 }

// newTrie builds the trie of patterns, which are not empty, with extra
// classes after the bytes' (for the marks of a matcher). It sorts
// patterns, and returns the patterns that end at each state, by state and
// then owner. The caller then makes the failure links (link), what ends
// at each state (tstate.out) and the marks (mark).
func newTrie(patterns []pattern, extra int) (*trie, []term) {
	t := &trie{}
	t.classes(patterns, extra)
	return t, t.build(patterns)
}

// rowsIn returns how many states have rows in a budget of rowBytes bytes
// or of 4 bytes a state, whichever is more: at least the root.
func (t *trie) rowsIn(rowBytes int) uint32 {
	states := len(t.states) - 1
	return uint32(min(states, max(1, max(rowBytes, 4*states)/(4*t.stride))))
}

// classes numbers the bytes of the patterns 1, 2, … in the order of their
// folded values, 'A'..'Z' in the classes of 'a'..'z', so that the order of
// classes is the order of the patterns' folded texts; then the start
// symbol, if any pattern is anchored, and extra classes that no pattern
// holds. At most 231 classes of bytes and 4 others fit in a uint8.
func (t *trie) classes(patterns []pattern, extra int) {
	anchored := false
	for _, p := range patterns {
		anchored = anchored || p.anchored
		for i := range len(p.text) {
			t.class[fold(p.text[i])] = 1
		}
	}
	n := 1
	for c := range t.class {
		if t.class[c] != 0 {
			t.class[c] = uint8(n)
			n++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		t.class[c] = t.class[c+'a'-'A']
	}
	if anchored {
		t.start = uint8(n)
		n++
	}
	t.stride = n + extra
}

// symbols returns the length of p in symbols: its bytes, and the start
// symbol before them if p is anchored.
func (p *pattern) symbols() int {
	if p.anchored {
		return len(p.text) + 1
	}
	return len(p.text)
}

// symbol returns the class of p's symbol i.
func (t *trie) symbol(p *pattern, i int) uint8 {
	if p.anchored {
		if i == 0 {
			return t.start
		}
		i--
	}
	return t.class[p.text[i]]
}

// compare orders patterns by their symbols, then by owner.
func (t *trie) compare(a, b *pattern) int {
	na, nb := a.symbols(), b.symbols()
	for i := range min(na, nb) {
		if c := cmp.Compare(t.symbol(a, i), t.symbol(b, i)); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(na, nb), cmp.Compare(a.owner, b.owner))
}

// build makes the states and labels of the trie of patterns, and returns
// what ends where. Sorted by their symbols, the patterns that share a
// prefix lie together: the trie has a state for each symbol of a pattern
// after the prefix it shares with the one before. It is built a level at
// a time, the states of a level numbered in the order of the patterns,
// which is breadth-first order with each state's children in the order
// of their labels.
func (t *trie) build(patterns []pattern) []term {
	slices.SortFunc(patterns, func(a, b pattern) int { return t.compare(&a, &b) })
	states := 1
	for k := range patterns {
		shared := 0
		if k > 0 {
			p, q := &patterns[k], &patterns[k-1]
			for shared < min(p.symbols(), q.symbols()) && t.symbol(p, shared) == t.symbol(q, shared) {
				shared++
			}
		}
		states += patterns[k].symbols() - shared
	}
	var (
		terms  = make([]term, 0, len(patterns))
		active = make([]int32, len(patterns)) // the patterns longer than the level, by index
		at     = make([]int32, len(patterns)) // the state of each pattern's prefix
	)
	for i := range active {
		active[i] = int32(i)
	}
	t.label = make([]uint8, 1, states)
	t.states = make([]tstate, 1, states+1)
	t.states[0] = tstate{first: math.MaxUint32, out: -1}
	for depth := 0; len(active) > 0; depth++ {
		prevParent, prevClass := int32(-1), uint8(0)
		kept := active[:0]
		for _, k := range active {
			p := &patterns[k]
			c := t.symbol(p, depth)
			if at[k] != prevParent || c != prevClass {
				s := uint32(len(t.states))
				if t.states[at[k]].first == math.MaxUint32 {
					t.states[at[k]].first = s
				}
				// The parent, in fail until the failure link is made.
				t.states = append(t.states, tstate{first: math.MaxUint32, fail: uint32(at[k]), out: -1})
				t.label = append(t.label, c)
				prevParent, prevClass = at[k], c
			}
			at[k] = int32(len(t.states) - 1)
			if depth+1 == p.symbols() {
				terms = append(terms, term{at[k], p.owner, int32(len(p.text))})
			} else {
				kept = append(kept, k)
			}
		}
		active = kept
	}
	t.states = append(t.states, tstate{first: uint32(states)})
	for s := states - 1; s >= 0; s-- {
		if t.states[s].first == math.MaxUint32 {
			t.states[s].first = t.states[s+1].first
		}
	}
	return terms
}

// link makes the failure links, in breadth-first order (the failure
// state of a state is shallower, so it is known before), and the rows of
// the first dense states as they come, each from its failure state's.
func (t *trie) link(dense uint32) {
	n := t.stride
	t.dense = dense
	t.rows = make([]uint32, int(dense)*n)
	for s := range len(t.states) - 1 {
		if s > 0 {
			if p := t.states[s].fail; p != 0 {
				t.states[s].fail = t.step(t.states[p].fail, t.label[s]) // no marks yet
			}
		}
		if uint32(s) < dense {
			row := t.rows[s*n:][:n]
			if s > 0 {
				copy(row, t.rows[int(t.states[s].fail)*n:][:n])
			}
			for c := t.states[s].first; c < t.states[s+1].first; c++ {
				row[t.label[c]] = c
			}
		}
	}
}

// mark sets ends on the transitions of the rows to states where something
// ends, once the outputs are known.
func (t *trie) mark() {
	for i, s := range t.rows {
		if t.states[s].out >= 0 {
			t.rows[i] |= ends
		}
	}
}

// step returns the state after s on a symbol of class c, with ends set
// when something ends there.
func (t *trie) step(s uint32, c uint8) uint32 {
	for s >= t.dense {
		if k := t.child(s, c); k != 0 {
			return t.marked(k)
		}
		s = t.states[s].fail
	}
	return t.rows[int(s)*t.stride+int(c)]
}

// marked returns s with ends set when something ends at s.
func (t *trie) marked(s uint32) uint32 {
	if t.states[s].out >= 0 {
		return s | ends
	}
	return s
}

// child returns the child of s whose label is c, or 0.
func (t *trie) child(s uint32, c uint8) uint32 {
	lo, hi := t.states[s].first, t.states[s+1].first
	if hi-lo <= 8 {
		for k := lo; k < hi; k++ {
			if l := t.label[k]; l >= c {
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
		if t.label[mid] < c {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < end && t.label[lo] == c {
		return lo
	}
	return 0
}

// fold returns c with ASCII upper-case letters in lower case.
func fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// fill sets every element of s to v.
func fill[T any](s []T, v T) {
	for i := range s {
		s[i] = v
	}
}
