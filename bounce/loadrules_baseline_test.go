package bounce

import (
	"encoding/json"
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
// encoding/json would turn it into U+FFFD. The two share the reading of
// the file around the rules (loadRules).
func LoadRulesDecoder(r io.Reader) ([]Rule, error) {
	return loadRules(r, func(d *json.Decoder, data []byte) (Rule, error) {
		at := d.InputOffset()
		start := skipSpace(data, int(at))
		if data[start] == ',' {
			start = skipSpace(data, start+1)
		}
		tok, err := d.Token()
		if err != nil {
			return Rule{}, notArray(data, at, err)
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
					return Rule{}, notArray(data, d.InputOffset(), err)
				}
			}
			if err := checkStrings(data[start:d.InputOffset()]); err != nil {
				return Rule{}, err
			}
			return Rule{}, fmt.Errorf("%s, not an object", kind(data[start:]))
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
				return Rule{}, notArray(data, d.InputOffset(), err)
			}
			key := tok.(string)
			var v json.RawMessage
			if err := d.Decode(&v); err != nil {
				return Rule{}, notArray(data, d.InputOffset(), err)
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
			return Rule{}, notArray(data, d.InputOffset(), err)
		}
		if err := checkStrings(data[start:d.InputOffset()]); err != nil {
			// The name as the file has it, not as json.Unmarshal read it.
			return Rule{Name: nameOf(data[start:d.InputOffset()])}, err
		}
		if ruleErr != nil && rule.Name == "" {
			rule.Name = name
		}
		return rule, ruleErr
	})
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
