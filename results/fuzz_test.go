package results

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/haishin/status"
)

// FuzzReader reads any input: it must never panic, must end, and every
// record must keep its result whole (its canonical line parses back to
// it) and, in a TSV input, an address without a tab or blanks around it.
func FuzzReader(f *testing.F) {
	for _, seed := range []string{
		"550 BE 5.1.1 User unknown\n55O BE x\n\n250 - ok",
		"email\tresult\ntaro@example.jp\t550 BE x\r\nbad\n\t550 BE x\n",
		"\ufeff<mail><data id=\"1\"><message code=\"550\">x</message></data></mail>",
		document("error_list", `<data><sent_date>2021/13/01 16:34</sent_date><message code="-550">x</message><status>e</status></data>`),
		`<mail><result code="1">NG</result><errors><error kind="auth" code="101">x</error></errors></mail>`,
		"\xff\xfet\x00@\x00\t\x005\x005\x000\x00",
	} {
		f.Add([]byte(seed))
	}
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		n := 0
		for rec, err := range r.All() {
			n++
			if n > len(data)+1 {
				t.Fatalf("%d records and errors from %d bytes", n, len(data))
			}
			if err == ErrUTF16 {
				if n != 1 {
					t.Fatalf("ErrUTF16 after %d records and errors", n-1)
				}
				continue
			}
			if err != nil {
				if _, ok := err.(*Error); !ok {
					if _, ok := err.(*RequestError); !ok {
						t.Fatalf("error of type %T: %v", err, err)
					}
				}
				continue
			}
			if r.Form() != XML && r.Line() != rec.Line {
				t.Fatalf("Line() = %d after the record of line %d", r.Line(), rec.Line)
			}
			back, err := status.ParseLine(rec.Result.String())
			if err != nil || back != rec.Result {
				t.Fatalf("ParseLine(%q) = %#v, %v; want %#v", rec.Result.String(), back, err, rec.Result)
			}
			if rec.Form != r.Form() || rec.Line < 1 || rec.Index < 1 {
				t.Fatalf("record %+v of a %v input", rec, r.Form())
			}
			if rec.Form == TSV && (rec.To == "" || strings.ContainsRune(rec.To, '\t') || strings.Trim(rec.To, " ") != rec.To) {
				t.Fatalf("TSV record with address %q", rec.To)
			}
		}
	})
}

// FuzzXMLRecord writes a record with the given fields as the service
// does, and reads it back: no byte of a field may be lost or changed.
func FuzzXMLRecord(f *testing.F) {
	f.Add("taro@example.jp", "info@example.com", "member-0042", "550 BE 5.1.1 <taro@example.jp>: User unknown", 550)
	f.Add("taro@example.jp", "", "no_data", "5.1.1 <taro@example.jp>: User unknown", 550)
	f.Add("a&b@example.jp", "<x>", "k\tk", "421 BE try again", 550)
	f.Add("taro@example.jp", "", "", "-550 BE 5.1.1", -550)
	f.Add("taro@example.jp", "", "", "552 be sure", 552)
	f.Fuzz(func(t *testing.T, to, from, key, msg string, code int) {
		for _, s := range []string{to, from, key, msg} {
			if !xmlText(s) {
				return
			}
		}
		var b bytes.Buffer
		b.WriteString("<mail><delivery><error_list><data id=\"x\"><to_addr>")
		xml.EscapeText(&b, []byte(to))
		b.WriteString("</to_addr><from_addr>")
		xml.EscapeText(&b, []byte(from))
		b.WriteString("</from_addr><key_field>")
		xml.EscapeText(&b, []byte(key))
		b.WriteString("</key_field><message code=\"" + strconv.Itoa(code) + "\">")
		xml.EscapeText(&b, []byte(msg))
		b.WriteString("</message></data></error_list></delivery></mail>")

		r := NewReader(bytes.NewReader(b.Bytes()))
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("Read of %q: %v", b.Bytes(), err)
		}
		wantKey := key
		if key == "no_data" {
			wantKey = ""
		}
		if rec.To != to || rec.From != from || rec.Key != wantKey || rec.ID != "x" {
			t.Fatalf("read %+v from %q", rec, b.Bytes())
		}
		res := rec.Result
		if res.Message == msg && res.Code == status.Code(code) {
			return // the message-only form
		}
		whole, err := status.ParseLine(msg)
		if err != nil || whole != res {
			t.Fatalf("read %#v from a message %q and code %d", res, msg, code)
		}
	})
}

// xmlText reports whether an XML reader gives s back as written by
// xml.EscapeText: valid UTF-8 of characters XML allows, without the white
// space around an element's text, which the Reader drops.
func xmlText(s string) bool {
	if !utf8.ValidString(s) || string(trimSpace([]byte(s))) != s {
		return false
	}
	for _, r := range s {
		ok := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000
		if !ok {
			return false
		}
	}
	return true
}
