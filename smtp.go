package status

// Reply is an SMTP reply code as an RFC defines it: the code, the text
// the RFC gives it, and the RFC. A reply code the service passes through
// from the recipient's server (421, 450, 535, …) but does not list in its
// catalog is known here, by the RFC's words rather than the service's.
type Reply struct {
	Code Code
	// Text is the reply's text in the RFC, without the comments in
	// parentheses that follow some of them in RFC 5321's list ("(e.g.,
	// mailbox busy …)"). "<domain>" and "<forward-path>" stand for what
	// a server writes there.
	Text string
	// RFC is the RFC that defines the reply: "RFC 5321".
	RFC string
}

// The RFCs of the replies.
const (
	rfc3207 = "RFC 3207" // SMTP Service Extension for Secure SMTP over TLS, section 4
	rfc4954 = "RFC 4954" // SMTP Service Extension for Authentication, section 6
	rfc5321 = "RFC 5321" // Simple Mail Transfer Protocol, section 4.2.3
	rfc7504 = "RFC 7504" // SMTP 521 and 556 Reply Codes, sections 3 and 4
)

// replies are the SMTP reply codes that RFCs define, with their texts, in
// the order of the codes; a code that extensions give a meaning of their
// own (220, 454, 500, 501, 530) has a row for each, RFC 5321's first,
// then the others by RFC number. RFC 1870 (SIZE) and RFC 3461 (DSN) give
// codes of RFC 5321 texts of their own and add no code. testdata/
// smtp-replies.txt lists the same replies as the RFCs write them, and a
// test checks the one against the other.
var replies = [...]Reply{
	{211, "System status, or system help reply", rfc5321},
	{214, "Help message", rfc5321},
	{220, "<domain> Service ready", rfc5321},
	{220, "Ready to start TLS", rfc3207},
	{221, "<domain> Service closing transmission channel", rfc5321},
	{235, "Authentication Succeeded", rfc4954},
	{250, "Requested mail action okay, completed", rfc5321},
	{251, "User not local; will forward to <forward-path>", rfc5321},
	{252, "Cannot VRFY user, but will accept message and attempt delivery", rfc5321},
	{354, "Start mail input; end with <CRLF>.<CRLF>", rfc5321},
	{421, "<domain> Service not available, closing transmission channel", rfc5321},
	{432, "A password transition is needed", rfc4954},
	{450, "Requested mail action not taken: mailbox unavailable", rfc5321},
	{451, "Requested action aborted: local error in processing", rfc5321},
	{452, "Requested action not taken: insufficient system storage", rfc5321},
	{454, "TLS not available due to temporary reason", rfc3207},
	{454, "Temporary authentication failure", rfc4954},
	{455, "Server unable to accommodate parameters", rfc5321},
	{500, "Syntax error, command unrecognized", rfc5321},
	{500, "Authentication Exchange line is too long", rfc4954},
	{501, "Syntax error in parameters or arguments", rfc5321},
	{501, "Syntax error (no parameters allowed)", rfc3207},
	{502, "Command not implemented", rfc5321},
	{503, "Bad sequence of commands", rfc5321},
	{504, "Command parameter not implemented", rfc5321},
	{521, "Host does not accept mail", rfc7504},
	{530, "Must issue a STARTTLS command first", rfc3207},
	{530, "Authentication required", rfc4954},
	{534, "Authentication mechanism is too weak", rfc4954},
	{535, "Authentication credentials invalid", rfc4954},
	{538, "Encryption required for requested authentication mechanism", rfc4954},
	{550, "Requested action not taken: mailbox unavailable", rfc5321},
	{551, "User not local; please try <forward-path>", rfc5321},
	{552, "Requested mail action aborted: exceeded storage allocation", rfc5321},
	{553, "Requested action not taken: mailbox name not allowed", rfc5321},
	{554, "Transaction failed", rfc5321},
	{555, "MAIL FROM/RCPT TO parameters not recognized or not implemented", rfc5321},
	{556, "Domain does not accept mail", rfc7504},
}

// Replies returns the replies that RFCs define for the SMTP reply code
// c: one for most codes, more for a code that an extension gives a
// meaning of its own (530 is RFC 3207's "Must issue a STARTTLS command
// first" and RFC 4954's "Authentication required"), RFC 5321's first. It
// returns nil for a code no RFC defines (the service's own codes, 626).
// The service's catalog ([Lookup]) is the authority for the codes it
// lists; these are the texts of the others.
func Replies(c Code) []Reply {
	lo, hi := 0, len(replies)
	for lo < hi { // the first row whose code is c or more
		if m := int(uint(lo+hi) >> 1); replies[m].Code < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := lo
	for end < len(replies) && replies[end].Code == c {
		end++
	}
	if end == lo {
		return nil
	}
	return replies[lo:end:end]
}
