package results

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
)

// readAll reads every record and error of in.
func readAll(t *testing.T, in string) ([]Record, []error, Form) {
	t.Helper()
	r := NewReader(strings.NewReader(in))
	var recs []Record
	var errs []error
	for rec, err := range r.All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		recs = append(recs, rec)
	}
	return recs, errs, r.Form()
}

func TestForm(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Form
	}{
		{"empty", "", Lines},
		{"white space", " \n\t\r\n", Lines},
		{"result line", "550 BE 5.1.1 User unknown\n", Lines},
		{"byte order mark", "\ufeff550 BE 5.1.1 User unknown\n", Lines},
		{"malformed line", "55O BE oops\n", Lines},
		{"result line with tabs", "550\tBE\t5.1.1 User unknown\n", Lines},
		{"blank lines first", "\n\n  \n550 BE x\n", Lines},
		{"tsv", "taro@example.jp\t550 BE 5.1.1 User unknown\n", TSV},
		{"tsv without a line ending", "taro@example.jp\t550 BE x", TSV},
		{"tsv with a header", "email\tresult\ntaro@example.jp\t550 BE x\n", TSV},
		{"tsv after a byte order mark", "\ufefftaro@example.jp\t550 BE x\r\n", TSV},
		{"tsv address in angle brackets", "<taro@example.jp>\t550 BE x\n", TSV},
		{"result lines ended by CR, a tab after the first", "55O BE x\rtaro@example.jp\t250 - ok\r", Lines},
		{"tsv ended by CR", "taro@example.jp\t550 BE x\r250 - ok\r", TSV},
		{"xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mail></mail>\n", XML},
		{"xml after white space", "\ufeff\n  <mail>\n</mail>", XML},
		{"xml with a tab on its first line", "<mail>\t<data>\n</data></mail>", XML},
		{"xml on one line", "<mail><delivery><data></data></delivery></mail>", XML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in))
			r.Read()
			if got := r.Form(); got != tt.want {
				t.Errorf("Form() of %q = %v; want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestFormTellsEarly checks that the Reader tells the form from the bytes
// it has, and does not wait for more of a slow input.
func TestFormTellsEarly(t *testing.T) {
	for _, in := range []string{"550 BE 5.1.1 User unknown\n", "taro@example.jp\t550 BE x\n"} {
		pr, pw := io.Pipe()
		go pw.Write([]byte(in)) // and never more, nor a close
		done := make(chan error)
		go func() {
			_, err := NewReader(pr).Read()
			done <- err
		}()
		select {
		case err := <-done:
			assert.NoError(t, err, in)
		case <-time.After(10 * time.Second):
			t.Fatalf("Read of %q waits for more input", in)
		}
		pw.Close()
	}
}

func TestLines(t *testing.T) {
	recs, errs, form := readAll(t, "\ufeff550 BE 5.1.1 User unknown\n\n55O BE oops\n250 - ok")
	require.Equal(t, Lines, form)
	require.Len(t, recs, 2)
	assert.Equal(t, Record{Result: status.Result{Code: 550, Category: status.BE, Message: "5.1.1 User unknown"}, Form: Lines, Line: 1, Index: 1}, recs[0])
	assert.Equal(t, Record{Result: status.Result{Code: 250, Message: "ok"}, Form: Lines, Line: 4, Index: 3}, recs[1])
	require.Len(t, errs, 1)
	var e *Error
	require.ErrorAs(t, errs[0], &e)
	assert.Equal(t, Error{Form: Lines, Line: 3, Column: 1, Index: 2, Text: "55O BE oops", Err: status.ErrCode}, *e)
	assert.ErrorIs(t, errs[0], status.ErrCode)
	assert.EqualError(t, errs[0], `results: line 3, column 1: bad status code: "55O BE oops"`)
}

// TestLinesAsStatusReader checks that result lines come out of a Reader
// as they come out of status.Reader, which reads them, across the bytes
// that telling the form peeked at and across its buffers, however the
// input hands its bytes out.
func TestLinesAsStatusReader(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeff")
	for i := range 5000 {
		b.WriteString(genLines[i%len(genLines)])
		switch i % 97 {
		case 0:
			b.WriteString("\n55O BE oops\n")
		case 1:
			b.WriteString("\r\n  \n")
		default:
			b.WriteString("\n")
		}
	}
	in := b.String()
	type line struct {
		n   int
		res status.Result
		err error
	}
	var want []line
	sr := status.NewReader(strings.NewReader(in))
	for res, err := range sr.All() {
		if err != nil {
			err = err.(*status.ParseError).Err
		}
		want = append(want, line{sr.Line(), res, err})
	}
	require.Greater(t, len(want), 5000)
	for name, wrap := range map[string]func(io.Reader) io.Reader{
		"whole":  func(r io.Reader) io.Reader { return r },
		"bytes":  iotest.OneByteReader,
		"halves": iotest.HalfReader,
		"eof":    iotest.DataErrReader,
	} {
		r := NewReader(wrap(strings.NewReader(in)))
		var got []line
		for rec, err := range r.All() {
			if err != nil {
				err = err.(*Error).Err
			}
			got = append(got, line{r.Line(), rec.Result, err})
			if err == nil && rec.Line != r.Line() {
				t.Fatalf("%s: record of line %d, Line() = %d", name, rec.Line, r.Line())
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d records and errors; want %d", name, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s: record %d = %+v; want %+v", name, i+1, got[i], want[i])
			}
		}
	}
}

func TestLinesMaxLineLength(t *testing.T) {
	r := NewReader(strings.NewReader("550 BE 5.1.1 User unknown\n250 - ok\n"))
	r.MaxLineLength = 10
	_, err := r.Read()
	assert.ErrorIs(t, err, status.ErrLineTooLong)
	rec, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, 2, rec.Line)
}

func TestTSV(t *testing.T) {
	in := "email\tresult\n" +
		"taro@example.jp\t550 BE 5.1.1 <taro@example.jp>: User unknown\r\n" +
		"\n" +
		" hanako@example.jp \t250\t-\tok\n" + // the result line has tabs of its own
		"no tab here\n" +
		"\t550 BE x\n" +
		"jiro@example.jp\t55O BE x\n" +
		"email\tresult\n" + // not first: not a header
		"ichiro@example.jp\t801 BE"
	recs, errs, form := readAll(t, in)
	require.Equal(t, TSV, form)
	assert.Equal(t, []Record{
		{Result: status.Result{Code: 550, Category: status.BE, Message: "5.1.1 <taro@example.jp>: User unknown"}, To: "taro@example.jp", Form: TSV, Line: 2, Index: 1},
		{Result: status.Result{Code: 250, Message: "ok"}, To: "hanako@example.jp", Form: TSV, Line: 4, Index: 2},
		{Result: status.Result{Code: 801, Category: status.BE}, To: "ichiro@example.jp", Form: TSV, Line: 9, Index: 7},
	}, recs)
	want := []Error{
		{Form: TSV, Line: 5, Column: 12, Index: 3, Text: "no tab here", Err: ErrNoTab},
		{Form: TSV, Line: 6, Column: 1, Index: 4, Field: "address", Text: "\t550 BE x", Err: ErrNoAddress},
		{Form: TSV, Line: 7, Column: 17, Index: 5, Field: "result", Text: "jiro@example.jp\t55O BE x", Err: status.ErrCode},
		{Form: TSV, Line: 8, Column: 7, Index: 6, Field: "result", Text: "email\tresult", Err: status.ErrCode},
	}
	require.Len(t, errs, len(want))
	for i, err := range errs {
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, want[i], *e)
	}
	assert.EqualError(t, errs[2], `results: line 7, column 17: bad status code: "jiro@example.jp\t55O BE x"`)
}

// TestTSVHeader checks that only a first line without an address and
// without a digit is taken for a header: a first line that holds either
// is a record, or an error, not skipped.
func TestTSVHeader(t *testing.T) {
	tests := []struct {
		name      string
		first     string
		records   int
		malformed int
	}{
		{"header", "email\tresult", 0, 0},
		{"japanese header", "メールアドレス\t結果", 0, 0},
		{"address with a bad result", "taro@example.jp\tunknown user", 0, 1},
		{"digit without an address", "id\tresult 1", 0, 1},
		{"record", "taro@example.jp\t550 BE x", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs, form := readAll(t, tt.first+"\nhanako@example.jp\t250 - ok\n")
			require.Equal(t, TSV, form)
			assert.Len(t, recs, tt.records+1, "records")
			assert.Len(t, errs, tt.malformed, "errors")
		})
	}
}

func TestTSVLineTooLong(t *testing.T) {
	long := "taro@example.jp\t550 BE " + strings.Repeat("x", 200<<10)
	in := long + "\n" + "hanako@example.jp\t250 - ok\n" +
		"jiro@example.jp\t250 - ok" + strings.Repeat("\r", 100<<10) + "\n" // fits: the CRs end the line
	recs, errs, _ := readAll(t, in)
	require.Len(t, errs, 1)
	var e *Error
	require.ErrorAs(t, errs[0], &e)
	assert.Equal(t, 1, e.Line)
	assert.ErrorIs(t, e, status.ErrLineTooLong)
	assert.Equal(t, long[:256], e.Text)
	require.Len(t, recs, 2)
	assert.Equal(t, "hanako@example.jp", recs[0].To)
	assert.Equal(t, Record{Result: status.Result{Code: 250, Message: "ok"}, To: "jiro@example.jp", Form: TSV, Line: 3, Index: 3}, recs[1])

	// A run of CRs that something other than "\n" follows ends a line,
	// and then an empty line each, as status.Reader ends them.
	tricky := "taro@example.jp\t250 - ok" + strings.Repeat("\r", 100<<10) + "x\n"
	recs, errs, _ = readAll(t, tricky)
	require.Len(t, recs, 1)
	assert.Equal(t, "taro@example.jp", recs[0].To)
	require.Len(t, errs, 1)
	require.ErrorAs(t, errs[0], &e)
	assert.Equal(t, Error{Form: TSV, Line: 100<<10 + 1, Column: 2, Index: 2, Text: "x", Err: ErrNoTab}, *e)
}

func TestTSVLineEndings(t *testing.T) {
	// Lines end as status.Reader ends them: "\n", "\r\n", a run of CR
	// before "\n" or at the end, and a CR on its own, as old Mac OS files
	// end their lines.
	for _, tt := range []struct {
		name, in string
		lines    []int // the line of each record
	}{
		{"LF", "a@x\t250 - ok\nb@x\t250 - ok\n", []int{1, 2}},
		{"CRLF", "a@x\t250 - ok\r\nb@x\t250 - ok\r\n", []int{1, 2}},
		{"CR", "a@x\t250 - ok\rb@x\t250 - ok\r", []int{1, 2}},
		{"CR CR LF", "a@x\t250 - ok\r\r\nb@x\t250 - ok", []int{1, 2}},
		{"CR CR", "a@x\t250 - ok\r\rb@x\t250 - ok\r\r", []int{1, 3}},
		{"a header and CR", "email\tresult\ra@x\t250 - ok\rb@x\t250 - ok", []int{2, 3}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, wrap := range []func(io.Reader) io.Reader{func(r io.Reader) io.Reader { return r }, iotest.OneByteReader} {
				r := NewReader(wrap(strings.NewReader(tt.in)))
				var lines []int
				for rec, err := range r.All() {
					require.NoError(t, err)
					assert.Equal(t, "ok", rec.Result.Message)
					lines = append(lines, rec.Line)
				}
				assert.Equal(t, TSV, r.Form())
				assert.Equal(t, tt.lines, lines)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	boom := errors.New("boom")
	for in, records := range map[string]int{
		"550 BE x\n250 - ok\n": 2,
		"550 BE x\n250 - ok":   1, // a last line cut short by the error is not a record
		"taro@example.jp\t550 BE x\nhanako@example.jp\t250 - ok\n": 2,
		"taro@example.jp\t550 BE x\nhanako@example.jp\t250 - ok":   1,
		"<mail><data><message>550 BE x</message></data><data>":     1,
	} {
		r := NewReader(io.MultiReader(strings.NewReader(in), iotest.ErrReader(boom)))
		var n int
		var last error
		for _, err := range r.All() {
			n++
			last = err
		}
		assert.ErrorIs(t, last, boom, in)
		assert.Equal(t, records+1, n, "records and errors of %q", in)
		_, err := r.Read()
		assert.ErrorIs(t, err, boom, "again")
	}

	_, err := NewReader(iotest.ErrReader(boom)).Read()
	assert.ErrorIs(t, err, boom, "before the first byte")

	_, err = (&Reader{}).Read()
	assert.ErrorContains(t, err, "NewReader")
}

func TestErrorWhileTelling(t *testing.T) {
	// An error that comes while the form is told, after a first line that
	// has no line ending yet, is not lost: the line it cut short is no
	// record, and the error comes again.
	boom := errors.New("boom")
	for _, in := range []string{"550 BE x", "taro@example.jp\t550 BE x", "<mail><data><message>550 BE x"} {
		r := NewReader(&onceFailing{data: in, err: boom})
		var recs int
		var last error
		for _, err := range r.All() {
			if err == nil {
				recs++
			}
			last = err
		}
		assert.Zero(t, recs, in)
		assert.ErrorIs(t, last, boom, in)
		_, err := r.Read()
		assert.ErrorIs(t, err, boom, "%s: again", in)
	}
}

// onceFailing returns its data, then its error once, then io.EOF.
type onceFailing struct {
	data string
	err  error
}

func (r *onceFailing) Read(p []byte) (int, error) {
	if r.data != "" {
		n := copy(p, r.data)
		r.data = r.data[n:]
		return n, nil
	}
	err := r.err
	r.err = nil
	if err == nil {
		err = io.EOF
	}
	return 0, err
}

func TestUTF16(t *testing.T) {
	// UTF-16 is refused by its byte order mark, in either byte order, and
	// nothing of it is read.
	for _, in := range []string{"\xff\xfe5\x005\x000\x00 \x00B\x00E\x00\n\x00", "\xfe\xff\x005\x005\x000", "\xff\xfe"} {
		r := NewReader(strings.NewReader(in))
		var n int
		for _, err := range r.All() {
			n++
			assert.ErrorIs(t, err, ErrUTF16, "%q", in)
		}
		assert.Equal(t, 1, n, "%q: one error, then the end", in)
		_, err := r.Read()
		assert.ErrorIs(t, err, ErrUTF16, "%q: again", in)
	}
	// A byte that is only the start of such a mark, or one in a line, is
	// not.
	for _, in := range []string{"\xff\n250 - ok\n", "250 - \xff\xfe\n"} {
		_, errs, form := readAll(t, in)
		assert.Equal(t, Lines, form, "%q", in)
		for _, err := range errs {
			assert.NotErrorIs(t, err, ErrUTF16, "%q", in)
		}
	}
}

func TestLine(t *testing.T) {
	// Line is the line of the last record or error, and at the end the
	// last line read; for XML, the last line the decoder has read from.
	tests := []struct {
		name  string
		in    string
		lines []int // Line() after each record or error, then at the end
	}{
		{"lines", "550 BE x\n\n55O BE y\n250 - ok\n\n", []int{1, 3, 4, 5}},
		{"tsv", "taro@example.jp\t550 BE x\nhanako@example.jp\n\n", []int{1, 2, 3}},
		{"xml", "<mail>\n<data>\n<message>550 BE x</message>\n</data>\n<data>\n</data>\n</mail>\n", []int{4, 6, 7}},
		{"xml without a line ending", "<mail>\n<data><message>550 BE x</message></data></mail>", []int{2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in))
			assert.Zero(t, r.Line(), "before Read")
			var got []int
			for range r.All() {
				got = append(got, r.Line())
			}
			got = append(got, r.Line())
			assert.Equal(t, tt.lines, got)
		})
	}
}

func TestFormString(t *testing.T) {
	for f, want := range map[Form]string{0: "unknown", Lines: "lines", TSV: "tsv", XML: "xml", 9: "Form(9)"} {
		if got := f.String(); got != want {
			t.Errorf("Form(%d).String() = %q; want %q", f, got, want)
		}
	}
}

func TestMarked(t *testing.T) {
	tests := []struct {
		code   status.Code
		want   status.Code
		marked bool
	}{
		{-550, 550, true},
		{-250, 250, true},
		{-500, -500, false}, // the catalog's own code
		{-502, -502, false},
		{-421, -421, false}, // 421 is not in the catalog either
		{550, 550, false},
		{0, 0, false},
		{status.Code(-1 << 31), status.Code(-1 << 31), false},
	}
	for _, tt := range tests {
		got, marked := Record{Result: status.Result{Code: tt.code}}.Marked()
		if got != tt.want || marked != tt.marked {
			t.Errorf("Marked() of code %v = %v, %v; want %v, %v", tt.code, got, marked, tt.want, tt.marked)
		}
	}
}
