package results

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
)

// document returns an API v1 document whose list, wrapped in wrapper,
// holds the given <data> elements.
func document(wrapper string, data ...string) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mail>\n <delivery id=\"1\">\n  <action>get_error</action>\n")
	if wrapper != "" {
		b.WriteString("  <" + wrapper + ">\n")
	}
	for _, d := range data {
		b.WriteString("   " + d + "\n")
	}
	if wrapper != "" {
		b.WriteString("  </" + wrapper + ">\n")
	}
	b.WriteString("  <result code=\"0\">OK</result>\n </delivery>\n</mail>\n")
	return b.String()
}

func sentAt(s string) time.Time {
	t, err := time.ParseInLocation("2006/01/02 15:04:05", s, jst)
	if err != nil {
		panic(err)
	}
	return t
}

func TestXMLRecord(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Record // without Form, Line and Index
	}{
		{"whole line",
			`<data id="a-1"><sent_date>2021/05/01 16:34</sent_date><to_addr><![CDATA[taro@example.jp]]></to_addr><from_addr><![CDATA[info@example.com]]></from_addr><key_field><![CDATA[no_data]]></key_field ><message code="550"><![CDATA[550 BE 5.1.1 <taro@example.jp>: User unknown]]></message></data>`,
			Record{Result: status.Result{Code: 550, Category: status.BE, Message: "5.1.1 <taro@example.jp>: User unknown"},
				To: "taro@example.jp", From: "info@example.com", Sent: sentAt("2021/05/01 16:34:00"), ID: "a-1"}},
		{"whole line without a code attribute",
			`<data><message>552 BE 5.2.2 Mailbox full</message></data>`,
			Record{Result: status.Result{Code: 552, Category: status.BE, Message: "5.2.2 Mailbox full"}}},
		{"whole line, category in lower case, without a code attribute",
			`<data><message>552 be 5.2.2 Mailbox full</message></data>`,
			Record{Result: status.Result{Code: 552, Category: status.BE, Message: "5.2.2 Mailbox full"}}},
		{"message only",
			`<data><message code="550"><![CDATA[5.1.1 <taro@example.jp>: User unknown]]></message></data>`,
			Record{Result: status.Result{Code: 550, Category: status.BE, Message: "5.1.1 <taro@example.jp>: User unknown"}}}, // the catalog's one category
		{"message only, a code of both categories",
			`<data><message code="660">connection lost</message></data>`,
			Record{Result: status.Result{Code: 660, Message: "connection lost"}}}, // 660 is LE/BE
		{"message only, a code the catalog does not list",
			`<data><message code="421">4.7.0 Try again later</message></data>`,
			Record{Result: status.Result{Code: 421, Message: "4.7.0 Try again later"}}},
		{"message only, empty",
			`<data><message code="643"/></data>`,
			Record{Result: status.Result{Code: 643}}},
		// Near misses of the whole-line form: a message that starts as a
		// result line does, but is not the record's.
		{"message only, starts with another reply code and a category",
			`<data><message code="550">421 BE try again</message></data>`,
			Record{Result: status.Result{Code: 550, Category: status.BE, Message: "421 BE try again"}}},
		{"message only, starts with its code and a word like a category",
			`<data><message code="552">552 be sure to empty your mailbox</message></data>`,
			Record{Result: status.Result{Code: 552, Category: status.BE, Message: "552 be sure to empty your mailbox"}}},
		{"message only, starts with its code and an enhanced code",
			`<data><message code="550">550 5.1.1 User unknown</message></data>`,
			Record{Result: status.Result{Code: 550, Category: status.BE, Message: "550 5.1.1 User unknown"}}},
		{"whole line, the code attribute with blanks",
			`<data><message code=" 552 ">552 BE 5.2.2 Mailbox full</message></data>`,
			Record{Result: status.Result{Code: 552, Category: status.BE, Message: "5.2.2 Mailbox full"}}},
		{"a code marked by the all errors mode",
			`<data><message code="-550">5.1.1 User unknown</message></data>`,
			Record{Result: status.Result{Code: -550, Message: "5.1.1 User unknown"}}},
		{"a marked code in a whole line",
			`<data><message code="-550">-550 BE 5.1.1 User unknown</message></data>`,
			Record{Result: status.Result{Code: -550, Category: status.BE, Message: "5.1.1 User unknown"}}},
		{"key field set",
			`<data><key_field><![CDATA[member-0042]]></key_field><message code="250">ok</message></data>`,
			Record{Result: status.Result{Code: 250, Message: "ok"}, Key: "member-0042"}},
		{"key field of only white space is unset",
			`<data><key_field>  </key_field><message code="250">ok</message></data>`,
			Record{Result: status.Result{Code: 250, Message: "ok"}}},
		{"sent date with seconds",
			`<data><sent_date>2021/05/01 16:34:56</sent_date><message code="250">ok</message></data>`,
			Record{Result: status.Result{Code: 250, Message: "ok"}, Sent: sentAt("2021/05/01 16:34:56")}},
		{"white space around the texts",
			"<data id=\" b-2 \">\n <to_addr>\n  taro@example.jp\n </to_addr>\n <message code=\"552\">\n  <![CDATA[ 552 BE 5.2.2 Mailbox full ]]>\n </message>\n</data>",
			Record{Result: status.Result{Code: 552, Category: status.BE, Message: "5.2.2 Mailbox full"}, To: "taro@example.jp", ID: " b-2 "}},
		{"entities",
			`<data><to_addr>taro&amp;hanako@example.jp</to_addr><message code="550">5.1.1 &lt;taro&amp;hanako@example.jp&gt;: User unknown</message></data>`,
			Record{Result: status.Result{Code: 550, Category: status.BE, Message: "5.1.1 <taro&hanako@example.jp>: User unknown"}, To: "taro&hanako@example.jp"}},
		{"unknown elements",
			`<data><status>error</status><message code="550">x</message><note lang="ja">再送<b>不要</b></note></data>`,
			Record{Result: status.Result{Code: 550, Category: status.BE, Message: "x"}, Extra: []Field{{"status", "error"}, {"note", "再送不要"}}}},
		{"namespaces",
			`<a:data xmlns:a="urn:x" id="n-1"><a:to_addr>taro@example.jp</a:to_addr><a:message code="250">ok</a:message></a:data>`,
			Record{Result: status.Result{Code: 250, Message: "ok"}, To: "taro@example.jp", ID: "n-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs, form := readAll(t, document("error_list", tt.data))
			require.Equal(t, XML, form)
			require.Empty(t, errs)
			require.Len(t, recs, 1)
			got := recs[0]
			assert.Equal(t, XML, got.Form)
			assert.Equal(t, 6, got.Line)
			assert.Equal(t, 1, got.Index)
			got.Form, got.Line, got.Index = 0, 0, 0
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestXMLWrappers(t *testing.T) {
	data := []string{
		`<data id="1"><message code="550">x</message></data>`,
		`<data id="2"><message code="250">y</message></data>`,
	}
	for _, doc := range []string{
		document("error_list", data...),
		document("sent_list", data...),
		document("", data...),
		`<mail><delivery><list><page n="1">` + data[0] + `</page><page n="2">` + data[1] + `</page></list></delivery></mail>`,
		`<data id="1"><message code="550">x</message></data><data id="2"><message code="250">y</message></data>`,
	} {
		recs, errs, _ := readAll(t, doc)
		require.Empty(t, errs, doc)
		require.Len(t, recs, 2, doc)
		assert.Equal(t, "1", recs[0].ID)
		assert.Equal(t, "2", recs[1].ID)
	}
}

func TestXMLBadRecords(t *testing.T) {
	doc := document("error_list",
		`<data id="a-1"><sent_date>2021/13/01 16:34</sent_date><message code="550">x</message></data>`,
		`<data id="a-2"><to_addr>taro@example.jp</to_addr></data>`,
		`<data id="a-3"><message>user unknown</message></data>`,
		`<data id="a-4"><message code="5x0">user unknown</message></data>`,
		`<data id="a-5"><message code="550">x</message><message code="250">y</message></data>`,
		`<data id="a-6"><sent_date>2021-05-01 16:34</sent_date><message code="550">x</message></data>`,
		`<data><message code="99999999999999999999">x</message></data>`,
		`<data id="a-8"><message code="250">ok</message></data>`,
	)
	recs, errs, _ := readAll(t, doc)
	require.Len(t, recs, 1, "the good record after the bad ones")
	assert.Equal(t, "a-8", recs[0].ID)
	assert.Equal(t, 8, recs[0].Index)
	want := []Error{
		{Form: XML, Line: 6, Index: 1, ID: "a-1", Field: "sent_date", Text: "2021/13/01 16:34", Err: ErrSentDate},
		{Form: XML, Line: 7, Index: 2, ID: "a-2", Err: ErrNoMessage},
		{Form: XML, Line: 8, Index: 3, ID: "a-3", Field: "message", Text: "user unknown", Err: ErrMessage},
		{Form: XML, Line: 9, Index: 4, ID: "a-4", Field: "message", Text: "5x0", Err: ErrMessage},
		{Form: XML, Line: 10, Index: 5, ID: "a-5", Field: "message", Text: "y", Err: ErrTwice},
		{Form: XML, Line: 11, Index: 6, ID: "a-6", Field: "sent_date", Text: "2021-05-01 16:34", Err: ErrSentDate},
		{Form: XML, Line: 12, Index: 7, Field: "message", Text: "99999999999999999999", Err: ErrMessage},
	}
	require.Len(t, errs, len(want))
	for i, err := range errs {
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, want[i], *e)
	}
	assert.EqualError(t, errs[0], `results: record 1 (id "a-1") at line 6: bad sent_date: "2021/13/01 16:34"`)
	assert.EqualError(t, errs[1], `results: record 2 (id "a-2") at line 7: record without a message`)
	assert.EqualError(t, errs[4], `results: record 5 (id "a-5") at line 10: element <message> given twice: "y"`)
	assert.Equal(t, `element <message> given twice: "y"`, errs[4].(*Error).Problem())
	assert.EqualError(t, errs[6], `results: record 7 at line 12: bad message: "99999999999999999999"`)
}

func TestXMLSyntaxError(t *testing.T) {
	doc := document("error_list",
		`<data id="a-1"><message code="550">x</message></data>`,
		`<data id="a-2"><message code="550">x</mesage></data>`,
		`<data id="a-3"><message code="550">x</message></data>`,
	)
	r := NewReader(strings.NewReader(doc))
	rec, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, "a-1", rec.ID)
	_, err = r.Read()
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, ErrSyntax)
	assert.Equal(t, 7, e.Line)
	assert.EqualError(t, err, `results: line 7: invalid XML: element <message> closed by </mesage>`)
	assert.Equal(t, "invalid XML: element <message> closed by </mesage>", e.Problem(), "encoding/xml's words are not quoted")
	_, err = r.Read()
	assert.Equal(t, "EOF", err.Error(), "the document ends")

	// A document cut short ends with an error.
	cut := doc[:strings.Index(doc, `<data id="a-2">`)+20]
	recs, errs, _ := readAll(t, cut)
	assert.Len(t, recs, 1)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrSyntax)
	assert.ErrorContains(t, errs[0], "unexpected EOF")

	// So does one in another encoding than UTF-8.
	_, errs, _ = readAll(t, `<?xml version="1.0" encoding="Shift_JIS"?><mail></mail>`)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrSyntax)
	assert.EqualError(t, errs[0], `results: line 1: invalid XML: encoding "Shift_JIS" declared: only UTF-8 is read`)
}

func TestXMLRequestErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/failed.xml")
	require.NoError(t, err)
	recs, errs, _ := readAll(t, string(data))
	assert.Empty(t, recs)
	require.Len(t, errs, 2)
	var e *RequestError
	require.ErrorAs(t, errs[0], &e)
	assert.Equal(t, RequestError{Line: 5, Element: "result", Code: "1", Text: "NG"}, *e)
	require.ErrorAs(t, errs[1], &e)
	assert.Equal(t, RequestError{Line: 7, Element: "error", Kind: "auth", Code: "101", Text: "the api key is not valid"}, *e)
	assert.EqualError(t, errs[1], `results: line 7: the request failed: error kind "auth" code "101": "the api key is not valid"`)
	assert.Equal(t, `the request failed: error kind "auth" code "101": "the api key is not valid"`, e.Problem())

	// A <result> of a record is not the request's; a <result> whose code
	// is 0 or absent is no failure.
	doc := document("error_list", `<data><result code="1">x</result><message code="250">ok</message></data>`) +
		"<result>done</result><errors/>"
	recs, errs, _ = readAll(t, doc)
	assert.Empty(t, errs)
	require.Len(t, recs, 1)
	assert.Equal(t, []Field{{"result", "x"}}, recs[0].Extra)
}

func TestXMLTestdata(t *testing.T) {
	tests := []struct {
		file  string
		ids   []string
		codes []status.Code
	}{
		{"testdata/errorlist.xml", []string{"e-1001", "e-1002", "e-1003", "e-1004"}, []status.Code{550, 552, 850, 550}},
		{"testdata/sendlist.xml", []string{"s-1", "s-2", "s-3"}, []status.Code{250, 550, -550}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			recs, errs, _ := readAll(t, string(data))
			require.Empty(t, errs)
			require.Len(t, recs, len(tt.ids))
			for i, rec := range recs {
				assert.Equal(t, tt.ids[i], rec.ID)
				assert.Equal(t, tt.codes[i], rec.Result.Code)
				assert.NotEmpty(t, rec.To)
				assert.Equal(t, "news@shop.example.com", rec.From)
				assert.False(t, rec.Sent.IsZero())
				assert.NotEqual(t, "no_data", rec.Key)
			}
		})
	}

	// The send list's marked code is kept as given: the catalog does not
	// list it, and Marked says what stands behind the mark.
	data, err := os.ReadFile("testdata/sendlist.xml")
	require.NoError(t, err)
	recs, _, _ := readAll(t, string(data))
	marked := recs[2]
	assert.ErrorIs(t, marked.Result.Validate(), status.ErrUnknownCode)
	code, ok := marked.Marked()
	assert.True(t, ok)
	assert.Equal(t, status.Code(550), code)
	assert.Equal(t, []Field{{"status", "error"}}, marked.Extra)
	_, ok = recs[1].Marked()
	assert.False(t, ok)
}
