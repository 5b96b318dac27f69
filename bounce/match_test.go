package bounce

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// naiveFind is what text.find must return, found the slow way: every
// phrase of every rule searched for on its own in a lower-case copy of
// msg, with the addresses in angle brackets blanked out.
func naiveFind(msg string) (found, bool) {
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
	best := found{owner: 1 << 30}
	for i, r := range textRules {
		for _, p := range r.phrases {
			if strings.HasPrefix(p, "^") {
				if strings.HasPrefix(lower, p[1:]) {
					if f := (found{int32(i), 0, len(p) - 1}); f.better(best) {
						best = f
					}
				}
				continue
			}
			if k := strings.Index(lower, p); k >= 0 {
				if f := (found{int32(i), k, k + len(p)}); f.better(best) {
					best = f
				}
			}
		}
	}
	return best, best.owner != 1<<30
}

// checkFind compares text.find with naiveFind on msg.
func checkFind(t *testing.T, msg string) {
	got, ok := text.find(msg, nil)
	want, wantOK := naiveFind(msg)
	if ok != wantOK || ok && got != want {
		t.Fatalf("find(%q) = %+v, %v; want %+v, %v", msg, got, ok, want, wantOK)
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
	words = append(words, "<taro@example.jp>", "<no address>", "<<<", ">>>", "550", "5.1.1", "\xff", "\x00", "宛先", ":", " ", "  ", "x", "<a@b")
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
	})
}
