package bounce

import (
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
	for c, reason := range serviceCodes {
		if _, ok := status.Lookup(c); !ok {
			t.Errorf("code %v is not in the catalog", c)
		}
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
	for k, name := range enhancedNames {
		if _, ok := enhancedReasons[k]; !ok || !strings.HasPrefix(name, "enhanced:X.") {
			t.Errorf("enhanced name %q", name)
		}
	}
}
