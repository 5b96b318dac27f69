package status_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/benchlog"
)

var update = flag.Bool("update", false, "rewrite the catalog table in README.md")

// docRow is one row of the catalog document, as its cells stand.
type docRow struct {
	line                                          int
	code, category, locus, desc, countCell, cause string
}

// readDocument parses the status-code table of testdata/status-codes.md.
// A row starts with "| <code> |"; some rows go on over the next line, so
// lines are joined until the row has its six cells.
func readDocument(t *testing.T) []docRow {
	t.Helper()
	f, err := os.Open("testdata/status-codes.md")
	require.NoError(t, err)
	defer f.Close()

	rowStart := regexp.MustCompile(`^\| -?[0-9]+ \|`)
	var rows []docRow
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		if !rowStart.MatchString(sc.Text()) {
			continue
		}
		text, first := sc.Text(), n
		for strings.Count(text, "|") < 7 && sc.Scan() {
			n++
			text += sc.Text()
		}
		cells := strings.Split(text, "|")
		require.Len(t, cells, 8, "row at line %d", first)
		for i := range cells {
			cells[i] = strings.Trim(cells[i], " ")
		}
		rows = append(rows, docRow{first, cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]})
	}
	require.NoError(t, sc.Err())
	return rows
}

// want turns a document row into the catalog values it stands for, by the
// rules the catalog follows: "–" is none, a number in the error-count
// column is a weight, and text there is the cause.
func (d docRow) want(t *testing.T) status.Status {
	t.Helper()
	code, err := strconv.Atoi(d.code)
	require.NoError(t, err)
	cat, err := status.ParseCategory(d.category)
	require.NoError(t, err, "line %d", d.line)
	loci := map[string]status.Locus{"–": status.NoLocus, "システム": status.System, "ユーザ": status.User}
	locus, ok := loci[d.locus]
	require.True(t, ok, "line %d: locus %q", d.line, d.locus)

	s := status.Status{Code: status.Code(code), Category: cat, Locus: locus, DescriptionJA: d.desc, CauseJA: d.cause}
	if f, err := strconv.ParseFloat(d.countCell, 64); err == nil {
		s.Weight = status.Weight(math.Round(f * 10))
	} else if d.countCell != "" {
		require.Empty(t, d.cause, "line %d has text in both the count and the cause column", d.line)
		s.CauseJA = d.countCell
	}
	return s
}

func TestCatalogMatchesDocument(t *testing.T) {
	rows := readDocument(t)
	require.Len(t, rows, 73, "rows in the document")
	got := slices.Collect(status.All())
	require.Len(t, got, len(rows), "rows in the catalog")

	for i, d := range rows {
		t.Run(d.code, func(t *testing.T) {
			want := d.want(t)
			s := got[i]
			// The English fields are ours; the rest must be the document's.
			want.Description, want.Cause = s.Description, s.Cause
			assert.Equal(t, want, s, "catalog row %d against document line %d", i, d.line)
		})
	}
}

func TestCatalogRows(t *testing.T) {
	seen := map[status.Code]bool{}
	for s := range status.All() {
		t.Run(s.Code.String(), func(t *testing.T) {
			assert.False(t, seen[s.Code], "code appears twice")
			seen[s.Code] = true

			got, ok := status.Lookup(s.Code)
			assert.True(t, ok, "Lookup(%v) not found", s.Code)
			assert.Equal(t, s, got, "Lookup(%v)", s.Code)

			assert.NotEmpty(t, s.Description)
			assert.NotContains(t, s.Description, "faild")
			assert.Equal(t, s.CauseJA == "", s.Cause == "", "Cause %q for CauseJA %q", s.Cause, s.CauseJA)
			assert.Contains(t, []status.Weight{0, 1, 5, 10}, s.Weight)
			assert.Equal(t, s.Code == 250, s.Category == 0, "only 250 has no category")
			assert.Equal(t, s.Code == 250, s.Locus == status.NoLocus, "only 250 has no locus")
			if s.Code >= 200 && s.Code < 600 {
				// An SMTP row quotes its English reply text before the
				// Japanese; the English field is that text (for 551, 550's).
				assert.True(t, strings.HasPrefix(s.DescriptionJA, s.Description+" "), "Description %q of a row whose DescriptionJA is %q", s.Description, s.DescriptionJA)
			}

			for _, v := range []interface {
				MarshalText() ([]byte, error)
			}{s.Category, s.Locus, s.Weight} {
				text, err := v.MarshalText()
				require.NoError(t, err)
				assert.Equal(t, fmt.Sprint(v), string(text))
			}
			cat, err := status.ParseCategory(s.Category.String())
			assert.NoError(t, err)
			assert.Equal(t, s.Category, cat)
			locus, err := status.ParseLocus(s.Locus.String())
			assert.NoError(t, err)
			assert.Equal(t, s.Locus, locus)

			js, err := json.Marshal(s)
			require.NoError(t, err)
			var back status.Status
			require.NoError(t, json.Unmarshal(js, &back), "%s", js)
			assert.Equal(t, s, back, "JSON round trip of %s", js)
		})
	}
	assert.Len(t, seen, 73)
}

func TestStatusJSON(t *testing.T) {
	// A Status has the keys of mailstatus list -format json, and the
	// Japanese fields beside them.
	s, _ := status.Lookup(606)
	js, err := json.Marshal(s)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(js, &got))
	assert.Equal(t, map[string]any{
		"code": 606.0, "category": "BE", "locus": "system", "weight": 0.1,
		"description": s.Description, "description_ja": s.DescriptionJA,
		"cause": s.Cause, "cause_ja": s.CauseJA,
	}, got, "%s", js)

	s, _ = status.Lookup(250)
	js, err = json.Marshal(s)
	require.NoError(t, err)
	assert.Contains(t, string(js), `{"code":250,"category":"-","locus":"-","weight":0,`)
}

func TestLookupUnknown(t *testing.T) {
	for _, c := range []status.Code{0, 1, -1, -2, -14, -99, -103, -499, -503, -1000, 200, 249, 251, 421, 450, 505, 555, 600, 626, 646, 688, 701, 799, 802, 851, 1000, math.MaxInt, math.MinInt} {
		s, ok := status.Lookup(c)
		assert.False(t, ok, "Lookup(%d) found", c)
		assert.Zero(t, s, "Lookup(%d)", c)
	}
}

func TestAllStops(t *testing.T) {
	var codes []status.Code
	for s := range status.All() {
		codes = append(codes, s.Code)
		if len(codes) == 3 {
			break
		}
	}
	assert.Equal(t, []status.Code{-3, -4, -5}, codes)
}

func TestCategory(t *testing.T) {
	tests := []struct {
		c    status.Category
		text string
	}{
		{0, "-"},
		{status.LE, "LE"},
		{status.BE, "BE"},
		{status.LE | status.BE, "LE/BE"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.text, tt.c.String())
			got, err := status.ParseCategory(tt.text)
			assert.NoError(t, err)
			assert.Equal(t, tt.c, got)
			var u status.Category = 7
			assert.NoError(t, u.UnmarshalText([]byte(tt.text)))
			assert.Equal(t, tt.c, u)
		})
	}

	got, err := status.ParseCategory("–")
	assert.NoError(t, err)
	assert.Equal(t, status.Category(0), got, "en dash")

	for _, bad := range []string{"", "le", "Be", "LE/", "BE/LE", "LEBE", " LE", "—", "Category(4)"} {
		_, err := status.ParseCategory(bad)
		assert.ErrorIs(t, err, status.ErrCategory, "ParseCategory(%q)", bad)
		assert.Contains(t, fmt.Sprint(err), strconv.Quote(bad))
	}

	assert.Equal(t, "Category(4)", status.Category(4).String())
	_, err = status.Category(4).MarshalText()
	assert.Error(t, err)
}

func TestLocus(t *testing.T) {
	for l, text := range map[status.Locus]string{status.NoLocus: "-", status.System: "system", status.User: "user"} {
		assert.Equal(t, text, l.String())
		got, err := status.ParseLocus(text)
		assert.NoError(t, err)
		assert.Equal(t, l, got)
		var u status.Locus = 9
		assert.NoError(t, u.UnmarshalText([]byte(text)))
		assert.Equal(t, l, u)
	}
	for _, bad := range []string{"", "System", "システム", "–", "Locus(3)"} {
		_, err := status.ParseLocus(bad)
		assert.Error(t, err, "ParseLocus(%q)", bad)
	}
	assert.Equal(t, "Locus(3)", status.Locus(3).String())
	_, err := status.Locus(3).MarshalText()
	assert.Error(t, err)
}

func TestWeight(t *testing.T) {
	tests := []struct {
		w    status.Weight
		text string
	}{
		{0, "0"},
		{1, "0.1"},
		{5, "0.5"},
		{10, "1"},
		{15, "1.5"},
		{123, "12.3"},
		{999, "99.9"},
		{1000, "100"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.text, tt.w.String())
			js, err := json.Marshal(tt.w)
			require.NoError(t, err)
			assert.Equal(t, tt.text, string(js), "JSON is a number")
			var back status.Weight = 42
			require.NoError(t, json.Unmarshal(js, &back))
			assert.Equal(t, tt.w, back)
		})
	}
	assert.Equal(t, "-0.5", status.Weight(-5).String())
	_, err := status.Weight(-5).MarshalText()
	assert.Error(t, err, "negative weights are not marshalled")

	for _, bad := range []string{"", "-1", "+1", ".5", "1.", "0.15", "1.2.3", "1e1", `"1"`, "99999999999999999999", "１"} {
		var w status.Weight
		assert.Error(t, w.UnmarshalText([]byte(bad)), "UnmarshalText(%q)", bad)
		assert.Error(t, json.Unmarshal([]byte(bad), &w), "json.Unmarshal(%q)", bad)
	}
	w := status.Weight(7)
	require.NoError(t, json.Unmarshal([]byte("null"), &w))
	assert.Equal(t, status.Weight(7), w, "null leaves the weight alone")

	assert.Equal(t, status.Weight(10), status.Count)
	assert.Equal(t, "3", (3 * status.Count).String())
	b, err := status.Weight(5).AppendText([]byte("w="))
	require.NoError(t, err)
	assert.Equal(t, "w=0.5", string(b))
}

func TestWeightRange(t *testing.T) {
	// Every weight that marshals unmarshals back, up to the largest, and
	// one tenth more is out of range rather than wrapped around.
	for _, w := range []status.Weight{0, 1, 9, 10, math.MaxInt32, math.MaxInt / 10, math.MaxInt - 1, math.MaxInt} {
		text, err := w.MarshalText()
		require.NoError(t, err, "%d.MarshalText()", w)
		got, err := status.ParseWeight(string(text))
		require.NoError(t, err, "ParseWeight(%q)", text)
		assert.Equal(t, w, got, "ParseWeight(%q)", text)
	}
	over := status.Weight(math.MaxInt).String()
	over = over[:len(over)-1] + string(rune(over[len(over)-1]+1)) // the last tenth one more
	_, err := status.ParseWeight(over)
	assert.ErrorIs(t, err, status.ErrWeight, "ParseWeight(%q)", over)
	assert.ErrorContains(t, err, "out of range")
	_, err = status.ParseWeight(strings.Repeat("9", 40))
	assert.ErrorContains(t, err, "out of range")
}

func TestDelivered(t *testing.T) {
	s, ok := status.Lookup(status.Delivered)
	require.True(t, ok)
	assert.Equal(t, status.Code(250), s.Code)
	assert.Zero(t, s.Category, "the only code that is not a failure has no category")
}

func TestLocusError(t *testing.T) {
	_, err := status.ParseLocus("System")
	assert.ErrorIs(t, err, status.ErrLocus)
	_, err = status.Locus(7).MarshalText()
	assert.ErrorIs(t, err, status.ErrLocus)
	b, err := status.User.AppendText([]byte("locus "))
	require.NoError(t, err)
	assert.Equal(t, "locus user", string(b))
	b, err = (status.LE | status.BE).AppendText(nil)
	require.NoError(t, err)
	assert.Equal(t, "LE/BE", string(b))
}

func TestTextErrors(t *testing.T) {
	// The exact errors of the Parse functions and the text methods: the
	// sentinel's text and the value quoted, and why where there is more to
	// say. (internal/enum's tests check that a failed UnmarshalText or
	// AppendText of Category or Locus changes nothing.)
	long := strings.Repeat("L", 100)
	tests := []struct {
		name string
		err  func() error
		is   error
		want string
	}{
		{"ParseCategory", func() error { _, err := status.ParseCategory("XE"); return err }, status.ErrCategory, `status: bad category "XE"`},
		{"ParseCategory lower case", func() error { _, err := status.ParseCategory("le"); return err }, status.ErrCategory, `status: bad category "le"`},
		{"ParseCategory long", func() error { _, err := status.ParseCategory(long); return err }, status.ErrCategory, `status: bad category "` + long[:80] + `"...`},
		{"Category.UnmarshalText", func() error { var c status.Category; return c.UnmarshalText([]byte("—")) }, status.ErrCategory, `status: bad category "—"`},
		{"Category.MarshalText", func() error { _, err := status.Category(4).MarshalText(); return err }, status.ErrCategory, `status: bad category "Category(4)"`},
		{"Category.AppendText", func() error { _, err := status.Category(255).AppendText(nil); return err }, status.ErrCategory, `status: bad category "Category(255)"`},
		{"ParseLocus", func() error { _, err := status.ParseLocus("System"); return err }, status.ErrLocus, `status: invalid locus "System"`},
		{"Locus.UnmarshalText", func() error { var l status.Locus; return l.UnmarshalText(nil) }, status.ErrLocus, `status: invalid locus ""`},
		{"Locus.MarshalText", func() error { _, err := status.Locus(3).MarshalText(); return err }, status.ErrLocus, `status: invalid locus "Locus(3)"`},
		{"Locus.AppendText", func() error { _, err := status.Locus(7).AppendText(nil); return err }, status.ErrLocus, `status: invalid locus "Locus(7)"`},
		{"ParseWeight", func() error { _, err := status.ParseWeight("1.05"); return err }, status.ErrWeight, `status: invalid weight "1.05": counts have one decimal`},
		{"ParseWeight range", func() error { _, err := status.ParseWeight("99999999999999999999"); return err }, status.ErrWeight, `status: invalid weight "99999999999999999999": out of range`},
		{"Weight.UnmarshalText", func() error { var w status.Weight; return w.UnmarshalText([]byte("x")) }, status.ErrWeight, `status: invalid weight "x": not a decimal number`},
		{"Weight.MarshalText", func() error { _, err := status.Weight(-15).MarshalText(); return err }, status.ErrWeight, `status: invalid weight "-1.5": negative`},
		{"ParseEnhanced", func() error { _, err := status.ParseEnhanced("5.1"); return err }, status.ErrEnhanced, `status: bad enhanced status code "5.1"`},
		{"Enhanced.MarshalText", func() error { _, err := status.Enhanced{3, 1, 1}.MarshalText(); return err }, status.ErrEnhanced, `status: bad enhanced status code "3.1.1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			require.ErrorIs(t, err, tt.is)
			assert.EqualError(t, err, tt.want)
		})
	}

	w := status.Count
	assert.Error(t, w.UnmarshalText([]byte("x")))
	assert.Equal(t, status.Count, w, "a failed UnmarshalText leaves the weight as it was")
}

// catalogTable renders the catalog as the Markdown table README.md shows.
func catalogTable() string {
	var b strings.Builder
	b.WriteString("| Code | Category | Locus | Weight | Description | 内容 | Cause |\n")
	b.WriteString("|---:|---|---|---:|---|---|---|\n")
	cell := strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace
	for s := range status.All() {
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s |\n",
			s.Code, s.Category, s.Locus, s.Weight, cell(s.Description), cell(s.DescriptionJA), cell(s.Cause))
	}
	return b.String()
}

func TestREADMECatalog(t *testing.T) {
	const begin, end = "<!-- catalog:begin -->\n", "<!-- catalog:end -->"
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	text := string(readme)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	require.True(t, i >= 0 && j > i, "README.md has no %q … %q section", begin, end)
	want := catalogTable()
	if *update {
		text = text[:i+len(begin)] + want + text[j:]
		require.NoError(t, os.WriteFile("README.md", []byte(text), 0o644))
		return
	}
	assert.Equal(t, want, text[i+len(begin):j], "README.md's catalog table is stale: go test -run TestREADMECatalog -update")
}

// lookupCodes are the codes of a realistic log, some of them undocumented.
var lookupCodes = func() []status.Code {
	var codes []status.Code
	for _, line := range benchlog.Lines(1024) {
		r, err := status.ParseLine(line)
		if err != nil {
			panic(err)
		}
		codes = append(codes, r.Code)
	}
	return codes
}()

func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkStatus, sinkOK = status.Lookup(lookupCodes[i&1023])
		i++
	}
}

// BenchmarkBaselineMapLookup looks up the same codes in a map: what
// Lookup is measured against.
func BenchmarkBaselineMapLookup(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkStatus, sinkOK = benchCodes[lookupCodes[i&1023]]
		i++
	}
}

// textValue is what Category, Locus and Weight have in common.
type textValue interface {
	comparable
	MarshalText() ([]byte, error)
}

// checkText checks both text round trips of one type: a value that
// marshals unmarshals back to itself, and any text that unmarshals
// marshals to text that unmarshals to the same value.
func checkText[T textValue](t *testing.T, x T, text []byte, unmarshal func(*T, []byte) error) {
	if b, err := x.MarshalText(); err == nil {
		var back T
		if err := unmarshal(&back, b); err != nil || back != x {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, x)
		}
	}
	var v T
	if err := unmarshal(&v, text); err != nil {
		return
	}
	b, err := v.MarshalText()
	if err != nil {
		t.Fatalf("MarshalText(%v) after UnmarshalText(%q): %v", v, text, err)
	}
	var back T
	if err := unmarshal(&back, b); err != nil || back != v {
		t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, v)
	}
}

func FuzzCategory(f *testing.F) {
	for _, s := range []string{"LE", "BE", "LE/BE", "-", "–", "le", ""} {
		f.Add(uint8(len(s)), []byte(s))
	}
	f.Fuzz(func(t *testing.T, x uint8, text []byte) {
		checkText(t, status.Category(x), text, (*status.Category).UnmarshalText)
		if s := status.Category(x).String(); s == "" {
			t.Fatalf("Category(%d).String() is empty", x)
		}
	})
}

func FuzzLocus(f *testing.F) {
	for _, s := range []string{"-", "system", "user", "System", ""} {
		f.Add(uint8(len(s)), []byte(s))
	}
	f.Fuzz(func(t *testing.T, x uint8, text []byte) {
		checkText(t, status.Locus(x), text, (*status.Locus).UnmarshalText)
		if s := status.Locus(x).String(); s == "" {
			t.Fatalf("Locus(%d).String() is empty", x)
		}
	})
}

func FuzzWeight(f *testing.F) {
	texts := []string{"0", "0.1", "1", "12.3", "99.9", "1.0", "1.00", "1.05", "-1", "1.25", "", "922337203685477580.7", "922337203685477580.8", "2147483647"}
	weights := []int64{0, 1, 9, 10, 11, 999, math.MaxInt32, math.MaxInt32 + 1, math.MaxInt64, math.MaxInt64 - 1, math.MinInt64, -1}
	for i, w := range weights {
		f.Add(w, []byte(texts[i%len(texts)]))
	}
	f.Fuzz(func(t *testing.T, x int64, text []byte) {
		checkText(t, status.Weight(x), text, (*status.Weight).UnmarshalText)
		checkText(t, status.Weight(x), text, (*status.Weight).UnmarshalJSON)
	})
}

func TestParseWeight(t *testing.T) {
	good := map[string]status.Weight{
		"0": 0, "0.1": 1, "0.5": 5, "1": 10, "12.3": 123, "99.9": 999, "100": 1000,
		// Documented beyond what String writes: leading zeros, a zero
		// tenth, and two decimals whose second is 0 (the XML API's "1.00").
		"01": 10, "007.5": 75, "1.0": 10, "1.00": 10, "0.50": 5, "12.30": 123,
	}
	for text, want := range good {
		got, err := status.ParseWeight(text)
		require.NoError(t, err, "ParseWeight(%q)", text)
		assert.Equal(t, want, got, "ParseWeight(%q)", text)
		assert.InDelta(t, float64(want)/10, got.Float64(), 1e-9)
	}
	for _, bad := range []string{"", "-0.1", "-1", "0.15", "1.05", "1.000", "1.", ".5", ".50", "1,5", "1e1", "0x1", " 1", "1 ", "NaN", "12.3.4", "1.0x", "1.x0"} {
		_, err := status.ParseWeight(bad)
		assert.ErrorIs(t, err, status.ErrWeight, "ParseWeight(%q)", bad)
	}
	_, err := status.ParseWeight("1.05")
	assert.EqualError(t, err, `status: invalid weight "1.05": counts have one decimal`)
	assert.Equal(t, 0.1, status.Weight(1).Float64())
	assert.Equal(t, 99.9, status.Weight(999).Float64())
}

func TestWeightAdd(t *testing.T) {
	tests := []struct {
		name string
		w, d status.Weight
		want status.Weight
	}{
		{"a tenth", 0, 1, 1},
		{"ten tenths", 9, 1, 10},
		{"up to the cap", 998, 1, 999},
		{"at the cap", 999, 1, 999},
		{"past the cap", 500, 600, 999},
		{"no overflow", 5, math.MaxInt, 999},
		{"takes away", 30, -10, 20},
		{"down to 0", 5, -10, 0},
		{"no underflow", 5, math.MinInt, 0},
		{"above the cap first", 1500, -1, 998},
		{"below 0 first", -50, 3, 3},
		{"far below 0", math.MinInt, math.MaxInt, 999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.w.Add(tt.d); got != tt.want {
				t.Errorf("Weight(%d).Add(%d) = %d; want %d", tt.w, tt.d, got, tt.want)
			}
		})
	}
}

func TestTallyExact(t *testing.T) {
	var tally status.Tally
	var total status.Weight
	for range 10 {
		total = tally.AddWeight("taro@example.jp", 1)
	}
	assert.Equal(t, status.Weight(10), total, "ten 0.1s")
	assert.Equal(t, "1", total.String())
	assert.Equal(t, status.Weight(10), tally.Total("taro@example.jp"))

	// float64 would not make it.
	f := 0.0
	for range 10 {
		f += 0.1
	}
	assert.NotEqual(t, 1.0, f, "the reason Weight is an integer")
}

func TestTallySaturates(t *testing.T) {
	var tally status.Tally
	for range 200 {
		tally.AddWeight("a", 10)
	}
	assert.Equal(t, status.MaxTotal, tally.Total("a"))
	assert.Equal(t, "99.9", tally.Total("a").String())
	assert.Equal(t, status.MaxTotal, tally.AddWeight("b", math.MaxInt))
	assert.Equal(t, status.MaxTotal, tally.AddWeight("b", 1))

	assert.Equal(t, status.Weight(989), tally.AddWeight("a", -10), "a negative weight takes away")
	assert.Equal(t, status.Weight(0), tally.AddWeight("a", math.MinInt), "down to 0")
	assert.Equal(t, status.Weight(0), tally.AddWeight("c", -5))
	assert.Equal(t, []string{"b"}, tally.Reached(0), "keys at 0 are dropped")
}

func TestTallyReachedAndAll(t *testing.T) {
	var tally status.Tally
	assert.Empty(t, tally.Reached(10), "zero value")
	for key, w := range map[string]status.Weight{"yuki@example.jp": 10, "Taro@example.jp": 5, "taro@example.jp": 15, "ichiro@example.jp": 1, "hanako@example.jp": 20} {
		tally.AddWeight(key, w)
	}
	tally.AddWeight("delivered@example.jp", 0)
	assert.Equal(t, []string{"hanako@example.jp", "taro@example.jp", "yuki@example.jp"}, tally.Reached(10))
	assert.Equal(t, []string{"Taro@example.jp", "hanako@example.jp", "taro@example.jp", "yuki@example.jp"}, tally.Reached(5), "keys are case-sensitive")
	assert.Empty(t, tally.Reached(21))

	var keys []string
	var totals []status.Weight
	for k, w := range tally.All() {
		keys = append(keys, k)
		totals = append(totals, w)
		tally.Reset(k) // the loop may use the Tally
	}
	assert.Equal(t, []string{"Taro@example.jp", "hanako@example.jp", "ichiro@example.jp", "taro@example.jp", "yuki@example.jp"}, keys)
	assert.Equal(t, []status.Weight{5, 20, 1, 15, 10}, totals)
	assert.Empty(t, tally.Reached(0), "all reset")
	assert.Zero(t, tally.Total("taro@example.jp"))

	tally.AddWeight("a", 1)
	tally.AddWeight("b", 1)
	for k := range tally.All() {
		assert.Equal(t, "a", k)
		break
	}
}

func TestTallyAddEveryCode(t *testing.T) {
	for s := range status.All() {
		var tally status.Tally
		tally.AddWeight("x", 3)
		got := tally.Add("x", status.Result{Code: s.Code, Category: s.Category & status.BE})
		assert.Equal(t, 3+s.Weight, got, "Add of code %v", s.Code)
	}
	var tally status.Tally
	for _, c := range []status.Code{421, 626, 0, -1} {
		assert.Zero(t, tally.Add("x", status.Result{Code: c}), "undocumented code %v", c)
	}
}

func TestTallyConcurrent(t *testing.T) {
	var tally status.Tally
	r550, err := status.ParseLine("550 BE 5.1.1 unknown")
	require.NoError(t, err)
	r552, err := status.ParseLine("552 BE 5.2.2 full")
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				key := "addr" + strconv.Itoa(i%4)
				if g%2 == 0 {
					tally.Add(key, r552) // 0.1
				} else {
					tally.Add(key, r550) // 1
				}
				_ = tally.Total(key)
				_ = tally.Reached(1)
			}
		}()
	}
	wg.Wait()
	// Each key: 4 goroutines × 25 × 0.1 + 4 × 25 × 1 = 10 + 100, capped.
	for i := range 4 {
		assert.Equal(t, status.MaxTotal, tally.Total("addr"+strconv.Itoa(i)))
	}

	var small status.Tally
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				small.Add("k", r552)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, status.Weight(800), small.Total("k"), "8 × 100 × 0.1 = 80 exactly")
}
