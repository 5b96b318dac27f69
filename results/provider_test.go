package results

import (
	"strings"
	"testing"
)

// TestProviderTable walks the whole table: every domain is its provider's,
// in any letter case, and every "*.d" stands for d's subdomains only.
func TestProviderTable(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range providers {
		if seen[p.name] {
			t.Errorf("provider %q is twice in the table", p.name)
		}
		seen[p.name] = true
		for _, d := range p.domains {
			if rest, ok := strings.CutPrefix(d, "*."); ok {
				for _, sub := range []string{"t." + rest, "a.b." + rest, "T." + strings.ToUpper(rest)} {
					if got, ok := Provider(sub); !ok || got != p.name {
						t.Errorf("Provider(%q) = %q, %v; want %q, true", sub, got, ok, p.name)
					}
				}
				continue
			}
			for _, dom := range []string{d, strings.ToUpper(d)} {
				if got, ok := Provider(dom); !ok || got != p.name {
					t.Errorf("Provider(%q) = %q, %v; want %q, true", dom, got, ok, p.name)
				}
			}
		}
	}
	want := []string{"Google", "Microsoft", "Yahoo! JAPAN", "Yahoo", "Apple", "docomo", "au", "SoftBank"}
	for _, name := range want {
		if !seen[name] {
			t.Errorf("provider %q is not in the table", name)
		}
	}
}

func TestProvider(t *testing.T) {
	tests := []struct {
		domain, want string
	}{
		{"gmail.com", "Google"},
		{"GMail.Com", "Google"},
		{"hotmail.co.jp", "Microsoft"},
		{"yahoo.co.jp", "Yahoo! JAPAN"},
		{"yahoo.com", "Yahoo"},
		{"icloud.com", "Apple"},
		{"docomo.ne.jp", "docomo"},
		{"ezweb.ne.jp", "au"},
		{"biz.ezweb.ne.jp", "au"},
		{"kddi.biz.ezweb.ne.jp", "au"},
		{"t.vodafone.ne.jp", "SoftBank"},
		{"i.softbank.jp", "SoftBank"},
		// Near misses: a listed domain as part of another name.
		{"vodafone.ne.jp", ""},       // only its subdomains are listed
		{"mail.gmail.com", ""},       // gmail.com's subdomains are not
		{"x.ezweb.ne.jp", ""},        // nor ezweb.ne.jp's but biz
		{"notgmail.com", ""},         // a longer name
		{"gmail.com.example.jp", ""}, // a listed domain as a subdomain
		{"softbank.jp", ""},          // the parent of i.softbank.jp
		{"yahoo.co.jp.", ""},         // a trailing dot is not stripped
		{"docomo.ne.jp.evil.example", ""},
		{"", ""},
		{".", ""},
		{"example.jp", ""},
	}
	for _, tt := range tests {
		got, ok := Provider(tt.domain)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Provider(%q) = %q, %v; want %q, %v", tt.domain, got, ok, tt.want, tt.want != "")
		}
	}
}

func TestDomain(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"taro@example.jp", "example.jp"},
		{"Taro@Example.JP", "example.jp"},
		{`"a@b"@example.jp`, "example.jp"},
		{"taro@", ""},
		{"taro", ""},
		{"", ""},
		{"taro@EXAMPLE.jp\xff", "example.jp\xff"}, // other bytes are kept
		{"taro@ДОМЕН.РФ", "ДОМЕН.РФ"},             // only ASCII is folded
	}
	for _, tt := range tests {
		if got := Domain(tt.addr); got != tt.want {
			t.Errorf("Domain(%q) = %q; want %q", tt.addr, got, tt.want)
		}
	}
}

func TestAddressKey(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"Taro@Example.JP", "Taro@example.jp"},
		{"taro@example.jp", "taro@example.jp"},
		{"TARO", "TARO"},
		{"A@B@C.JP", "A@B@c.jp"},
	}
	for _, tt := range tests {
		if got := addressKey(tt.addr); got != tt.want {
			t.Errorf("addressKey(%q) = %q; want %q", tt.addr, got, tt.want)
		}
	}
}
