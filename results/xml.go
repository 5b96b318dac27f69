package results

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/haishin/status"
)

// jst is Japan time: Japan has no daylight saving time, so a fixed zone is
// exact.
var jst = time.FixedZone("JST", 9*60*60)

// The layouts of <sent_date>: as the service documents it, and with
// seconds.
const (
	sentLayout        = "2006/01/02 15:04"
	sentLayoutSeconds = "2006/01/02 15:04:05"
)

// xmlReader reads the records of an API v1 document, one token at a time,
// so that it holds one record at a time however many the document has.
type xmlReader struct {
	d     *xml.Decoder
	in    *failReader // what d reads
	index int         // <data> elements seen so far
	done  bool        // invalid XML ended the document
	text  []byte      // the text of the element being read
}

func newXMLReader(r io.Reader) *xmlReader {
	in := &failReader{r: r}
	d := xml.NewDecoder(in)
	d.Strict = true
	return &xmlReader{d: d, in: in}
}

// failReader keeps the error that ended its reader, so that an error of
// the decoder can be told from an error of the input.
type failReader struct {
	r   io.Reader
	err error
}

func (f *failReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && err != io.EOF {
		f.err = err
	}
	return n, err
}

// read returns the next record, or the next failed request, or the end.
func (x *xmlReader) read() (Record, error) {
	if x.done {
		return Record{}, io.EOF
	}
	for {
		tok, err := x.d.Token()
		if err != nil {
			return Record{}, x.fail(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := x.d.InputPos()
		switch start.Name.Local {
		case "data":
			x.index++
			return x.record(start, line)
		case "result":
			code, hasCode := attr(start, "code")
			text, err := x.readText()
			if err != nil {
				return Record{}, x.fail(err)
			}
			if hasCode && strings.TrimSpace(code) != "0" {
				return Record{}, &RequestError{Line: line, Element: "result", Code: code, Text: text}
			}
		case "error":
			code, _ := attr(start, "code")
			kind, _ := attr(start, "kind")
			text, err := x.readText()
			if err != nil {
				return Record{}, x.fail(err)
			}
			return Record{}, &RequestError{Line: line, Element: "error", Kind: kind, Code: code, Text: text}
		}
	}
}

// fail turns an error of the decoder into what Read returns: invalid XML,
// an encoding other than UTF-8, and an end of the input within an element
// end the document with an *Error; io.EOF and errors of the underlying
// reader are returned as they are.
func (x *xmlReader) fail(err error) error {
	line, msg := 0, ""
	switch e := err.(type) {
	case *xml.SyntaxError:
		line, msg = e.Line, e.Msg
	default:
		if err == io.EOF || err == x.in.err {
			return err
		}
		// io.ErrUnexpectedEOF, or what encoding/xml refuses without a
		// SyntaxError (an encoding other than UTF-8)
		line, _ = x.d.InputPos()
		msg = strings.TrimPrefix(err.Error(), "xml: ")
		if cut, ok := strings.CutSuffix(msg, " but Decoder.CharsetReader is nil"); ok {
			msg = cut + ": only UTF-8 is read"
		}
		if err == io.ErrUnexpectedEOF {
			msg = "unexpected EOF"
		}
	}
	x.done = true
	return &Error{Form: XML, Line: line, Text: msg, Err: ErrSyntax}
}

// record reads the elements of a <data> element, whose start tag has been
// read, up to its end tag. A record that cannot be read is an *Error, once
// its end tag has been read, so that the next record starts afresh.
func (x *xmlReader) record(start xml.StartElement, line int) (Record, error) {
	rec := Record{Form: XML, Line: line, Index: x.index}
	rec.ID, _ = attr(start, "id")
	bad := &Error{Form: XML, Line: line, Index: x.index, ID: rec.ID}
	seen := 0 // the known elements seen, a bit each
	var message *xml.StartElement
	var messageText string
	for {
		tok, err := x.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF // encoding/xml reports an unclosed element first
			}
			return Record{}, x.fail(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if bad.Err != nil {
				return Record{}, bad
			}
			if message == nil {
				bad.Err = ErrNoMessage
				return Record{}, bad
			}
			if err := readMessage(&rec, *message, messageText); err != nil {
				bad.Field, bad.Text, bad.Err = "message", err.text, err.err
				return Record{}, bad
			}
			return rec, nil
		case xml.StartElement:
			text, err := x.readText()
			if err != nil {
				return Record{}, x.fail(err)
			}
			bit, known := fields[t.Name.Local]
			if !known {
				rec.Extra = append(rec.Extra, Field{Name: t.Name.Local, Value: text})
				continue
			}
			if seen&bit != 0 {
				if bad.Err == nil {
					bad.Field, bad.Text, bad.Err = t.Name.Local, text, ErrTwice
				}
				continue
			}
			seen |= bit
			switch t.Name.Local {
			case "sent_date":
				sent, ok := parseSent(text)
				if !ok && bad.Err == nil {
					bad.Field, bad.Text, bad.Err = "sent_date", text, ErrSentDate
				}
				rec.Sent = sent
			case "to_addr":
				rec.To = text
			case "from_addr":
				rec.From = text
			case "key_field":
				if text != "no_data" {
					rec.Key = text
				}
			case "message":
				message, messageText = &t, text
			}
		}
	}
}

// fields are the elements of a record that the Reader knows, a bit each.
var fields = map[string]int{"sent_date": 1, "to_addr": 2, "from_addr": 4, "key_field": 8, "message": 16}

// readText reads the rest of the element whose start tag has just been
// read, up to its end tag, and returns its character data, nested
// elements' included, without the white space around it.
func (x *xmlReader) readText() (string, error) {
	x.text = x.text[:0]
	depth := 1
	for depth > 0 {
		tok, err := x.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			x.text = append(x.text, t...)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return string(trimSpace(x.text)), nil
}

func trimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && isSpace(b[i]) {
		i++
	}
	for j > i && isSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}

// attr returns the value of the attribute of start whose local name is
// name, and whether there is one.
func attr(start xml.StartElement, name string) (string, bool) {
	for _, a := range start.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// parseSent parses the text of <sent_date>; "" is no time.
func parseSent(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	layout := sentLayout
	if len(s) > len(sentLayout) {
		layout = sentLayoutSeconds
	}
	t, err := time.ParseInLocation(layout, s, jst)
	return t, err == nil
}

// messageError is what is wrong with a <message>.
type messageError struct {
	text string
	err  error
}

// readMessage sets rec.Result from a <message> element and its text, in
// either of its forms (see the package comment).
func readMessage(rec *Record, start xml.StartElement, text string) *messageError {
	attrText, hasCode := attr(start, "code")
	attrText = strings.TrimSpace(attrText)
	hasCode = hasCode && attrText != ""
	var code status.Code
	if hasCode {
		n, err := strconv.Atoi(attrText)
		if err != nil {
			return &messageError{attrText, ErrMessage}
		}
		code = status.Code(n)
	}
	if res, err := status.ParseLine(text); err == nil && (!hasCode || res.Code == code && exactCategory(text)) {
		rec.Result = res
		return nil
	}
	if !hasCode {
		return &messageError{text, ErrMessage}
	}
	rec.Result = status.Result{Code: code, Category: onlyCategory(code), Message: text}
	return nil
}

// exactCategory reports whether the category of a well-formed result line
// is written as the service writes it: "LE", "BE", "-" or "–".
func exactCategory(line string) bool {
	rest := strings.TrimLeft(line, " \t")
	if i := strings.IndexAny(rest, " \t"); i >= 0 {
		rest = strings.TrimLeft(rest[i:], " \t")
	}
	cat := rest
	if i := strings.IndexAny(rest, " \t"); i >= 0 {
		cat = rest[:i]
	}
	switch cat {
	case "LE", "BE", "-", "–":
		return true
	}
	return false
}

// onlyCategory returns the category that the catalog allows for code c
// when it allows exactly one, otherwise none.
func onlyCategory(c status.Code) status.Category {
	s, ok := status.Lookup(c)
	if ok && (s.Category == status.LE || s.Category == status.BE) {
		return s.Category
	}
	return 0
}
