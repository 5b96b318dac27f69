package results

import "strings"

// providers is the table of mail providers: each, the domains of its
// consumer addresses. "*.d" stands for every subdomain of d (not d
// itself). Each group names the pages that list its domains.
var providers = [...]struct {
	name    string
	domains []string
}{
	// Gmail's addresses are @gmail.com; @googlemail.com is the domain
	// Gmail gave in Germany and the United Kingdom, and mail to either
	// reaches the same mailbox. The project's search tool found no page of
	// Google's own that lists them, only others' pages that say so.
	{"Google", []string{"gmail.com", "googlemail.com"}},
	// Microsoft's "Manage aliases" page (support.microsoft.com, help
	// 12407) names @hotmail.com, @live.com, @outlook.com and @msn.com;
	// Microsoft account sign-up in Japan offers @outlook.jp, @hotmail.co.jp
	// and @live.jp (ITmedia @IT, Tech TIPS, 2013-07-26 and 2012-09-07).
	{"Microsoft", []string{"outlook.com", "hotmail.com", "live.com", "msn.com", "outlook.jp", "hotmail.co.jp", "live.jp"}},
	// Yahoo! JAPAN's Yahoo!メール (yahoo-help.jp, "なりすましメール拒否",
	// names yahoo.co.jp), and @ymail.ne.jp, its second domain (configured
	// with Yahoo! JAPAN's own IMAP server, imap.mail.yahoo.co.jp; no page of
	// the provider's own was found by the search tool).
	{"Yahoo! JAPAN", []string{"yahoo.co.jp", "ymail.ne.jp"}},
	// Yahoo Mail: @yahoo.com, and @ymail.com and @rocketmail.com, which
	// Yahoo opened to new addresses in June 2008 (Yahoo's announcement,
	// as TechNewsWorld reported it).
	{"Yahoo", []string{"yahoo.com", "ymail.com", "rocketmail.com"}},
	// "About your @icloud.com, @me.com, and @mac.com email addresses"
	// (support.apple.com/118230, formerly HT201771).
	{"Apple", []string{"icloud.com", "me.com", "mac.com"}},
	// docomo's mail service, @docomo.ne.jp (docomo.ne.jp,
	// service/docomo_mail/rfc_add).
	{"docomo", []string{"docomo.ne.jp"}},
	// au's @ezweb.ne.jp, and @au.com since 15 May 2018 (KDDI's
	// announcements of 22 August 2017 and 18 April 2018); its business
	// addresses are @biz.ezweb.ne.jp and @COMPANY.biz.ezweb.ne.jp (no page
	// of KDDI's own was found by the search tool).
	{"au", []string{"au.com", "ezweb.ne.jp", "biz.ezweb.ne.jp", "*.biz.ezweb.ne.jp"}},
	// SoftBank's @softbank.ne.jp (S!メール) and @i.softbank.jp (E mail (i),
	// softbank.jp/en/mobile/iphone/service/mail/email_i), and Vodafone's
	// addresses, which SoftBank kept: @X.vodafone.ne.jp, with one letter
	// for the region of the contract (d for Hokkaido, t for Kanto, k for
	// Kansai, …) (Vodafone's announcement of 13 July 2006, as ITmedia
	// reported it).
	{"SoftBank", []string{"softbank.ne.jp", "i.softbank.jp", "*.vodafone.ne.jp"}},
}

// providerOf and providerBelow map a domain to its provider's index in
// providers: providerOf the domains, providerBelow the d of each "*.d".
// They are built from providers when the package starts.
var providerOf, providerBelow = func() (exact, below map[string]int) {
	exact, below = map[string]int{}, map[string]int{}
	for i, p := range providers {
		for _, d := range p.domains {
			m := exact
			if rest, ok := strings.CutPrefix(d, "*."); ok {
				m, d = below, rest
			}
			if _, dup := m[d]; dup || d != strings.ToLower(d) {
				panic("results: provider domain " + d + " is twice in the table, or not in lower case")
			}
			m[d] = i
		}
	}
	return exact, below
}()

// Provider returns the name of the mail provider whose consumer addresses
// are at domain ("Google", "Microsoft", "Yahoo! JAPAN", "Yahoo", "Apple",
// "docomo", "au" or "SoftBank"), and false for a domain the package's
// table does not list. Letter case does not matter. The table lists each
// provider's own domains and the subdomains that its pages name, such as
// biz.ezweb.ne.jp and the one-letter subdomains of vodafone.ne.jp.
func Provider(domain string) (string, bool) {
	domain = lower(domain)
	if i, ok := providerOf[domain]; ok {
		return providers[i].name, true
	}
	for d := domain; ; {
		dot := strings.IndexByte(d, '.')
		if dot < 0 {
			return "", false
		}
		d = d[dot+1:]
		if i, ok := providerBelow[d]; ok {
			return providers[i].name, true
		}
	}
}

// Domain returns the domain of an address, the part after its last "@",
// in lower case (ASCII letters only, byte for byte), and "" for an address
// without an "@" or without a domain.
func Domain(addr string) string {
	at := lastAt(addr)
	if at < 0 {
		return ""
	}
	return lower(addr[at+1:])
}

func lastAt(s string) int { return strings.LastIndexByte(s, '@') }

// lower returns s with its ASCII letters in lower case, allocating only
// when that changes it. Other bytes are kept as they are, so that the
// length never changes.
func lower(s string) string {
	if !hasUpper(s) {
		return s
	}
	b := []byte(s)
	lowerASCII(b)
	return string(b)
}

func hasUpper(s string) bool {
	for i := range len(s) {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func lowerASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}
