// Package results reads the delivery results of the ARARA message mail
// service together with their recipients, and counts them per address.
//
// A result line ([status.Result]) says how a delivery went, but not to
// whom. The service hands out its results with their recipients in the
// XML documents of its API v1, and senders keep them in their own
// databases. A [Reader] reads three forms of input, which it tells apart by
// their first bytes (after a UTF-8 byte order mark and white space), never
// by a file name:
//
//   - [Lines]: result lines, as [status.Reader] reads them. A record has no
//     recipient.
//   - [TSV]: an address, a tab and a result line on each line, which is
//     what a sender's own database export writes. The input is TSV when its
//     first line that is not blank holds a tab and is not itself a result
//     line. The result line is split from the address at the first tab; it
//     may hold tabs of its own. Lines end as [status.Reader] ends them
//     ("\n", "\r\n", or a CR on its own). A first line whose first column holds no
//     "@" and whose second column holds no digit (a header such as
//     "email<TAB>result", as mysql -B writes one) is skipped.
//   - [XML]: the documents of the service's API v1, the error list
//     (get_error) and the send list (get_result). The input is XML when its
//     first byte is "<", unless its first line is TSV.
//
// An input that starts with a UTF-16 byte order mark is refused with
// [ErrUTF16].
//
// For example, a result line, a line of a TSV export, and an error list:
//
//	550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown
//
//	taro@example.jp	550 BE 5.1.1 <taro@example.jp>: User unknown
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<mail>
//	 <delivery id="1">
//	  <action>get_error</action>
//	  <error_list>
//	   <data id="a-1">
//	    <sent_date>2021/05/01 16:34</sent_date>
//	    <to_addr><![CDATA[taro@example.jp]]></to_addr>
//	    <from_addr><![CDATA[info@example.com]]></from_addr>
//	    <key_field><![CDATA[no_data]]></key_field>
//	    <message code="550"><![CDATA[550 BE 5.1.1 <taro@example.jp>: User unknown]]></message>
//	   </data>
//	  </error_list>
//	  <result code="0">OK</result>
//	 </delivery>
//	</mail>
//
// # The XML documents
//
// The service's pages document the elements of a record but leave open
// the name of the element that wraps the list, whether <message> holds the
// whole result line or only its message, and the name of the send list's
// status element. The Reader therefore takes:
//
//   - <data> elements at any depth, whatever wraps them. Their id
//     attribute is [Record.ID].
//   - <sent_date> as YYYY/MM/DD HH:MI (seconds, ":SS", are also accepted),
//     Japan time: [Record.Sent] is in a fixed zone named "JST", 9 hours east
//     of UTC. Japan has had no daylight saving time since 1951, so the fixed
//     zone is exact and needs no time zone database.
//   - <message> in both forms. Its text is the whole result line when it
//     is a well-formed result line whose category is written "LE", "BE", "-"
//     or "–" and whose code equals the code attribute, if there is one:
//     "550 BE 5.1.1 User unknown". Otherwise the code attribute is the code
//     and the whole text is the message: code="550" and "5.1.1 User
//     unknown". The message-only form has no category; the Result then has
//     the catalog's category for the code when the catalog allows exactly
//     one (LE or BE), and none ("-") otherwise. Either way no byte of
//     the message is lost.
//   - any other element of a record (such as the send list's status
//     element) as a [Field] of [Record.Extra], in order, by its local
//     name and its text. Unknown elements outside records are ignored.
//   - <result> with a code attribute other than "0", and each <error> of
//     <errors>, outside records, as a [*RequestError]: the request failed.
//
// The text of an element is its character data (CDATA sections included)
// without the white space around it. The document must be UTF-8 (or
// US-ASCII), as the service writes it.
//
// In the "all errors" mode the service writes some codes with a minus sign
// before them (apiv1/about_errorlist). A Record keeps the code as given:
// "-550" is the code -550, which the catalog does not list, so that
// [status.Result.Validate] reports [status.ErrUnknownCode] for it and it
// adds nothing to an error count. [Record.Marked] says which code stands
// behind the mark (550). The catalog's own negative codes (-3 … -502) are
// always read as themselves: -500 is the service's "no error code in the
// bounce mail", not a marked 500.
//
// # Errors
//
// A record or line that cannot be read is a [*Error] that names where it
// is (the line, and for XML the record's number and id) and what is wrong,
// and reading goes on with the next record. Invalid XML ends the document:
// the Reader returns a [*Error] wrapping [ErrSyntax] and then [io.EOF].
//
// # Counting per address
//
// A [Counter] adds records up per recipient: how many results, the latest
// send time and code, the reason and action of the latest failure, the
// error count the service adds, and the count that is fair to the address.
// [Domain] and [Provider] tell the recipient's domain and its mail
// provider (Google, Microsoft, docomo, …).
package results

import (
	"errors"
	"strconv"
	"time"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
)

// Form is the form of an input; see the package comment.
type Form uint8

// The forms. The zero Form means the form is not known yet.
const (
	// Lines is result lines without recipients.
	Lines Form = iota + 1
	// TSV is an address, a tab and a result line on each line.
	TSV
	// XML is the documents of the service's API v1.
	XML

	numForms
)

var formNames = [...]string{0: "unknown", Lines: "lines", TSV: "tsv", XML: "xml"}

// String returns "lines", "tsv", "xml", "unknown" for the zero Form, and
// "Form(N)" for a value outside the set. It never returns "".
func (f Form) String() string {
	if f < numForms {
		return formNames[f]
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// A Record is one result with its recipient, as an input gives it.
type Record struct {
	// Result is the code, the category and the message.
	Result status.Result
	// To is the recipient's address as the input writes it, without the
	// white space around it; "" where the input has none (Lines).
	To string
	// From is the sender's address (XML's <from_addr>), "" where the input
	// has none.
	From string
	// Sent is when the mail was sent, to the minute (or the second, where
	// <sent_date> has seconds), in Japan time (a fixed zone named "JST",
	// UTC+9); the zero Time where the input does not say.
	Sent time.Time
	// Key is the record's key field (<key_field>): the value of the
	// sender's own key column. It is "" when the key field is not set,
	// which the service writes "no_data"; the two cannot be told apart in
	// the service's documents, so nothing is lost.
	Key string
	// ID is the id attribute of the record's <data> element, "" where the
	// input has none.
	ID string
	// Extra holds the other elements of an XML record, in order, such as
	// the send list's status element; nil where there are none.
	Extra []Field

	// Form is the form of the input the record came from.
	Form Form
	// Line is the 1-based line where the record starts: its line, or the
	// line where its <data> start tag ends.
	Line int
	// Index is the record's 1-based position among the records of its
	// input, counting those that could not be read: the n-th line that is
	// not blank (a TSV header is not counted), or the n-th <data> element.
	// In a document written on one line it tells records apart where Line
	// does not.
	Index int
}

// A Field is an element of an XML record that the Reader does not know:
// its local name and its text.
type Field struct {
	Name, Value string
}

// Marked returns the code behind the minus sign of the "all errors" mode
// and true, when the record's code is such a mark: a negative code that
// the catalog does not list, whose magnitude it lists (-550 gives 550).
// For any other code it returns the code and false.
func (r Record) Marked() (status.Code, bool) {
	c := r.Result.Code
	if c >= 0 || c == -c { // -c overflows for the smallest int
		return c, false
	}
	if _, ok := status.Lookup(c); ok {
		return c, false
	}
	if _, ok := status.Lookup(-c); !ok {
		return c, false
	}
	return -c, true
}

// The errors that can be returned in [Error.Err], besides those of the
// line grammar: [status.ErrCode], [status.ErrCategory] and
// [status.ErrLineTooLong], for a result line (or a TSV line's result) that
// breaks it.
var (
	// ErrSyntax is invalid XML; it ends the document.
	ErrSyntax = errors.New("results: invalid XML")
	// ErrSentDate is a <sent_date> that is not YYYY/MM/DD HH:MI.
	ErrSentDate = errors.New("results: bad sent_date")
	// ErrMessage is a <message> that is not a result line and has no code
	// attribute, or whose code attribute is not a decimal integer.
	ErrMessage = errors.New("results: bad message")
	// ErrNoMessage is a record without a <message>.
	ErrNoMessage = errors.New("results: record without a message")
	// ErrTwice is an element that a record holds more than once.
	ErrTwice = errors.New("results: element given twice")
	// ErrNoTab is a line of a TSV input without a tab.
	ErrNoTab = errors.New("results: no tab after the address")
	// ErrNoAddress is a line of a TSV input whose address is empty.
	ErrNoAddress = errors.New("results: no address")
)

// ErrUTF16 is what [Reader.Read] returns, on every call, for an input that
// starts with a UTF-16 byte order mark (as Excel's "Unicode Text" export
// does): the Reader reads UTF-8, and every line of UTF-16 would be
// malformed. Convert the input first (iconv -f UTF-16 -t UTF-8).
var ErrUTF16 = errors.New("results: UTF-16 text (it starts with a UTF-16 byte order mark): convert it to UTF-8")

// Error is a record or line that cannot be read, or invalid XML.
type Error struct {
	Form   Form
	Line   int // 1-based line of the problem; for XML, where the record's start tag ends
	Column int // 1-based byte column in the line, 0 when not known (XML)
	// Index is the record's 1-based position in its input, as
	// [Record.Index] counts; 0 for invalid XML outside a record.
	Index int
	ID    string // the record's id attribute, "" when it has none
	// Field is the element (XML) or column (TSV: "address", "result") at
	// fault, "" when the whole line or record is.
	Field string
	// Text is the text at fault: the line, the element's text, or what
	// encoding/xml says is wrong.
	Text string
	Err  error // one of the errors listed with [ErrSyntax]
}

// Error says where the problem is and what it is, and quotes the text at
// fault, cut short when it is long:
//
//	results: line 3, column 1: bad status code: "55O BE x"
//	results: record 2 (id "a-2") at line 14: bad sent_date: "2021/13/01 16:34"
func (e *Error) Error() string {
	b := make([]byte, 0, 64+len(e.Text))
	b = append(b, "results: "...)
	if e.Index > 0 && e.Form == XML {
		b = append(b, "record "...)
		b = strconv.AppendInt(b, int64(e.Index), 10)
		if e.ID != "" {
			b = append(b, " (id "...)
			b = append(b, quote.Cut(e.ID)...)
			b = append(b, ')')
		}
		b = append(b, " at "...)
	}
	b = append(b, "line "...)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	if e.Column > 0 {
		b = append(b, ", column "...)
		b = strconv.AppendInt(b, int64(e.Column), 10)
	}
	b = append(b, ": "...)
	return string(e.appendProblem(b))
}

// Problem returns what Error says after the place: what is wrong, and the
// text at fault, quoted (what encoding/xml says of invalid XML is not
// quoted):
//
//	bad status code: "55O BE x"
//	element <message> given twice: "y"
//	invalid XML: element <message> closed by </mesage>
//
// A program that names the place its own way, as compilers do
// (FILE:LINE:COLUMN), writes Problem after it.
func (e *Error) Problem() string { return string(e.appendProblem(nil)) }

func (e *Error) appendProblem(b []byte) []byte {
	if e.Err == ErrTwice && e.Field != "" {
		b = append(b, "element <"...)
		b = append(b, e.Field...)
		b = append(b, "> given twice"...)
	} else {
		b = append(b, what(e.Err)...)
	}
	switch {
	case e.Text == "":
	case e.Err == ErrSyntax:
		b = append(b, ": "...)
		b = append(b, e.Text...)
	default:
		b = append(b, ": "...)
		b = append(b, quote.Cut(e.Text)...)
	}
	return b
}

// what returns the text of err without its package's prefix.
func what(err error) string {
	if err == nil {
		return "error"
	}
	s := err.Error()
	for _, prefix := range [...]string{"results: ", "status: "} {
		if len(s) > len(prefix) && s[:len(prefix)] == prefix {
			return s[len(prefix):]
		}
	}
	return s
}

// Unwrap returns e.Err, so that errors.Is(err, ErrSentDate) works.
func (e *Error) Unwrap() error { return e.Err }

// RequestError is a failed request that an API v1 document reports: a
// <result> whose code attribute is not "0", or an <error> of <errors>.
// The document goes on after it.
type RequestError struct {
	Line    int    // 1-based line of the element's start tag
	Element string // "result" or "error"
	Kind    string // the kind attribute of an <error>, "" where there is none
	Code    string // the code attribute, as given
	Text    string // the element's text
}

// Error names the element and its attributes and quotes its text:
//
//	results: line 9: the request failed: error kind "auth" code "101": "invalid api key"
func (e *RequestError) Error() string {
	b := make([]byte, 0, 64+len(e.Text))
	b = append(b, "results: line "...)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	b = append(b, ": "...)
	return string(e.appendProblem(b))
}

// Problem returns what Error says after the line, for a program that
// names the place its own way:
//
//	the request failed: error kind "auth" code "101": "invalid api key"
func (e *RequestError) Problem() string { return string(e.appendProblem(nil)) }

func (e *RequestError) appendProblem(b []byte) []byte {
	b = append(b, "the request failed: "...)
	b = append(b, e.Element...)
	if e.Kind != "" {
		b = append(b, " kind "...)
		b = append(b, quote.Cut(e.Kind)...)
	}
	b = append(b, " code "...)
	b = append(b, quote.Cut(e.Code)...)
	b = append(b, ": "...)
	return append(b, quote.Cut(e.Text)...)
}
