package status

import (
	"errors"
	"log/slog"
	"strconv"
	"unicode/utf8"

	"github.com/haishin/status/internal/quote"
)

// Result is one parsed result line: the status of one address.
type Result struct {
	Code Code
	// Category is the category the line reports: LE, BE, or 0 for "-".
	Category Category
	// Message is the rest of the line, byte for byte: the reply of the MTA
	// or the recipient's server, or the text of a bounce mail. It is not
	// necessarily valid UTF-8.
	Message string
}

// The errors that can be returned in [ParseError.Err].
var (
	ErrCode        = errors.New("status: bad status code")
	ErrCategory    = errors.New("status: bad category")
	ErrLineTooLong = errors.New("status: line too long")
)

// The errors that [Result.Validate] wraps: the line is well formed, but the
// catalog does not explain it.
var (
	ErrUnknownCode      = errors.New("status: unknown code")
	ErrCategoryMismatch = errors.New("status: category mismatch")
)

// ParseError is a line that does not follow the grammar of a result line.
type ParseError struct {
	Line   int    // 1-based line number in the Reader's input; 0 from ParseLine
	Column int    // 1-based byte column where the problem starts
	Text   string // the line without its line ending; for ErrLineTooLong, its first 256 bytes or MaxLineLength bytes if that is less
	Err    error  // ErrCode, ErrCategory or ErrLineTooLong
}

// maxErrorText is how much of an overlong line a ParseError keeps.
const maxErrorText = 256

// Error names the line (when known), the column, what is wrong, and quotes
// the line, cut short when it is long:
//
//	status: bad category at line 3, column 5: "550 XE 5.1.1 <taro@example.jp>"
func (e *ParseError) Error() string {
	b := make([]byte, 0, 64+len(e.Text))
	if e.Err != nil {
		b = append(b, e.Err.Error()...)
	} else {
		b = append(b, "status: parse error"...)
	}
	b = append(b, " at "...)
	if e.Line > 0 {
		b = append(b, "line "...)
		b = strconv.AppendInt(b, int64(e.Line), 10)
		b = append(b, ", "...)
	}
	b = append(b, "column "...)
	b = strconv.AppendInt(b, int64(e.Column), 10)
	b = append(b, ": "...)
	b = append(b, quote.Cut(e.Text)...)
	return string(b)
}

// Unwrap returns e.Err, so that errors.Is(err, ErrCategory) works.
func (e *ParseError) Unwrap() error { return e.Err }

// ParseLine parses one result line. A trailing line ending ("\n", "\r\n" or
// any run of CR and LF) is removed; every other byte of the message is kept.
// The message of the Result is a substring of line.
//
// A line that breaks the grammar (see the package comment) is a
// [*ParseError] with Line 0. A well-formed line is returned even when the
// catalog does not know its code or its category: [Result.Validate] says so.
func ParseLine(line string) (Result, error) {
	line = trimEOL(line)
	code, cat, msg, off, err := scan(line)
	if err != nil {
		return Result{}, &ParseError{Column: off + 1, Text: line, Err: err}
	}
	return Result{Code: code, Category: cat, Message: line[msg:]}, nil
}

func trimEOL[T string | []byte](line T) T {
	n := len(line)
	for n > 0 && (line[n-1] == '\n' || line[n-1] == '\r') {
		n--
	}
	return line[:n]
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scan parses a line without its line ending. On success it returns the
// code, the category and the offset where the message starts; otherwise
// the sentinel error and the 0-based offset where the problem starts.
// It is generic so that ParseLine (string) and the Reader ([]byte) share it
// without copying.
func scan[T string | []byte](line T) (code Code, cat Category, msg, off int, err error) {
	// Most lines start with a code of three digits and a space: take those
	// at once, and leave leading blanks, signs and other lengths to
	// scanCode.
	var i int
	if len(line) > 3 && line[3] == ' ' && isDigit(line[0]) && isDigit(line[1]) && isDigit(line[2]) {
		code, i = Code(line[0]-'0')*100+Code(line[1]-'0')*10+Code(line[2]-'0'), 4
	} else if code, i, err = scanCode(line); err != nil {
		return 0, 0, 0, i, err
	}

	// The category: LE or BE in any letter case, "-" or "–" for none,
	// followed by a blank or the end of the line.
	for i < len(line) && isBlank(line[i]) {
		i++
	}
	start := i
	rest := line[i:]
	switch {
	case endsToken(rest, 2) && rest[1]|0x20 == 'e' && rest[0]|0x20 == 'l':
		cat, i = LE, i+2
	case endsToken(rest, 2) && rest[1]|0x20 == 'e' && rest[0]|0x20 == 'b':
		cat, i = BE, i+2
	case endsToken(rest, 1) && rest[0] == '-':
		i++
	case endsToken(rest, 3) && string(rest[:3]) == "–":
		i += 3
	default:
		return 0, 0, 0, start, ErrCategory
	}

	for i < len(line) && isBlank(line[i]) {
		i++
	}
	return code, cat, i, 0, nil
}

// scanCode parses the code at the start of line, after any blanks: an
// optional sign and decimal digits that fit in an int, followed by a blank
// or the end of the line. It returns the code and where it ends, or
// ErrCode and where the code starts.
func scanCode[T string | []byte](line T) (Code, int, error) {
	i := 0
	for i < len(line) && isBlank(line[i]) {
		i++
	}

	// n counts up to limit, the magnitude of the smallest int; it is
	// checked before each step, so that it never wraps around.
	const limit = uint64(^uint(0)>>1) + 1
	start := i
	neg := false
	if i < len(line) && (line[i] == '-' || line[i] == '+') {
		neg = line[i] == '-'
		i++
	}
	var n uint64
	digits := i
	for ; i < len(line) && isDigit(line[i]); i++ {
		d := uint64(line[i] - '0')
		if n > (limit-d)/10 {
			return 0, start, ErrCode
		}
		n = n*10 + d
	}
	if i == digits || (i < len(line) && !isBlank(line[i])) || (n == limit && !neg) {
		return 0, start, ErrCode
	}
	code := Code(n) // for n == limit, Code(limit) wraps to the smallest int, which negates to itself
	if neg {
		code = -code
	}
	return code, i, nil
}

// endsToken reports whether s has at least n bytes and the n-th is the last
// of a token: the end of s or a blank follows it.
func endsToken[T string | []byte](s T, n int) bool {
	return len(s) == n || len(s) > n && isBlank(s[n])
}

// String returns the line in canonical form: the code, one space, the
// category ("-" for none) and, unless it is empty, one space and the
// message. ParseLine(r.String()) returns r for every r that ParseLine or a
// Reader returned.
func (r Result) String() string {
	b := make([]byte, 0, 8+len(r.Message))
	b = strconv.AppendInt(b, int64(r.Code), 10)
	b = append(b, ' ')
	b = append(b, r.Category.String()...)
	if r.Message != "" {
		b = append(b, ' ')
		b = append(b, r.Message...)
	}
	return string(b)
}

// maxLogMessage is how much of a message LogValue keeps: the longest reply
// line SMTP allows, so that a server's reply is logged whole and the text
// of a bounce mail is not.
const maxLogMessage = 512

// LogValue implements [log/slog.LogValuer]: a Result logs as a group of
//
//   - code, the code as a number;
//   - category, "LE", "BE" or "-", as [Category.String] writes it;
//   - enhanced, the code [Result.Enhanced] finds, such as "5.1.1", only
//     when there is one;
//   - message, only when it is not empty. A message longer than 512 bytes,
//     the longest reply line SMTP allows (RFC 5321, section 4.5.3.1.5), is
//     cut at a character boundary and ends in "...", so that the text of a
//     bounce mail does not fill the log.
//
// For example, with a [log/slog.TextHandler],
//
//	logger.Warn("delivery failed", "to", addr, "result", res)
//
// logs
//
//	level=WARN msg="delivery failed" to=taro@example.jp result.code=550 result.category=BE result.enhanced=5.1.1 result.message="5.1.1 <taro@example.jp>: User unknown"
func (r Result) LogValue() slog.Value {
	var attrs [4]slog.Attr
	attrs[0] = slog.Int("code", int(r.Code))
	attrs[1] = slog.String("category", r.Category.String())
	n := 2
	if e, ok := r.Enhanced(); ok {
		attrs[n] = slog.String("enhanced", e.String())
		n++
	}
	if r.Message != "" {
		attrs[n] = slog.String("message", cutMessage(r.Message))
		n++
	}
	return slog.GroupValue(attrs[:n]...)
}

// cutMessage returns msg, or, if it is longer than maxLogMessage bytes, its
// start cut at a rune boundary (for UTF-8) and "...".
func cutMessage(msg string) string {
	if len(msg) <= maxLogMessage {
		return msg
	}
	n := maxLogMessage
	for n > maxLogMessage-utf8.UTFMax && !utf8.RuneStart(msg[n]) {
		n--
	}
	return msg[:n] + "..."
}

// Status returns the catalog row of the result's code: Lookup(r.Code).
func (r Result) Status() (Status, bool) {
	return Lookup(r.Code)
}

// Validate checks the result against the catalog. It returns nil when the
// catalog lists the code and allows the line's category for it (code 250
// takes no category, every other code one of its row's); otherwise an
// error wrapping [ErrUnknownCode] or [ErrCategoryMismatch].
func (r Result) Validate() error {
	s, ok := Lookup(r.Code)
	if !ok {
		return &validationError{err: ErrUnknownCode, r: r}
	}
	if (s.Category == 0) != (r.Category == 0) || (s.Category != 0 && r.Category&^s.Category != 0) {
		return &validationError{err: ErrCategoryMismatch, r: r, want: s.Category}
	}
	return nil
}

// validationError is what Validate returns.
type validationError struct {
	err  error
	r    Result
	want Category
}

func (e *validationError) Error() string {
	if e.err == ErrUnknownCode {
		return e.err.Error() + " " + e.r.Code.String() + ": not in the catalog"
	}
	return e.err.Error() + ": code " + e.r.Code.String() + " is " + e.want.String() +
		" in the catalog, the line says " + e.r.Category.String()
}

func (e *validationError) Unwrap() error { return e.err }

// Enhanced is an enhanced mail system status code of RFC 3463, such as
// 5.1.1: a class (2 success, 4 persistent transient failure, 5 permanent
// failure), a subject and a detail. Most 5xx and 4xx replies carry one,
// and it says far more than the reply code.
type Enhanced struct{ Class, Subject, Detail int }

// enhancedCode is one row of the registry of enhanced status codes.
type enhancedCode struct {
	subject, detail int
	title           string
	reference       string // the document that defines the code
}

// ParseEnhanced parses exactly "class.subject.detail", where the class is
// 2, 4 or 5 and the subject and detail are 0 to 999 without leading zeros,
// as RFC 3463 has them. Any other text is an error wrapping [ErrEnhanced].
func ParseEnhanced(s string) (Enhanced, error) {
	return parseEnhanced(s)
}

// parseEnhanced is shared by ParseEnhanced and UnmarshalText.
func parseEnhanced[T string | []byte](s T) (Enhanced, error) {
	e, n := scanEnhanced(string(s))
	if n == 0 || n != len(s) {
		return Enhanced{}, &valueError{kind: ErrEnhanced, text: string(s)}
	}
	return e, nil
}

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Enhanced.String] to b. It fails for a code that [ParseEnhanced] would
// not accept, such as the zero Enhanced.
func (e Enhanced) AppendText(b []byte) ([]byte, error) {
	if !e.valid() {
		return b, &valueError{kind: ErrEnhanced, text: e.String()}
	}
	return e.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Enhanced.String], so that JSON has "5.1.1" rather than an object.
func (e Enhanced) MarshalText() ([]byte, error) {
	return e.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseEnhanced] accepts.
func (e *Enhanced) UnmarshalText(text []byte) error {
	v, err := parseEnhanced(text)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// valid reports whether e is a code that ParseEnhanced accepts.
func (e Enhanced) valid() bool {
	return (e.Class == 2 || e.Class == 4 || e.Class == 5) &&
		e.Subject >= 0 && e.Subject <= 999 && e.Detail >= 0 && e.Detail <= 999
}

// scanEnhanced parses an enhanced status code at the start of s and
// returns it and its length, or a length of 0.
func scanEnhanced(s string) (Enhanced, int) {
	if len(s) < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.' {
		return Enhanced{}, 0
	}
	subject, n := scanSubcode(s[2:])
	if n == 0 || 2+n >= len(s) || s[2+n] != '.' {
		return Enhanced{}, 0
	}
	i := 3 + n
	detail, n := scanSubcode(s[i:])
	if n == 0 {
		return Enhanced{}, 0
	}
	return Enhanced{int(s[0] - '0'), subject, detail}, i + n
}

// scanSubcode parses 1 to 3 digits without a leading zero at the start of
// s; it returns 0 for the length when there are none or when more digits
// follow.
func scanSubcode(s string) (int, int) {
	n, v := 0, 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		if n == 3 || (n == 1 && s[0] == '0') {
			return 0, 0
		}
		v = v*10 + int(s[n]-'0')
		n++
	}
	return v, n
}

// FindEnhanced returns the enhanced status code in msg, found where
// servers write one: at the start ("5.1.1 <taro@example.jp>: ..."), after
// the reply code ("550 5.7.1 ...", "550-5.1.1 ...", "smtp; 550 5.1.1 ..."),
// or after "#" or in brackets ("#5.1.0", "(5.2.2)"). The first code in one
// of those places wins. A code elsewhere ("Status: 5.1.1") is taken only
// when no code stands in such a place and the IANA registry lists it, so
// that versions such as "Dovecot 2.3.16" or "Exim 4.94.2" and dates such as
// "4.5.24" are not taken for codes.
//
// The code must stand on its own: a digit, letter or dot before it (as in
// the IP address 192.0.2.1, the version v1.2.3 or 4.5.1.2), or a digit,
// letter or "-" and a letter after it (as in 5.0.0-beta), disqualifies it.
// Of the codes RFC 3463 allows, it only returns those with one of the
// subjects 0 to 7 that RFC 3463 defines.
func FindEnhanced(msg string) (Enhanced, bool) {
	e, _, _, ok := findEnhanced(msg, 0)
	return e, ok
}

// FindEnhancedIndex is [FindEnhanced] that also says where the code stands
// in msg: msg[start:end] is the text of e. Both come from the one search,
// so the span is that of the code FindEnhanced returns, wherever the same
// digits appear first: in "mx v5.2.2 says: 552 5.2.2 sorry" it is the
// second "5.2.2", not the version. When ok is false, e is the zero Enhanced
// and start and end are 0. It does not allocate.
func FindEnhancedIndex(msg string) (e Enhanced, start, end int, ok bool) {
	return findEnhanced(msg, 0)
}

// findEnhanced is FindEnhanced preferring codes of class want (2, 4 or 5)
// and ruling out class 2 when want is 4 or 5, and returning where the code
// stands in msg. A code in a strong place whose class agrees wins at once;
// otherwise the best by rank: strong places before weak ones, then agreeing
// classes before others, then the first.
func findEnhanced(msg string, want int) (Enhanced, int, int, bool) {
	var best Enhanced
	bestStart, bestEnd := 0, 0
	bestRank := 4 // no code found yet
	for i := 0; i+5 <= len(msg); i++ {
		c := msg[i]
		if c != '2' && c != '4' && c != '5' {
			continue
		}
		if want > 2 && c == '2' {
			continue
		}
		strong := enhancedStrong(msg, i)
		if i > 0 && !strong && !enhancedBefore(msg, i) {
			continue
		}
		e, n := scanEnhanced(msg[i:])
		if n == 0 || e.Subject >= len(enhancedSubjects) {
			continue
		}
		if j := i + n; j < len(msg) && !enhancedAfter(msg[j:]) {
			continue
		}
		rank := 0
		if !strong {
			if _, ok := e.registered(); !ok {
				continue
			}
			rank = 2
		}
		if want != 0 && e.Class != want {
			rank++
		}
		if rank == 0 {
			return e, i, i + n, true
		}
		if rank < bestRank {
			best, bestStart, bestEnd, bestRank = e, i, i+n, rank
		}
		i += n - 1
	}
	return best, bestStart, bestEnd, bestRank < 4
}

// enhancedStrong reports whether a code at msg[i] stands where servers
// put enhanced codes: at the start of msg, after "#" or an opening
// bracket, or after a reply code and a space or "-".
func enhancedStrong(msg string, i int) bool {
	if i == 0 {
		return true
	}
	switch msg[i-1] {
	case '#', '(', '[':
		return true
	case ' ', '-':
		return i >= 4 && isDigits(msg[i-4:i-1]) && (i == 4 || !isWordByte(msg[i-5]) && msg[i-5] != '.')
	}
	return false
}

// enhancedBefore reports whether msg[i-1] may stand before an enhanced
// code at msg[i] that is not in a strong place: anything but a letter,
// digit, dot, "-" or other word byte.
func enhancedBefore(msg string, i int) bool {
	c := msg[i-1]
	return !isWordByte(c) && c != '.' && c != '-'
}

// enhancedAfter reports whether rest may follow an enhanced code: anything
// but a letter or digit, and a dot or "-" only where no word follows it
// (the end of a sentence, not "5.0.0-beta").
func enhancedAfter(rest string) bool {
	if rest[0] == '.' || rest[0] == '-' {
		return len(rest) == 1 || !isWordByte(rest[1])
	}
	return !isWordByte(rest[0])
}

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Enhanced returns the enhanced status code in the result's message, as
// [FindEnhanced] finds it, but preferring a code whose class agrees with
// the result's reply code: for a 4xx or 5xx code it takes a class 4 or 5
// code of the same class first, and never one of class 2, which would say
// the failure was a success.
func (r Result) Enhanced() (Enhanced, bool) {
	e, _, _, ok := findEnhanced(r.Message, r.enhancedClass())
	return e, ok
}

// EnhancedIndex is [Result.Enhanced] that also says where the code stands
// in the message: r.Message[start:end] is the text of e, which is the code
// Enhanced returns, chosen by the same rules (the reply code's class first,
// never class 2 for a 4xx or 5xx) in the same search. When ok is false, e
// is the zero Enhanced and start and end are 0. It does not allocate.
func (r Result) EnhancedIndex() (e Enhanced, start, end int, ok bool) {
	return findEnhanced(r.Message, r.enhancedClass())
}

// enhancedClass is the class of enhanced code that the reply code asks
// for: 2, 4 or 5 for a 2xx, 4xx or 5xx code, otherwise 0 for any.
func (r Result) enhancedClass() int {
	if r.Code >= 200 && r.Code < 600 && r.Code/100 != 3 {
		return int(r.Code / 100)
	}
	return 0
}

// String returns the code as "class.subject.detail", such as "5.1.1".
func (e Enhanced) String() string {
	return string(e.appendText(make([]byte, 0, 12)))
}

func (e Enhanced) appendText(b []byte) []byte {
	b = strconv.AppendInt(b, int64(e.Class), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(e.Subject), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(e.Detail), 10)
	return b
}

// Description returns the title the IANA registry of enhanced status codes
// gives the code ("Bad destination mailbox address" for 5.1.1), or its
// subject's title ("Addressing Status" for 5.1.99) when the registry does
// not list the detail, or else its class's title. It returns "" for a
// class other than 2, 4 and 5, which RFC 3463 does not define.
func (e Enhanced) Description() string {
	if e.Class != 2 && e.Class != 4 && e.Class != 5 {
		return ""
	}
	if c, ok := e.registered(); ok {
		return c.title
	}
	if e.Subject >= 0 && e.Subject < len(enhancedSubjects) {
		return enhancedSubjects[e.Subject]
	}
	return enhancedClasses[e.Class]
}

// Reference returns the document that defines the code in the IANA
// registry, such as "RFC 3463", or "" when the registry does not list it
// or the class is not 2, 4 or 5.
func (e Enhanced) Reference() string {
	c, _ := e.registered()
	return c.reference
}

func (e Enhanced) registered() (enhancedCode, bool) {
	if e.Class != 2 && e.Class != 4 && e.Class != 5 {
		return enhancedCode{}, false
	}
	for _, c := range enhancedCodes {
		if c.subject == e.Subject && c.detail == e.Detail {
			return c, true
		}
	}
	return enhancedCode{}, false
}

// Permanent reports whether the code is a permanent failure (class 5):
// sending the same mail again will fail the same way. It does not say that
// the address is dead: a 5.x.x is as often a refusal of the sender, its
// IP address or the content as it is an unknown user (on real bounce mails,
// Permanent agrees with a hard bounce less than half the time). Package
// [github.com/haishin/status/bounce] tells the two apart.
func (e Enhanced) Permanent() bool { return e.Class == 5 }

// Transient reports whether the code is a persistent transient failure
// (class 4).
func (e Enhanced) Transient() bool { return e.Class == 4 }
