package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
	"github.com/haishin/status/results"
)

// The input layer. readRecords reads the records of the inputs, and
// readFile is the one place where an input is opened, known by its first
// bytes, checked, decompressed and read to its end:
//
//  1. open a file, or standard input, and note the size of a regular one;
//  2. know the compression by the first bytes (formats), whatever the
//     name: one the tool reads (gzip, bzip2), or one it cannot, an error
//     that names it; a name that says a compression the bytes do not
//     have (x.gz) is an error too;
//  3. check compressed data whole before a line of it is read: every
//     gzip member's checksum is known only at the member's end, so the
//     lines of a corrupt member would otherwise be results first. A file
//     is read twice; standard input or a pipe is first kept in a
//     temporary file (as large as the compressed data; memory stays
//     bounded). The lines of sound members are read; from a corrupt one
//     on, none is;
//  4. decompress, and hand the text to a results.Reader, which knows its
//     form by its first bytes (result lines, address<TAB>line exports,
//     the service's API v1 documents) and refuses UTF-16;
//  5. read to the end: a file that ends before the size it had when it was
//     opened (it shrank while it was read) or compressed data that ends
//     early is an error, after the records before it, and the cut line or
//     record is not a result.

// failure is an input that was not read to its end, or whose document
// says that the request for it failed: the line after which it stopped,
// and why.
type failure struct {
	file string
	line int
	err  error
}

// errUTF16 is the tool's word for results.ErrUTF16: how to read the input
// all the same.
var errUTF16 = errors.New("UTF-16 text (it starts with a UTF-16 byte order mark), which mailstatus cannot read; convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8")

// readRecords reads the records of files, in order, standard input for
// "-" or when there are none, each with a results.Reader, and calls each
// for every record, with its file: with the record (a copy on the stack
// costs less than one in the heap, which the garbage collector must
// watch), or with bad set for a line or record that cannot be read (each
// reports it, or counts it). It
// returns how many lines it read, the inputs it could not read to their
// end or whose documents say a request failed, and whether all went well:
// every input read to its end, no request failed, and each input that
// holds records holds one that can be read.
//
// It reports on stderr, and goes on with the next input: an input that
// cannot be read or is cut short ("input cut short after line N"); invalid
// XML, which ends a document, and a failed request that a document
// reports, the way compilers do (FILE:LINE: ...). A write error on
// standard output stops it at once, unreported: run reports it.
//
// An empty input (no bytes, or only blank lines, or a document without
// records) is the log of a day without deliveries, not an error. An input
// whose lines or records are all bad (a binary file, another kind of log)
// is an error.
func (c *cli) readRecords(files []string, each func(file string, rec results.Record, bad *results.Error) error) (lines int, incomplete []failure, ok bool) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	ok = true
	for _, name := range files {
		n, good, malformed := 0, 0, 0
		form := results.Form(0)
		// stopped are the errors that a document reports, which the
		// counts lack: invalid XML, which ends it, and failed requests.
		var stopped []failure
		stop := func(err error, line int, problem string) {
			c.report(name, err)
			stopped = append(stopped, failure{name, line, errors.New("line " + strconv.Itoa(line) + ": " + problem)})
		}
		err := c.readFile(name, func(r io.Reader) error {
			rd := results.NewReader(r)
			defer func() { n, form = rd.Line(), rd.Form() }()
			for {
				rec, err := rd.Read()
				var bad *results.Error
				switch e := err.(type) {
				case nil:
					good++
				case *results.RequestError:
					stop(e, e.Line, e.Problem())
					continue
				case *results.Error:
					if e.Err == results.ErrSyntax {
						stop(e, e.Line, e.Problem())
						continue
					}
					bad = e
					malformed++
				default:
					if err == io.EOF {
						return nil
					}
					return err // an I/O error, the input cut short, UTF-16
				}
				if err := each(name, rec, bad); err != nil {
					return err
				}
			}
		})
		lines += n
		if c.stdout.err != nil {
			return lines, incomplete, false
		}
		var cut *cutShortError
		switch {
		case errors.As(err, &cut):
			err = fmt.Errorf("input cut short after line %d: %w", n, err)
		case errors.Is(err, results.ErrUTF16):
			err = errUTF16
		case err == nil && good == 0 && malformed > 0:
			c.warnf("mailstatus: %s: not a delivery-result log: %s\n", name, noRecord(form))
			ok = false
		}
		if err != nil {
			c.warnf("mailstatus: %s: %v\n", name, err)
			incomplete = append(incomplete, failure{name, n, err})
			ok = false
		}
		if len(stopped) > 0 {
			incomplete = append(incomplete, stopped...)
			ok = false
		}
	}
	return lines, incomplete, ok
}

// noRecord says what an input of a form whose lines or records are all
// bad lacks.
func noRecord(form results.Form) string {
	switch form {
	case results.TSV:
		return "no line of it is an address, a tab and a result line"
	case results.XML:
		return "none of its records can be read"
	}
	return "no line of it is a result line (<code> <category> <message>)"
}

// readFile opens the input name, as the input layer says, and calls read
// with its log, decompressed. It returns the error that stopped it, or
// read's.
func (c *cli) readFile(name string, read func(log io.Reader) error) error {
	in, err := c.openInput(name)
	if err != nil {
		return err
	}
	defer in.close()
	raw, err := in.pass()
	if err != nil {
		return err
	}
	b := bufio.NewReader(raw)
	magic, _ := b.Peek(maxMagic) // an error comes again from the first read
	switch f := sniff(magic); {
	case f == nil:
		if f := claimed(name); f != nil && len(magic) == 0 {
			return fmt.Errorf("not in %s format: the file is empty", f.name)
		} else if f != nil {
			return fmt.Errorf("not in %s format: it does not start as %s data does", f.name, f.name)
		}
		p := c.startPass(name, "reading", in.size, false)
		defer c.endPass(p)
		return read(p.watch(b))
	case f.open == nil:
		return unreadable(f, name, c.cmd)
	default:
		return c.readCompressed(in, b, f, read)
	}
}

// readCompressed checks the compressed data of in whole, as the input
// layer says, then calls read with its log: the whole log, or the part
// that comes before a corrupt unit, which then ends with the error.
func (c *cli) readCompressed(in *input, b *bufio.Reader, f *format, read func(log io.Reader) error) error {
	if in.seeker == nil { // standard input, or a pipe: kept to be read twice
		if err := in.spool(b); err != nil {
			return err
		}
	}
	d, err := c.decode(in, f, "checking", -1, func(string) {}, func(log io.Reader) error {
		_, err := io.Copy(io.Discard, log)
		return err
	})
	if d == nil {
		return err // the input cannot be read, or its header is not valid
	}
	var (
		limit   int64 = -1 // the bytes of the input to decompress, if not all
		corrupt error      // what comes at that limit
	)
	if isCorrupt(err) {
		// Read what is sound. Data cut short, or that cannot be read
		// to its end, is read to the cut, as zcat reads it: the read
		// meets the cut again.
		limit = d.sound()
		corrupt = &cutShortError{fmt.Sprintf("%s is corrupt (%v): none of its lines, nor of what follows it, is read", d.unit(), err)}
	}
	if limit == 0 {
		return read(&ending{strings.NewReader(""), f, corrupt})
	}
	_, err = c.decode(in, f, "reading", limit, func(msg string) { c.warnf("mailstatus: %s: %s\n", in.name, msg) }, func(log io.Reader) error {
		return read(&ending{log, f, corrupt})
	})
	return err
}

// decode reads the input from its start, at most limit bytes of it
// (unless limit is negative), decompresses it and calls use with the log,
// with a progress line that says what the pass is doing (verb). It
// returns the decoder, nil if the data's header is bad, and the error of
// use.
func (c *cli) decode(in *input, f *format, verb string, limit int64, warn func(string), use func(log io.Reader) error) (decoder, error) {
	raw, err := in.pass()
	if err != nil {
		return nil, err
	}
	if limit >= 0 {
		raw = io.LimitReader(raw, limit)
	}
	p := c.startPass(in.name, verb, in.size, true)
	defer c.endPass(p)
	d, err := f.open(p.count(raw), warn)
	if err != nil {
		return nil, err
	}
	return d, use(p.watch(d))
}

// ending is the log of compressed data, which ends with an error where
// the data is cut short, or, after the sound part of corrupt data, with
// the corrupt error.
type ending struct {
	r       io.Reader
	f       *format
	corrupt error
}

func (e *ending) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	switch {
	case err == io.EOF && e.corrupt != nil:
		err = e.corrupt
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = &cutShortError{"the " + e.f.name + " data is cut short"}
	}
	return n, err
}

// cutShortError is an input that ends before its end: readRecords reports
// it as "input cut short after line N: why".
type cutShortError struct{ why string }

func (e *cutShortError) Error() string { return e.why }

// file is what the tool needs of an opened file: *os.File, or a test's.
type file interface {
	io.ReadSeekCloser
	Stat() (fs.FileInfo, error)
}

func openFile(name string) (file, error) { return os.Open(name) }

// input is an opened input: a file, standard input, or the temporary file
// that keeps standard input.
type input struct {
	name   string
	r      io.Reader
	seeker io.Seeker // r's, where r can seek; nil otherwise
	start  int64     // the offset at which reading starts
	size   int64     // the bytes from start when opened, or -1 when not known
	closes []func() error
}

// openInput opens the input name: "-" for standard input.
func (c *cli) openInput(name string) (*input, error) {
	in := &input{name: name, r: c.stdin, size: -1}
	if name != "-" {
		f, err := c.open(name)
		if err != nil {
			return nil, err
		}
		in.r, in.closes = f, []func() error{f.Close}
	}
	if f, ok := in.r.(file); ok {
		in.sizeOf(f)
	}
	return in, nil
}

// sizeOf notes the size of f from where reading starts, if f is a regular
// file: only there is a size known, and seeking back possible.
func (in *input) sizeOf(f file) {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return
	}
	start, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return
	}
	in.seeker, in.start, in.size = f, start, max(0, fi.Size()-start)
}

// pass returns a reader of the input from its start, seeking back to it
// if it can, which ends with a *cutShortError instead of io.EOF if it ends
// before its size.
func (in *input) pass() (io.Reader, error) {
	if in.seeker != nil {
		if _, err := in.seeker.Seek(in.start, io.SeekStart); err != nil {
			return nil, err
		}
	}
	if in.size < 0 {
		return in.r, nil
	}
	return &sizedReader{r: in.r, size: in.size}, nil
}

// spool keeps what is left of the input, which r reads, in a temporary
// file, and reads the input from there.
func (in *input) spool(r io.Reader) error {
	tmp, err := os.CreateTemp("", "mailstatus-*")
	if err != nil {
		return fmt.Errorf("cannot keep the compressed data to check it before reading it: %w", err)
	}
	in.closes = append(in.closes, tmp.Close, func() error { return os.Remove(tmp.Name()) })
	n, err := io.Copy(tmp, r)
	if err != nil {
		return err
	}
	in.r, in.seeker, in.start, in.size = tmp, tmp, 0, n
	return nil
}

func (in *input) close() {
	for _, f := range in.closes {
		f()
	}
}

// sizedReader reads a file of a known size, and returns a *cutShortError
// instead of io.EOF where it ends before it: the file shrank while it was
// read.
type sizedReader struct {
	r    io.Reader
	size int64
	n    int64
}

func (r *sizedReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.n += int64(n)
	if err == io.EOF && r.n < r.size {
		err = &cutShortError{fmt.Sprintf("the file ended after %d of the %d bytes it had when it was opened", r.n, r.size)}
	}
	return n, err
}

// report reports a line or record that cannot be read, or what a
// document says went wrong, the way compilers do:
//
//	results.log:4:1: bad status code: "55O BE x"
//	errors.xml:14: record 2 (id "a-2"): bad sent_date: "2021/13/01 16:34"
//	errors.xml:30: invalid XML: unexpected EOF (the rest of the document is not read)
//	errors.xml:9: the request failed: error kind "auth" code "101": "invalid api key"
func (c *cli) report(file string, err error) {
	switch e := err.(type) {
	case *status.ParseError: // a line of explain's arguments
		c.warnf("%s:%d:%d: %s: %s\n", file, e.Line, e.Column, strings.TrimPrefix(e.Err.Error(), "status: "), quote.Cut(e.Text))
	case *results.RequestError:
		c.warnf("%s:%d: %s\n", file, e.Line, e.Problem())
	case *results.Error:
		switch {
		case e.Err == results.ErrSyntax:
			c.warnf("%s:%d: %s (the rest of the document is not read)\n", file, e.Line, e.Problem())
		case e.Form == results.XML:
			id := ""
			if e.ID != "" {
				id = " (id " + quote.Cut(e.ID) + ")"
			}
			c.warnf("%s:%d: record %d%s: %s\n", file, e.Line, e.Index, id, e.Problem())
		default:
			c.warnf("%s:%d:%d: %s\n", file, e.Line, e.Column, e.Problem())
		}
	}
}
