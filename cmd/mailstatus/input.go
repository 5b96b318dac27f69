package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
)

// readResults reads the result lines of files, opened as readFiles opens
// them, and calls each for every line that is not blank, with its file and
// line number: with the Result, or with bad set for a malformed line. It
// returns how many lines it read and whether every file was read to its
// end.
func (c *cli) readResults(files []string, each func(file string, line int, res status.Result, bad *status.ParseError) error) (lines int, ok bool) {
	ok = c.readFiles(files, func(name string, r io.Reader) error {
		rd := status.NewReader(r)
		defer func() { lines += rd.Line() }()
		for res, err := range rd.All() {
			bad, _ := err.(*status.ParseError)
			if err != nil && bad == nil {
				return err // an I/O error
			}
			if err := each(name, rd.Line(), res, bad); err != nil {
				return err
			}
		}
		return nil
	})
	return lines, ok
}

// readFiles calls read for each file in order, with the file open:
// standard input for "-" or when there are no files, decompressed when its
// name ends in ".gz", or, for standard input, when it starts as gzip does
// (1f 8b). read returns the error that stopped it. readFiles
// reports that error, or one opening the file, on stderr and goes on with
// the next file; it reports whether every file was read to its end. A
// write error on standard output stops it at once, unreported: run
// reports it.
func (c *cli) readFiles(files []string, read func(name string, r io.Reader) error) bool {
	if len(files) == 0 {
		files = []string{"-"}
	}
	ok := true
	for _, name := range files {
		err := c.readFile(name, read)
		if c.stdout.err != nil {
			return false
		}
		if err != nil {
			c.warnf("mailstatus: %s: %v\n", name, err)
			ok = false
		}
	}
	return ok
}

func (c *cli) readFile(name string, read func(name string, r io.Reader) error) error {
	r := c.stdin
	size := int64(-1)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	gz := strings.HasSuffix(name, ".gz")
	if name == "-" {
		// Standard input has no name to tell: its first bytes do.
		b := bufio.NewReader(r)
		magic, _ := b.Peek(2)
		gz = len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
		r = b
	}
	var p *progress
	if c.progress {
		p = &progress{w: c.stderr, name: name, size: size, compressed: gz, min: c.progressMin, now: time.Now}
		c.shown = p
		defer func() {
			p.erase()
			c.shown = nil
		}()
		r = &byteCounter{r: r, n: &p.raw}
	}
	if gz {
		z, err := newGunzip(r, func(msg string) { c.warnf("mailstatus: %s: %s\n", name, msg) })
		if err != nil {
			return err
		}
		r = z
	}
	if p != nil {
		p.r = r
		r = p
	}
	return read(name, r)
}

// gunzip decompresses the gzip members of its input one after another, as
// gzip -d does. Like gzip, it ends at zero bytes or other data after the
// last member with a warning, not an error.
type gunzip struct {
	in   *bufio.Reader
	z    *gzip.Reader
	warn func(msg string)
}

func newGunzip(r io.Reader, warn func(msg string)) (*gunzip, error) {
	in := bufio.NewReader(r)
	if _, err := in.Peek(1); err == io.EOF {
		return nil, errors.New("not in gzip format: the file is empty")
	}
	z, err := gzip.NewReader(in)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil, errors.New("not in gzip format: the file ends within the gzip header")
	}
	if err != nil {
		return nil, err
	}
	z.Multistream(false)
	return &gunzip{in: in, z: z, warn: warn}, nil
}

func (g *gunzip) Read(p []byte) (int, error) {
	for {
		n, err := g.z.Read(p)
		if err != io.EOF || n > 0 {
			if err == io.EOF {
				err = nil // the next call sees the end of the member again
			}
			return n, err
		}
		// The end of a member: another member follows, or nothing, or
		// data that is not gzip.
		magic, _ := g.in.Peek(2)
		switch {
		case len(magic) == 0:
			return 0, io.EOF
		case len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b:
			if err := g.z.Reset(g.in); err != nil {
				return 0, err
			}
			g.z.Multistream(false)
			continue
		}
		zeros, err := onlyZeros(g.in)
		if err != nil {
			return 0, err
		}
		if zeros {
			g.warn("decompression OK, trailing zero bytes ignored")
		} else {
			g.warn("decompression OK, trailing garbage ignored")
		}
		return 0, io.EOF
	}
}

// onlyZeros reads r to its end and reports whether it held only zero
// bytes.
func onlyZeros(r io.Reader) (bool, error) {
	buf := make([]byte, 32<<10)
	zeros := true
	for {
		n, err := r.Read(buf)
		for _, b := range buf[:n] {
			zeros = zeros && b == 0
		}
		if err == io.EOF {
			return zeros, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// progress passes reads of the log through and shows on w how much of it
// has been read, at most every progressEvery, for an input of more than
// min bytes of log: from the start for a file that is not compressed and
// whose size is above min; otherwise (standard input, a .gz file) once
// more than min bytes of log, decompressed, have been read.
type progress struct {
	w          io.Writer
	r          io.Reader // the log, decompressed
	name       string
	size       int64 // of the file, -1 when not known
	compressed bool  // the file is gzip: size and raw count compressed bytes
	min        int64
	now        func() time.Time
	raw        int64 // bytes read from the file, when compressed
	read       int64 // bytes of log read
	last       time.Time
	shown      bool
}

const progressEvery = 250 * time.Millisecond

func (p *progress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if !p.compressed && p.size > p.min || p.read > p.min {
		if now := p.now(); now.Sub(p.last) >= progressEvery {
			p.last = now
			p.show()
		}
	}
	return n, err
}

func (p *progress) show() {
	const mib = 1 << 20
	line := fmt.Sprintf("mailstatus: reading %s: %.1f MiB", p.name, float64(p.read)/mib)
	switch {
	case p.size <= 0:
	case p.compressed:
		line += fmt.Sprintf(" (%d%% of %.1f MiB compressed)", min(100, p.raw*100/p.size), float64(p.size)/mib)
	default:
		line += fmt.Sprintf(" of %.1f MiB (%d%%)", float64(p.size)/mib, min(100, p.read*100/p.size))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// erase erases the progress line, if one is shown; the next update shows
// it again.
func (p *progress) erase() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// byteCounter adds the bytes read through it to *n.
type byteCounter struct {
	r io.Reader
	n *int64
}

func (r *byteCounter) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	*r.n += int64(n)
	return n, err
}

// malformed reports a malformed line the way compilers do:
//
//	results.log:4:1: bad status code: "55O BE x"
func (c *cli) malformed(file string, bad *status.ParseError) {
	c.warnf("%s:%d:%d: %s: %s\n", file, bad.Line, bad.Column, strings.TrimPrefix(bad.Err.Error(), "status: "), quote.Cut(bad.Text))
}
