package bounce_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/internal/benchlog"
)

// randomRules returns n rules as a user's program might generate them:
// each has one phrase of 5 to 40 random printable ASCII bytes, and one in
// four also one to three reply codes. It returns the number of phrase
// bytes too.
func randomRules(n int, seed uint64) (rules []bounce.Rule, phraseBytes int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	rules = make([]bounce.Rule, n)
	for i := range rules {
		p := make([]byte, 5+rng.IntN(36))
		for k := range p {
			p[k] = byte(' ' + rng.IntN('~'-' '+1))
		}
		phraseBytes += len(p)
		rules[i] = bounce.Rule{
			Name:     "r" + strconv.Itoa(i),
			Reason:   bounce.Reason(1 + rng.IntN(35)),
			Contains: []string{string(p)},
		}
		if rng.IntN(4) == 0 {
			for range 1 + rng.IntN(3) {
				rules[i].Codes = append(rules[i].Codes, status.Code(400+rng.IntN(200)))
			}
		}
	}
	return rules, phraseBytes
}

// BenchmarkNewClassifier builds a Classifier of 100, 10^4 and 10^5 random
// rules. B/phrase-byte is the memory allocated for one byte of the
// phrases, live-B/phrase-byte what stays in use, the Classifier's own
// (the rules' strings are the caller's).
func BenchmarkNewClassifier(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		b.Run("rules="+strconv.Itoa(n), func(b *testing.B) {
			rules, phraseBytes := randomRules(n, 1)
			b.ReportAllocs()
			var before, after runtime.MemStats
			sinkClassifier = nil
			runtime.GC()
			runtime.ReadMemStats(&before)
			for b.Loop() {
				c, err := bounce.NewClassifier(rules...)
				if err != nil {
					b.Fatal(err)
				}
				sinkClassifier = c
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(phraseBytes), "B/phrase-byte")
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(phraseBytes), "live-B/phrase-byte")
		})
	}
}

var sinkClassifier *bounce.Classifier

// classifierResults is a mix of results typical of a day, as in package
// bounce's BenchmarkClassify.
var classifierResults = func() []status.Result {
	var rs []status.Result
	for _, line := range benchlog.Lines(2000) {
		if r, err := status.ParseLine(line); err == nil {
			rs = append(rs, r)
		}
	}
	return rs
}()

// BenchmarkClassifierClassify classifies one result of the mix per
// operation with 100, 10^4 and 10^5 random rules, which the messages
// seldom hold: the rules cost what it takes to find that they do not
// decide. With no rules (rules=0), it is Classify alone, the baseline;
// the target is 10^5 rules within twice the time of 100.
func BenchmarkClassifierClassify(b *testing.B) {
	for _, n := range []int{0, 100, 10_000, 100_000} {
		b.Run("rules="+strconv.Itoa(n), func(b *testing.B) {
			rules, _ := randomRules(n, 1)
			c, err := bounce.NewClassifier(rules...)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i, reasons := 0, 0
			for b.Loop() {
				reasons += int(c.Classify(classifierResults[i]).Reason)
				if i++; i == len(classifierResults) {
					i = 0
				}
			}
			sinkReasonSum = reasons
		})
	}
}

var sinkReasonSum int

// BenchmarkClassifierSharedPhrase classifies a message of 1 MB of "e"
// with 1 and with 1,000 rules {"codes": [1], "contains": ["e"]}, for a
// result of another code: the rules share the phrase but not the code.
func BenchmarkClassifierSharedPhrase(b *testing.B) {
	r := status.Result{Code: 550, Message: strings.Repeat("e", 1<<20)}
	for _, n := range []int{1, 1000} {
		b.Run("rules="+strconv.Itoa(n), func(b *testing.B) {
			rules := make([]bounce.Rule, n)
			for i := range rules {
				rules[i] = bounce.Rule{Name: "e" + strconv.Itoa(i), Reason: bounce.Blocked, Codes: []status.Code{1}, Contains: []string{"e"}}
			}
			c, err := bounce.NewClassifier(rules...)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(r.Message)))
			for b.Loop() {
				sinkReasonSum += int(c.Classify(r).Reason)
			}
		})
	}
}

// BenchmarkClassifierByCode classifies a result with 1 and with 10^5
// rules of codes alone, the last of which decides.
func BenchmarkClassifierByCode(b *testing.B) {
	r := status.Result{Code: -1, Message: "sorry"}
	for _, n := range []int{1, 100_000} {
		b.Run("rules="+strconv.Itoa(n), func(b *testing.B) {
			rules := make([]bounce.Rule, n)
			for i := range rules {
				rules[i] = bounce.Rule{Name: "r" + strconv.Itoa(i), Reason: bounce.Blocked, Codes: []status.Code{status.Code(i%900 + 1)}}
			}
			rules[n-1].Codes = []status.Code{-1}
			c, err := bounce.NewClassifier(rules...)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				sinkReasonSum += int(c.Classify(r).Reason)
			}
		})
	}
}

// BenchmarkLoadRules reads a rules file of 10^5 random rules (8.7 MB)
// with LoadRules, which walks each rule's JSON itself once encoding/json
// has checked it, and with its baseline, LoadRulesDecoder, which reads it
// with encoding/json alone, as strictly and with the same errors.
func BenchmarkLoadRules(b *testing.B) {
	rules, _ := randomRules(100_000, 1)
	data, err := json.Marshal(rules)
	if err != nil {
		b.Fatal(err)
	}
	for _, load := range loaders {
		b.Run(load.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := load.f(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
