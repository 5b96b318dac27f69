package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

// benchCommand runs the tool on the sample log, repeated to about 2 MB,
// read from standard input, with output discarded.
func benchCommand(b *testing.B, want int, args ...string) {
	sample, err := os.ReadFile("../../testdata/results.log")
	if err != nil {
		b.Fatal(err)
	}
	log := strings.Repeat(string(sample), (2<<20)/len(sample)+1)
	b.SetBytes(int64(len(log)))
	b.ReportAllocs()
	for b.Loop() {
		if rc := run(args, strings.NewReader(log), io.Discard, io.Discard); rc != want {
			b.Fatalf("exit status %d", rc)
		}
	}
}

// BenchmarkParseCommand and BenchmarkSummaryCommand read the same log:
// parse, which writes a JSON object per line, should run at 0.25× the
// speed of summary or better.
func BenchmarkParseCommand(b *testing.B) { benchCommand(b, exitFail, "parse") } // the sample has malformed lines

func BenchmarkSummaryCommand(b *testing.B) { benchCommand(b, exitOK, "summary") }

// BenchmarkDecidingRules gives the cost per line of summary's counting
// and of parse's writing, with the same classifier, on 100,000 results,
// each decided by one of rules=N rules of -rules (a phrase each), in
// turn: summary's cost per line must not grow with the number of rules
// that decide, and stays within a few times parse's.
func BenchmarkDecidingRules(b *testing.B) {
	const lines = 100_000
	for _, n := range []int{1, 100, 10_000, 100_000} {
		rules := make([]bounce.Rule, n)
		for i := range rules {
			rules[i] = bounce.Rule{Name: fmt.Sprintf("r%d", i), Reason: bounce.OnHold, Contains: []string{fmt.Sprintf("q%05x", i)}}
		}
		classifier, err := bounce.NewClassifier(rules...)
		if err != nil {
			b.Fatal(err)
		}
		all := make([]status.Result, lines)
		for i := range all {
			all[i] = status.Result{Code: 550, Category: status.BE, Message: fmt.Sprintf("sorry q%05x", i%n)}
		}
		if v := classifier.Classify(all[lines-1]); v.Evidence.Rule != rules[(lines-1)%n].Name {
			b.Fatalf("decided by %q", v.Evidence.Rule)
		}
		b.Run(fmt.Sprintf("rules=%d/summary", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := newCounter(classifier)
				for _, res := range all {
					c.add(res)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
		})
		b.Run(fmt.Sprintf("rules=%d/parse", n), func(b *testing.B) {
			rows := catalogJSON("en")
			buf := make([]byte, 0, flushAt+4<<10)
			b.ReportAllocs()
			for b.Loop() {
				for i, res := range all {
					buf = appendResult(buf[:0], "a.log", &results.Record{Result: res, Line: i + 1}, rows, classifier.Classify(res))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
		})
	}
}
