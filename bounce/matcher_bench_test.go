package bounce

import (
	"math/rand/v2"
	"os"
	"slices"
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

// syntheticOwner owns the synthetic phrases: one index past
// builtinPhrases, so that a hitList holds at most maxPerOwner of them.
var syntheticOwner = int32(len(builtinPhrases))

// syntheticPatterns returns k phrases for each phrase of the built-in
// table, in its style, all owned by syntheticOwner: for a phrase with a
// digit (a provider's code, "aup#in-1350", "ib104", "[ts01]", "_100"),
// the phrase with other digits; for a Japanese phrase, characters of the
// Japanese phrases strung together, in its encoding (the runes of UTF-8,
// the byte pairs of Shift_JIS and EUC-JP); for words, the phrase's first
// word and one to four words of the table's phrases after it. So they
// share the real phrases' prefixes and make the trie deep where real
// replies walk, as a bigger table of real phrases would.
func syntheticPatterns(k int) []pattern {
	var (
		rng   = rand.New(rand.NewPCG(20, 4))
		words []string
		runes []rune
		pairs [2][]string // the characters of the Shift_JIS and EUC-JP forms
		real  []pattern
	)
	encoding := func(flags uint8) int {
		if flags&eucJP != 0 {
			return 1
		}
		return 0
	}
	for _, p := range builtinPatterns {
		ph := &builtinPhrases[p.owner]
		switch {
		case ph.owner < 0:
			continue // a mark, not a server's words
		case ph.flags&(shiftJIS|eucJP) != 0:
			e := encoding(ph.flags)
			for i := 0; i+1 < len(p.text); i += 2 {
				pairs[e] = append(pairs[e], p.text[i:i+2])
			}
		case !isASCII(p.text):
			runes = append(runes, []rune(p.text)...)
		default:
			words = append(words, strings.Fields(p.text)...)
		}
		real = append(real, p)
	}
	var ps []pattern
	for _, p := range real {
		flags := builtinPhrases[p.owner].flags
		for range k {
			var b strings.Builder
			switch {
			case flags&(shiftJIS|eucJP) != 0:
				e := encoding(flags)
				for range 2 + rng.IntN(5) {
					b.WriteString(pairs[e][rng.IntN(len(pairs[e]))])
				}
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
	m, err := newMatcher(append(slices.Clip(builtinPatterns), syntheticPatterns(4)...))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// classifyWith is Classify with the phrases of m, whose hits of
// syntheticOwner are dropped before the others are weighed. A result that
// Classify decides by its code alone, or whose message is to be folded
// first, it leaves to Classify, which folds with the built-in table.
func classifyWith(m *matcher, r status.Result) Verdict {
	if _, ok := service.lookup(r.Code); ok || r.Code >= 200 && r.Code < 300 {
		return Classify(r)
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
	if fold, jis := marks(&l); fold || jis {
		return Classify(r)
	}
	return weigh(r, r.Message, &l, false)
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
	m := mustSyntheticMatcher(b)
	for _, bc := range []struct {
		name     string
		classify func(status.Result) Verdict
	}{
		{"phrases=table", Classify},
		{"phrases=table+4x", func(r status.Result) Verdict { return classifyWith(m, r) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(bytes)
			reasons := 0
			for b.Loop() {
				for _, r := range rs {
					reasons += int(bc.classify(r).Reason)
				}
			}
			sinkReasons = reasons
		})
	}
}

// BenchmarkClassifyRepliesParts times the two parts of ClassifyReplies'
// work apart, over the same replies: the walk of the built-in automaton
// over every message (part=find), and the weighing of the phrases found
// in the messages that are not folded (part=weigh: all but a few), so
// that a change to either shows where it belongs.
func BenchmarkClassifyRepliesParts(b *testing.B) {
	rs, bytes := replyResults(b)
	type weighed struct {
		r status.Result
		l hitList
	}
	var ws []weighed
	for _, r := range rs {
		var l hitList
		find(builtin, r.Message, &l)
		if fold, jis := marks(&l); !fold && !jis {
			ws = append(ws, weighed{r, l})
		}
	}
	b.Run("part=find", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(bytes)
		found := 0
		for b.Loop() {
			for _, r := range rs {
				var l hitList
				find(builtin, r.Message, &l)
				found += l.n
			}
		}
		sinkReasons = found
	})
	b.Run("part=weigh", func(b *testing.B) {
		b.ReportAllocs()
		reasons := 0
		for b.Loop() {
			for k := range ws {
				reasons += int(weigh(ws[k].r, ws[k].r.Message, &ws[k].l, false).Reason)
			}
		}
		sinkReasons = reasons
	})
}
