package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bzip2Lines are the lines of testdata/results.log.bz2, which bzip2 -9
// wrote: the standard library has no bzip2 writer.
func bzip2Lines() string {
	var b strings.Builder
	for i := range 1000 {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "550 BE 5.1.1 <user%d@example.jp>: Recipient address rejected: User unknown\n", i)
		case 1:
			fmt.Fprintf(&b, "552 BE 5.2.2 <user%d@example.jp>: Mailbox full\n", i)
		default:
			b.WriteString("250 - ok\n")
		}
	}
	return b.String()
}

// writeBytes writes data to a file name in a temporary directory and
// returns its path.
func writeBytes(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// summaryJSON runs summary -format json with args and stdin and returns
// the result and the summary it wrote.
func summaryJSON(t *testing.T, stdin string, args ...string) (result, summary) {
	t.Helper()
	r := runTool(t, stdin, append([]string{"summary", "-format", "json"}, args...)...)
	var s summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s), "%s\n%s", r.stdout, r.stderr)
	return r, s
}

func TestCompressedByFirstBytes(t *testing.T) {
	// Compressed input is known by its first bytes, whatever its name, for
	// files as for standard input.
	log := "550 BE 5.1.1 <taro@example.jp>: User unknown\n552 BE 5.2.2 Mailbox full\n"
	z := gzipped(t, log)
	plain := runTool(t, log, "parse")
	require.Equal(t, exitOK, plain.code, plain.stderr)
	for _, name := range []string{"RESULTS.LOG.GZ", "results.gzip", "results.log", "results.txt.Gz"} {
		t.Run(name, func(t *testing.T) {
			path := writeBytes(t, name, z)
			r := runTool(t, "", "parse", path)
			assert.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			assert.Equal(t, strings.ReplaceAll(plain.stdout, `"file":"-"`, `"file":`+string(appendString(nil, path))), r.stdout)
		})
	}

	// bzip2, which the standard library reads: one stream, two streams
	// one after another (as pbzip2 writes them), on standard input too.
	bz, err := os.ReadFile("testdata/results.log.bz2")
	require.NoError(t, err)
	want := runTool(t, bzip2Lines(), "summary")
	require.Equal(t, exitOK, want.code, want.stderr)
	for _, tt := range []struct {
		name  string
		data  []byte
		times int
	}{{"one stream", bz, 1}, {"two streams", append(append([]byte(nil), bz...), bz...), 2}} {
		t.Run("bzip2 "+tt.name, func(t *testing.T) {
			path := writeBytes(t, "results", tt.data)
			for _, r := range []result{runTool(t, "", "summary", path), runTool(t, string(tt.data), "summary")} {
				assert.Equal(t, exitOK, r.code, r.stderr)
				assert.Empty(t, r.stderr)
				if tt.times == 1 {
					assert.Equal(t, want.stdout, r.stdout)
				} else {
					assert.Contains(t, r.stdout, "lines read                 2000\n")
				}
			}
		})
	}
}

func TestUnreadableInput(t *testing.T) {
	// A compression the tool cannot read is named, with the command that
	// decompresses it, and so is UTF-16; the next file is still read.
	ok := writeFile(t, "ok.log", "250 - ok\n")
	tests := []struct {
		name, file string
		data       string
		stderr     string // after "mailstatus: FILE: "
		stdin      string // for standard input
	}{
		{"xz", "day.log.xz", "\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4F", "compressed with xz, which mailstatus cannot read; decompress it first: xz -dc FILE | mailstatus summary",
			"compressed with xz, which mailstatus cannot read; decompress it first: ... | xz -dc | mailstatus summary"},
		{"zstd", "day.log", "\x28\xb5\x2f\xfd\x24\x09", "compressed with zstd, which mailstatus cannot read; decompress it first: zstd -dc FILE | mailstatus summary", ""},
		{"lzip", "day.lz", "LZIP\x01\x0c", "compressed with lzip, which mailstatus cannot read; decompress it first: lzip -dc FILE | mailstatus summary", ""},
		{"lz4", "day.lz4", "\x04\x22\x4d\x18\x64\x40", "compressed with lz4, which mailstatus cannot read; decompress it first: lz4 -dc FILE | mailstatus summary", ""},
		{"compress", "day.Z", "\x1f\x9d\x90\x32\x6a", "compressed with compress, which mailstatus cannot read; decompress it first: gzip -dc FILE | mailstatus summary", ""},
		{"zip", "day.zip", "PK\x03\x04\x14\x00", "compressed with zip, which mailstatus cannot read; decompress it first: unzip -p FILE | mailstatus summary", ""},
		{"UTF-16", "day.log", "\xff\xfe2\x005\x000\x00 \x00-\x00", "UTF-16 text (it starts with a UTF-16 byte order mark), which mailstatus cannot read; convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8",
			"UTF-16 text (it starts with a UTF-16 byte order mark), which mailstatus cannot read; convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8"},
		{"UTF-16 gzipped", "day.log.gz", string(gzipped(t, "\xfe\xff\x002\x005\x000")), "UTF-16 text (it starts with a UTF-16 byte order mark), which mailstatus cannot read; convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8", ""},
		{"a .gz that is not gzip", "day.log.gz", "250 - ok\n", "not in gzip format: it does not start as gzip data does", ""},
		{"an empty .bz2", "day.log.bz2", "", "not in bzip2 format: the file is empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeBytes(t, tt.file, []byte(tt.data))
			r := runTool(t, "", "summary", path, ok)
			assert.Equal(t, exitFail, r.code)
			assert.Equal(t, "mailstatus: "+path+": "+strings.ReplaceAll(tt.stderr, "FILE", path)+"\n", r.stderr)
			assert.Contains(t, r.stdout, "results                    1\n", "the next file is read")
			if tt.stdin != "" {
				r = runTool(t, tt.data, "parse")
				assert.Equal(t, exitFail, r.code)
				assert.Equal(t, "mailstatus: -: "+strings.ReplaceAll(tt.stdin, "summary", "parse")+"\n", r.stderr)
				assert.Empty(t, r.stdout)
			}
		})
	}
	// A name sh would split is quoted in the command.
	path := writeBytes(t, "my day's log.xz", []byte("\xfd7zXZ\x00"))
	r := runTool(t, "", "parse", path)
	assert.Contains(t, r.stderr, `xz -dc '`+strings.ReplaceAll(path, "'", `'\''`)+`' | mailstatus parse`)
}

func TestNoResultLine(t *testing.T) {
	// An input that holds lines but no result line (a binary file, UTF-16
	// without a byte order mark, another log) is an error naming it, for
	// summary as for parse; an empty input is the log of a day without
	// deliveries.
	utf16 := "5\x005\x000\x00 \x00B\x00E\x00 \x00x\x00\n\x002\x005\x000\x00 \x00-\x00 \x00o\x00k\x00\n\x00"
	for _, tt := range []struct {
		name, data string
	}{
		{"binary", "\x00\x01\x02\x03\xff\xfe\xfd\n\x7fELF\x02\x01\x01\n"},
		{"UTF-16 without a byte order mark", utf16},
		{"another log", "Dec  3 12:00:01 mx postfix/smtp[123]: ABCDEF: to=<taro@example.jp>, status=sent\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeBytes(t, "day.log", []byte(tt.data))
			want := "mailstatus: " + path + ": not a delivery-result log: no line of it is a result line (<code> <category> <message>)\n"
			r := runTool(t, "", "summary", path)
			assert.Equal(t, exitFail, r.code)
			assert.Equal(t, want, r.stderr)
			r = runTool(t, "", "parse", path)
			assert.Equal(t, exitFail, r.code)
			assert.True(t, strings.HasSuffix(r.stderr, want), "%s", r.stderr)
		})
	}
	for _, data := range []string{"", "\n\n \t\r\n", "\ufeff"} {
		path := writeBytes(t, "empty.log", []byte(data))
		for _, cmd := range []string{"summary", "parse"} {
			r := runTool(t, "", cmd, path)
			assert.Equal(t, exitOK, r.code, "%s %q: %s", cmd, data, r.stderr)
			assert.Empty(t, r.stderr)
		}
		r := runTool(t, data, "summary")
		assert.Equal(t, exitOK, r.code, "%q on standard input: %s", data, r.stderr)
	}
	// One result among malformed lines is a log.
	r := runTool(t, "garbage\n250 - ok\n\x00\x01\n", "summary")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
}

// storedGzip returns s as a gzip member whose deflate data is stored, not
// compressed, so that a test can change a byte of s in it.
func storedGzip(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	z, err := gzip.NewWriterLevel(&b, gzip.NoCompression)
	require.NoError(t, err)
	_, err = z.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, z.Close())
	return b.Bytes()
}

// corrupt returns member with the first "550" of its stored data made
// "551": the member decompresses, and only its checksum is wrong.
func corrupt(t *testing.T, member []byte) []byte {
	t.Helper()
	i := bytes.Index(member, []byte("550"))
	require.Positive(t, i)
	bad := append([]byte(nil), member...)
	bad[i+2] = '1'
	return bad
}

func TestCorruptGzip(t *testing.T) {
	// The lines of a corrupt gzip member are not results, though gzip's
	// checksum is known only at the member's end; the members before it
	// are read, and the summary says that the input was cut short.
	first := "250 - ok\n250 - ok\n552 BE 5.2.2 Mailbox full\n"
	second := "550 BE 5.1.1 <taro@example.jp>: User unknown\n250 - ok\n"
	good, bad := storedGzip(t, first), corrupt(t, storedGzip(t, second))
	tests := []struct {
		name    string
		data    []byte
		results int
		stderr  string
	}{
		{"the second member", append(append([]byte(nil), good...), bad...), 3,
			fmt.Sprintf("input cut short after line 3: gzip member 2 (from byte %d) is corrupt (gzip: invalid checksum): none of its lines, nor of what follows it, is read", len(good))},
		{"the first member", append(append([]byte(nil), bad...), good...), 0,
			"input cut short after line 0: gzip member 1 (from byte 0) is corrupt (gzip: invalid checksum): none of its lines, nor of what follows it, is read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeBytes(t, "day.log.gz", tt.data)
			for _, stdin := range []bool{false, true} {
				name, args, in := path, []string{path}, ""
				if stdin {
					name, args, in = "-", nil, string(tt.data)
				}
				r, s := summaryJSON(t, in, args...)
				assert.Equal(t, exitFail, r.code)
				assert.Equal(t, "mailstatus: "+name+": "+tt.stderr+"\n", r.stderr)
				assert.Equal(t, tt.results, s.Totals.Results)
				assert.Equal(t, []incompleteInput{{name, tt.results, tt.stderr}}, s.Totals.Incomplete)
				for _, cc := range s.Codes {
					assert.NotEqual(t, 551, int(cc.Code), "the corrupt line is a result")
				}

				r = runTool(t, in, append([]string{"parse"}, args...)...)
				assert.Equal(t, exitFail, r.code)
				assert.Len(t, decodeLines(t, r.stdout), tt.results)
				assert.NotContains(t, r.stdout, `"code":551`)
			}
			r := runTool(t, "", "summary", path)
			assert.Contains(t, r.stdout, "\n  not read to the end      "+path+": "+tt.stderr+"\n")
		})
	}

	// Deflate data that is not valid: the member is corrupt before its end.
	var log strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&log, "552 BE 5.2.2 <user%d@example.jp>: Mailbox full\n", i)
	}
	z := gzipped(t, log.String())
	z[len(z)/2] ^= 0xff
	r, s := summaryJSON(t, "", writeBytes(t, "day.log.gz", append(append([]byte(nil), good...), z...)))
	assert.Equal(t, exitFail, r.code)
	assert.Regexp(t, `: input cut short after line 3: gzip member 2 \(from byte \d+\) is corrupt \(`, r.stderr)
	assert.Equal(t, 3, s.Totals.Results, "the first member's lines alone")

	// bzip2 does not say where its blocks end: a corrupt block withholds
	// every line.
	bz, err := os.ReadFile("testdata/results.log.bz2")
	require.NoError(t, err)
	bz = append([]byte(nil), bz...)
	bz[len(bz)/2] ^= 0x10
	r, s = summaryJSON(t, "", writeBytes(t, "day.log.bz2", bz))
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, ": input cut short after line 0: the bzip2 data is corrupt (bzip2 data invalid: ")
	assert.Zero(t, s.Totals.Results)
}

func TestGzipCutShort(t *testing.T) {
	// A .gz cut short is read to the cut, as zcat reads it, but the cut
	// line is not a result, and the summary says so.
	var log strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&log, "550 BE 5.1.1 <user%d@example.jp>: User unknown\n", i)
	}
	z := gzipped(t, log.String())
	cut := z[:len(z)*2/3]
	lines := completeLines(t, cut)

	path := writeBytes(t, "day.log.gz", cut)
	why := fmt.Sprintf("input cut short after line %d: the gzip data is cut short", lines)
	r, s := summaryJSON(t, "", path)
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "mailstatus: "+path+": "+why+"\n", r.stderr)
	assert.Equal(t, lines, s.Totals.Results, "every complete line, and not the cut one")
	assert.Equal(t, []incompleteInput{{path, lines, why}}, s.Totals.Incomplete)

	r = runTool(t, string(cut), "parse")
	assert.Equal(t, exitFail, r.code)
	assert.Equal(t, "mailstatus: -: "+why+"\n", r.stderr)
	assert.Len(t, decodeLines(t, r.stdout), lines)

	bz, err := os.ReadFile("testdata/results.log.bz2")
	require.NoError(t, err)
	r, _ = summaryJSON(t, "", writeBytes(t, "day.log.bz2", bz[:len(bz)-10]))
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, ": the bzip2 data is cut short\n")
}

// completeLines returns how many complete lines gzip data cut short
// holds, as zcat would write them.
func completeLines(t *testing.T, cut []byte) int {
	t.Helper()
	var got bytes.Buffer
	zr, err := gzip.NewReader(bytes.NewReader(cut))
	require.NoError(t, err)
	_, err = io.Copy(&got, zr)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	require.Positive(t, got.Len())
	return strings.Count(got.String(), "\n")
}

// shrinkingFile is a file that is cut to size bytes after its first read,
// as if another program truncated it while the tool read it.
type shrinkingFile struct {
	*os.File
	size int64
	done bool
}

func (f *shrinkingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if !f.done {
		f.done = true
		if err := os.Truncate(f.Name(), f.size); err != nil {
			return n, err
		}
	}
	return n, err
}

func TestFileCutWhileRead(t *testing.T) {
	// A file that ends before the size it had when it was opened is an
	// error naming it, and its cut last line is not a result: for a log,
	// a .gz, and standard input that is a file.
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "550 BE 5.1.1 <user%d@example.jp>: User unknown\n", i)
	}
	log := b.String()
	z := gzipped(t, log)
	for _, tt := range []struct {
		name  string
		data  []byte
		cutAt int64
		lines int // the complete lines before the cut
	}{
		{"a log", []byte(log), int64(len(log) / 2), strings.Count(log[:len(log)/2], "\n")},
		{"a log cut after a line", []byte(log), int64(strings.LastIndexByte(log[:len(log)/2], '\n') + 1), strings.Count(log[:len(log)/2], "\n")},
		{"a .gz", z, int64(len(z) / 2), -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Less(t, tt.cutAt, int64(len(tt.data)))
			for _, stdin := range []bool{false, true} {
				path := writeBytes(t, "day.log", tt.data)
				f, err := os.Open(path)
				require.NoError(t, err)
				defer f.Close()
				shrinking := &shrinkingFile{File: f, size: tt.cutAt}
				var stdout, stderr bytes.Buffer
				c := newCLI(strings.NewReader(""), &stdout, &stderr)
				name := path
				if stdin {
					c.stdin, name = shrinking, "-"
				} else {
					c.open = func(string) (file, error) { return shrinking, nil }
				}
				require.Equal(t, exitFail, c.run([]string{"summary", "-format", "json", name}))
				var s summary
				require.NoError(t, json.Unmarshal(stdout.Bytes(), &s))
				lines := tt.lines
				if lines < 0 { // a .gz: cut while it is checked, and read to the cut
					lines = completeLines(t, tt.data[:tt.cutAt])
				}
				why := fmt.Sprintf("input cut short after line %d: the file ended after %d of the %d bytes it had when it was opened", lines, tt.cutAt, len(tt.data))
				assert.Equal(t, "mailstatus: "+name+": "+why+"\n", stderr.String())
				assert.Equal(t, lines, s.Totals.Results)
				assert.Equal(t, lines, s.Totals.Lines)
				assert.Zero(t, s.Totals.Malformed, "the cut line is not a result, nor malformed")
				assert.Equal(t, []incompleteInput{{name, lines, why}}, s.Totals.Incomplete)
			}
		})
	}
}
