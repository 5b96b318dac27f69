package results

import (
	"flag"
	"fmt"
	"runtime"
	"testing"

	"github.com/haishin/status"
)

// records is how many records TestXMLHeapBounded reads: 10^5 by default,
// as reading them takes a second or two, and 10^6 with
//
//	go test -run TestXMLHeapBounded -v ./results -records 1000000
var records = flag.Int("records", 100_000, "the number of records of TestXMLHeapBounded's document")

// TestXMLHeapBounded reads a generated document of -records records (10^4
// with -short) and checks, with runtime.MemStats, that the heap the Reader
// holds stays bounded: it must not grow with the records read.
func TestXMLHeapBounded(t *testing.T) {
	n := max(*records, 10)
	if testing.Short() {
		n = min(n, 10_000)
	}
	const limit = 16 << 20 // far above what the Reader needs, far below what 10^6 records take
	r := NewReader(newGenerated(n, n))
	var peak, first uint64
	var ms runtime.MemStats
	read := 0
	for rec, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		if rec.To == "" {
			t.Fatalf("record %d has no recipient", rec.Index)
		}
		read++
		if read%(n/10) == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			if first == 0 {
				first = ms.HeapAlloc
			}
		}
	}
	if read != n {
		t.Fatalf("read %d records; want %d", read, n)
	}
	t.Logf("%d records: live heap %.1f MiB after the first tenth, %.1f MiB at most", n, float64(first)/(1<<20), float64(peak)/(1<<20))
	if peak > limit {
		t.Errorf("live heap %d bytes while reading; want at most %d", peak, limit)
	}
	if peak > first+4<<20 {
		t.Errorf("live heap grew from %d to %d bytes while reading", first, peak)
	}
}

// counterRecords returns 2n records of n distinct addresses.
func counterRecords(n int) []Record {
	recs := make([]Record, 0, 2*n)
	for i := range 2 * n {
		res, _ := status.ParseLine(genLines[i%len(genLines)])
		recs = append(recs, Record{Result: res, To: fmt.Sprintf("user%d@example%d.jp", i%n, i%n%100), Form: XML})
	}
	return recs
}

// heapPerKey returns how many bytes of heap fill holds per key, after the
// records are made: it measures the live heap, with runtime.MemStats,
// before and after fill.
func heapPerKey(n int, fill func()) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fill()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
}

// BenchmarkCounter measures Add, and reports the heap a Counter holds per
// address (B/address) for 10^5 addresses of two records each, their
// address strings included. BenchmarkTally is the baseline: status.Tally
// over the same addresses, one map of one Weight per address, the least a
// map of the addresses can take.
func BenchmarkCounter(b *testing.B) {
	const n = 100_000
	recs := counterRecords(n)
	var keep *Counter
	perAddr := heapPerKey(n, func() {
		keep = new(Counter)
		for _, r := range recs {
			// A copy of the address, as a Reader makes one per record.
			r.To = string([]byte(r.To))
			keep.Add(r)
		}
	})
	runtime.KeepAlive(keep)
	var c Counter
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		c.Add(recs[i%len(recs)])
		i++
	}
	b.ReportMetric(perAddr, "B/address")
}

func BenchmarkTally(b *testing.B) {
	const n = 100_000
	recs := counterRecords(n)
	var keep *status.Tally
	perAddr := heapPerKey(n, func() {
		keep = new(status.Tally)
		for _, r := range recs {
			keep.Add(string([]byte(r.To)), r.Result)
		}
	})
	runtime.KeepAlive(keep)
	var t status.Tally
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		r := recs[i%len(recs)]
		t.Add(r.To, r.Result)
		i++
	}
	b.ReportMetric(perAddr, "B/address")
}
