package bounce

import (
	"strings"

	"github.com/haishin/status"
)

// A message is read as the server wrote its words. A reply of several
// lines, or one folded into a single result line, carries the codes that
// start each line ("550-5.2.1 " in a raw reply): they stand inside the
// server's sentences ("mailbox 550-5.2.1 is full") and break its phrases.
// Where the built-in automaton finds a line break or such a seam in a
// message, the message is folded into a buffer on the stack: its lines
// joined by a blank, the codes at their starts and the seams left out;
// the phrases are found in that, and the evidence is mapped back to the
// message's own bytes.
//
// A seam is, after a blank, a reply code of class 2, 4 or 5 and a "-"
// (or a blank, where an earlier seam of the message had the same code),
// an enhanced code if one follows, and the blanks after them. Its own
// bytes are never evidence.
//
// A message in ISO-2022-JP is read as EUC-JP: the bytes of its runs of
// two-byte characters (after ESC $ B, ESC $ @ or ESC $ ( D, until ESC ( B
// or ESC ( J) and of half-width katakana (after ESC ( I) get the bit 0x80
// in the buffer, as EUC-JP writes them, so that the EUC-JP forms of the
// Japanese phrases are found there and no ASCII phrase is. Offsets do not
// move.
//
// A message longer than maxFolded bytes, or of more than maxPieces
// pieces, is read as it is.

// maxFolded and maxPieces bound what is folded.
const (
	maxFolded = 2048
	maxPieces = 32
)

// seamCodes are the reply codes whose seams ("550-") the built-in
// automaton reports, so that a message is folded: those of RFC 5321
// (4.2.2, 4.2.3), RFC 3207 (STARTTLS), RFC 4954 (AUTH) and RFC 7504
// (521, 556). A message is folded at the seams of any code once one of
// these, or a line break, stands in it.
var seamCodes = []string{
	"211", "214", "220", "221", "250", "251", "252",
	"421", "432", "450", "451", "452", "454", "455",
	"500", "501", "502", "503", "504", "521", "530", "534", "535", "538",
	"550", "551", "552", "553", "554", "555", "556",
}

// classifyFolded classifies r with the words of its message folded, and
// reports whether there was anything to fold.
func classifyFolded(r status.Result) (Verdict, bool) {
	var f folded
	if !f.fold(r.Message) {
		return Verdict{}, false
	}
	var l hitList
	find(builtin, f.text(), &l)
	_, jis := marks(&l)
	v := weigh(r, f.text(), &l, jis)
	if v.Evidence.Source == SourceText {
		v.Evidence.Start, v.Evidence.End = f.span(v.Evidence.Start, v.Evidence.End)
	}
	return v, true
}

// folded is a message read as one line, in a buffer on the caller's
// stack, with where each of its pieces stands in the message.
type folded struct {
	buf     [maxFolded]byte
	n       int
	segs    [maxPieces]struct{ at, from int } // buf[at:] holds the message from offset from
	nseg    int
	esc     bool // the message has ESC, so may be in ISO-2022-JP
	shifted bool // in a run of ISO-2022-JP that is not ASCII
	jis     bool // a run was read as EUC-JP
}

// text returns the folded message.
func (f *folded) text() []byte { return f.buf[:f.n] }

// fold folds msg into f, and reports whether there was anything to fold
// and room to do it: msg has a line break or a seam, at most maxPieces
// pieces, and fits in the buffer.
func (f *folded) fold(msg string) bool {
	if len(msg) > maxFolded {
		return false
	}
	changed := false
	f.esc = strings.IndexByte(msg, 0x1b) >= 0
	var (
		first status.Enhanced // the first enhanced code after a line's reply code; zero until there is one
		code  string          // the code of the last seam
	)
	for start := 0; start < len(msg); {
		end := start + strings.IndexByte(msg[start:], '\n')
		if end < start {
			end = len(msg)
		} else {
			changed = true
		}
		next := end + 1
		for end > start && msg[end-1] == '\r' {
			end--
		}
		line := msg[:end]
		i := start
		if end-i >= 4 && replyCode(msg[i:]) && (msg[i+3] == '-' || msg[i+3] == ' ') {
			if msg[i+3] == '-' {
				code = msg[i : i+3]
			}
			i += 4 // the reply code, as raw replies repeat it
			changed = true
		}
		if e, rest, ok := status.CutEnhanced(line[i:]); ok && (rest == "" || rest[0] == ' ') {
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
		join := true // the piece starts a line: a blank joins it to the one before
		from := i
		for k := max(i, start+1); k < end; {
			at, n := nextSeam(line, k, &code)
			if at < 0 {
				break
			}
			if !f.add(msg, from, at, join) {
				return false
			}
			join, changed = false, true
			from = at + n
			k = from
		}
		if !f.add(msg, from, end, join) {
			return false
		}
		start = next
	}
	return changed || f.jis
}

// add appends msg[from:to] to the folded text, after a blank if join is
// set and the text is not empty, and reports whether there was room.
func (f *folded) add(msg string, from, to int, join bool) bool {
	if from >= to {
		return true
	}
	if f.nseg == maxPieces {
		return false
	}
	if join && f.n > 0 {
		f.buf[f.n] = ' '
		f.n++
	}
	f.segs[f.nseg].at, f.segs[f.nseg].from = f.n, from
	f.nseg++
	if !f.esc {
		f.n += copy(f.buf[f.n:], msg[from:to])
		return true
	}
	for i := from; i < to; i++ {
		c := msg[i]
		switch {
		case c == 0x1b && i+2 < len(msg):
			// An escape sequence of ISO-2022-JP (RFC 1468), and JIS X
			// 0212's ESC $ ( D and JIS X 0201's ESC ( I, which are not.
			switch msg[i+1 : i+3] {
			case "$B", "$@", "$(", "(I":
				f.shifted = true
			case "(B", "(J":
				f.shifted = false
			}
		case f.shifted && 0x21 <= c && c <= 0x7e:
			c |= 0x80
			f.jis = true
		}
		f.buf[f.n] = c
		f.n++
	}
	return true
}

// nextSeam returns where the first seam at line[k:] or after it starts,
// and its length; -1 if there is none. code is the code of the last seam,
// which a seam with "-" sets. It looks only where a seam can start: three
// bytes before a "-", and where the code of the last seam stands.
func nextSeam(line string, k int, code *string) (at, n int) {
	for k+4 <= len(line) {
		at = -1
		if j := strings.IndexByte(line[k+3:], '-'); j >= 0 {
			at = k + j
		}
		if *code != "" {
			if j := strings.Index(line[k:], *code); j >= 0 && (at < 0 || k+j < at) {
				at = k + j
			}
		}
		if at < 0 {
			break
		}
		if n := seamAt(line, at, code); n > 0 {
			return at, n
		}
		k = at + 1
	}
	return -1, 0
}

// seamAt returns the length of the seam at line[k:], 0 if there is none
// there; code is the code of the last seam, which a seam with "-" sets.
func seamAt(line string, k int, code *string) int {
	if !isBlank(line[k-1]) || len(line)-k < 4 || !replyCode(line[k:]) {
		return 0
	}
	switch c := line[k : k+3]; line[k+3] {
	case '-':
		*code = c
	case ' ':
		if c != *code {
			return 0
		}
	default:
		return 0
	}
	n := 4
	if _, rest, ok := status.CutEnhanced(line[k+n:]); ok && (rest == "" || isBlank(rest[0])) {
		n = len(line) - k - len(rest)
	}
	for k+n < len(line) && isBlank(line[k+n]) {
		n++
	}
	return n
}

// replyCode reports whether s starts with a reply code of class 2, 4 or 5.
func replyCode(s string) bool {
	return len(s) >= 3 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && isDigit(s[1]) && isDigit(s[2])
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// span maps the span [start, end) of the folded text back to the message.
func (f *folded) span(start, end int) (int, int) {
	return f.offset(start, false), f.offset(end, true)
}

// offset maps offset x of the folded text to the message; an end offset
// is mapped from the byte before it, so that it stays in the same piece.
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
