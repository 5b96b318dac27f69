package main

import (
	"io"
	"os"
	"strings"
	"testing"
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
