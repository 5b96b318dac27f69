// Package enum is the one implementation of the text of the small
// enumerated types of package status (Category, Locus) and package bounce
// (Reason, Action, Source): a table of names indexed by value, from which
// each type's String, AppendText, MarshalText, UnmarshalText and Parse
// function are one call, and the error they return for a value or a text
// outside the table.
package enum

import (
	"slices"
	"strconv"

	"github.com/haishin/status/internal/quote"
)

// Names is the text of each value of an enumerated type T, as go/token
// keeps the text of each token: an array indexed by value. Make one with
// [New] when the package starts.
type Names[T ~uint8] struct {
	typ     string   // the type's name, for the text of a value outside the table
	kind    error    // the sentinel that the errors wrap
	names   []string // names[v] is the text of v
	aliases []alias[T]
}

// alias is a text other than its name that Parse accepts for a value.
type alias[T ~uint8] struct {
	text  string
	value T
}

// New returns the Names of the type named typ ("Locus"), whose values are
// 0 to len(names)-1 and whose errors wrap kind: names[v] is the text of v,
// as a keyed literal writes it: []string{NoLocus: "-", System: "system"}.
// It panics if a name is empty or given twice, a mistake in the table.
func New[T ~uint8](typ string, kind error, names []string) *Names[T] {
	if len(names) > 1<<8 {
		panic("enum: more names than values of a uint8 for " + typ)
	}
	for i, name := range names {
		if name == "" || slices.Contains(names[:i], name) {
			panic("enum: the name " + strconv.Quote(name) + " of " + typ + " is empty or twice in its table")
		}
	}
	return &Names[T]{typ: typ, kind: kind, names: names}
}

// Alias makes Parse accept text for v too, as status.ParseCategory takes
// "–" (U+2013) for "-"; String still returns v's name. It returns n, and
// panics if text is empty or already a text of n, or v is outside the
// table.
func (n *Names[T]) Alias(text string, v T) *Names[T] {
	if _, err := Parse(n, text); err == nil || text == "" || int(v) >= len(n.names) {
		panic("enum: the alias " + strconv.Quote(text) + " of " + n.typ + " is empty, taken, or of no value")
	}
	n.aliases = append(n.aliases, alias[T]{text, v})
	return n
}

// String returns the name of v, or the type's name and v's number, such
// as "Locus(7)", for a value outside the table. It never returns "".
func (n *Names[T]) String(v T) string {
	if int(v) < len(n.names) {
		return n.names[v]
	}
	return n.typ + "(" + strconv.Itoa(int(v)) + ")"
}

// Append appends the name of v to b: the AppendText of T. For a value
// outside the table it returns b as it is and a [*ValueError] quoting
// [Names.String].
func (n *Names[T]) Append(b []byte, v T) ([]byte, error) {
	if int(v) >= len(n.names) {
		return b, &ValueError{n.kind, n.String(v)}
	}
	return append(b, n.names[v]...), nil
}

// Unmarshal sets *v to the value whose text is text, as Parse finds it:
// the UnmarshalText of T. On an error it leaves *v as it is.
func (n *Names[T]) Unmarshal(v *T, text []byte) error {
	x, err := Parse(n, text)
	if err != nil {
		return err
	}
	*v = x
	return nil
}

// Parse returns the value whose name, or one of whose aliases, is s,
// exactly (letter case matters), or a [*ValueError] quoting s. It is
// generic so that the Parse function of T (a string) and UnmarshalText (a
// []byte) share it without copying.
func Parse[T ~uint8, S string | []byte](n *Names[T], s S) (T, error) {
	for v, name := range n.names {
		if string(s) == name {
			return T(v), nil
		}
	}
	for _, a := range n.aliases {
		if string(s) == a.text {
			return a.value, nil
		}
	}
	return 0, &ValueError{n.kind, string(s)}
}

// ValueError is a value or a text that cannot be marshalled or parsed:
// the error of every Parse function and text method of the packages'
// types. Its text is Kind's and Text quoted, cut by [quote.Cut]:
//
//	status: invalid locus "System"
type ValueError struct {
	Kind error  // the sentinel that errors.Is matches, such as status.ErrLocus
	Text string // the text that does not parse, or the value that does not marshal
}

// Error returns Kind's text and Text quoted.
func (e *ValueError) Error() string { return e.Kind.Error() + " " + quote.Cut(e.Text) }

// Unwrap returns e.Kind.
func (e *ValueError) Unwrap() error { return e.Kind }
