package bounce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
)

// LoadRules reads rules written as one JSON array of [Rule] objects, at
// most MaxRulesFileSize bytes, as a rules file holds them:
//
//	[{"name": "acme-full", "reason": "mailboxfull", "contains": ["box is stuffed"]},
//	 {"name": "ours", "reason": "blocked", "action": "retry", "codes": [554]},
//	 {"name": "vacation-ok", "reason": "vacation", "action": "none", "contains": ["out of office"]}]
//
// Reasons and actions are their names; a rule without "action" has its
// reason's usual action, and "action": "none" says that there is nothing
// to do. The file is read strictly: a leading UTF-8 byte order mark is
// skipped, but anything after the array other than white space, null
// instead of the array, invalid UTF-8 or a lone surrogate (\ud800) in a
// string, a key that is unknown, twice in an object or in another case
// ("Name"), null as a value, a code that is not an integer, and any rule
// that [NewClassifier] would refuse are errors. An error about a rule is a
// [*RuleError] naming it by its index in the array, from 0; a file that is
// not JSON, or not one JSON array, is a [*RulesSyntaxError] with the line and
// column.
func LoadRules(r io.Reader) ([]Rule, error) {
	return loadRules(r, func(d *json.Decoder, data []byte) (Rule, error) {
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return Rule{}, notArray(data, d.InputOffset(), err)
		}
		rule, err := parseRule(raw)
		if err != nil && rule.Name == "" {
			rule.Name = nameOf(raw) // any key of that name, for the error
		}
		return rule, err
	})
}

// loadRules reads a rules file as LoadRules says, each rule of the array
// with next, which reads it from d, a decoder of data: it returns the
// rule, a *RulesSyntaxError, or an error about the rule with as much of
// the rule as it read (its name, for the error).
func loadRules(r io.Reader, next func(d *json.Decoder, data []byte) (Rule, error)) ([]Rule, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRulesFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("bounce: rules: %w", err)
	}
	if len(data) > MaxRulesFileSize {
		return nil, fmt.Errorf("bounce: rules: more than %d bytes (MaxRulesFileSize)", MaxRulesFileSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	d := json.NewDecoder(bytes.NewReader(data))
	switch tok, err := d.Token(); {
	case err == io.EOF:
		return nil, errors.New("bounce: rules: not a JSON array of rules: no data")
	case err != nil:
		return nil, notArray(data, 0, err)
	case tok != json.Delim('['):
		return nil, notArray(data, 0, errors.New(describe(tok)))
	}
	rules := []Rule{}
	var set ruleSet
	for d.More() {
		rule, err := next(d, data)
		if err == nil {
			err = set.add(&rule)
		}
		if err != nil {
			if _, ok := err.(*RulesSyntaxError); ok {
				return nil, err
			}
			return nil, &RuleError{Index: len(rules), Name: rule.Name, Err: err}
		}
		rules = append(rules, rule)
	}
	if _, err := d.Token(); err != nil { // the closing bracket
		return nil, notArray(data, d.InputOffset(), err)
	}
	after := d.InputOffset()
	if tok, err := d.Token(); err != io.EOF {
		if err == nil {
			err = errors.New(describe(tok))
		}
		return nil, syntaxError(data, after, "more than one JSON value after the array", err)
	}
	return rules, nil
}

// notArray returns the *RulesSyntaxError of data, which is not a JSON
// array of rules, as err met at offset at says.
func notArray(data []byte, at int64, err error) error {
	if err == io.EOF { // between values: within the array, it ends early either way
		err = io.ErrUnexpectedEOF
	}
	return syntaxError(data, at, "not a JSON array of rules", err)
}

// RulesSyntaxError is a rules file that is not JSON, or not one JSON array: a
// syntax error (a trailing comma), data that ends early, or another value
// than the array, before or after it. Line and Column say where, from 1;
// Column counts bytes, as [go/token.Position] does, and a byte order mark
// at the start is not counted. Err says what is wrong; it wraps
// [io.ErrUnexpectedEOF] for data that ends early.
type RulesSyntaxError struct {
	Line, Column int
	Err          error
}

// Error says where and what:
//
//	bounce: rules: line 3, column 2: not a JSON array of rules: invalid character ']' looking for beginning of value
func (e *RulesSyntaxError) Error() string {
	return fmt.Sprintf("bounce: rules: line %d, column %d: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns Err.
func (e *RulesSyntaxError) Unwrap() error { return e.Err }

// syntaxError returns a *RulesSyntaxError for err, met in data, with what
// (what was being read) before it: at the end of data for data that ends
// early, at the byte that a JSON syntax error is about, or else at the
// first value from offset at.
func syntaxError(data []byte, at int64, what string, err error) *RulesSyntaxError {
	off := skipSpace(data, int(at))
	var syntax *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = len(data)
	case errors.As(err, &syntax):
		// The decoder's offsets are about its buffer, and its words
		// depend on the call that met the error; a scan of the whole
		// data finds the first byte the scanner refuses, which is the
		// decoder's, and says the same of it whatever the call.
		var v json.RawMessage
		if errors.As(json.Unmarshal(data, &v), &syntax) {
			off, err = int(syntax.Offset)-1, syntax
		}
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return &RulesSyntaxError{Line: line, Column: col, Err: fmt.Errorf("%s: %w", what, err)}
}

// describe names a JSON token that is not what was expected.
func describe(tok json.Token) string {
	switch tok := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		if tok == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%v", tok)
}

// ruleFields are the keys of a rule object, in the order MarshalJSON
// writes them, each with how its value is read and written: the one list
// of the keys, which LoadRules, Rule.UnmarshalJSON and Rule.MarshalJSON
// go by. read sets the field from the JSON value v (valid JSON); write
// returns the field's value and whether to write it at all.
var ruleFields = [...]struct {
	key   string
	read  func(r *Rule, key string, v []byte) error
	write func(r *Rule) (any, bool)
}{
	{"name", func(r *Rule, key string, v []byte) error { return unmarshalString(key, v, &r.Name) },
		func(r *Rule) (any, bool) { return r.Name, true }},
	{"reason", readReason, func(r *Rule) (any, bool) { return r.Reason, true }},
	{"action", readAction, func(r *Rule) (any, bool) { return r.Action, r.Action != None || r.HasAction }},
	{"codes", readCodes, func(r *Rule) (any, bool) { return r.Codes, len(r.Codes) > 0 }},
	{"contains", readContains, func(r *Rule) (any, bool) { return r.Contains, len(r.Contains) > 0 }},
}

// parseRule parses a rule object strictly: see LoadRules. It checks what
// JSON can get wrong, not the rule (see Rule.check). b must be valid JSON
// (encoding/json has checked it), which lets it be walked without a
// decoder: LoadRules reads 10^5 rules in less than half the time and
// memory that the same checks take with encoding/json's decoder alone
// (BenchmarkLoadRules, against LoadRulesDecoder), and in fewer lines.
func parseRule(b []byte) (Rule, error) {
	var r Rule
	if err := checkStrings(b); err != nil {
		return r, err
	}
	i := skipSpace(b, 0)
	if b[i] != '{' {
		return r, fmt.Errorf("%s, not an object", kind(b[i:]))
	}
	var seen [len(ruleFields)]bool
	for key, v := range members(b[i:]) {
		k := fieldIndex(key)
		switch {
		case k < 0:
			return r, fmt.Errorf("unknown key %s", quote.Cut(key))
		case key != ruleFields[k].key:
			return r, fmt.Errorf("key %s: keys are lower case (%q)", quote.Cut(key), ruleFields[k].key)
		case seen[k]:
			return r, fmt.Errorf("key %q twice", key)
		}
		seen[k] = true
		if err := ruleFields[k].read(&r, key, v); err != nil {
			return r, err
		}
	}
	return r, nil
}

// fieldIndex returns the index in ruleFields of key in any case, or -1.
func fieldIndex(key string) int {
	for k := range ruleFields {
		if strings.EqualFold(key, ruleFields[k].key) {
			return k
		}
	}
	return -1
}

// members returns an iterator over the keys and values of the JSON object
// that obj, valid JSON, holds.
func members(obj []byte) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		for i := skipSpace(obj, 1); obj[i] != '}'; {
			end := valueEnd(obj, i)
			key := unquote(obj[i:end])
			i = skipSpace(obj, skipSpace(obj, end)+1) // past the colon
			end = valueEnd(obj, i)
			v := obj[i:end]
			if i = skipSpace(obj, end); obj[i] == ',' {
				i = skipSpace(obj, i+1)
			}
			if !yield(key, v) {
				return
			}
		}
	}
}

// nameOf returns the rule name that b, a rule's JSON, holds under a key
// that is the name's key in any case: the first that is not empty, or "".
func nameOf(b []byte) string {
	i := skipSpace(b, 0)
	if b[i] != '{' {
		return ""
	}
	for key, v := range members(b[i:]) {
		if strings.EqualFold(key, ruleFields[0].key) && v[0] == '"' {
			if name := unquote(v); name != "" {
				return name
			}
		}
	}
	return ""
}

// skipSpace returns the index of the first byte at i or after that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// valueEnd returns the end of the JSON value that starts at b[i], in
// valid JSON.
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		for i++; b[i] != '"'; i++ {
			if b[i] == '\\' {
				i++
			}
		}
		return i + 1
	case '{', '[':
		depth := 0
		for ; ; i++ {
			switch b[i] {
			case '"':
				i = valueEnd(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && !isSpace(b[i]) {
		i++ // a number, true, false or null
	}
	return i
}

// unquote returns the string of the JSON string v.
func unquote(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v[1 : len(v)-1])
	}
	var s string
	_ = json.Unmarshal(v, &s) // valid JSON
	return s
}

// readReason sets r.Reason from v, a reason's name.
func readReason(r *Rule, key string, v []byte) error {
	var s string
	if err := unmarshalString(key, v, &s); err != nil {
		return err
	}
	reason, err := ParseReason(s)
	r.Reason = reason
	return err
}

// readAction sets r.Action from v, an action's name; "none" sets
// HasAction.
func readAction(r *Rule, key string, v []byte) error {
	var s string
	if err := unmarshalString(key, v, &s); err != nil {
		return err
	}
	action, err := ParseAction(s)
	r.Action, r.HasAction = action, action == None
	return err
}

// readCodes sets r.Codes from v, an array of integers.
func readCodes(r *Rule, key string, v []byte) error {
	elems, err := unmarshalArray(key, v)
	if err != nil {
		return err
	}
	for _, e := range elems {
		if k := kind(e); k == "a string" {
			return fmt.Errorf("%s: a string, not a number: %s", key, quote.Cut(unquote(e)))
		} else if k != "a number" {
			return fmt.Errorf("%s: %s, not a number", key, k)
		}
		n, err := strconv.Atoi(string(e))
		if err != nil {
			return fmt.Errorf("%s: not an integer: %s", key, quote.Cut(string(e)))
		}
		r.Codes = append(r.Codes, status.Code(n))
	}
	return nil
}

// readContains sets r.Contains from v, an array of strings.
func readContains(r *Rule, key string, v []byte) error {
	elems, err := unmarshalArray(key, v)
	if err != nil {
		return err
	}
	for _, e := range elems {
		var s string
		if err := unmarshalString(key, e, &s); err != nil {
			return err
		}
		r.Contains = append(r.Contains, s)
	}
	return nil
}

// unmarshalString unmarshals v, which must be a JSON string, into s.
func unmarshalString(key string, v []byte, s *string) error {
	if v[0] != '"' {
		return fmt.Errorf("%s: %s, not a string", key, kind(v))
	}
	*s = unquote(v)
	return nil
}

// unmarshalArray returns the elements of v, which must be a JSON array.
func unmarshalArray(key string, v []byte) ([][]byte, error) {
	if v[0] != '[' {
		return nil, fmt.Errorf("%s: %s, not an array", key, kind(v))
	}
	var elems [][]byte
	for i := skipSpace(v, 1); v[i] != ']'; {
		end := valueEnd(v, i)
		if string(v[i:end]) == "null" {
			return nil, fmt.Errorf("%s: null in the array", key)
		}
		elems = append(elems, v[i:end])
		if i = skipSpace(v, end); v[i] == ',' {
			i = skipSpace(v, i+1)
		}
	}
	return elems, nil
}

// kind names the kind of the JSON value v.
func kind(v []byte) string {
	switch c := v[0]; {
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	}
	return "a number"
}

// checkStrings reports invalid UTF-8, or an escaped lone surrogate, in
// the strings of b (valid JSON), which encoding/json would silently turn
// into U+FFFD.
func checkStrings(b []byte) error {
	in := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			in = !in
		case !in:
		case c == '\\':
			i++
			if b[i] != 'u' {
				continue
			}
			r := hex4(b[i+1:])
			i += 4
			switch {
			case utf16.IsSurrogate(r) && r < 0xDC00 && i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u':
				if r2 := hex4(b[i+3:]); utf16.DecodeRune(r, r2) != utf8.RuneError {
					i += 6
					continue
				}
				fallthrough
			case utf16.IsSurrogate(r):
				return fmt.Errorf("a lone surrogate in a string: \\u%04x", r)
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return fmt.Errorf("invalid UTF-8 in a string: byte %#02x", c)
			}
			i += size - 1
		}
	}
	return nil
}

// hex4 returns the rune of the 4 hexadecimal digits at the start of b
// (valid JSON).
func hex4(b []byte) rune {
	n, _ := strconv.ParseUint(string(b[:4]), 16, 16)
	return rune(n)
}

// MarshalJSON writes r as an object of LoadRules's rules files: "action"
// only where r has one of its own (Action not None, or HasAction). It
// fails for a name or phrase that is not valid UTF-8, which JSON cannot
// hold, and for a reason or action outside the defined ones.
func (r Rule) MarshalJSON() ([]byte, error) {
	valid := utf8.ValidString(r.Name)
	for _, s := range r.Contains {
		valid = valid && utf8.ValidString(s)
	}
	if !valid {
		return nil, fmt.Errorf("bounce: rule %s: invalid UTF-8", quote.Cut(r.Name))
	}
	b := []byte{'{'}
	for _, f := range ruleFields {
		v, ok := f.write(&r)
		if !ok {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, f.key) // a key is plain ASCII
		b = append(b, ':')
		j, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		b = append(b, j...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a rule object as LoadRules does, but checks only
// its JSON, not the rule: it accepts what [Rule.MarshalJSON] writes.
func (r *Rule) UnmarshalJSON(b []byte) error {
	v, err := parseRule(b)
	if err != nil {
		return fmt.Errorf("bounce: rule: %w", err)
	}
	*r = v
	return nil
}
