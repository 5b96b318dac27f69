package results

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"iter"
	"strings"

	"github.com/haishin/status"
)

// defaultMaxLineLength is the line-length limit unless MaxLineLength is
// set: the same as status.Reader's.
const defaultMaxLineLength = 64 << 10

// bufferSize is the size of the Reader's buffer, and so how far it looks
// at most to tell the form of its input.
const bufferSize = 64 << 10

// A Reader reads records from an input in one of the forms of the package
// comment, which it tells by the input's first bytes at the first call to
// [Reader.Read].
//
// It holds a buffer of 64 KiB, and memory that does not grow with the
// number of records: a line (Lines, TSV) of at most MaxLineLength bytes,
// or one XML record, at a time. For Lines, the messages of many records
// share one string, as those of [status.Reader] do.
//
// Make a Reader with [NewReader]: Read on a zero Reader returns an error.
type Reader struct {
	// MaxLineLength is the longest line accepted in a Lines or TSV input,
	// in bytes, without its line ending; zero or less means 64 KiB. A
	// longer line is skipped and reported as [status.ErrLineTooLong]. Set
	// it before the first call to Read.
	MaxLineLength int

	in      io.Reader
	br      *bufio.Reader
	started bool
	form    Form
	index   int   // records and bad records returned so far
	err     error // what ended the input before its form was told
	lines   *status.Reader
	tsv     *tsvReader
	xml     *xmlReader
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{MaxLineLength: defaultMaxLineLength, in: r}
}

// errNoInput is what Read returns on a zero Reader.
var errNoInput = errors.New("results: Read on a Reader that has no input: make it with NewReader")

// Read returns the next record. A record or line that cannot be read is a
// [*Error], and a failed request that a document reports a
// [*RequestError]; the next call goes on after it. At the end of the input,
// and after invalid XML, Read returns [io.EOF]. An error of the underlying
// reader is returned as it is, and again on every later call.
func (r *Reader) Read() (Record, error) {
	var rec Record
	err := r.next(&rec)
	return rec, err
}

// next reads the next record into *rec, which must be zero, as Read
// returns it. Read and All fill one Record in place: a Record is large,
// and copying it from one call to the next costs more than reading a
// short result line does.
func (r *Reader) next(rec *Record) error {
	if !r.started {
		if r.in == nil {
			return errNoInput
		}
		r.begin()
	}
	if r.err != nil {
		return r.err
	}
	var err error
	switch r.form {
	case Lines:
		err = r.readLine(rec)
	case TSV:
		err = r.tsv.read(rec)
	case XML: // slower by far than a copy
		*rec, err = r.xml.read()
		return err
	default:
		return io.EOF
	}
	switch e := err.(type) {
	case nil:
		r.index++
		rec.Index = r.index
	case *Error:
		r.index++
		e.Index = r.index
	}
	return err
}

// Form returns the form of the input, which the first call to Read tells;
// it is 0 before then, and for an input that holds nothing but white space
// Read tells Lines.
func (r *Reader) Form() Form { return r.form }

// Line returns the number of the last line that Read has read from: for
// Lines and TSV, the line of the last record or error it returned, as
// [status.Reader.Line] counts (after io.EOF or an error of the underlying
// reader, the last line read); for XML, the last line of which the
// decoder has read a byte, which is the line of the end tag of the last
// record or element read. It is 0 before the first call to Read.
func (r *Reader) Line() int {
	switch r.form {
	case Lines:
		return r.lines.Line()
	case TSV:
		return r.tsv.lines
	case XML:
		line, col := r.xml.d.InputPos()
		if col == 1 { // nothing of this line has been read
			line--
		}
		return line
	}
	return 0
}

// All returns an iterator over the rest of the input: each Record with a
// nil error, and each [*Error] or [*RequestError] with a zero Record, after
// which it goes on. It stops at the end of the input (without yielding
// io.EOF) and after yielding an error of the underlying reader. It is
// single-use: it consumes the Reader.
func (r *Reader) All() iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for {
			var rec Record
			err := r.next(&rec)
			if err == io.EOF {
				return
			}
			if !yield(rec, err) {
				return
			}
			switch err.(type) {
			case nil, *Error, *RequestError:
			default:
				return
			}
		}
	}
}

// begin tells the form of the input and makes the reader of that form;
// an input that cannot be read leaves its error in r.err.
func (r *Reader) begin() {
	r.started = true
	in := &checkedReader{r: r.in}
	r.br = bufio.NewReaderSize(in, bufferSize)
	form, err := sniff(r.br)
	if err != nil {
		r.err = err
		return
	}
	r.form = form
	max := r.MaxLineLength
	if max <= 0 {
		max = defaultMaxLineLength
	}
	switch form {
	case Lines:
		// status.Reader buffers its input itself: it reads what br
		// holds and then the input, not br, so that no byte is copied
		// from one buffer to another.
		buffered, _ := r.br.Peek(r.br.Buffered())
		r.lines = status.NewReader(&prefixReader{buffered, in})
		r.lines.MaxLineLength = max
	case TSV:
		skipBOM(r.br)
		r.tsv = &tsvReader{br: r.br, max: max}
	case XML:
		skipBOM(r.br)
		r.xml = newXMLReader(r.br)
	}
}

var bom = []byte("\xef\xbb\xbf")

func skipBOM(br *bufio.Reader) {
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
}

// sniff tells the form of the input in br from its first bytes, without
// reading them: it peeks at what br holds and asks for more only as long
// as it cannot tell, so that a slow input is not waited for. It returns an
// error when the input fails before it holds any byte, and [ErrUTF16] for
// an input that starts with a UTF-16 byte order mark.
func sniff(br *bufio.Reader) (Form, error) {
	need := 1
	for {
		_, err := br.Peek(need)
		buf, _ := br.Peek(br.Buffered())
		final := err != nil || len(buf) >= br.Size()
		if len(buf) == 0 && err != nil && err != io.EOF {
			return 0, err
		}
		if len(buf) >= 2 && (buf[0] == 0xff && buf[1] == 0xfe || buf[0] == 0xfe && buf[1] == 0xff) {
			return 0, ErrUTF16
		}
		if form, ok := tell(buf, final); ok {
			return form, nil
		}
		need = len(buf) + 1
	}
}

// tell tells the form of an input that starts with buf; final says that
// no more of it is to be had. It returns false when it needs more.
func tell(buf []byte, final bool) (Form, bool) {
	if !final && len(buf) < len(bom) && bytes.HasPrefix(bom, buf) {
		return 0, false
	}
	buf = bytes.TrimPrefix(buf, bom)
	i := 0
	for i < len(buf) && isSpace(buf[i]) {
		i++
	}
	if i == len(buf) {
		return Lines, final
	}
	line := buf[i:]
	if n := bytes.IndexAny(line, "\r\n"); n >= 0 { // where status.Reader ends the line
		line = line[:n]
	} else if !final {
		return 0, false
	}
	tab := bytes.IndexByte(line, '\t')
	switch {
	case line[0] == '<':
		if tab >= 0 && isResultLine(line[tab+1:]) {
			return TSV, true
		}
		return XML, true
	case tab >= 0 && !isResultLine(line):
		return TSV, true
	}
	return Lines, true
}

func isResultLine(line []byte) bool {
	_, err := status.ParseLine(string(line))
	return err == nil
}

// isSpace reports whether c is white space in XML (and before a line).
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// readLine reads the next record of a Lines input into *rec.
func (r *Reader) readLine(rec *Record) error {
	res, err := r.lines.Read()
	if err != nil {
		if pe, ok := err.(*status.ParseError); ok {
			return &Error{Form: Lines, Line: pe.Line, Column: pe.Column, Text: pe.Text, Err: pe.Err}
		}
		return err
	}
	rec.Result, rec.Form, rec.Line = res, Lines, r.lines.Line()
	return nil
}

// tsvReader reads the lines of a TSV input.
type tsvReader struct {
	br     *bufio.Reader
	max    int
	lines  int
	blank  int    // empty lines that CRs ended after the last line
	seen   bool   // a line that is not blank has been read
	line   []byte // the line read last, up to the limit and one byte more
	err    error  // the error that ended the input
	tooBig bool   // the line read last was too long
}

// read reads the next record of a TSV input into *rec.
func (t *tsvReader) read(rec *Record) error {
	for {
		line, err := t.next()
		if err != nil {
			return err
		}
		if t.tooBig {
			text := string(line[:min(len(line), 256, t.max)])
			return &Error{Form: TSV, Line: t.lines, Column: t.max + 1, Text: text, Err: status.ErrLineTooLong}
		}
		if isBlankLine(line) {
			continue
		}
		first := !t.seen
		t.seen = true
		s := string(line)
		tab := strings.IndexByte(s, '\t')
		if first && tab >= 0 && !strings.Contains(s[:tab], "@") && !strings.ContainsAny(s[tab+1:], "0123456789") {
			continue // a header
		}
		if tab < 0 {
			return &Error{Form: TSV, Line: t.lines, Column: len(s) + 1, Text: s, Err: ErrNoTab}
		}
		to := strings.Trim(s[:tab], " \t")
		if to == "" {
			return &Error{Form: TSV, Line: t.lines, Column: 1, Field: "address", Text: s, Err: ErrNoAddress}
		}
		res, err := status.ParseLine(s[tab+1:])
		if err != nil {
			pe := err.(*status.ParseError)
			return &Error{Form: TSV, Line: t.lines, Column: tab + 1 + pe.Column, Field: "result", Text: s, Err: pe.Err}
		}
		rec.Result, rec.To, rec.Form, rec.Line = res, to, TSV, t.lines
		return nil
	}
}

func isBlankLine(line []byte) bool {
	for _, c := range line {
		if !isBlank(c) && c != '\r' {
			return false
		}
	}
	return true
}

// next returns the next line without its line ending, valid until the
// next call. Lines end as status.Reader ends them: at "\n"; at a run of
// CR followed by "\n" or by the end of the input; or at a CR on its own,
// so that each further CR of a run that something else follows ends an
// empty line. For a line longer than the limit, it returns its start and
// sets tooBig, having skipped the rest. A last line without an ending is a
// line; at the end it returns io.EOF, and the error of the underlying
// reader as it is (a last line that the error cut short is not returned).
func (t *tsvReader) next() ([]byte, error) {
	t.tooBig = false
	t.lines += t.blank
	t.blank = 0
	if t.err != nil {
		return nil, t.err
	}
	t.line = t.line[:0]
	n := 0 // the bytes of the line, kept or not
	for {
		if t.br.Buffered() == 0 {
			if _, err := t.br.Peek(1); err != nil {
				t.err = err
				if err != io.EOF || n == 0 {
					return nil, err
				}
				break // the last line, without an ending
			}
		}
		buf, _ := t.br.Peek(t.br.Buffered())
		end := bytes.IndexByte(buf, '\n')
		if end < 0 {
			end = len(buf)
		}
		if cr := bytes.IndexByte(buf[:end], '\r'); cr >= 0 {
			end = cr
		}
		if n == 0 && end < len(buf) && buf[end] == '\n' && end <= t.max {
			// Most lines: in the buffer whole, and ended by "\n". Discard
			// moves no byte, so buf stays valid until the next read.
			t.br.Discard(end + 1)
			t.lines++
			return buf[:end], nil
		}
		if keep := t.max + 1 - len(t.line); keep > 0 {
			t.line = append(t.line, buf[:min(end, keep)]...)
		}
		n += end
		if end == len(buf) {
			t.br.Discard(end)
			continue
		}
		c := buf[end]
		t.br.Discard(end + 1)
		if c == '\r' {
			t.endCR()
		}
		break
	}
	t.lines++
	t.tooBig = n > t.max
	return t.line, nil
}

// endCR reads the rest of a run of CR whose first has ended a line: with
// a "\n" after it, or at the end of the input, the run is that line's
// ending; otherwise each further CR ends an empty line, counted in blank.
// An error of the input is left for the next call of next.
func (t *tsvReader) endCR() {
	crs := 0
	for {
		c, err := t.br.ReadByte()
		switch {
		case err != nil || c == '\n':
			return
		case c == '\r':
			crs++
		default:
			t.br.UnreadByte()
			t.blank = crs
			return
		}
	}
}

// checkedReader reads the input. It turns an invalid count from Read
// into an error, where bufio would panic, and returns the first error of
// the input again on every later call, without calling it: an error that
// came while the form was told is not lost.
type checkedReader struct {
	r   io.Reader
	err error
}

func (c *checkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	if n < 0 || n > len(p) {
		n, err = 0, errors.New("results: reader returned an invalid count")
	}
	c.err = err
	return n, err
}

// prefixReader reads buf, then r.
type prefixReader struct {
	buf []byte
	r   io.Reader
}

func (p *prefixReader) Read(b []byte) (int, error) {
	if len(p.buf) == 0 {
		return p.r.Read(b)
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	return n, nil
}
