package status

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// findEnhancedByByte is findEnhanced as it was written first, trying
// every byte of msg as the start of a code: findEnhanced looks only
// before dots, and must find what this finds.
func findEnhancedByByte(msg string, want int) (Enhanced, int, int, bool) {
	var best Enhanced
	bestStart, bestEnd := 0, 0
	bestRank := 4
	for i := 0; i+5 <= len(msg); i++ {
		c := msg[i]
		if !isClass(int(c)-'0') || want > 2 && c == '2' {
			continue
		}
		strong := enhancedStrong(msg, i)
		if i > 0 && !strong && !enhancedBefore(msg, i) {
			continue
		}
		e, n := scanEnhanced(msg[i:])
		if n == 0 || e.Subject >= len(enhancedSubjects) {
			continue
		}
		if j := i + n; j < len(msg) && !enhancedAfter(msg[j:]) {
			continue
		}
		rank := 0
		if !strong {
			if _, ok := e.registered(); !ok {
				continue
			}
			rank = 2
		}
		if want != 0 && e.Class != want {
			rank++
		}
		if rank == 0 {
			return e, i, i + n, true
		}
		if rank < bestRank {
			best, bestStart, bestEnd, bestRank = e, i, i+n, rank
		}
		i += n - 1
	}
	return best, bestStart, bestEnd, bestRank < 4
}

// checkFindEnhanced compares findEnhanced with findEnhancedByByte on msg
// for every class a reply code can ask for.
func checkFindEnhanced(t *testing.T, msg string) {
	t.Helper()
	for _, want := range []int{0, 2, 4, 5} {
		e, start, end, ok := findEnhanced(msg, want)
		we, wstart, wend, wok := findEnhancedByByte(msg, want)
		if e != we || start != wstart || end != wend || ok != wok {
			t.Fatalf("findEnhanced(%q, %d) = %v, %d, %d, %v; want %v, %d, %d, %v", msg, want, e, start, end, ok, we, wstart, wend, wok)
		}
	}
}

func TestFindEnhancedAgainstByByte(t *testing.T) {
	// Messages of codes in strong and weak places, versions, dates,
	// dots, dashes and words, so that codes are found, ranked and
	// skipped everywhere.
	words := []string{
		"550", "5.1.1", "4.2.2", "2.0.0", "5.7.26", "5.0.0-beta", "5.1.10", "5.01.1", "4.4.7.", "2.6.0",
		"#5.1.0", "(5.2.2)", "[4.7.1]", "Dovecot 2.3.16", "4.5.24", "smtp;", "550-", "Status:",
		".", "..", "-", " ", "x", "user", "5", "4.", "5.1", "55.1.1", "a5.1.1", "5.1.1a",
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(2) == 0 {
				b.WriteByte(" .-:;#(["[rng.IntN(8)])
			}
		}
		checkFindEnhanced(t, b.String())
	}
}

func FuzzFindEnhancedAgainstByByte(f *testing.F) {
	f.Add("550 5.1.1 <taro@example.jp>: Recipient address rejected")
	f.Add("Status: 4.4.7. Dovecot 2.3.16 (5.2.2)")
	f.Add("5.0.0-beta 2.6.0 #5.1.0")
	f.Fuzz(checkFindEnhanced)
}
