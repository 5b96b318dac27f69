package bounce

import (
	"strconv"
	"strings"
	"testing"

	"github.com/haishin/status"
)

func TestTextRulesTable(t *testing.T) {
	names := map[string]bool{}
	phrases := map[string]string{}
	for i, r := range textRules {
		if !strings.HasPrefix(r.name, "text:") || names[r.name] {
			t.Errorf("rule %d: name %q is not unique or lacks \"text:\"", i, r.name)
		}
		names[r.name] = true
		if r.reason == Undefined || r.reason >= numReasons || len(r.phrases) == 0 {
			t.Errorf("%s: reason %v, %d phrases", r.name, r.reason, len(r.phrases))
		}
		for _, p := range r.phrases {
			if strings.TrimPrefix(p, "^") == "" || p != strings.ToLower(p) {
				t.Errorf("%s: phrase %q is empty or not lower case", r.name, p)
			}
			if other, ok := phrases[p]; ok {
				t.Errorf("%s: phrase %q is in %s too", r.name, p, other)
			}
			phrases[p] = r.name
			// A phrase that holds a phrase of an earlier rule can never
			// decide: the earlier rule always wins.
			for _, earlier := range textRules[:i] {
				for _, q := range earlier.phrases {
					if !strings.HasPrefix(q, "^") && strings.Contains(strings.TrimPrefix(p, "^"), q) {
						t.Errorf("%s: phrase %q holds %q of %s, which comes first", r.name, p, q, earlier.name)
					}
				}
			}
		}
	}
}

func TestCodeTables(t *testing.T) {
	seen := map[status.Code]bool{}
	for _, row := range serviceCodes {
		c, reason := row.code, row.reason
		if _, ok := status.Lookup(c); !ok {
			t.Errorf("code %v is not in the catalog", c)
		}
		if seen[c] {
			t.Errorf("code %v has two rows", c)
		}
		seen[c] = true
		if c < 0 && reason.Action() == Suppress {
			t.Errorf("code %v: the sending system's own failure suppresses", c)
		}
		v, ok := service.lookup(c)
		if !ok || v.Reason != reason || v.Evidence.Rule != "code:"+c.String() {
			t.Errorf("service.lookup(%v) = %+v, %v", c, v, ok)
		}
	}
	for _, c := range []status.Code{-500, -501, -14, 0, 550, 600, 851, 1 << 20, -1 << 20} {
		if _, ok := service.lookup(c); ok {
			t.Errorf("service.lookup(%v) found a row", c)
		}
	}
	// Each enhanced code of the table decides a message that holds only
	// it, by the rule that names it.
	for k, reason := range enhancedReasons {
		code := "5." + strconv.Itoa(k[0]) + "." + strconv.Itoa(k[1])
		r := status.Result{Code: 599, Category: status.BE, Message: code + " sorry"}
		v := Classify(r)
		if v.Reason != reason || v.Evidence.Source != SourceEnhanced || v.Evidence.Rule != "enhanced:X."+code[2:] || r.Message[v.Evidence.Start:v.Evidence.End] != code {
			t.Errorf("Classify(%v) = %v by %v %q at %d:%d; want %v by enhanced:X.%s", r, v.Reason, v.Evidence.Source, v.Evidence.Rule, v.Evidence.Start, v.Evidence.End, reason, code[2:])
		}
	}
}

func TestListRules(t *testing.T) {
	// The rules whose advice is a blocklist's are rules of the tables,
	// each once, and blocked.
	seen := map[string]bool{}
	for _, name := range listRules {
		r, ok := builtinRules[name]
		if !ok || r.source != SourceText || r.reason != Blocked || r.advice != adviceListed || seen[name] {
			t.Errorf("listRules: %q is %+v (%v): want a blocked text rule, once", name, r, ok)
		}
		seen[name] = true
	}
}

func TestBuiltinRules(t *testing.T) {
	// Every name of the tables is listed, with its reason; names of
	// different tables do not collide.
	n := 0
	for _, r := range textRules {
		if b, ok := builtinRules[r.name]; !ok || b.reason != r.reason {
			t.Errorf("%s: %+v", r.name, b)
		}
		n++
	}
	for _, name := range otherRules {
		if _, ok := builtinRules[name]; !ok {
			t.Errorf("%s is not listed", name)
		}
		n++
	}
	n += 1 + len(enhancedReasons) + len(serviceCodes) + len(replyReasons) // dnsRetry and the codes
	if len(builtinRules) != n {
		t.Errorf("builtinRules has %d names; the tables %d: two tables name one rule", len(builtinRules), n)
	}
}
