package status

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"iter"
	"strings"
)

// defaultMaxLineLength is the Reader's line-length limit unless it is set.
const defaultMaxLineLength = 64 << 10

// A Reader reads result lines from an input, such as a delivery-result log.
//
// A line ends at "\n", at "\r\n", or at a CR on its own, as old Mac OS
// files end their lines; the last line need not have an ending. A run of
// CR followed by "\n" ("\r\r\n", as a file converted twice has it), or at
// the end of the input, is one line ending; any other CR ends a line by
// itself, so "a\r\rb" is three lines, the second of them empty. A line
// ending is never part of a message: a message holds no CR and no LF.
//
// A Reader skips a UTF-8 byte order mark at the start of the input and
// lines that are empty or hold only spaces and tabs (they still count for
// line numbers). Every other line comes back from [Reader.Read] as a
// Result or a [*ParseError], and reading goes on with the next line.
//
// A line is too long when it has more than MaxLineLength bytes without its
// line ending (and without the byte order mark). A Reader holds at most
// 64 KiB of buffer and, for a line longer than that, MaxLineLength bytes
// and one more, however long a line is: a longer line is skipped, without
// being held whole, and reported as one [ErrLineTooLong]. How much it
// reads at a time does not depend on MaxLineLength.
//
// Make a Reader with [NewReader]: Read on a zero Reader returns an error.
//
// To allocate less, the messages of many Results share one string: a
// message you keep keeps up to 128 KiB of messages alive (or only itself,
// if it is longer). To keep a few messages out of many, copy them with
// [strings.Clone].
type Reader struct {
	// MaxLineLength is the longest line accepted, in bytes, without its
	// line ending. Zero or less means the default, 64 KiB. Set it before
	// the first call to Read.
	MaxLineLength int

	r  io.Reader
	br *bufio.Reader // over r: smallBuffer bytes at first, then largeBuffer
	// win is what br holds, peeked without copying: Read takes lines from
	// win[pos:], and discards win[:pos] from br before br reads again. lf
	// and cr are the indexes in win of the first "\n" and the first CR at
	// or after pos, or len(win) if there is none; below pos, they are not
	// known yet. Each is searched for once however many lines it is
	// beyond: a CR in a file of "\n" endings, a "\n" in a file of CR
	// endings.
	win         []byte
	pos, lf, cr int
	// blank counts lines ended by a CR after the last line, which the next
	// Read counts before its line. When the last line ended at a CR whose
	// run reached the end of win, run is set: the run's CRs are blank
	// lines only if no "\n" ends the run, which the next Read sees.
	blank   int
	run     bool
	long    []byte          // the start of a line longer than br's buffer, up to the limit and one byte more
	err     error           // the error that ended reading from r (io.EOF at the end)
	lines   int             // lines read so far
	last    int             // what Line returns
	max     int             // the line-length limit in force, from MaxLineLength
	read    int             // bytes of lines read so far, up to largeBuffer
	started bool            // the first Read has set max and skipped a BOM
	arena   strings.Builder // the messages of the latest lines, see message
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{MaxLineLength: defaultMaxLineLength, r: r}
}

// errTooLong tells Read that readLine skipped an overlong line.
var errTooLong = errors.New("line too long")

// errNoInput is what Read returns on a zero Reader.
var errNoInput = errors.New("status: Read on a Reader that has no input: make it with NewReader")

var bom = []byte("\xef\xbb\xbf")

// Read returns the next result. A line that breaks the grammar is a
// [*ParseError] with its line number; the next call goes on with the next
// line. At the end of the input Read returns [io.EOF]. An error from the
// underlying reader is returned as it is, after every complete line before
// it (a last line that the error cut short is not returned), and again on
// every later call.
func (r *Reader) Read() (Result, error) {
	if !r.started {
		if r.r == nil {
			return Result{}, errNoInput
		}
		r.begin()
	}
	for {
		if r.run || r.blank != 0 {
			r.endRun()
		}
		// Most lines are short, already buffered and end in "\n" or "\r\n"
		// with no other CR: take them from win here, without a call. take
		// finds the other lines that win holds, and readLine every line.
		if r.lf < r.pos {
			if i := bytes.IndexByte(r.win[r.pos:], '\n'); i >= 0 {
				r.lf = r.pos + i
			} else {
				r.lf = len(r.win)
			}
		}
		if r.cr < r.pos {
			if i := bytes.IndexByte(r.win[r.pos:], '\r'); i >= 0 {
				r.cr = r.pos + i
			} else {
				r.cr = len(r.win)
			}
		}
		var line []byte
		var err error
		ok := r.lf < len(r.win) && r.cr >= r.lf-1 && r.lf-r.pos <= r.max
		if ok {
			line = r.win[r.pos:min(r.cr, r.lf)]
			r.pos = r.lf + 1
			r.lines++
		} else {
			line, ok = r.take()
		}
		if !ok {
			line, err = r.readLine()
		}
		r.last = r.lines
		if err == errTooLong {
			text := string(line[:min(len(line), maxErrorText, r.max)])
			return Result{}, &ParseError{Line: r.lines, Column: r.max + 1, Text: text, Err: ErrLineTooLong}
		}
		if err != nil {
			return Result{}, err
		}
		code, cat, msg, off, err := scan(line)
		if err != nil {
			if blankLine(line) { // checked only now, as few lines are blank
				continue
			}
			return Result{}, &ParseError{Line: r.lines, Column: off + 1, Text: string(line), Err: err}
		}
		return Result{Code: code, Category: cat, Message: r.message(line[msg:])}, nil
	}
}

// The Reader reads through a buffer of smallBuffer bytes, so that a short
// input costs little, and then, once it has read largeBuffer bytes of
// lines, through one of largeBuffer bytes, so that a long input is read in
// large blocks.
const smallBuffer, largeBuffer = 4 << 10, 64 << 10

// begin reads MaxLineLength, once, at the first call of Read, and skips a
// byte order mark at the start of the input.
func (r *Reader) begin() {
	r.started = true
	r.max = r.maxLine()
	r.br = bufio.NewReaderSize(checkedReader{r.r}, smallBuffer)
	b, err := r.br.Peek(len(bom))
	if err != nil { // the input holds less than a BOM: all of it is in b
		r.err = err
	}
	if bytes.Equal(b, bom) {
		r.br.Discard(len(bom))
	}
	r.win, _ = r.br.Peek(r.br.Buffered())
	r.lf, r.cr = -1, -1
}

// take returns the next line from win, without its line ending, when win
// holds the line, its ending and what follows the ending, and the line is
// not too long; otherwise it returns false and leaves win as it is. Read
// has found lf and cr.
func (r *Reader) take() ([]byte, bool) {
	line := r.win[r.pos:r.lf]
	if r.cr > r.lf || r.cr == len(r.win) { // no CR in the line
		if r.lf == len(r.win) || len(line) > r.max {
			return nil, false
		}
		r.pos = r.lf + 1
		r.lines++
		return line, true
	}
	k := r.cr - r.pos
	if k > r.max {
		return nil, false
	}
	m := k + 1 // the end of the run of CR
	for m < len(line) && line[m] == '\r' {
		m++
	}
	switch {
	case m < len(line): // a CR, then a line: every CR of the run ends a line
		r.pos += m
		r.blank = m - k - 1
	case r.lf < len(r.win): // a run of CR and a "\n": one line ending
		r.pos = r.lf + 1
	default: // the run reaches the end of win
		return nil, false
	}
	r.lines++
	return line[:k], true
}

// readLine is take for every line: it reads more input while win does not
// hold the whole line. It returns the line without its line ending, or
// the start of an overlong line with errTooLong after skipping the rest
// of it, or the error that ended the input. The line is valid until the
// next call.
func (r *Reader) readLine() ([]byte, error) {
	r.long = r.long[:0]
	long := false // the line did not fit in br's buffer: its start is in r.long
	n := 0        // bytes of the line before win[pos:]
	from := 0     // win[pos:pos+from] holds no CR and no "\n"
	for {
		rest := r.win[r.pos:]
		if e := lineEnd(rest, from); e >= 0 {
			end := e + 1 // the line and its line ending
			if rest[e] == '\r' {
				for end < len(rest) && rest[end] == '\r' {
					end++
				}
				switch {
				case end == len(rest): // endRun reads the rest of the run
					r.run, r.blank = true, end-e-1
				case rest[end] == '\n':
					end++
				default:
					r.blank = end - e - 1
				}
			}
			r.pos += end
			return r.line(rest[:e], n, long)
		}
		from = len(rest)
		if r.err != nil {
			r.pos += len(rest)
			if r.err == io.EOF && (len(rest) > 0 || long) || n+len(rest) > r.max {
				// The last line, with no line ending, or an overlong line
				// that an error cut short: it is too long all the same.
				return r.line(rest, n, long)
			}
			return nil, r.err // a last line that the error cut short is dropped
		}
		if len(rest) == r.br.Size() { // the line does not fit in the buffer
			r.long = append(r.long, rest[:max(0, min(len(rest), r.max+1-len(r.long)))]...)
			n += len(rest)
			long = true
			r.pos += len(rest)
			from = 0
		}
		r.fill()
	}
}

// line ends readLine: it counts the line, whose last part is b after n
// bytes kept in r.long when long is set, and returns it with errTooLong
// when it is longer than the limit.
func (r *Reader) line(b []byte, n int, long bool) ([]byte, error) {
	r.lines++
	n += len(b)
	if long {
		r.long = append(r.long, b[:max(0, min(len(b), r.max+1-len(r.long)))]...)
		b = r.long
	}
	if n > r.max {
		return b, errTooLong
	}
	return b, nil
}

// lineEnd returns the index of the first CR or "\n" in b at or after
// from, or -1 if there is none.
func lineEnd(b []byte, from int) int {
	b = b[from:]
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		i = len(b)
	}
	if k := bytes.IndexByte(b[:i], '\r'); k >= 0 {
		return from + k
	}
	if i < len(b) {
		return from + i
	}
	return -1
}

// endRun counts the blank lines that CRs ended after the last line. When
// run is set, it first reads the rest of the run of CR whose first CR
// ended the last line: if "\n" ends the run, or the input does, the run is
// that line's ending; otherwise each CR after the first ends an empty
// line, which blank counts.
func (r *Reader) endRun() {
	for r.run {
		rest := r.win[r.pos:]
		n := 0
		for n < len(rest) && rest[n] == '\r' {
			n++
		}
		r.pos += n
		r.blank += n
		if n < len(rest) {
			if rest[n] == '\n' {
				r.pos++
				r.blank = 0
			}
			break
		}
		if r.err != nil {
			r.blank = 0
			break
		}
		r.fill()
	}
	r.run = false
	r.lines += r.blank
	r.blank = 0
}

// fill discards win[:pos] from br and has br read more input, or sets
// r.err to the error that ended it; win is then what br holds. It must
// not be called when br's buffer is full or r.err is set.
func (r *Reader) fill() {
	if r.pos > 0 {
		r.br.Discard(r.pos) // buffered, so it cannot fail
		r.count(r.pos)
		r.pos = 0
	}
	if _, err := r.br.Peek(r.br.Buffered() + 1); err != nil {
		r.err = err
	}
	r.win, _ = r.br.Peek(r.br.Buffered())
	r.lf, r.cr = -1, -1
}

// count counts n bytes read in lines, and moves to the large buffer once
// largeBuffer bytes have been read. The large buffer reads through the
// small one, which passes reads straight to r once it is empty.
func (r *Reader) count(n int) {
	if r.read < largeBuffer {
		if r.read += n; r.read >= largeBuffer {
			r.br = bufio.NewReaderSize(r.br, largeBuffer)
		}
	}
}

// arenaSize is the most message bytes that share one string. A few large
// strings cost the garbage collector far less than one per message, and a
// message that is kept keeps no more than this alive.
const arenaSize = 128 << 10

// message returns b as a string. Rather than allocate a string for every
// message, it appends b to r.arena and returns the part of the arena's
// string that holds it: a strings.Builder never changes bytes it has
// written, and it does not reallocate while it has room, so the messages
// of many lines share one allocation. When the room runs out it starts a
// new arena, twice the size of the last (starting at smallBuffer bytes, so
// that a short input allocates little) up to arenaSize, or as large as b.
func (r *Reader) message(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if r.arena.Cap()-r.arena.Len() < len(b) {
		size := min(max(2*r.arena.Cap(), smallBuffer), arenaSize)
		r.arena = strings.Builder{}
		r.arena.Grow(max(size, len(b)))
	}
	n := r.arena.Len()
	r.arena.Write(b)
	return r.arena.String()[n:]
}

// Line returns the line number of the last Result or error that Read
// returned. After io.EOF or an error of the underlying reader, it is the
// number of the last line read.
func (r *Reader) Line() int {
	return r.last
}

// All returns an iterator over the rest of the input: each Result with a
// nil error, and each malformed line as a zero Result with its
// [*ParseError], after which it goes on. It stops at the end of the input
// (without yielding io.EOF) and after yielding an error of the underlying
// reader. It is single-use: it consumes the Reader.
func (r *Reader) All() iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		for {
			res, err := r.Read()
			if err == io.EOF {
				return
			}
			if !yield(res, err) {
				return
			}
			if _, ok := err.(*ParseError); err != nil && !ok {
				return
			}
		}
	}
}

// maxLine is the limit MaxLineLength sets, kept away from overflow.
func (r *Reader) maxLine() int {
	const limit = int(^uint(0)>>1) / 2
	switch {
	case r.MaxLineLength <= 0:
		return defaultMaxLineLength
	case r.MaxLineLength > limit:
		return limit
	}
	return r.MaxLineLength
}

// checkedReader turns an invalid count from Read into an error, where
// bufio would panic.
type checkedReader struct{ r io.Reader }

func (c checkedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n < 0 || n > len(p) {
		return 0, errors.New("status: reader returned an invalid count")
	}
	return n, err
}

// blankLine reports whether line holds only spaces and tabs.
func blankLine(line []byte) bool {
	for _, c := range line {
		if !isBlank(c) {
			return false
		}
	}
	return true
}
