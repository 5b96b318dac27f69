package main

import "cmp"

// A tally counts how often each key comes, and tells the key that came
// most: the rule that decided most of a row of summary, the reason and the
// rule of most failures of a domain. It keeps the first few keys in a list
// searched in order, since most tallies have few, and any others in a
// map, so that adding a key costs the same however many keys there are
// (10^5 rules of -rules that decide in one row). The zero tally is empty.
type tally[K cmp.Ordered] struct {
	listed []keyCount[K] // the first maxListed keys, in the order they came
	more   map[K]int     // the others
}

type keyCount[K cmp.Ordered] struct {
	key   K
	count int
}

// maxListed is how many keys a tally keeps in its list.
const maxListed = 8

// add counts key once more.
func (t *tally[K]) add(key K) {
	for i := range t.listed {
		if t.listed[i].key == key {
			t.listed[i].count++
			return
		}
	}
	switch {
	case len(t.listed) < maxListed:
		t.listed = append(t.listed, keyCount[K]{key, 1})
	case t.more == nil:
		t.more = map[K]int{key: 1}
	default:
		t.more[key]++
	}
}

// top returns the key that came most, the least of those that came as
// often (so that the output is the same every run, whatever the order of
// the map), and how often it came; the zero key and 0 when none came.
func (t *tally[K]) top() (K, int) {
	var top K
	most := 0
	better := func(key K, count int) {
		if count > most || count == most && key < top {
			top, most = key, count
		}
	}
	for _, kc := range t.listed {
		better(kc.key, kc.count)
	}
	for key, count := range t.more {
		better(key, count)
	}
	return top, most
}
