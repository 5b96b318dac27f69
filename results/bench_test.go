package results

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/haishin/status"
)

// benchDocument is an error list of 10^4 records, about 3.8 MB.
func benchDocument(b *testing.B) []byte {
	b.Helper()
	data, err := io.ReadAll(newGenerated(10_000, 10_000))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkReadXML reads an error list; BenchmarkXMLTokens, its baseline,
// only walks the same document's tokens with encoding/xml, as the Reader
// does, so that the ratio is the Reader's own cost.
func BenchmarkReadXML(b *testing.B) {
	benchRead(b, benchDocument(b))
}

func BenchmarkXMLTokens(b *testing.B) {
	data := benchDocument(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// benchLines returns 10^4 result lines, and the same lines after an
// address and a tab.
func benchLines() (lines, tsv []byte) {
	var l, t strings.Builder
	for i := range 10_000 {
		line := genLines[i%len(genLines)]
		l.WriteString(line + "\n")
		t.WriteString("user" + strings.Repeat("x", i%7) + "@example.jp\t" + line + "\n")
	}
	return []byte(l.String()), []byte(t.String())
}

// BenchmarkReadLines and BenchmarkReadTSV read result lines, and the same
// lines with addresses; BenchmarkStatusReader, their baseline, reads the
// lines with status.Reader, which the Reader uses for them.
func BenchmarkReadLines(b *testing.B) {
	lines, _ := benchLines()
	benchRead(b, lines)
}

func BenchmarkReadTSV(b *testing.B) {
	_, tsv := benchLines()
	benchRead(b, tsv)
}

// benchRead reads data whole with a Reader.
func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range NewReader(bytes.NewReader(data)).All() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkStatusReader(b *testing.B) {
	lines, _ := benchLines()
	b.SetBytes(int64(len(lines)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range status.NewReader(bytes.NewReader(lines)).All() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
