package bounce

import (
	"strings"

	"github.com/haishin/status"
)

// ClassifyReply classifies an SMTP reply that a program got itself, as
// net/smtp's [*net/textproto.Error] (Code and Msg) or another client's
// error carries it, with the built-in rules. It is [Classifier.ClassifyReply]
// of a nil Classifier.
func ClassifyReply(code int, message string) Verdict {
	return (*Classifier)(nil).ClassifyReply(code, message)
}

// ClassifyReply classifies an SMTP reply: its code, 200 to 599, and its
// text. A code outside that range gives [Undefined] by default.
//
// A reply of several lines is read as one message: the "550-" and "550 "
// that start its lines in a raw reply, and an enhanced code that a line
// repeats at its start (as net/smtp's textproto.Error keeps them), are
// read once, and the lines are joined by a blank, so that a
// phrase broken across two lines is found. [Evidence] offsets point into
// message as given. A message longer than 2,048 bytes, or of more than 32
// lines, is read as it is, without folding.
//
// It never panics and never allocates, and it is safe for concurrent use.
func (c *Classifier) ClassifyReply(code int, message string) Verdict {
	if code < 200 || code > 599 {
		return Verdict{Evidence: Evidence{Source: SourceDefault}}
	}
	r := status.Result{Code: status.Code(code), Category: status.BE, Message: message}
	var f folded
	if !f.fold(message) {
		return c.Classify(r)
	}
	if c != nil && len(c.rules) > 0 {
		if v, ok := c.classifyRules(r); ok {
			return v
		}
	}
	v := classifyText(r, f.text())
	if v.Evidence.Source == SourceText {
		v.Evidence.Start, v.Evidence.End = f.span(v.Evidence.Start, v.Evidence.End)
	}
	return v
}

// maxFolded and maxLines bound what ClassifyReply folds.
const (
	maxFolded = 2048
	maxLines  = 32
)

// folded is a multi-line reply read as one line, in a buffer on the
// caller's stack, with where each of its pieces stands in the reply.
type folded struct {
	buf  [maxFolded]byte
	n    int
	segs [maxLines]struct{ at, from int } // buf[at:] holds the reply from offset from
	nseg int
}

// text returns the folded reply.
func (f *folded) text() []byte { return f.buf[:f.n] }

// fold folds msg into f, and reports whether there was anything to fold
// and room to do it: msg has more than one line, at most maxLines, and
// fits in the buffer.
func (f *folded) fold(msg string) bool {
	if len(msg) > maxFolded || strings.IndexByte(msg, '\n') < 0 {
		return false
	}
	var first status.Enhanced // the first enhanced code after a line's reply code; zero until there is one
	for start := 0; start < len(msg); {
		end := start + strings.IndexByte(msg[start:], '\n')
		if end < start {
			end = len(msg)
		}
		next := end + 1
		for end > start && msg[end-1] == '\r' {
			end--
		}
		i := start
		if end-i >= 4 && isDigit(msg[i]) && isDigit(msg[i+1]) && isDigit(msg[i+2]) && (msg[i+3] == '-' || msg[i+3] == ' ') {
			i += 4 // the reply code, as raw replies repeat it
		}
		if e, rest, ok := status.CutEnhanced(msg[i:end]); ok && (rest == "" || rest[0] == ' ') {
			switch {
			case first == status.Enhanced{}:
				first = e
			case e == first:
				i = end - len(rest)
				for i < end && msg[i] == ' ' {
					i++
				}
			}
		}
		if i < end {
			if f.nseg == maxLines {
				return false
			}
			if f.n > 0 {
				f.buf[f.n] = ' '
				f.n++
			}
			f.segs[f.nseg].at, f.segs[f.nseg].from = f.n, i
			f.nseg++
			f.n += copy(f.buf[f.n:], msg[i:end])
		}
		start = next
	}
	return f.nseg > 1 || f.nseg == 1 && f.segs[0].from > 0
}

// span maps the span [start, end) of the folded text back to the reply.
func (f *folded) span(start, end int) (int, int) {
	return f.offset(start, false), f.offset(end, true)
}

// offset maps offset x of the folded text to the reply; an end offset is
// mapped from the byte before it, so that it stays in the same piece.
func (f *folded) offset(x int, isEnd bool) int {
	k := x
	if isEnd && k > 0 {
		k--
	}
	s := f.segs[0]
	for _, t := range f.segs[1:f.nseg] {
		if t.at > k {
			break
		}
		s = t
	}
	return s.from + x - s.at
}
