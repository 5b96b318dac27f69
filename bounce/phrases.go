package bounce

import (
	"strings"

	"github.com/haishin/status"
)

// The phrases of the built-in automaton. The automaton's owner of a
// phrase is the phrase's index in builtinPhrases, which says what the phrase stands for
// (a rule of the tables in rules.go, a narration phrase, or a mark) and
// where it may stand; weigh checks that on the few phrases found, so that
// the automaton itself knows nothing of rules, words or tokens.
//
// Where a phrase may stand:
//   - A phrase whose first byte is an ASCII letter or digit starts a word:
//     the byte before it is not a letter or digit ("virus" is not found
//     in "antivirus", nor "spam" in "nospam"). Its end is free, so that a
//     phrase is also the stem of longer words ("greylist" in
//     "greylisted", "complaint" in "complaints").
//   - A phrase that is a code (see isCode: "ib104", "aup#cxbl", "rp-001",
//     "#bl0000") is a whole token: besides, the byte after it is not a
//     letter or digit, nor one of the bytes that join a code's parts
//     ("_", "#", and "-" or "." before a letter or digit), and neither is
//     the byte before it. A code that starts with "_" or "#" ("_104" of
//     Orange's "OFR004_104", "#bl0000" of Comcast's URL fragment) ends a
//     token or follows its mark: its start is free. A code phrase that
//     ends with "*" in the table is a code's stem ("aup#urlbl*" for
//     "AUP#URLBL011"): its end is free.
//   - No phrase of a rule decides inside an e-mail address, with or without
//     angle brackets ("taro_100@docomo.ne.jp" holds no code "_100"): the
//     walk jumps over "<…@…>", and weigh drops a phrase whose bytes lie
//     within a bare local@domain.
//   - A Japanese phrase is found in UTF-8 as the table writes it, and in
//     Shift_JIS and EUC-JP in the forms of japanese_gen.go, which
//     internal/gen makes from the tables (see go:generate below). A form
//     counts only in a message of its encoding ([status.DetectCharset] of
//     the message, once a form is found), byte for byte (the automaton
//     folds the ASCII bytes of a Shift_JIS form's trail bytes), and on the
//     first byte of a character, not inside one. A message in ISO-2022-JP
//     is read as EUC-JP: its two-byte runs, between ESC $ B (or ESC $ @)
//     and ESC ( B (or ESC ( J), are the bytes of EUC-JP less 0x80, and the
//     fold (fold.go) sets that bit, so that the EUC-JP forms are found in
//     them and no ASCII phrase is. Where the message cannot be folded (it
//     is too long), an ASCII phrase inside a two-byte run does not count.
//     The forms of UTF-8, which no other encoding's bytes can hold, count
//     in any message.

//go:generate sh -c "cd ../internal/gen && go run ."

// A phrase is what weigh knows of a phrase of the built-in automaton.
type phrase struct {
	owner int32 // the rule (an index in textRules), numTextRules plus a narration index, or a mark
	flags uint8
	form  string // the bytes of a Japanese phrase's form in Shift_JIS or EUC-JP
}

// A japaneseForm is a Japanese phrase of the tables and its bytes in
// Shift_JIS and in EUC-JP.
type japaneseForm struct{ text, shiftJIS, eucJP string }

// The marks: owners of phrases that are not a rule's evidence.
const (
	// markFold: the message is to be folded before its words are read
	// (see fold.go): a line break, or the seam of a folded reply ("550-").
	markFold int32 = -1 - iota
	// markJIS: ESC $, so the message may be in ISO-2022-JP, and is to be
	// folded too.
	markJIS
	// markDNSRetry: the words of dnsRetry, which count only under the
	// service's DNS codes.
	markDNSRetry
)

// The flags of a phrase.
const (
	wordStart   = 1 << iota // the byte before is not an ASCII letter or digit
	tokenStart              // the byte before does not continue a code
	tokenEnd                // the byte after does not continue a code
	shiftJIS                // the form in Shift_JIS of a Japanese phrase
	eucJP                   // the form in EUC-JP of a Japanese phrase
	addressLike             // every byte may stand in an e-mail address, so the phrase may lie within one
)

// builtinPhrases and builtinPatterns are the phrases of the built-in
// automaton, made from the tables when the package starts: the patterns
// are what the automaton finds, the phrases what weigh knows of them.
var builtinPhrases, builtinPatterns = makePhrases()

// makePhrases makes the phrases and patterns of textRules (and the
// Japanese forms of their phrases), narration, dnsRetry and the marks;
// word is false for a mark, which has no boundaries to check.
func makePhrases() ([]phrase, []pattern) {
	var (
		phrases  []phrase
		patterns []pattern
	)
	add := func(p string, owner int32, word bool) {
		text, anchored, stem := phraseSyntax(p)
		var flags uint8
		switch {
		case !word:
		case isCode(text):
			if isAlnum(text[0]) {
				flags |= tokenStart
			}
			if !stem && isAlnum(text[len(text)-1]) {
				flags |= tokenEnd
			}
		case isAlnum(text[0]):
			flags |= wordStart
		}
		if addressBytesOnly(text) {
			flags |= addressLike
		}
		patterns = append(patterns, pattern{text: text, owner: int32(len(phrases)), anchored: anchored})
		phrases = append(phrases, phrase{owner: owner, flags: flags})
	}
	forms := make(map[string]japaneseForm, len(japaneseForms))
	for _, f := range japaneseForms {
		forms[f.text] = f
	}
	for i, r := range textRules {
		for _, p := range r.phrases {
			add(p, int32(i), true)
			if f, ok := forms[p]; ok {
				for _, e := range [...]struct {
					form string
					flag uint8
				}{{f.shiftJIS, shiftJIS}, {f.eucJP, eucJP}} {
					patterns = append(patterns, pattern{text: e.form, owner: int32(len(phrases))})
					phrases = append(phrases, phrase{owner: int32(i), flags: e.flag, form: e.form})
				}
			}
		}
	}
	for i, n := range narration {
		add(n.phrase, numTextRules+int32(i), true)
	}
	for _, p := range dnsRetry.phrases {
		add(p, markDNSRetry, true)
	}
	add("\n", markFold, false)
	add("\x1b$", markJIS, false)
	for _, c := range seamCodes {
		add(c+"-", markFold, false)
	}
	return phrases, patterns
}

// markRange returns the indexes in builtinPhrases of the marks markFold
// and markJIS, from the first to one past the last: makePhrases adds them
// last.
func markRange() [2]int32 {
	k := len(builtinPhrases)
	for k > 0 && (builtinPhrases[k-1].owner == markFold || builtinPhrases[k-1].owner == markJIS) {
		k--
	}
	return [2]int32{int32(k), int32(len(builtinPhrases))}
}

// phraseSyntax returns the text of a phrase as the tables write it, and
// whether it is anchored at the start of the message (a leading "^") and
// a code's stem (a trailing "*").
func phraseSyntax(p string) (text string, anchored, stem bool) {
	text = p
	if anchored = len(text) > 1 && text[0] == '^'; anchored {
		text = text[1:]
	}
	if stem = len(text) > 1 && text[len(text)-1] == '*'; stem {
		text = text[:len(text)-1]
	}
	return text, anchored, stem
}

// isCode reports whether a phrase is a code, which must be a whole token:
// one word (no blank) of ASCII letters and digits with a digit in it, or
// with "_" or "#" between its parts.
func isCode(p string) bool {
	digit, joined := false, false
	for i := range len(p) {
		switch c := p[i]; {
		case isDigit(c):
			digit = true
		case c == '_' || c == '#':
			joined = true
		case c == ' ' || c >= 0x80:
			return false
		}
	}
	return digit || joined
}

// fits reports whether the phrase p, found at msg[h.start:h.end], stands
// where it may (see the comment at the top of this file).
func fits[T text](p *phrase, msg T, h found, f *facts) bool {
	switch {
	case p.flags&shiftJIS != 0:
		return string(msg[h.start:h.end]) == p.form && f.charset() == status.ShiftJIS && shiftJISStart(msg, h.start)
	case p.flags&eucJP != 0:
		cs := f.charset()
		return (cs == status.EUCJP || cs == status.ISO2022JP) && eucJPStart(msg, h.start)
	case p.flags&wordStart != 0 && h.start > 0 && isAlnum(msg[h.start-1]):
		return false
	case p.flags&tokenStart != 0 && h.start > 0 && continuesCode(msg, h.start-1, -1):
		return false
	case p.flags&tokenEnd != 0 && h.end < len(msg) && continuesCode(msg, h.end, 1):
		return false
	case f.jis && inJISRun(msg, h.start):
		return false
	}
	return p.flags&addressLike == 0 || !inBareAddress(msg, h.start, h.end)
}

// continuesCode reports whether msg[i], next to a code on the side dir
// (-1 before it, 1 after it), continues the code: a letter or digit, "_"
// or "#", or a "-" or "." with a letter or digit beyond it.
func continuesCode[T text](msg T, i, dir int) bool {
	switch c := msg[i]; {
	case isAlnum(c) || c == '_' || c == '#':
		return true
	case c == '-' || c == '.':
		j := i + dir
		return j >= 0 && j < len(msg) && isAlnum(msg[j])
	}
	return false
}

// inBareAddress reports whether msg[start:end] lies within an e-mail
// address without angle brackets: a run of the bytes of addresses (RFC
// 5322's atext, "." and "@", at most maxAddress of them) around it that
// holds an "@" with a byte of the run on each side.
func inBareAddress[T text](msg T, start, end int) bool {
	for i := start; i < end; i++ {
		if !isAddressByte(msg[i]) {
			return false
		}
	}
	at := -1
	i := start
	for i > 0 && start-i < maxAddress && isAddressByte(msg[i-1]) {
		i--
		if msg[i] == '@' {
			at = i
		}
	}
	j := end
	for j < len(msg) && j-end < maxAddress && isAddressByte(msg[j]) {
		if msg[j] == '@' && at < 0 {
			at = j
		}
		j++
	}
	return at > i && at < j-1
}

// addressBytesOnly reports whether every byte of s can stand in an e-mail
// address (see isAddressByte).
func addressBytesOnly(s string) bool {
	for i := range len(s) {
		if !isAddressByte(s[i]) {
			return false
		}
	}
	return true
}

// isAddressByte reports whether c can stand in an e-mail address: RFC
// 5322's atext, "." and "@".
func isAddressByte(c byte) bool { return addressBytes[c] }

// addressBytes holds isAddressByte of each byte: a table, as inBareAddress
// asks it of every byte around a phrase.
var addressBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isAlnum(byte(c)) || strings.IndexByte(".@!#$%&'*+-/=?^_`{|}~", byte(c)) >= 0
	}
	return t
}()

// shiftJISStart reports whether msg[i] starts a character of Shift_JIS
// text: walking from the last byte before it that is below 0x40, which no
// character's second byte is, the characters do not run over it.
func shiftJISStart[T text](msg T, i int) bool {
	j := i
	for j > 0 && msg[j-1] >= 0x40 {
		j--
	}
	for j < i {
		if c := msg[j]; 0x81 <= c && c <= 0x9f || 0xe0 <= c && c <= 0xfc {
			j += 2 // a lead byte, as status.DetectCharset reads it
		} else {
			j++
		}
	}
	return j == i
}

// eucJPStart reports whether msg[i] starts a character of EUC-JP text: an
// even number of bytes above 0x7F stand before it in their run.
func eucJPStart[T text](msg T, i int) bool {
	j := i
	for j > 0 && msg[j-1] >= 0x80 {
		j--
	}
	return (i-j)%2 == 0
}

// inJISRun reports whether msg[i] is inside a run of ISO-2022-JP that is
// not ASCII: the last escape sequence before it is not ESC ( B or
// ESC ( J.
func inJISRun[T text](msg T, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if msg[j] == 0x1b {
			return !(j+2 < len(msg) && msg[j+1] == '(' && (msg[j+2] == 'B' || msg[j+2] == 'J'))
		}
	}
	return false
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// marks reports whether l holds the marks markFold and markJIS.
func marks(l *hitList) (fold, jis bool) {
	for _, h := range l.all() {
		switch builtinPhrases[h.owner].owner {
		case markFold:
			fold = true
		case markJIS:
			jis = true
		}
	}
	return fold, jis
}
