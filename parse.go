package status

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"unicode/utf8"

	"github.com/haishin/status/internal/quote"
)

// Result is one parsed result line: the status of one address.
//
// In JSON, a Result is an object with the keys the mailstatus command
// writes, code, category and message, and message_bytes when the message
// is not valid UTF-8 (see [Result.MarshalJSON]), so that every message
// reads back byte for byte.
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
// any run of CR and LF) is removed; every other byte of the message is kept,
// a CR inside the line too (a [Reader] ends a line there; ParseLine is given
// one line). The message of the Result is a substring of line. ParseLine
// has no limit on the length of a line; a [Reader] has one.
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

// resultJSON is a Result as JSON has it, with the keys of the mailstatus
// command's parse output.
type resultJSON struct {
	Code         Code     `json:"code"`
	Category     Category `json:"category"`
	Message      string   `json:"message"`
	MessageBytes []byte   `json:"message_bytes,omitempty"`
}

// MarshalJSON implements [encoding/json.Marshaler]: a Result is an object
// of its code (a number), its category (as [Category.String] writes it)
// and its message, such as
//
//	{"code":550,"category":"BE","message":"5.1.1 User unknown"}
//
// A JSON string holds only UTF-8, so that encoding/json writes U+FFFD for
// each byte of a message that is not part of valid UTF-8. Such a message
// also comes as message_bytes, its exact bytes in base64 (as encoding/json
// writes a []byte), which is what [Result.UnmarshalJSON] reads back:
//
//	{"code":550,"category":"BE","message":"\ufffd\ufffd user","message_bytes":"//4gdXNlcg=="}
//
// It fails only for a category that [Category.MarshalText] cannot write.
func (r Result) MarshalJSON() ([]byte, error) {
	j := resultJSON{Code: r.Code, Category: r.Category, Message: r.Message}
	if !utf8.ValidString(r.Message) {
		j.MessageBytes = []byte(r.Message)
	}
	// No HTML escapes here: json.Marshal adds them around a Marshaler's
	// output, and an Encoder with SetEscapeHTML(false) does not.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// errMessageBytes is what UnmarshalJSON returns for a message that is not
// the text of the message_bytes beside it.
var errMessageBytes = errors.New("status: a Result's message is not the text of its message_bytes")

// UnmarshalJSON implements [encoding/json.Unmarshaler]; it reads what
// [Result.MarshalJSON] writes. Where message_bytes is, the message is its
// bytes, and message must be their text as MarshalJSON writes it
// (U+FFFD for each byte that is not UTF-8); otherwise it is an error, so
// that neither is lost. JSON null leaves r as it is.
func (r *Result) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var j resultJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	if j.MessageBytes != nil {
		if validText(j.MessageBytes) != j.Message {
			return errMessageBytes
		}
		j.Message = string(j.MessageBytes)
	}
	*r = Result{Code: j.Code, Category: j.Category, Message: j.Message}
	return nil
}

// validText returns b as encoding/json writes it in a string: each byte
// that is not part of valid UTF-8 becomes U+FFFD.
func validText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	s := make([]byte, 0, len(b)+8)
	for _, c := range string(b) { // c is U+FFFD for each byte that is not UTF-8
		s = utf8.AppendRune(s, c)
	}
	return string(s)
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
