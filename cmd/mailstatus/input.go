package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/haishin/status"
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
// name ends in ".gz". read returns the error that stopped it. readFiles
// reports that error, or one opening the file, on stderr and goes on with
// the next file; it reports whether every file was read to its end.
func (c *cli) readFiles(files []string, read func(name string, r io.Reader) error) bool {
	if len(files) == 0 {
		files = []string{"-"}
	}
	ok := true
	for _, name := range files {
		if err := c.readFile(name, read); err != nil {
			fmt.Fprintf(c.stderr, "mailstatus: %s: %v\n", name, err)
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
	if c.progress {
		p := &progress{w: c.stderr, r: r, name: name, size: size, min: c.progressMin, now: time.Now}
		defer p.done()
		r = p
	}
	if strings.HasSuffix(name, ".gz") {
		z, err := gzip.NewReader(r)
		if err != nil {
			return err
		}
		defer z.Close()
		r = z
	}
	return read(name, r)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress passes reads through and, for an input larger than min bytes,
// shows on w how much of it has been read, at most every progressEvery.
type progress struct {
	w     io.Writer
	r     io.Reader
	name  string
	size  int64 // -1 when not known
	min   int64
	now   func() time.Time
	read  int64
	last  time.Time
	shown bool
}

const progressEvery = 250 * time.Millisecond

func (p *progress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if p.size > p.min || p.read > p.min {
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
	if p.size > 0 {
		line += fmt.Sprintf(" of %.1f MiB (%d%%)", float64(p.size)/mib, min(100, p.read*100/p.size))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// done erases the progress line, if one was shown.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
