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
// It skips a UTF-8 byte order mark at the start of the input and lines that
// are empty or hold only spaces, tabs and CR (they still count for line
// numbers). It accepts "\n" and "\r\n" line endings and a last line without
// one. Every other line comes back from [Reader.Read] as a Result or a
// [*ParseError], and reading goes on with the next line.
//
// A line is too long when it has more than MaxLineLength bytes without its
// line ending (and without the byte order mark), which is any run of CR
// before the "\n", as for [ParseLine]. A Reader holds at most 64 KiB of
// buffer and, for a line longer than that, MaxLineLength bytes and a
// little more, however long a line is: a longer line is skipped, without
// being held whole, and reported as one [ErrLineTooLong]. How much it reads
// at a time does not depend on MaxLineLength.
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
	// win is what br had buffered after the last call to ReadSlice, peeked
	// without copying; Read takes lines from win[pos:] until none is left,
	// and then discards win from br before reading from it again.
	win     []byte
	pos     int
	long    []byte          // a line longer than br's buffer, up to the limit and one byte more
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
		var line []byte
		var err error
		// Most lines are short and already buffered: take them from win
		// here, without a call. The rest, and every line that does not fit
		// in win, go through readLine.
		if i := bytes.IndexByte(r.win[r.pos:], '\n'); i >= 0 && i < r.max {
			line = r.win[r.pos : r.pos+i+1]
			r.pos += i + 1
			r.lines++
		} else {
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
		line = trimEOL(line)
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
	if b, _ := r.br.Peek(len(bom)); bytes.Equal(b, bom) {
		r.br.Discard(len(bom))
	}
}

// readLine returns the next line with its "\n", if it has one, or the
// start of an overlong line with errTooLong after skipping the rest of
// it, or the error that ended the input. The line is valid until the next
// call.
func (r *Reader) readLine() ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.pos > 0 {
		r.br.Discard(r.pos) // buffered, so it cannot fail
		r.count(r.pos)
	}
	r.win, r.pos = nil, 0
	line, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		line, err = r.readLong(line)
	}
	r.count(len(line))
	// What br holds after the line stays there until the next ReadSlice:
	// peeking at it reads nothing and leaves line as it is.
	r.win, _ = r.br.Peek(r.br.Buffered())
	switch {
	case err == io.EOF && len(line) > 0: // the last line, with no "\n"
		r.err, err = err, nil
	case err != nil && err != errTooLong:
		r.err = err // a last line that the error cut short is dropped
		return nil, err
	}
	r.lines++
	if err == nil && r.tooLong(line) {
		err = errTooLong
	}
	return line, err
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

// readLong gathers a line that does not fit in the buffer, whose start
// ReadSlice returned, into r.long: up to the limit and one byte more,
// since past the limit only a run of "\r" before the "\n" can still make
// the line fit, and those are not part of the line. A line longer than
// that is skipped to its end and reported with errTooLong.
func (r *Reader) readLong(start []byte) ([]byte, error) {
	r.long = append(r.long[:0], start...)
	for {
		if len(r.long) > r.max+1 {
			if bytes.IndexFunc(r.long[r.max:], notCR) >= 0 {
				return r.long, r.skipLine()
			}
			r.long = r.long[:r.max+1]
		}
		more, err := r.br.ReadSlice('\n')
		r.long = append(r.long, more...)
		if err == bufio.ErrBufferFull {
			continue
		}
		return r.long, err
	}
}

func notCR(c rune) bool { return c != '\r' }

// skipLine drops input up to and including the next '\n', without
// holding it, and returns errTooLong, or the error that ended the input
// (io.EOF ends an overlong last line, which is still reported).
func (r *Reader) skipLine() error {
	for {
		_, err := r.br.ReadSlice('\n')
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return errTooLong
		case io.EOF:
			r.err = io.EOF
			return errTooLong
		}
		r.err = err
		return errTooLong
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

// tooLong reports whether line exceeds the limit without its line ending.
func (r *Reader) tooLong(line []byte) bool {
	return len(line) > r.max && len(trimEOL(line)) > r.max
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

// blankLine reports whether line holds only spaces, tabs and CR.
func blankLine(line []byte) bool {
	for _, c := range line {
		if !isBlank(c) && c != '\r' {
			return false
		}
	}
	return true
}
