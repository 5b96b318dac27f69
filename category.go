package status

import (
	"errors"
	"strconv"

	"github.com/haishin/status/internal/quote"
)

// Category is the 区分 of a status code: which leg of the delivery failed.
// It is a set: a catalog row may allow both legs (LE|BE, written "LE/BE"),
// while a result line reports at most one. The zero value is the empty set,
// used by code 250, which is not an error.
type Category uint8

// The categories. They are bits, so a catalog row's set can be tested with
// c&LE != 0.
const (
	// LE means handing the mail to the MTA failed: a bad address, the
	// service's settings, or an MTA that is overloaded or down.
	LE Category = 1 << iota
	// BE means the MTA could not deliver the mail to the recipient's
	// server: an unknown user, or a problem of that server.
	BE
)

// String returns "LE", "BE", "LE/BE" or "-" for the empty set, and
// "Category(N)" for a value outside the set of known bits. It never returns "".
func (c Category) String() string {
	switch c {
	case 0:
		return "-"
	case LE:
		return "LE"
	case BE:
		return "BE"
	case LE | BE:
		return "LE/BE"
	}
	return "Category(" + strconv.Itoa(int(c)) + ")"
}

// ParseCategory is the inverse of [Category.String]: it accepts "LE", "BE",
// "LE/BE" and "-", and also "–" (U+2013 EN DASH, as the catalog document
// writes it) for the empty set. Letter case matters; any other text is an
// error wrapping [ErrCategory].
func ParseCategory(s string) (Category, error) {
	return parseCategory(s)
}

// parseCategory is shared by ParseCategory and UnmarshalText.
func parseCategory[T string | []byte](s T) (Category, error) {
	switch string(s) {
	case "-", "–":
		return 0, nil
	case "LE":
		return LE, nil
	case "BE":
		return BE, nil
	case "LE/BE":
		return LE | BE, nil
	}
	return 0, &valueError{kind: ErrCategory, text: string(s)}
}

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Category.String] to b. It fails for a value outside the set of known
// bits.
func (c Category) AppendText(b []byte) ([]byte, error) {
	if c > LE|BE {
		return b, &valueError{kind: ErrCategory, text: c.String()}
	}
	return append(b, c.String()...), nil
}

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Category.String]. It fails for a value outside the set of known bits.
func (c Category) MarshalText() ([]byte, error) {
	return c.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseCategory] accepts.
func (c *Category) UnmarshalText(text []byte) error {
	v, err := parseCategory(text)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Locus is the 問題箇所 of a status code: where the problem lies.
type Locus uint8

// The loci.
const (
	// NoLocus is for code 250, which is not a problem.
	NoLocus Locus = iota
	// System (システム): the sending system, the service or a server.
	System
	// User (ユーザ): the recipient or the recipient's address.
	User
)

var locusNames = [...]string{NoLocus: "-", System: "system", User: "user"}

// String returns "-", "system" or "user", and "Locus(N)" for a value outside
// the set. It never returns "".
func (l Locus) String() string {
	if int(l) < len(locusNames) {
		return locusNames[l]
	}
	return "Locus(" + strconv.Itoa(int(l)) + ")"
}

// ParseLocus is the inverse of [Locus.String]: it accepts "-", "system" and
// "user". Any other text is an error wrapping [ErrLocus].
func ParseLocus(s string) (Locus, error) {
	return parseLocus(s)
}

// parseLocus is shared by ParseLocus and UnmarshalText.
func parseLocus[T string | []byte](s T) (Locus, error) {
	for l, name := range locusNames {
		if string(s) == name {
			return Locus(l), nil
		}
	}
	return 0, &valueError{kind: ErrLocus, text: string(s)}
}

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Locus.String] to b. It fails for a value outside the set.
func (l Locus) AppendText(b []byte) ([]byte, error) {
	if int(l) >= len(locusNames) {
		return b, &valueError{kind: ErrLocus, text: l.String()}
	}
	return append(b, l.String()...), nil
}

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Locus.String]. It fails for a value outside the set.
func (l Locus) MarshalText() ([]byte, error) {
	return l.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseLocus] accepts.
func (l *Locus) UnmarshalText(text []byte) error {
	v, err := parseLocus(text)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// The errors that the Parse functions and the text and JSON methods wrap
// for a value they cannot parse or marshal. ([ErrCategory] is also one of
// the errors of [ParseError.Err].)
var (
	ErrLocus    = errors.New("status: invalid locus")
	ErrWeight   = errors.New("status: invalid weight")
	ErrEnhanced = errors.New("status: bad enhanced status code")
)

// valueError reports a value that cannot be parsed or marshalled, quoting
// it, and why when that is more than its kind says.
type valueError struct {
	kind error // the sentinel that errors.Is matches
	text string
	why  string
}

func (e *valueError) Error() string {
	s := e.kind.Error() + " " + quote.Cut(e.text)
	if e.why != "" {
		s += ": " + e.why
	}
	return s
}

func (e *valueError) Unwrap() error { return e.kind }
