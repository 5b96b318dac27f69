package bounce

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/haishin/status"
)

// replyResults returns the results of testdata/replies.tsv, the replies
// that providers and server software document, and the bytes of their
// messages.
func replyResults(tb testing.TB) ([]status.Result, int64) {
	tb.Helper()
	data, err := os.ReadFile("testdata/replies.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	var (
		rs    []status.Result
		bytes int64
	)
	for _, row := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		line, _, _ := strings.Cut(row, "\t")
		r, err := status.ParseLine(line)
		if err != nil {
			tb.Fatalf("replies.tsv: %v", err)
		}
		rs = append(rs, r)
		bytes += int64(len(r.Message))
	}
	return rs, bytes
}

// syntheticOwner owns the synthetic phrases: no rule, and no narration.
var syntheticOwner = numTextRules + int32(len(narration))

// builtinPatterns returns the patterns of the built-in matcher, as
// mustMatcher makes them.
func builtinPatterns() []pattern {
	var ps []pattern
	for i, r := range textRules {
		for _, p := range r.phrases {
			anchored := len(p) > 1 && p[0] == '^'
			ps = append(ps, pattern{text: strings.TrimPrefix(p, "^"), owner: int32(i), anchored: anchored})
		}
	}
	for i, n := range narration {
		ps = append(ps, pattern{text: n.phrase, owner: numTextRules + int32(i)})
	}
	return ps
}

// syntheticPatterns returns k phrases for each phrase of the built-in
// table, in its style, all owned by syntheticOwner: for a phrase with a
// digit (a provider's code, "aup#in-1350", "ib104", "[ts01]", "_100"),
// the phrase with other digits; for a Japanese phrase, runes of the
// Japanese phrases strung together; for words, the phrase's first word
// and one to four words of the table's phrases after it. So they share
// the real phrases' prefixes and make the trie deep where real replies
// walk, as a bigger table of real phrases would.
func syntheticPatterns(k int) []pattern {
	var (
		rng   = rand.New(rand.NewPCG(20, 4))
		words []string
		runes []rune
		real  = builtinPatterns()
	)
	for _, p := range real {
		if !isASCII(p.text) {
			runes = append(runes, []rune(p.text)...)
			continue
		}
		words = append(words, strings.Fields(p.text)...)
	}
	var ps []pattern
	for _, p := range real {
		for range k {
			var b strings.Builder
			switch {
			case !isASCII(p.text):
				for range 2 + rng.IntN(5) {
					b.WriteRune(runes[rng.IntN(len(runes))])
				}
			case strings.ContainsAny(p.text, "0123456789"):
				for i := range len(p.text) {
					c := p.text[i]
					if isDigit(c) {
						c = byte('0' + rng.IntN(10))
					}
					b.WriteByte(c)
				}
			default:
				first, _, _ := strings.Cut(p.text, " ")
				b.WriteString(first)
				for range 1 + rng.IntN(4) {
					b.WriteString(" " + words[rng.IntN(len(words))])
				}
			}
			ps = append(ps, pattern{text: b.String(), owner: syntheticOwner})
		}
	}
	return ps
}

// mustSyntheticMatcher returns the matcher of the built-in table and of
// syntheticPatterns(4).
func mustSyntheticMatcher(tb testing.TB) *matcher {
	m, err := newMatcher(append(builtinPatterns(), syntheticPatterns(4)...))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// classifyWith is classify with the phrases of m, whose hits of
// syntheticOwner are dropped before the others are weighed.
func classifyWith(m *matcher, r status.Result) Verdict {
	if v, ok := service.lookup(r.Code); ok {
		return *v
	}
	var l hitList
	find(m, r.Message, &l)
	n := 0
	for _, h := range l.all() {
		if h.owner != syntheticOwner {
			l.hits[n] = h
			n++
		}
	}
	l.n = n
	return weigh(r, r.Message, &l)
}

func TestSyntheticPhrases(t *testing.T) {
	// Four times as many phrases change no verdict on the documented
	// replies, and they are found in them: the table is deeper where
	// real text walks.
	m := mustSyntheticMatcher(t)
	rs, _ := replyResults(t)
	hit := 0
	for _, r := range rs {
		if got, want := classifyWith(m, r), Classify(r); got != want {
			t.Errorf("classifyWith(synthetic, %q) = %+v; Classify gives %+v", r.Message, got, want)
		}
		var l hitList
		find(m, r.Message, &l)
		for _, h := range l.all() {
			if h.owner == syntheticOwner {
				hit++
				break
			}
		}
	}
	if hit < len(rs)/10 {
		t.Errorf("the synthetic phrases are found in %d of %d replies; want a tenth or more", hit, len(rs))
	}
	t.Logf("the synthetic phrases are found in %d of %d replies", hit, len(rs))
}

// BenchmarkClassifyReplies classifies every documented reply of
// testdata/replies.tsv per operation: with the built-in table (Classify
// itself), and with the table and four times as many synthetic phrases
// (classifyWith), whose cost should stay within 1.2 times the table's.
func BenchmarkClassifyReplies(b *testing.B) {
	rs, bytes := replyResults(b)
	b.Run("phrases=table", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(bytes)
		reasons := 0
		for b.Loop() {
			for _, r := range rs {
				reasons += int(Classify(r).Reason)
			}
		}
		sinkReasons = reasons
	})
	m := mustSyntheticMatcher(b)
	b.Run("phrases=table+4x", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(bytes)
		reasons := 0
		for b.Loop() {
			for _, r := range rs {
				reasons += int(classifyWith(m, r).Reason)
			}
		}
		sinkReasons = reasons
	})
}
