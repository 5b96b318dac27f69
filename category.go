package status

import (
	"errors"

	"github.com/haishin/status/internal/enum"
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

// categoryNames are the texts of the sets, indexed by their bits, and "–"
// for the empty set as the catalog document writes it.
var categoryNames = enum.New[Category]("Category", ErrCategory, []string{
	0: "-", LE: "LE", BE: "BE", LE | BE: "LE/BE",
}).Alias("–", 0)

// String returns "LE", "BE", "LE/BE" or "-" for the empty set, and
// "Category(N)" for a value outside the set of known bits. It never returns "".
func (c Category) String() string { return categoryNames.String(c) }

// ParseCategory is the inverse of [Category.String]: it accepts "LE", "BE",
// "LE/BE" and "-", and also "–" (U+2013 EN DASH, as the catalog document
// writes it) for the empty set. Letter case matters; any other text is an
// error wrapping [ErrCategory].
func ParseCategory(s string) (Category, error) { return enum.Parse(categoryNames, s) }

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Category.String] to b. It fails for a value outside the set of known
// bits.
func (c Category) AppendText(b []byte) ([]byte, error) { return categoryNames.Append(b, c) }

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Category.String]. It fails for a value outside the set of known bits.
func (c Category) MarshalText() ([]byte, error) { return categoryNames.Append(nil, c) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseCategory] accepts.
func (c *Category) UnmarshalText(text []byte) error { return categoryNames.Unmarshal(c, text) }

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

var locusNames = enum.New[Locus]("Locus", ErrLocus, []string{NoLocus: "-", System: "system", User: "user"})

// String returns "-", "system" or "user", and "Locus(N)" for a value outside
// the set. It never returns "".
func (l Locus) String() string { return locusNames.String(l) }

// ParseLocus is the inverse of [Locus.String]: it accepts "-", "system" and
// "user". Any other text is an error wrapping [ErrLocus].
func ParseLocus(s string) (Locus, error) { return enum.Parse(locusNames, s) }

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Locus.String] to b. It fails for a value outside the set.
func (l Locus) AppendText(b []byte) ([]byte, error) { return locusNames.Append(b, l) }

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Locus.String]. It fails for a value outside the set.
func (l Locus) MarshalText() ([]byte, error) { return locusNames.Append(nil, l) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseLocus] accepts.
func (l *Locus) UnmarshalText(text []byte) error { return locusNames.Unmarshal(l, text) }

// The errors that the Parse functions and the text and JSON methods wrap
// for a value they cannot parse or marshal. ([ErrCategory] is also one of
// the errors of [ParseError.Err].)
var (
	ErrLocus    = errors.New("status: invalid locus")
	ErrWeight   = errors.New("status: invalid weight")
	ErrEnhanced = errors.New("status: bad enhanced status code")
)
