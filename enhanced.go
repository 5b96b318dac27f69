package status

import (
	"strconv"
	"strings"

	"github.com/haishin/status/internal/enum"
)

// Enhanced is an enhanced mail system status code of RFC 3463, such as
// 5.1.1: a class (2 success, 4 persistent transient failure, 5 permanent
// failure), a subject and a detail. Most 5xx and 4xx replies carry one,
// and it says far more than the reply code.
//
// The zero Enhanced, which [FindEnhanced] and [Result.Enhanced] return for
// a message without a code, is no code: its text, and so its JSON, is ""
// (as for the zero [net/netip.Addr]), and "" unmarshals to it. A struct
// field of type Enhanced with the omitzero option is left out of JSON
// when it is zero.
type Enhanced struct{ Class, Subject, Detail int }

// enhancedCode is one row of the registry of enhanced status codes.
type enhancedCode struct {
	subject, detail int
	title           string
	reference       string // the document that defines the code
}

// ParseEnhanced parses exactly "class.subject.detail", where the class is
// 2, 4 or 5 and the subject and detail are 0 to 999 without leading zeros,
// as RFC 3463 has them. Any other text is an error wrapping [ErrEnhanced].
func ParseEnhanced(s string) (Enhanced, error) {
	return parseEnhanced(s)
}

// CutEnhanced parses the enhanced status code at the start of s, by the
// rules of [ParseEnhanced], and returns it and the rest of s after it. If
// s does not start with one, it returns the zero Enhanced, s and false.
//
// What follows the code is the caller's to judge: "5.1.1 unknown" gives
// 5.1.1 and " unknown", and "5.1.1abc" gives 5.1.1 and "abc". A digit
// cannot follow, as it would make a sub-code of four digits or one with a
// leading zero: "5.1.1000" and "5.1.01" are no codes at all.
func CutEnhanced(s string) (e Enhanced, rest string, ok bool) {
	e, n := scanEnhanced(s)
	if n == 0 {
		return Enhanced{}, s, false
	}
	return e, s[n:], true
}

// parseEnhanced is shared by ParseEnhanced and UnmarshalText.
func parseEnhanced[T string | []byte](s T) (Enhanced, error) {
	e, n := scanEnhanced(string(s))
	if n == 0 || n != len(s) {
		return Enhanced{}, &enum.ValueError{Kind: ErrEnhanced, Text: string(s)}
	}
	return e, nil
}

// AppendText implements [encoding.TextAppender]: it appends the text of
// [Enhanced.String] to b, or nothing for the zero Enhanced. It fails for
// any other code that [ParseEnhanced] would not accept, such as 3.1.1.
func (e Enhanced) AppendText(b []byte) ([]byte, error) {
	switch {
	case e == Enhanced{}:
		return b, nil
	case !e.valid():
		return b, &enum.ValueError{Kind: ErrEnhanced, Text: e.String()}
	}
	return e.appendText(b), nil
}

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Enhanced.String], so that JSON has "5.1.1" rather than an object, and
// "" for the zero Enhanced.
func (e Enhanced) MarshalText() ([]byte, error) {
	return e.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseEnhanced] accepts, and "" for the zero Enhanced.
func (e *Enhanced) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*e = Enhanced{}
		return nil
	}
	v, err := parseEnhanced(text)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// valid reports whether e is a code that ParseEnhanced accepts.
func (e Enhanced) valid() bool {
	return isClass(e.Class) && e.Subject >= 0 && e.Subject <= 999 && e.Detail >= 0 && e.Detail <= 999
}

// isClass reports whether c is one of the classes RFC 3463 defines (2, 4
// and 5), those that enhancedClasses names.
func isClass(c int) bool {
	return uint(c) < uint(len(enhancedClasses)) && enhancedClasses[c] != ""
}

// scanEnhanced is the grammar of an enhanced status code (RFC 3463,
// section 2):
//
//	status-code = class "." subject "." detail
//	class       = "2" / "4" / "5"
//	subject     = 1*3digit
//	detail      = 1*3digit
//
// where, as the RFC says, a sub-code has no leading zero digits ("5.01.1"
// is no code). It parses a code at the start of s and returns it and its
// length, or a length of 0.
func scanEnhanced(s string) (Enhanced, int) {
	if len(s) < 5 || !isClass(int(s[0])-'0') || s[1] != '.' {
		return Enhanced{}, 0
	}
	subject, n := scanSubcode(s[2:])
	if n == 0 || 2+n >= len(s) || s[2+n] != '.' {
		return Enhanced{}, 0
	}
	i := 3 + n
	detail, n := scanSubcode(s[i:])
	if n == 0 {
		return Enhanced{}, 0
	}
	return Enhanced{int(s[0] - '0'), subject, detail}, i + n
}

// scanSubcode parses 1 to 3 digits without a leading zero at the start of
// s; it returns 0 for the length when there are none or when more digits
// follow.
func scanSubcode(s string) (int, int) {
	n, v := 0, 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		if n == 3 || (n == 1 && s[0] == '0') {
			return 0, 0
		}
		v = v*10 + int(s[n]-'0')
		n++
	}
	return v, n
}

// FindEnhanced returns the enhanced status code in msg, found where
// servers write one: at the start ("5.1.1 <taro@example.jp>: ..."), after
// the reply code ("550 5.7.1 ...", "550-5.1.1 ...", "smtp; 550 5.1.1 ..."),
// or after "#" or in brackets ("#5.1.0", "(5.2.2)"). The first code in one
// of those places wins. A code elsewhere ("Status: 5.1.1") is taken only
// when no code stands in such a place and the IANA registry lists it, so
// that versions such as "Dovecot 2.3.16" or "Exim 4.94.2" and dates such as
// "4.5.24" are not taken for codes.
//
// The code must stand on its own: a digit, letter or dot before it (as in
// the IP address 192.0.2.1, the version v1.2.3 or 4.5.1.2), or a digit,
// letter or "-" and a letter after it (as in 5.0.0-beta), disqualifies it.
// Of the codes RFC 3463 allows, it only returns those with one of the
// subjects 0 to 7 that RFC 3463 defines.
func FindEnhanced(msg string) (Enhanced, bool) {
	e, _, _, ok := findEnhanced(msg, 0)
	return e, ok
}

// FindEnhancedIndex is [FindEnhanced] that also says where the code stands
// in msg: msg[start:end] is the text of e. Both come from the one search,
// so the span is that of the code FindEnhanced returns, wherever the same
// digits appear first: in "mx v5.2.2 says: 552 5.2.2 sorry" it is the
// second "5.2.2", not the version. When ok is false, e is the zero Enhanced
// and start and end are 0. It does not allocate.
func FindEnhancedIndex(msg string) (e Enhanced, start, end int, ok bool) {
	return findEnhanced(msg, 0)
}

// findEnhanced is FindEnhanced preferring codes of class want (2, 4 or 5)
// and ruling out class 2 when want is 4 or 5, and returning where the code
// stands in msg. A code in a strong place whose class agrees wins at once;
// otherwise the best by rank: strong places before weak ones, then agreeing
// classes before others, then the first.
func findEnhanced(msg string, want int) (Enhanced, int, int, bool) {
	var best Enhanced
	bestStart, bestEnd := 0, 0
	bestRank := 4 // no code found yet
	// A code has a dot after its class: the places before a dot are the
	// only ones to look at, and strings.IndexByte finds those several
	// bytes at a time.
	for from := 1; from < len(msg); {
		d := strings.IndexByte(msg[from:], '.')
		if d < 0 {
			break
		}
		i := from + d - 1
		if i+5 > len(msg) {
			break
		}
		from = i + 2
		c := msg[i]
		if !isClass(int(c) - '0') {
			continue
		}
		if want > 2 && c == '2' {
			continue
		}
		strong := enhancedStrong(msg, i)
		if i > 0 && !strong && !enhancedBefore(msg, i) {
			continue
		}
		e, n := scanEnhanced(msg[i:])
		if n == 0 || e.Subject >= len(enhancedSubjects) {
			continue
		}
		if j := i + n; j < len(msg) && !enhancedAfter(msg[j:]) {
			continue
		}
		rank := 0
		if !strong {
			if _, ok := e.registered(); !ok {
				continue
			}
			rank = 2
		}
		if want != 0 && e.Class != want {
			rank++
		}
		if rank == 0 {
			return e, i, i + n, true
		}
		if rank < bestRank {
			best, bestStart, bestEnd, bestRank = e, i, i+n, rank
		}
		from = i + n + 1 // the next code starts after this one
	}
	return best, bestStart, bestEnd, bestRank < 4
}

// enhancedStrong reports whether a code at msg[i] stands where servers
// put enhanced codes: at the start of msg, after "#" or an opening
// bracket, or after a reply code and a space or "-".
func enhancedStrong(msg string, i int) bool {
	if i == 0 {
		return true
	}
	switch msg[i-1] {
	case '#', '(', '[':
		return true
	case ' ', '-':
		return i >= 4 && isDigits(msg[i-4:i-1]) && (i == 4 || !isWordByte(msg[i-5]) && msg[i-5] != '.')
	}
	return false
}

// enhancedBefore reports whether msg[i-1] may stand before an enhanced
// code at msg[i] that is not in a strong place: anything but a letter,
// digit, dot, "-" or other word byte.
func enhancedBefore(msg string, i int) bool {
	c := msg[i-1]
	return !isWordByte(c) && c != '.' && c != '-'
}

// enhancedAfter reports whether rest may follow an enhanced code: anything
// but a letter or digit, and a dot or "-" only where no word follows it
// (the end of a sentence, not "5.0.0-beta").
func enhancedAfter(rest string) bool {
	if rest[0] == '.' || rest[0] == '-' {
		return len(rest) == 1 || !isWordByte(rest[1])
	}
	return !isWordByte(rest[0])
}

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Enhanced returns the enhanced status code in the result's message, as
// [FindEnhanced] finds it, but preferring a code whose class agrees with
// the result's reply code: for a 4xx or 5xx code it takes a class 4 or 5
// code of the same class first, and never one of class 2, which would say
// the failure was a success.
func (r Result) Enhanced() (Enhanced, bool) {
	e, _, _, ok := findEnhanced(r.Message, r.enhancedClass())
	return e, ok
}

// EnhancedIndex is [Result.Enhanced] that also says where the code stands
// in the message: r.Message[start:end] is the text of e, which is the code
// Enhanced returns, chosen by the same rules (the reply code's class first,
// never class 2 for a 4xx or 5xx) in the same search. When ok is false, e
// is the zero Enhanced and start and end are 0. It does not allocate.
func (r Result) EnhancedIndex() (e Enhanced, start, end int, ok bool) {
	return findEnhanced(r.Message, r.enhancedClass())
}

// enhancedClass is the class of enhanced code that the reply code asks
// for: 2, 4 or 5 for a 2xx, 4xx or 5xx code, otherwise 0 for any.
func (r Result) enhancedClass() int {
	if c := int(r.Code / 100); isClass(c) {
		return c
	}
	return 0
}

// String returns the code as "class.subject.detail", such as "5.1.1".
func (e Enhanced) String() string {
	return string(e.appendText(make([]byte, 0, 12)))
}

func (e Enhanced) appendText(b []byte) []byte {
	b = strconv.AppendInt(b, int64(e.Class), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(e.Subject), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(e.Detail), 10)
	return b
}

// Description returns the title the IANA registry of enhanced status codes
// gives the code ("Bad destination mailbox address" for 5.1.1), or its
// subject's title ("Addressing Status" for 5.1.99) when the registry does
// not list the detail, or else its class's title. It returns "" for a
// class other than 2, 4 and 5, which RFC 3463 does not define.
func (e Enhanced) Description() string {
	if !isClass(e.Class) {
		return ""
	}
	if c, ok := e.registered(); ok {
		return c.title
	}
	if e.Subject >= 0 && e.Subject < len(enhancedSubjects) {
		return enhancedSubjects[e.Subject]
	}
	return enhancedClasses[e.Class]
}

// Reference returns the document that defines the code in the IANA
// registry, such as "RFC 3463", or "" when the registry does not list it
// or the class is not 2, 4 or 5.
func (e Enhanced) Reference() string {
	c, _ := e.registered()
	return c.reference
}

func (e Enhanced) registered() (enhancedCode, bool) {
	if !isClass(e.Class) {
		return enhancedCode{}, false
	}
	for _, c := range enhancedCodes {
		if c.subject == e.Subject && c.detail == e.Detail {
			return c, true
		}
	}
	return enhancedCode{}, false
}

// Permanent reports whether the code is a permanent failure (class 5):
// sending the same mail again will fail the same way. It does not say that
// the address is dead: a 5.x.x is as often a refusal of the sender, its
// IP address or the content as it is an unknown user (on real bounce mails,
// Permanent agrees with a hard bounce less than half the time). Package
// [github.com/haishin/status/bounce] tells the two apart.
func (e Enhanced) Permanent() bool { return e.Class == 5 }

// Transient reports whether the code is a persistent transient failure
// (class 4).
func (e Enhanced) Transient() bool { return e.Class == 4 }

// enhancedCodes is the IANA registry "Simple Mail Transfer Protocol (SMTP)
// Enhanced Status Codes" (updated 2024-12-06), its enumerated codes X.0.0
// through X.7.30, with the document that defines each. The titles are the
// registry's sample texts; X.6.10 has none, being a deprecated duplicate of
// X.6.8, so its title says so.
var enhancedCodes = [...]enhancedCode{
	// Subject, Detail, Title, Reference
	{0, 0, "Other undefined Status", "RFC 3463"},

	{1, 0, "Other address status", "RFC 3463"},
	{1, 1, "Bad destination mailbox address", "RFC 3463"},
	{1, 2, "Bad destination system address", "RFC 3463"},
	{1, 3, "Bad destination mailbox address syntax", "RFC 3463"},
	{1, 4, "Destination mailbox address ambiguous", "RFC 3463"},
	{1, 5, "Destination address valid", "RFC 3463"},
	{1, 6, "Destination mailbox has moved, No forwarding address", "RFC 3463"},
	{1, 7, "Bad sender's mailbox address syntax", "RFC 3463"},
	{1, 8, "Bad sender's system address", "RFC 3463"},
	{1, 9, "Message relayed to non-compliant mailer", "RFC 3886"},
	{1, 10, "Recipient address has null MX", "RFC 7505"},

	{2, 0, "Other or undefined mailbox status", "RFC 3463"},
	{2, 1, "Mailbox disabled, not accepting messages", "RFC 3463"},
	{2, 2, "Mailbox full", "RFC 3463"},
	{2, 3, "Message length exceeds administrative limit", "RFC 3463"},
	{2, 4, "Mailing list expansion problem", "RFC 3463"},

	{3, 0, "Other or undefined mail system status", "RFC 3463"},
	{3, 1, "Mail system full", "RFC 3463"},
	{3, 2, "System not accepting network messages", "RFC 3463"},
	{3, 3, "System not capable of selected features", "RFC 3463"},
	{3, 4, "Message too big for system", "RFC 3463"},
	{3, 5, "System incorrectly configured", "RFC 3463"},
	{3, 6, "Requested priority was changed", "RFC 6710"},

	{4, 0, "Other or undefined network or routing status", "RFC 3463"},
	{4, 1, "No answer from host", "RFC 3463"},
	{4, 2, "Bad connection", "RFC 3463"},
	{4, 3, "Directory server failure", "RFC 3463"},
	{4, 4, "Unable to route", "RFC 3463"},
	{4, 5, "Mail system congestion", "RFC 3463"},
	{4, 6, "Routing loop detected", "RFC 3463"},
	{4, 7, "Delivery time expired", "RFC 3463"},

	{5, 0, "Other or undefined protocol status", "RFC 3463"},
	{5, 1, "Invalid command", "RFC 3463"},
	{5, 2, "Syntax error", "RFC 3463"},
	{5, 3, "Too many recipients", "RFC 3463"},
	{5, 4, "Invalid command arguments", "RFC 3463"},
	{5, 5, "Wrong protocol version", "RFC 3463"},
	{5, 6, "Authentication Exchange line is too long", "RFC 4954"},

	{6, 0, "Other or undefined media error", "RFC 3463"},
	{6, 1, "Media not supported", "RFC 3463"},
	{6, 2, "Conversion required and prohibited", "RFC 3463"},
	{6, 3, "Conversion required but not supported", "RFC 3463"},
	{6, 4, "Conversion with loss performed", "RFC 3463"},
	{6, 5, "Conversion Failed", "RFC 3463"},
	{6, 6, "Message content not available", "RFC 4468"},
	{6, 7, "Non-ASCII addresses not permitted for that sender/recipient", "RFC 6531"},
	{6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client", "RFC 6531"},
	{6, 9, "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected", "RFC 6531"},
	{6, 10, "Duplicate of X.6.8 (deprecated)", "RFC 6531"},

	{7, 0, "Other or undefined security status", "RFC 3463"},
	{7, 1, "Delivery not authorized, message refused", "RFC 3463"},
	{7, 2, "Mailing list expansion prohibited", "RFC 3463"},
	{7, 3, "Security conversion required but not possible", "RFC 3463"},
	{7, 4, "Security features not supported", "RFC 3463"},
	{7, 5, "Cryptographic failure", "RFC 3463"},
	{7, 6, "Cryptographic algorithm not supported", "RFC 3463"},
	{7, 7, "Message integrity failure", "RFC 3463"},
	{7, 8, "Authentication credentials invalid", "RFC 4954"},
	{7, 9, "Authentication mechanism is too weak", "RFC 4954"},
	{7, 10, "Encryption Needed", "RFC 5248"},
	{7, 11, "Encryption required for requested authentication mechanism", "RFC 4954"},
	{7, 12, "A password transition is needed", "RFC 4954"},
	{7, 13, "User Account Disabled", "RFC 5248"},
	{7, 14, "Trust relationship required", "RFC 5248"},
	{7, 15, "Priority Level is too low", "RFC 6710"},
	{7, 16, "Message is too big for the specified priority", "RFC 6710"},
	{7, 17, "Mailbox owner has changed", "RFC 7293"},
	{7, 18, "Domain owner has changed", "RFC 7293"},
	{7, 19, "RRVS test cannot be completed", "RFC 7293"},
	{7, 20, "No passing DKIM signature found", "RFC 7372"},
	{7, 21, "No acceptable DKIM signature found", "RFC 7372"},
	{7, 22, "No valid author-matched DKIM signature found", "RFC 7372"},
	{7, 23, "SPF validation failed", "RFC 7372"},
	{7, 24, "SPF validation error", "RFC 7372"},
	{7, 25, "Reverse DNS validation failed", "RFC 7372"},
	{7, 26, "Multiple authentication checks failed", "RFC 7372"},
	{7, 27, "Sender address has null MX", "RFC 7505"},
	{7, 28, "Mail flood detected", "draft-levine-mailbomb-header"},
	{7, 29, "ARC validation failure", "RFC 8617"},
	{7, 30, "REQUIRETLS support required", "RFC 8689"},
}

// enhancedSubjects are the registry's subject sub-codes X.0.XXX … X.7.XXX,
// all defined in RFC 3463.
var enhancedSubjects = [...]string{
	0: "Other or Undefined Status",
	1: "Addressing Status",
	2: "Mailbox Status",
	3: "Mail System Status",
	4: "Network and Routing Status",
	5: "Mail Delivery Protocol Status",
	6: "Message Content or Media Status",
	7: "Security or Policy Status",
}

// enhancedClasses are the registry's class sub-codes, defined in RFC 3463,
// indexed by class: the one list of the classes there are, which isClass
// reads.
var enhancedClasses = [...]string{
	2: "Success",
	4: "Persistent Transient Failure",
	5: "Permanent Failure",
}
