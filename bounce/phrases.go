package bounce

// The phrases of the built-in automaton. Its owner of a phrase is the
// phrase's index in builtinPhrases, which says what the phrase stands for
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
//     the byte before it. A code that starts with "_" ("_104" of Orange's
//     "OFR004_104") ends a token: its start is free. A code phrase that
//     ends with "*" in the table is a code's stem ("aup#urlbl*" for
//     "AUP#URLBL011"): its end is free.
//   - No phrase of a rule decides inside an e-mail address, with or without
//     angle brackets ("taro_100@docomo.ne.jp" holds no code "_100"): the
//     walk jumps over "<…@…>", and weigh drops a phrase whose bytes lie
//     within a bare local@domain.

// A phrase is what weigh knows of a phrase of the built-in automaton.
type phrase struct {
	owner int32 // the rule (an index in textRules), numTextRules plus a narration index, or a mark
	flags uint8
}

// markFold is the owner of the phrases that say a message is to be
// folded before its words are read (see fold.go): a line break, and the
// seams of folded replies ("550-").
const markFold int32 = -1

// The flags of a phrase.
const (
	wordStart  = 1 << iota // the byte before is not an ASCII letter or digit
	tokenStart             // the byte before does not continue a code
	tokenEnd               // the byte after does not continue a code
)

// builtinPhrases and builtinPatterns are the phrases of the built-in
// automaton, made from the tables when the package starts: the patterns
// are what the automaton finds, the phrases what weigh knows of them.
var builtinPhrases, builtinPatterns = makePhrases()

// makePhrases makes the phrases and patterns of textRules and narration.
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
		patterns = append(patterns, pattern{text: text, owner: int32(len(phrases)), anchored: anchored})
		phrases = append(phrases, phrase{owner: owner, flags: flags})
	}
	for i, r := range textRules {
		for _, p := range r.phrases {
			add(p, int32(i), true)
		}
	}
	for i, n := range narration {
		add(n.phrase, numTextRules+int32(i), true)
	}
	add("\n", markFold, false)
	for _, c := range seamCodes {
		add(c+"-", markFold, false)
	}
	return phrases, patterns
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
func fits[T text](p *phrase, msg T, h found) bool {
	switch {
	case p.flags&wordStart != 0 && h.start > 0 && isAlnum(msg[h.start-1]):
		return false
	case p.flags&tokenStart != 0 && h.start > 0 && continuesCode(msg, h.start-1, -1):
		return false
	case p.flags&tokenEnd != 0 && h.end < len(msg) && continuesCode(msg, h.end, 1):
		return false
	}
	return !inBareAddress(msg, h.start, h.end)
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

// isAddressByte reports whether c can stand in an e-mail address: RFC
// 5322's atext, "." and "@".
func isAddressByte(c byte) bool {
	if isAlnum(c) {
		return true
	}
	switch c {
	case '.', '@', '!', '#', '$', '%', '&', '\'', '*', '+', '-', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~':
		return true
	}
	return false
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// marked reports whether l holds a mark of owner.
func marked(l *hitList, owner int32) bool {
	for _, h := range l.all() {
		if builtinPhrases[h.owner].owner == owner {
			return true
		}
	}
	return false
}
