package main

import (
	"fmt"
	"io"
	"time"
)

// progress passes reads of the log through and shows on w how much of it
// has been read, at most every progressEvery, for an input of more than
// min bytes of log: from the start for a file that is not compressed and
// whose size is above min; otherwise (standard input, a .gz file) once
// more than min bytes of log, decompressed, have been read. A compressed
// input is read twice, "checking" it, then "reading" it (see readFile).
type progress struct {
	w          io.Writer
	r          io.Reader // the log, decompressed
	name       string
	verb       string // what the pass does: "reading" when empty
	size       int64  // of the file, -1 when not known
	compressed bool   // the file is gzip: size and raw count compressed bytes
	min        int64
	now        func() time.Time
	raw        int64 // bytes read from the file, when compressed
	read       int64 // bytes of log read
	last       time.Time
	shown      bool
}

const progressEvery = 250 * time.Millisecond

// startPass returns the progress of a pass over the input name, which
// reading the input or checking it (verb), of size bytes (-1 when not
// known), compressed or not; nil when the cli shows no progress.
func (c *cli) startPass(name, verb string, size int64, compressed bool) *progress {
	if !c.progress {
		return nil
	}
	p := &progress{w: c.stderr, name: name, verb: verb, size: size, compressed: compressed, min: c.progressMin, now: time.Now}
	c.shown = p
	return p
}

// endPass erases the progress line of a pass, if one is shown.
func (c *cli) endPass(p *progress) {
	if p != nil {
		p.erase()
		c.shown = nil
	}
}

// count returns raw, the input as it is read, counting its bytes for a
// compressed input.
func (p *progress) count(raw io.Reader) io.Reader {
	if p == nil || !p.compressed {
		return raw
	}
	return &byteCounter{r: raw, n: &p.raw}
}

// watch returns log, the log as it is read, through p.
func (p *progress) watch(log io.Reader) io.Reader {
	if p == nil {
		return log
	}
	p.r = log
	return p
}

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
	verb := p.verb
	if verb == "" {
		verb = "reading"
	}
	line := fmt.Sprintf("mailstatus: %s %s: %.1f MiB", verb, p.name, float64(p.read)/mib)
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
