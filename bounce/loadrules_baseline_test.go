package bounce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/quote"
)

// LoadRulesDecoder is LoadRules written with encoding/json alone, the
// baseline of BenchmarkLoadRules: the same strictness and the same errors
// (TestLoadRulesErrors checks both), with one decoder that reads each
// rule's keys with Token, which finds a key twice or in another case
// where decoding into a struct would not, and its values with Decode and
// json.Unmarshal, instead of parseRule's walk over the bytes. Like
// LoadRules, it checks each rule's strings for invalid UTF-8 itself:
// encoding/json would turn it into U+FFFD.
func LoadRulesDecoder(r io.Reader) ([]Rule, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRulesFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("bounce: rules: %w", err)
	}
	if len(data) > MaxRulesFileSize {
		return nil, fmt.Errorf("bounce: rules: more than %d bytes (MaxRulesFileSize)", MaxRulesFileSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	d := json.NewDecoder(bytes.NewReader(data))
	notArray := func(off int64, err error) error {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return syntaxError(data, off, "not a JSON array of rules", err)
	}
	switch tok, err := d.Token(); {
	case err == io.EOF:
		return nil, errors.New("bounce: rules: not a JSON array of rules: no data")
	case err != nil:
		return nil, notArray(0, err)
	case tok != json.Delim('['):
		return nil, notArray(0, errors.New(describe(tok)))
	}
	rules := []Rule{}
	var set ruleSet
	for d.More() {
		at := d.InputOffset()
		start := skipSpace(data, int(at))
		if data[start] == ',' {
			start = skipSpace(data, start+1)
		}
		tok, err := d.Token()
		if err != nil {
			return nil, notArray(at, err)
		}
		if tok != json.Delim('{') {
			for depth := 0; ; { // the rest of an array
				switch tok {
				case json.Delim('['), json.Delim('{'):
					depth++
				case json.Delim(']'), json.Delim('}'):
					depth--
				}
				if depth == 0 {
					break
				}
				if tok, err = d.Token(); err != nil {
					return nil, notArray(d.InputOffset(), err)
				}
			}
			err := checkStrings(data[start:d.InputOffset()])
			if err == nil {
				err = fmt.Errorf("%s, not an object", kind(data[start:]))
			}
			return nil, &RuleError{Index: len(rules), Err: err}
		}
		var (
			rule    Rule
			seen    [len(ruleFields)]bool
			ruleErr error
			name    string // under a key of any case, for the error
		)
		for d.More() {
			tok, err := d.Token()
			if err != nil {
				return nil, notArray(d.InputOffset(), err)
			}
			key := tok.(string)
			var v json.RawMessage
			if err := d.Decode(&v); err != nil {
				return nil, notArray(d.InputOffset(), err)
			}
			if strings.EqualFold(key, ruleFields[0].key) && v[0] == '"' && name == "" {
				_ = json.Unmarshal(v, &name)
			}
			if ruleErr != nil {
				continue
			}
			k := fieldIndex(key)
			switch {
			case k < 0:
				ruleErr = fmt.Errorf("unknown key %s", quote.Cut(key))
			case key != ruleFields[k].key:
				ruleErr = fmt.Errorf("key %s: keys are lower case (%q)", quote.Cut(key), ruleFields[k].key)
			case seen[k]:
				ruleErr = fmt.Errorf("key %q twice", key)
			default:
				seen[k] = true
				ruleErr = decoderReaders[k](&rule, key, v)
			}
		}
		if _, err := d.Token(); err != nil { // the closing brace
			return nil, notArray(d.InputOffset(), err)
		}
		if err := checkStrings(data[start:d.InputOffset()]); err != nil {
			ruleErr = err
			rule.Name = "" // as the file has it, not as json.Unmarshal read it
			name = nameOf(data[start:d.InputOffset()])
		}
		if ruleErr == nil {
			ruleErr = set.add(&rule)
		}
		if ruleErr != nil {
			if rule.Name == "" {
				rule.Name = name
			}
			return nil, &RuleError{Index: len(rules), Name: rule.Name, Err: ruleErr}
		}
		rules = append(rules, rule)
	}
	if _, err := d.Token(); err != nil {
		return nil, notArray(d.InputOffset(), err)
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

// decoderReaders read the values of ruleFields with json.Unmarshal.
var decoderReaders = [len(ruleFields)]func(r *Rule, key string, v []byte) error{
	func(r *Rule, key string, v []byte) error { return decodeString(key, v, &r.Name) },
	func(r *Rule, key string, v []byte) error {
		var s string
		if err := decodeString(key, v, &s); err != nil {
			return err
		}
		var err error
		r.Reason, err = ParseReason(s)
		return err
	},
	func(r *Rule, key string, v []byte) error {
		var s string
		if err := decodeString(key, v, &s); err != nil {
			return err
		}
		action, err := ParseAction(s)
		r.Action, r.HasAction = action, action == None
		return err
	},
	func(r *Rule, key string, v []byte) error {
		elems, err := decodeArray(key, v)
		for _, e := range elems {
			var s string
			switch k := kind(e); {
			case k == "a string":
				_ = json.Unmarshal(e, &s)
				return fmt.Errorf("%s: a string, not a number: %s", key, quote.Cut(s))
			case k != "a number":
				return fmt.Errorf("%s: %s, not a number", key, k)
			}
			n, err := strconv.Atoi(string(e))
			if err != nil {
				return fmt.Errorf("%s: not an integer: %s", key, quote.Cut(string(e)))
			}
			r.Codes = append(r.Codes, status.Code(n))
		}
		return err
	},
	func(r *Rule, key string, v []byte) error {
		elems, err := decodeArray(key, v)
		for _, e := range elems {
			var s string
			if err := decodeString(key, e, &s); err != nil {
				return err
			}
			r.Contains = append(r.Contains, s)
		}
		return err
	},
}

func decodeString(key string, v []byte, s *string) error {
	if v[0] != '"' {
		return fmt.Errorf("%s: %s, not a string", key, kind(v))
	}
	return json.Unmarshal(v, s)
}

func decodeArray(key string, v []byte) ([]json.RawMessage, error) {
	if v[0] != '[' {
		return nil, fmt.Errorf("%s: %s, not an array", key, kind(v))
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(v, &elems); err != nil {
		return nil, err
	}
	for _, e := range elems {
		if string(e) == "null" {
			return nil, fmt.Errorf("%s: null in the array", key)
		}
	}
	return elems, nil
}
