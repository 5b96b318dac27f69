package status_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/benchlog"
)

// item is one thing a Reader returned: a Result, or the sentinel of a
// ParseError, with the line number the Reader gave.
type item struct {
	line int
	res  status.Result
	err  error
}

// readAll reads r to the end with Read, and returns what it returned and
// the error that ended it (nil at io.EOF).
func readAll(t *testing.T, r *status.Reader) ([]item, error) {
	t.Helper()
	var items []item
	for {
		res, err := r.Read()
		if err == io.EOF {
			return items, nil
		}
		var pe *status.ParseError
		switch {
		case errors.As(err, &pe):
			assert.Equal(t, r.Line(), pe.Line, "ParseError.Line and Reader.Line")
			items = append(items, item{r.Line(), res, pe.Err})
		case err != nil:
			return items, err
		default:
			items = append(items, item{r.Line(), res, nil})
		}
	}
}

func TestReader(t *testing.T) {
	ok := status.Result{250, 0, "ok"}
	tests := []struct {
		name  string
		input string
		want  []item
	}{
		{"empty", "", nil},
		{"one line", "250 - ok\n", []item{{1, ok, nil}}},
		{"no final newline", "250 - ok\n550 BE x", []item{{1, ok, nil}, {2, status.Result{550, status.BE, "x"}, nil}}},
		{"CRLF", "250 - ok\r\n550 BE x\r\n", []item{{1, ok, nil}, {2, status.Result{550, status.BE, "x"}, nil}}},
		{"BOM", "\xef\xbb\xbf250 - ok\n", []item{{1, ok, nil}}},
		{"BOM then blank", "\xef\xbb\xbf\n250 - ok\n", []item{{2, ok, nil}}},
		{"BOM only at the start", "250 - ok\n\xef\xbb\xbf250 - ok\n", []item{{1, ok, nil}, {2, item{}.res, status.ErrCode}}},
		{"blank lines count", "\n  \n\t\r\n \r \n250 - ok\n\n", []item{{6, ok, nil}}},
		{"only newlines", "\n\n\n\r\n", nil},
		{"bad lines go on", "x\n250 - ok\n550 XX y\n550 BE z\n", []item{
			{1, status.Result{}, status.ErrCode},
			{2, ok, nil},
			{3, status.Result{}, status.ErrCategory},
			{4, status.Result{550, status.BE, "z"}, nil},
		}},
		{"message bytes kept", "550 BE a\x00b\xff \x83\x65\t \r\n", []item{{1, status.Result{550, status.BE, "a\x00b\xff \x83\x65\t "}, nil}}},
		{"a bare CR ends a line", "250 - a\r550 BE b\n", []item{{1, status.Result{250, 0, "a"}, nil}, {2, status.Result{550, status.BE, "b"}, nil}}},
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
		"data+err": iotest.DataErrReader,
	}
	for _, tt := range tests {
		for name, wrap := range readers {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				got, err := readAll(t, status.NewReader(wrap(strings.NewReader(tt.input))))
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			})
		}
	}
}

func TestReaderBareCR(t *testing.T) {
	// A CR on its own ends a line, as "\n" and "\r\n" do (old Mac OS files
	// end every line so). A run of CR before "\n" or at the end of the
	// input is one line ending; any other CR ends a line by itself.
	a, b, c := status.Result{250, 0, "a"}, status.Result{550, status.BE, "b"}, status.Result{643, status.BE, "c"}
	tests := []struct {
		name  string
		input string
		want  []item
	}{
		{"CR line endings", "250 - a\r550 BE b\r643 BE c\r", []item{{1, a, nil}, {2, b, nil}, {3, c, nil}}},
		{"no final CR", "250 - a\r550 BE b", []item{{1, a, nil}, {2, b, nil}}},
		{"blank lines of CR", "250 - a\r\r\r550 BE b\r", []item{{1, a, nil}, {4, b, nil}}},
		{"CRLF is one line ending", "250 - a\r\n550 BE b\r\n", []item{{1, a, nil}, {2, b, nil}}},
		{"CRCRLF is one line ending", "250 - a\r\r\n550 BE b\n", []item{{1, a, nil}, {2, b, nil}}},
		{"LF then CR", "250 - a\n\r550 BE b\n", []item{{1, a, nil}, {3, b, nil}}},
		{"LFCR is two line endings", "250 - a\n\r550 BE b\n\r643 BE c", []item{{1, a, nil}, {3, b, nil}, {5, c, nil}}},
		{"endings mixed", "250 - a\r550 BE b\n643 BE c\r\n", []item{{1, a, nil}, {2, b, nil}, {3, c, nil}}},
		{"CRs at the end", "250 - a\r550 BE b\r\r\r", []item{{1, a, nil}, {2, b, nil}}},
		{"a bad line between", "250 - a\rxx\r550 BE b", []item{{1, a, nil}, {2, status.Result{}, status.ErrCode}, {3, b, nil}}},
		{"blanks then CR", "250 - a\r \t\r550 BE b", []item{{1, a, nil}, {3, b, nil}}},
		{"message kept up to the CR", "550 BE b\x00\xff \r643 BE c", []item{{1, status.Result{550, status.BE, "b\x00\xff "}, nil}, {2, c, nil}}},
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	for _, tt := range tests {
		for name, wrap := range readers {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				got, err := readAll(t, status.NewReader(wrap(strings.NewReader(tt.input))))
				require.NoError(t, err)
				assert.Equal(t, tt.want, got, "lines of %q", tt.input)
			})
		}
	}

	// Line counts every line at the end too, but a run of CR at the end
	// of the input is one line ending.
	for input, want := range map[string]int{"250 - a\r\r": 1, "250 - a\r\r\n": 1, "250 - a\r \r": 2, "250 - a\n\r": 2, "250 - a\r\r\r\n\r\r": 2} {
		r := status.NewReader(strings.NewReader(input))
		_, err := readAll(t, r)
		require.NoError(t, err)
		assert.Equal(t, want, r.Line(), "Line() at the end of %q", input)
	}
}

func TestReaderMacFile(t *testing.T) {
	// A log whose every line ends in a CR reads as the same log with "\n":
	// 20,000 lines through every buffer move, with runs of CR across them.
	want, err := readAll(t, status.NewReader(strings.NewReader(benchLog)))
	require.NoError(t, err)
	for name, log := range map[string]string{
		"CR":     strings.ReplaceAll(benchLog, "\n", "\r"),
		"CRCRLF": strings.ReplaceAll(benchLog, "\n", "\r\r\n"),
	} {
		for rname, wrap := range map[string]func(io.Reader) io.Reader{"whole": func(r io.Reader) io.Reader { return r }, "one byte": iotest.OneByteReader} {
			got, err := readAll(t, status.NewReader(wrap(strings.NewReader(log))))
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s line endings, %s", name, rname)
		}
	}
}

func TestReaderLineLength(t *testing.T) {
	const max = 40
	fits := "550 BE " + strings.Repeat("x", max-7)
	tooLong := fits + "y"
	tests := []struct {
		name  string
		input string
		want  []item
	}{
		{"fits", fits + "\n", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}}},
		{"fits with CRLF", fits + "\r\n", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}}},
		{"fits at EOF", fits, []item{{1, status.Result{550, status.BE, fits[7:]}, nil}}},
		{"fits at EOF with CR", fits + "\r", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}}},
		{"too long", tooLong + "\n250 - ok\n", []item{{1, status.Result{}, status.ErrLineTooLong}, {2, status.Result{250, 0, "ok"}, nil}}},
		{"too long with CRLF", tooLong + "\r\n250 - ok\n", []item{{1, status.Result{}, status.ErrLineTooLong}, {2, status.Result{250, 0, "ok"}, nil}}},
		{"too long at EOF", "250 - ok\n" + tooLong, []item{{1, status.Result{250, 0, "ok"}, nil}, {2, status.Result{}, status.ErrLineTooLong}}},
		{"much too long", strings.Repeat("z", 50*max) + "\n\n250 - ok", []item{{1, status.Result{}, status.ErrLineTooLong}, {3, status.Result{250, 0, "ok"}, nil}}},
		{"two in a row", tooLong + "\n" + tooLong + "\n", []item{{1, status.Result{}, status.ErrLineTooLong}, {2, status.Result{}, status.ErrLineTooLong}}},
		// A byte order mark is not part of the first line, and any run of
		// CR before the "\n" is the line ending, as for ParseLine.
		{"fits after a BOM", "\xef\xbb\xbf" + fits + "\n", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}}},
		{"blank after a BOM", "\xef\xbb\xbf" + strings.Repeat(" ", max) + "\n250 - ok", []item{{2, status.Result{250, 0, "ok"}, nil}}},
		{"too long after a BOM", "\xef\xbb\xbf" + tooLong + "\n", []item{{1, status.Result{}, status.ErrLineTooLong}}},
		{"fits with CRCRLF", fits + "\r\r\n250 - ok", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}, {2, status.Result{250, 0, "ok"}, nil}}},
		{"fits with many CRs", fits + strings.Repeat("\r", 5*max) + "\n250 - ok", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}, {2, status.Result{250, 0, "ok"}, nil}}},
		{"fits with many CRs at EOF", fits + strings.Repeat("\r", 5*max), []item{{1, status.Result{550, status.BE, fits[7:]}, nil}}},
		{"CRs then a line", fits + strings.Repeat("\r", 3*max) + "z\n250 - ok", []item{{1, status.Result{550, status.BE, fits[7:]}, nil}, {3*max + 1, status.Result{}, status.ErrCode}, {3*max + 2, status.Result{250, 0, "ok"}, nil}}},
		{"too long, ended by a CR", tooLong + "\r250 - ok", []item{{1, status.Result{}, status.ErrLineTooLong}, {2, status.Result{250, 0, "ok"}, nil}}},
		{"much too long, ended by a CR", strings.Repeat("z", 50*max) + "\r\r250 - ok", []item{{1, status.Result{}, status.ErrLineTooLong}, {3, status.Result{250, 0, "ok"}, nil}}},
	}
	for _, tt := range tests {
		for name, wrap := range map[string]func(io.Reader) io.Reader{"whole": func(r io.Reader) io.Reader { return r }, "one byte": iotest.OneByteReader} {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				r := status.NewReader(wrap(strings.NewReader(tt.input)))
				r.MaxLineLength = max
				got, err := readAll(t, r)
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			})
		}
	}

	// Text is the start of the line: MaxLineLength bytes, at most 256.
	for _, max := range []int{max, 1000} {
		r := status.NewReader(strings.NewReader(strings.Repeat("9", 5000) + "\n"))
		r.MaxLineLength = max
		_, err := r.Read()
		var pe *status.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, status.ParseError{Line: 1, Column: max + 1, Text: strings.Repeat("9", min(max, 256)), Err: status.ErrLineTooLong}, *pe)
	}
}

func TestReaderAgreesWithParseLine(t *testing.T) {
	// A line of exactly the limit is accepted by both, whatever its line
	// ending; one byte more is too long for the Reader.
	const max = 64
	line := "550 BE " + strings.Repeat("m", max-7)
	for _, ending := range []string{"", "\n", "\r\n", "\r\r\n", "\r\r\r"} {
		want, err := status.ParseLine(line + ending)
		require.NoError(t, err, "ParseLine(%q)", line+ending)
		r := status.NewReader(strings.NewReader(line + ending))
		r.MaxLineLength = max
		got, err := r.Read()
		require.NoError(t, err, "Read of %q", line+ending)
		assert.Equal(t, want, got, "ending %q", ending)

		r = status.NewReader(strings.NewReader(line + "m" + ending))
		r.MaxLineLength = max
		_, err = r.Read()
		assert.ErrorIs(t, err, status.ErrLineTooLong, "ending %q", ending)
	}
}

func TestZeroReader(t *testing.T) {
	var r status.Reader
	_, err := r.Read()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "NewReader")
	_, err = r.Read()
	assert.Error(t, err, "the second call")
}

func TestReaderDefaultLineLength(t *testing.T) {
	line := "250 - " + strings.Repeat("x", 64<<10-6)
	for _, max := range []int{0, -1, 64 << 10} {
		r := status.NewReader(strings.NewReader(line + "\n" + line + "x\n"))
		r.MaxLineLength = max
		got, err := readAll(t, r)
		require.NoError(t, err)
		assert.Equal(t, []item{{1, status.Result{250, 0, line[6:]}, nil}, {2, status.Result{}, status.ErrLineTooLong}}, got, "MaxLineLength %d", max)
	}
}

func TestReaderLongerLimit(t *testing.T) {
	line := "250 - " + strings.Repeat("x", 1<<20)
	r := status.NewReader(strings.NewReader(line + "\n250 - ok"))
	r.MaxLineLength = len(line)
	got, err := readAll(t, r)
	require.NoError(t, err)
	assert.Equal(t, []item{{1, status.Result{250, 0, line[6:]}, nil}, {2, status.Result{250, 0, "ok"}, nil}}, got)
}

var errBroken = errors.New("broken pipe")

func TestReaderIOError(t *testing.T) {
	input := "250 - ok\n550 BE x\n643 BE cut sho"
	for name, src := range map[string]io.Reader{
		"whole":     io.MultiReader(strings.NewReader(input), iotest.ErrReader(errBroken)),
		"one byte":  iotest.OneByteReader(io.MultiReader(strings.NewReader(input), iotest.ErrReader(errBroken))),
		"with data": &dataThenError{data: []byte(input), err: errBroken},
	} {
		t.Run(name, func(t *testing.T) {
			r := status.NewReader(src)
			got, err := readAll(t, r)
			assert.Same(t, errBroken, err, "the error comes back as it is")
			assert.Equal(t, []item{{1, status.Result{250, 0, "ok"}, nil}, {2, status.Result{550, status.BE, "x"}, nil}}, got)
			assert.Equal(t, 2, r.Line())
			_, err = r.Read()
			assert.Same(t, errBroken, err, "and again on the next call")
		})
	}
}

// dataThenError returns all its data and its error in one call.
type dataThenError struct {
	data []byte
	err  error
}

func (d *dataThenError) Read(p []byte) (int, error) {
	if len(d.data) == 0 {
		return 0, d.err
	}
	n := copy(p, d.data)
	d.data = d.data[n:]
	if len(d.data) == 0 {
		return n, d.err
	}
	return n, nil
}

// stuck always reads nothing and no error.
type stuck struct{}

func (stuck) Read([]byte) (int, error) { return 0, nil }

func TestReaderNoProgress(t *testing.T) {
	_, err := status.NewReader(stuck{}).Read()
	assert.ErrorIs(t, err, io.ErrNoProgress)
}

func TestReaderEOF(t *testing.T) {
	r := status.NewReader(strings.NewReader("250 - ok\n\n"))
	_, err := r.Read()
	require.NoError(t, err)
	for range 3 {
		_, err = r.Read()
		assert.Equal(t, io.EOF, err)
		assert.Equal(t, 2, r.Line())
	}
}

func TestReaderAll(t *testing.T) {
	input := "250 - ok\nbad\n550 BE x\n"
	var lines []int
	var errs []error
	r := status.NewReader(strings.NewReader(input))
	for res, err := range r.All() {
		lines = append(lines, r.Line())
		errs = append(errs, err)
		if err == nil {
			assert.NotZero(t, res)
		}
	}
	assert.Equal(t, []int{1, 2, 3}, lines)
	require.Len(t, errs, 3)
	assert.NoError(t, errs[0])
	assert.ErrorIs(t, errs[1], status.ErrCode)
	assert.NoError(t, errs[2])

	// It stops after an I/O error, having yielded it.
	r = status.NewReader(io.MultiReader(strings.NewReader(input), iotest.ErrReader(errBroken), strings.NewReader("250 - after\n")))
	var last error
	n := 0
	for _, err := range r.All() {
		n++
		last = err
	}
	assert.Equal(t, 4, n)
	assert.Same(t, errBroken, last)

	// Breaking out leaves the rest for Read.
	r = status.NewReader(strings.NewReader(input))
	for range r.All() {
		break
	}
	_, err := r.Read()
	assert.ErrorIs(t, err, status.ErrCode)
	assert.Equal(t, 2, r.Line())
}

func TestReaderReadsLikeParseLine(t *testing.T) {
	// Every line of the unit tables reads as ParseLine parses it.
	var input bytes.Buffer
	type want struct {
		res status.Result
		err error
	}
	var wants []want
	for _, tt := range goodLines {
		if strings.ContainsAny(strings.TrimRight(tt.line, "\r\n"), "\r\n") {
			continue // a CR inside ends a line for a Reader: TestReaderBareCR
		}
		input.WriteString(strings.TrimRight(tt.line, "\r\n") + "\n")
		wants = append(wants, want{tt.want, nil})
	}
	for _, tt := range badLines {
		if strings.Trim(tt.line, " \t\r\n") == "" {
			continue // blank lines are skipped
		}
		input.WriteString(tt.line + "\n")
		wants = append(wants, want{status.Result{}, tt.err})
	}
	got, err := readAll(t, status.NewReader(&input))
	require.NoError(t, err)
	require.Len(t, got, len(wants))
	for i, w := range wants {
		assert.Equal(t, i+1, got[i].line)
		assert.Equal(t, w.res, got[i].res, "line %d", i+1)
		assert.Equal(t, w.err, got[i].err, "line %d", i+1)
	}
}

var (
	benchLog   = benchlog.Log(20000)
	benchCodes = func() map[status.Code]status.Status {
		m := map[status.Code]status.Status{}
		for s := range status.All() {
			m[s.Code] = s
		}
		return m
	}()
	sinkStatus status.Status
	sinkOK     bool
	sinkWeight status.Weight
)

// countLines counts the lines of a benchmark log, each of which has one
// line ending: "\n", "\r\n" or "\r".
func countLines(s string) float64 {
	return float64(strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n"))
}

// BenchmarkReader reads the log with a Reader and looks up every code.
func BenchmarkReader(b *testing.B) { benchReader(b, benchLog) }

// BenchmarkReaderLineEndings reads the log with each kind of line ending.
func BenchmarkReaderLineEndings(b *testing.B) {
	for _, ending := range []struct{ name, eol string }{{"LF", "\n"}, {"CRLF", "\r\n"}, {"CR", "\r"}} {
		b.Run(ending.name, func(b *testing.B) { benchReader(b, strings.ReplaceAll(benchLog, "\n", ending.eol)) })
	}
}

// BenchmarkBaselineScanner only splits the log into lines: the practical
// limit for line-oriented input.
func BenchmarkBaselineScanner(b *testing.B) { benchScanner(b, benchLog) }

// BenchmarkReaderSizes compares the Reader with the bare Scanner on
// shorter logs, where what a Reader allocates at the start weighs more.
func BenchmarkReaderSizes(b *testing.B) {
	for _, n := range []int{250, 1000, 5000} {
		log := benchlog.Log(n)
		b.Run(fmt.Sprintf("lines=%d/Reader", n), func(b *testing.B) { benchReader(b, log) })
		b.Run(fmt.Sprintf("lines=%d/Scanner", n), func(b *testing.B) { benchScanner(b, log) })
	}
}

func benchReader(b *testing.B, log string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(log)))
	for b.Loop() {
		var w status.Weight
		r := status.NewReader(strings.NewReader(log))
		for {
			res, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			s, _ := status.Lookup(res.Code)
			w += s.Weight
		}
		sinkWeight = w
	}
	b.ReportMetric(countLines(log), "lines/op")
}

func benchScanner(b *testing.B, log string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(log)))
	for b.Loop() {
		sc := bufio.NewScanner(strings.NewReader(log))
		n := 0
		for sc.Scan() {
			n += len(sc.Bytes())
		}
		sinkOK = n == 0
	}
	b.ReportMetric(countLines(log), "lines/op")
}

// BenchmarkBaselineScannerStrings splits the log into lines and makes each
// a string: the least that any reader returning its messages as strings
// allocates, and so the floor for a Reader that must do the same.
func BenchmarkBaselineScannerStrings(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchLog)))
	for b.Loop() {
		sc := bufio.NewScanner(strings.NewReader(benchLog))
		n := 0
		for sc.Scan() {
			n += len(sc.Text())
		}
		sinkOK = n == 0
	}
	b.ReportMetric(countLines(benchLog), "lines/op")
}

// BenchmarkBaselineSplitN is what a user would write by hand.
func BenchmarkBaselineSplitN(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchLog)))
	for b.Loop() {
		sc := bufio.NewScanner(strings.NewReader(benchLog))
		var w status.Weight
		for sc.Scan() {
			f := strings.SplitN(sc.Text(), " ", 3)
			code, err := strconv.Atoi(f[0])
			if err != nil || len(f) < 3 {
				b.Fatal(f)
			}
			w += benchCodes[status.Code(code)].Weight
		}
		sinkWeight = w
	}
	b.ReportMetric(countLines(benchLog), "lines/op")
}

// BenchmarkBaselineRegexp parses with a regular expression.
func BenchmarkBaselineRegexp(b *testing.B) {
	re := regexp.MustCompile(`^[ \t]*([+-]?[0-9]+)[ \t]+(?i:(LE|BE|-|–))(?:[ \t]+(.*))?$`)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchLog)))
	for b.Loop() {
		sc := bufio.NewScanner(strings.NewReader(benchLog))
		var w status.Weight
		for sc.Scan() {
			m := re.FindStringSubmatch(sc.Text())
			if m == nil {
				b.Fatal(sc.Text())
			}
			code, _ := strconv.Atoi(m[1])
			w += benchCodes[status.Code(code)].Weight
		}
		sinkWeight = w
	}
	b.ReportMetric(countLines(benchLog), "lines/op")
}

// lineEnding is a line ending as the Reader's comment defines it: a run
// of CR before "\n" or at the end of the input, or one CR.
var lineEnding = regexp.MustCompile(`\r*\n|\r+$|\r`)

// expectedLines splits input the way a Reader does and returns, for each
// line a Reader must report (as a Result or a ParseError), its number.
// A line counts when it is not blank or is longer than max.
func expectedLines(input []byte, max int) []int {
	input = bytes.TrimPrefix(input, []byte("\xef\xbb\xbf"))
	lines := lineEnding.Split(string(input), -1)
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // the input ended with a line ending
	}
	var want []int
	for i, line := range lines {
		long := len(line) > max
		if long || len(strings.Trim(line, " \t")) > 0 {
			want = append(want, i+1)
		}
	}
	return want
}

// FuzzReader checks that a Reader loses no line and counts lines right,
// whatever the bytes, and that 1-byte reads give what one big read gives.
func FuzzReader(f *testing.F) {
	f.Add([]byte(benchLog[:2000]))
	f.Add([]byte("\xef\xbb\xbf250 - ok\r\n\n \t\r\nbad\n550 BE \xff\x00"))
	f.Add([]byte("250 - a\r\r550 BE b\r\n\r643 BE c\r\r\r\n\n\r"))
	for _, tt := range goodLines {
		f.Add([]byte(tt.line))
	}
	for _, tt := range badLines {
		f.Add([]byte(tt.line + "\n" + tt.line))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		for _, max := range []int{0, 8} {
			read := func(src io.Reader) []item {
				r := status.NewReader(src)
				r.MaxLineLength = max
				got, err := readAll(t, r)
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				return got
			}
			got := read(bytes.NewReader(input))
			limit := max
			if limit == 0 {
				limit = 64 << 10
			}
			want := expectedLines(input, limit)
			if len(got) != len(want) {
				t.Fatalf("MaxLineLength %d: %d results and errors for %d lines", max, len(got), len(want))
			}
			for i := range got {
				if got[i].line != want[i] {
					t.Fatalf("MaxLineLength %d: item %d has line %d, want %d", max, i, got[i].line, want[i])
				}
			}
			if slow := read(iotest.OneByteReader(bytes.NewReader(input))); !assert.Equal(t, got, slow) {
				t.Fatalf("MaxLineLength %d: 1-byte reads differ", max)
			}
		}
	})
}

// repeatReader yields n copies of b, then rest, without holding them.
type repeatReader struct {
	b    byte
	n    int64
	rest *strings.Reader
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return r.rest.Read(p)
	}
	k := min(int64(len(p)), r.n)
	for i := range k {
		p[i] = r.b
	}
	r.n -= k
	return int(k), nil
}

// allocated returns how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestReaderHugeLine(t *testing.T) {
	const size = 256 << 20
	tests := []struct {
		name string
		rest string
		want []item
	}{
		{"then a good line", "\n250 - ok\n", []item{{1, status.Result{}, status.ErrLineTooLong}, {2, status.Result{250, 0, "ok"}, nil}}},
		{"at the end", "", []item{{1, status.Result{}, status.ErrLineTooLong}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []item
			var err error
			n := allocated(func() {
				got, err = readAll(t, status.NewReader(&repeatReader{'7', size, strings.NewReader(tt.rest)}))
			})
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Less(t, n, uint64(2<<20), "bytes allocated reading a %d-byte line", size)
		})
	}
}

func TestReaderOnlyNewlines(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n", " \t\n"} {
		input := strings.NewReader(strings.Repeat(nl, 1e6))
		var got []item
		var err error
		n := allocated(func() {
			got, err = readAll(t, status.NewReader(input))
		})
		require.NoError(t, err)
		assert.Empty(t, got, "%q × 10^6", nl)
		assert.Less(t, n, uint64(256<<10), "bytes allocated for %q × 10^6", nl)
	}
}

func TestReaderKeepsBytes(t *testing.T) {
	messages := []string{
		"5.1.1 <taro@example.jp>: User unknown",
		"a\x00b",
		"\xff\xfe\xfd invalid UTF-8 \xc3",
		"\x83\x65\x83\x58\x83\x67 Shift_JIS",
		"ユーザ側でドメイン拒否設定を行っています",
		"two  spaces\tand\ttabs  ",
		"\x1b[31m escape \x7f",
	}
	for _, ending := range []string{"\n", "\r\n"} {
		for _, bom := range []string{"", "\xef\xbb\xbf"} {
			for _, final := range []bool{true, false} {
				var input strings.Builder
				input.WriteString(bom)
				var want []item
				for i, m := range messages {
					input.WriteString("550 BE " + m)
					if final || i < len(messages)-1 {
						input.WriteString(ending)
					}
					want = append(want, item{i + 1, status.Result{550, status.BE, m}, nil})
				}
				got, err := readAll(t, status.NewReader(strings.NewReader(input.String())))
				require.NoError(t, err)
				assert.Equal(t, want, got, "ending %q, BOM %q, final line ending %v", ending, bom, final)
			}
		}
	}
}

func TestReaderMillionLines(t *testing.T) {
	// Good lines, bad lines and blank lines at random, ended by "\r\n",
	// "\n" or "\r"; every line that is not blank must come back once, in
	// order, with its own number, and a good line as ParseLine parses it
	// (60 MB through every buffer move).
	const n = 1e6
	rng := rand.New(rand.NewPCG(3, 4))
	good := benchlog.Lines(1000)
	bad := []string{"55O BE x", "550 XX x", "550", "LE 550 x", "550 LE/BE x"}
	var input strings.Builder
	type kind int
	const (
		result kind = iota
		parseError
	)
	var want []kind
	var wantLine []int
	var wantText []string
	for i := 1; i <= n; i++ {
		switch k := rng.IntN(10); {
		case k == 0:
			input.WriteString(" \t\r\n")
			continue
		case k < 3:
			input.WriteString(bad[rng.IntN(len(bad))])
			want = append(want, parseError)
			wantText = append(wantText, "")
		default:
			line := good[rng.IntN(len(good))]
			input.WriteString(line)
			want = append(want, result)
			wantText = append(wantText, line)
		}
		wantLine = append(wantLine, i)
		input.WriteString([]string{"\r\n", "\n", "\r"}[rng.IntN(3)])
	}

	// Plain comparisons: testify's bookkeeping in this loop would cost
	// more than the Reader.
	r := status.NewReader(strings.NewReader(input.String()))
	i := 0
	for res, err := range r.All() {
		if i >= len(want) {
			t.Fatalf("more results than lines: line %d", r.Line())
		}
		if r.Line() != wantLine[i] {
			t.Fatalf("item %d: Line() = %d; want %d", i, r.Line(), wantLine[i])
		}
		if want[i] == result {
			parsed, perr := status.ParseLine(wantText[i])
			if err != nil || perr != nil || res != parsed {
				t.Fatalf("line %d: Read() = %v, %v; want %v, %v", r.Line(), res, err, parsed, perr)
			}
		} else {
			pe, ok := err.(*status.ParseError)
			if !ok || pe.Line != wantLine[i] {
				t.Fatalf("line %d: Read() error = %v; want a ParseError of that line", r.Line(), err)
			}
		}
		i++
	}
	if i != len(want) {
		t.Fatalf("%d results and errors; want %d", i, len(want))
	}
}

func TestReaderChunkedReads(t *testing.T) {
	// However the input arrives, the Reader returns the same.
	want, err := readAll(t, status.NewReader(strings.NewReader(benchLog)))
	require.NoError(t, err)
	require.Len(t, want, 20000)
	for name, wrap := range map[string]func(io.Reader) io.Reader{
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
		"data+err": iotest.DataErrReader,
	} {
		got, err := readAll(t, status.NewReader(wrap(strings.NewReader(benchLog))))
		require.NoError(t, err)
		assert.Equal(t, want, got, name)
	}
}

func TestReaderAllocations(t *testing.T) {
	// Messages share strings: far fewer than one allocation a line.
	lines := countLines(benchLog)
	allocs := testing.AllocsPerRun(10, func() {
		r := status.NewReader(strings.NewReader(benchLog))
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
	})
	assert.Less(t, allocs/lines, 0.01, "%v allocations for %v lines", allocs, lines)

	// ParseLine and Lookup do not allocate at all.
	allocs = testing.AllocsPerRun(100, func() {
		r, _ := status.ParseLine("550 BE 5.1.1 <taro@example.jp>: User unknown")
		sinkStatus, sinkOK = status.Lookup(r.Code)
	})
	assert.Zero(t, allocs)
}

// sizeRecorder records how much each Read asks for.
type sizeRecorder struct {
	r     io.Reader
	read  int
	sizes []int // len(p) of each call
	reads []int // bytes read before each call
}

func (s *sizeRecorder) Read(p []byte) (int, error) {
	s.sizes = append(s.sizes, len(p))
	s.reads = append(s.reads, s.read)
	n, err := s.r.Read(p)
	s.read += n
	return n, err
}

func TestReaderReadSizes(t *testing.T) {
	// 4 KiB reads until 64 KiB has been read, then up to 64 KiB: a short
	// input costs little, a long one is read in large blocks.
	rec := &sizeRecorder{r: strings.NewReader(benchLog)}
	_, err := readAll(t, status.NewReader(rec))
	require.NoError(t, err)
	assert.Equal(t, 4<<10, rec.sizes[0])
	largest := 0
	for i, size := range rec.sizes {
		if rec.reads[i] < 64<<10 {
			assert.LessOrEqual(t, size, 4<<10, "read %d, after %d bytes", i, rec.reads[i])
		}
		largest = max(largest, size)
	}
	assert.Greater(t, largest, 60<<10)
	assert.LessOrEqual(t, largest, 64<<10)
}

func TestReaderReadSizesIgnoreLimit(t *testing.T) {
	// A low MaxLineLength does not make reads smaller: the same log takes
	// as many reads (within 2%: where lines fall in the buffer differs)
	// whatever the limit.
	log := strings.Repeat(benchLog, 4)
	reads := func(max int) []int {
		rec := &sizeRecorder{r: strings.NewReader(log)}
		r := status.NewReader(rec)
		r.MaxLineLength = max
		_, err := readAll(t, r)
		require.NoError(t, err)
		return rec.sizes
	}
	want := len(reads(0))
	for _, max := range []int{100, 1000, 4 << 10} {
		got := len(reads(max))
		assert.InDelta(t, want, got, float64(want)/50, "MaxLineLength %d: %d reads, %d with the default", max, got, want)
	}
}

func TestReaderKeptMessage(t *testing.T) {
	// A kept message keeps the string it shares with other messages alive,
	// at most 128 KiB, never the whole input (about 1.2 MB).
	heap := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	before := heap()
	r := status.NewReader(strings.NewReader(benchLog))
	var kept string
	for {
		res, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		if r.Line() == 10000 {
			kept = res.Message
		}
	}
	grown := heap() - before
	want, err := status.ParseLine(strings.Split(benchLog, "\n")[9999])
	require.NoError(t, err)
	assert.Equal(t, want.Message, kept)
	assert.Less(t, grown, int64(128<<10+32<<10), "a kept message keeps %d bytes alive", grown)
}
