package bounce

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveFind is what text.find must find, found the slow way: every
// phrase of the built-in automaton searched for on its own, at every
// place, in a lower-case copy of msg with the addresses in angle brackets
// blanked out.
func naiveFind(msg string) []found {
	b := []byte(msg)
	for i := 0; i < len(b); i++ {
		if b[i] >= 'A' && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	for i := 0; i < len(b); i++ {
		if b[i] == '<' {
			if n := addressLen(msg[i:]); n > 0 {
				for k := range n {
					b[i+k] = 0
				}
				i += n - 1
			}
		}
	}
	lower := string(b)
	var all []found
	for _, p := range builtinPatterns {
		if p.anchored {
			if strings.HasPrefix(lower, p.text) {
				all = append(all, found{p.owner, 0, len(p.text)})
			}
			continue
		}
		for k := 0; k+len(p.text) <= len(lower); k++ {
			if lower[k:k+len(p.text)] == p.text {
				all = append(all, found{p.owner, k, k + len(p.text)})
			}
		}
	}
	return all
}

// checkFindUntilMark checks findUntilMark against find on msg: it
// reports a mark where find's phrases hold one, and where they hold none
// it finds them all.
func checkFindUntilMark(t *testing.T, msg string) {
	var all, until hitList
	find(builtin, msg, &all)
	fold, jis := marks(&all)
	if marked := findUntilMark(builtin, msg, &until); marked != (fold || jis) {
		t.Fatalf("findUntilMark(%q) = %v; find's phrases hold marks %v, %v", msg, marked, fold, jis)
	} else if !marked && !slices.Equal(until.all(), all.all()) {
		t.Fatalf("findUntilMark(%q) found %+v; find %+v", msg, until.all(), all.all())
	}
}

// checkFind compares text.find with naiveFind on msg: every phrase found
// is in the message, and where the message holds no more than a hitList
// keeps, every phrase in it is found.
func checkFind(t *testing.T, msg string) {
	var l hitList
	find(builtin, msg, &l)
	want := naiveFind(msg)
	perOwner := map[int32]int{}
	for _, f := range want {
		perOwner[f.owner]++
	}
	complete := len(want) <= maxHits
	for _, n := range perOwner {
		complete = complete && n <= maxPerOwner
	}
	got := l.all()
	for _, f := range got {
		if !slices.Contains(want, f) {
			t.Fatalf("find(%q) found %+v, which is not in the message; want %+v", msg, f, want)
		}
	}
	if complete {
		for _, f := range want {
			if !slices.Contains(got, f) {
				t.Fatalf("find(%q) = %+v; want %+v", msg, got, want)
			}
		}
	}
}

func TestFindAgainstNaive(t *testing.T) {
	// Messages made of the table's own phrases, addresses, Japanese and
	// noise, long and short, so that walks are split at every place.
	var words []string
	for _, r := range textRules {
		for _, p := range r.phrases {
			words = append(words, strings.TrimPrefix(p, "^"), strings.ToUpper(strings.TrimPrefix(p, "^")))
		}
	}
	for _, n := range narration {
		words = append(words, n.phrase)
	}
	words = append(words, "<taro@example.jp>", "<no address>", "<<<", ">>>", "550", "550-", "5.1.1", "\xff", "\x00", "\n", "\x1b$B", "宛先", ":", " ", "  ", "x", "<a@b")
	rng := rand.New(rand.NewPCG(7, 8))
	for range runs(20000, 1000) {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(3) > 0 {
				b.WriteByte(" .:;-<>"[rng.IntN(7)])
			}
		}
		checkFind(t, b.String())
		checkFindUntilMark(t, b.String())
	}
}

// FuzzFind checks the automaton, its two-part walks and its jumps over
// addresses against naiveFind.
func FuzzFind(f *testing.F) {
	f.Add("550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table")
	f.Add("The email account that you tried to reach is over quota and inactive; blocked using zen; mailbox full")
	f.Add(": User unknown")
	f.Add("メールボックスの容量が不足しています")
	f.Fuzz(func(t *testing.T, msg string) {
		checkFind(t, msg)
		checkFindUntilMark(t, msg)
	})
}

func TestMatcherRefusesAddressPhrases(t *testing.T) {
	// The built-in automaton jumps over addresses, so a phrase with '<' or
	// '@' could never be found: it is refused.
	for _, p := range []string{"taro@example.jp", "<x", "a@"} {
		if _, err := newMatcher([]pattern{{text: "ok"}, {text: p}}); err != errAddressPhrase {
			t.Errorf("newMatcher(%q) = %v; want %v", p, err, errAddressPhrase)
		}
	}
	if _, err := newMatcher([]pattern{{text: "ok>"}}); err != nil {
		t.Errorf("newMatcher(%q) = %v", "ok>", err)
	}
}

func TestAddressLike(t *testing.T) {
	// fits asks inBareAddress only of the phrases flagged addressLike:
	// the others cannot lie within an address, whatever surrounds them.
	for _, p := range builtinPatterns {
		msg := "x" + p.text + "y@example.jp"
		within := inBareAddress(msg, 1, 1+len(p.text))
		if like := builtinPhrases[p.owner].flags&addressLike != 0; like != within {
			t.Errorf("phrase %q: addressLike %v, but within %q: %v", p.text, like, msg, within)
		}
	}
}
