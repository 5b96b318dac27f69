package bounce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
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
// [*RuleError] naming it by its index in the array, from 0.
func LoadRules(r io.Reader) ([]Rule, error) {
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
		return nil, fmt.Errorf("bounce: rules: not a JSON array of rules: %w", err)
	case tok != json.Delim('['):
		return nil, fmt.Errorf("bounce: rules: not a JSON array of rules: %s", describe(tok))
	}
	rules := []Rule{}
	var set ruleSet
	for d.More() {
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("bounce: rules: not a JSON array of rules: %w", err)
		}
		rule, err := parseRule(raw)
		if err == nil {
			err = set.add(&rule)
		}
		if err != nil {
			if rule.Name == "" {
				var named struct{ Name string } // any key of that name, for the error
				_ = json.Unmarshal(raw, &named)
				rule.Name = named.Name
			}
			return nil, &RuleError{Index: len(rules), Name: rule.Name, Err: err}
		}
		rules = append(rules, rule)
	}
	if _, err := d.Token(); err != nil { // the closing bracket
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("bounce: rules: not a JSON array of rules: %w", err)
	}
	if tok, err := d.Token(); err != io.EOF {
		if err == nil {
			err = errors.New(describe(tok))
		}
		return nil, fmt.Errorf("bounce: rules: more than one JSON value: after the array, %w", err)
	}
	return rules, nil
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

// ruleKeys are the keys of a rule object.
var ruleKeys = []string{"name", "reason", "action", "codes", "contains"}

// parseRule parses a rule object strictly: see LoadRules. It checks what
// JSON can get wrong, not the rule (see Rule.check). b must be valid JSON
// (encoding/json has checked it), which lets it be walked without a
// decoder: a rules file of 10^5 rules is read in a fraction of the time.
func parseRule(b []byte) (Rule, error) {
	var r Rule
	if err := checkStrings(b); err != nil {
		return r, err
	}
	i := skipSpace(b, 0)
	if b[i] != '{' {
		return r, fmt.Errorf("%s, not an object", kind(b[i:]))
	}
	var seen [5]bool
	for i = skipSpace(b, i+1); b[i] != '}'; {
		end := valueEnd(b, i)
		key := unquote(b[i:end])
		i = skipSpace(b, skipSpace(b, end)+1) // past the colon
		end = valueEnd(b, i)
		v := b[i:end]
		if i = skipSpace(b, end); b[i] == ',' {
			i = skipSpace(b, i+1)
		}
		k := slices.Index(ruleKeys, key)
		if k < 0 {
			for _, known := range ruleKeys {
				if strings.EqualFold(key, known) {
					return r, fmt.Errorf("key %s: keys are lower case (%q)", quote.Cut(key), known)
				}
			}
			return r, fmt.Errorf("unknown key %s", quote.Cut(key))
		}
		if seen[k] {
			return r, fmt.Errorf("key %q twice", key)
		}
		seen[k] = true
		if err := r.set(key, v); err != nil {
			return r, err
		}
	}
	return r, nil
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

// set sets the field of key to the JSON value v.
func (r *Rule) set(key string, v []byte) error {
	switch key {
	case "name":
		return unmarshalString(key, v, &r.Name)
	case "reason", "action":
		var s string
		if err := unmarshalString(key, v, &s); err != nil {
			return err
		}
		if key == "reason" {
			reason, err := ParseReason(s)
			r.Reason = reason
			return err
		}
		action, err := ParseAction(s)
		r.Action, r.HasAction = action, action == None
		return err
	case "codes":
		elems, err := unmarshalArray(key, v)
		if err != nil {
			return err
		}
		for _, e := range elems {
			if k := kind(e); k == "a string" {
				return fmt.Errorf("codes: a string, not a number: %s", quote.Cut(unquote(e)))
			} else if k != "a number" {
				return fmt.Errorf("codes: %s, not a number", k)
			}
			n, err := strconv.Atoi(string(e))
			if err != nil {
				return fmt.Errorf("codes: not an integer: %s", quote.Cut(string(e)))
			}
			r.Codes = append(r.Codes, status.Code(n))
		}
		return nil
	case "contains":
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
	panic("bounce: no such key: " + key)
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
	j := struct {
		Name     string        `json:"name"`
		Reason   Reason        `json:"reason"`
		Action   *Action       `json:"action,omitempty"`
		Codes    []status.Code `json:"codes,omitempty"`
		Contains []string      `json:"contains,omitempty"`
	}{Name: r.Name, Reason: r.Reason, Codes: r.Codes, Contains: r.Contains}
	if r.Action != None || r.HasAction {
		j.Action = &r.Action
	}
	return json.Marshal(j)
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
