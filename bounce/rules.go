package bounce

import "github.com/haishin/status"

// textRule is a row of the table of phrases: the rule's stable name, the
// reason it gives, and the phrases servers write for it, any of which
// (ASCII case-insensitive) makes the rule hold. A leading "^" anchors a
// phrase at the start of the message.
type textRule struct {
	name    string
	reason  Reason
	phrases []string
}

// textRules are the phrases of the reasons, tried in order: where the
// phrases of several rules occur in one message, the first rule wins,
// wherever its phrase stands. So the more particular phrases come first:
// "Sender address rejected" before "address rejected", "blocked using"
// before "rejected", "mailbox full" before "inactive".
var textRules = [...]textRule{
	// Japanese carriers. au answers ": User unknown", with no address, for
	// mail its user's filter refused, and "<addr>: User unknown" for a
	// missing address. docomo answers "Unknown user" (in that order of the
	// words, which other servers seldom use) for both, and Sisimai calls
	// that filtered; the action is the same.
	{"text:carrier-filtered", Filtered, []string{"^: user unknown", " : user unknown", "unknown user"}},
	{"text:recipient-preferences", Filtered, []string{"recipient preferences", "refused by recipient", "refused by the recipient", "ドメイン拒否", "受信拒否"}},

	// The sender's own address or domain.
	{"text:sender-rejected", Rejected, []string{
		"sender address rejected", "domain of sender address", "sender verify failed",
		"sender verification", "unroutable sender", "sender was rejected",
		"sender rejected", "sender domain must exist",
		"invalid sender", "sender unknown", "unknown sender", "sender address does not",
		"purported responsible", "mail from rejected", "from address rejected",
		"sender is not allowed", "sender denied", "address of the sender", "null sender",
	}},

	{"text:not-rfc-compliant", NotCompliantRFC, []string{
		"rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "rfc822", "multiple addresses in", "addresses in from:",
		"duplicate header", "not rfc compliant", "does not comply with rfc", "not compliant with rfc",
		"missing message-id", "message-id header", "invalid header", "malformed header", "bare lf",
	}},

	// Authentication of the sending domain and host.
	{"text:auth-failure", AuthFailure, []string{
		"dmarc", "spf record", "spf check", "spf validation", "spf fail", "bad spf", "fails spf",
		"failed spf", "spf hard fail", "hard fail", "dkim", "have authentication info",
		"not pass authentication", "unauthenticated email", "authentication checks",
		"sender policy framework",
	}},
	{"text:require-ptr", RequirePTR, []string{
		"reverse dns", "ptr record", "ptr resource record", "rdns", "reverse lookup",
		"reverse hostname", "no ptr", "mismatches client ip", "find your hostname",
		"resolve your address", "client host name", "lookup of your ip",
	}},
	{"text:starttls", FailedSTARTTLS, []string{
		"starttls", "tls is required", "tls required", "must issue a starttls", "requiretls",
		"encryption required", "tls negotiation failed",
	}},
	{"text:security", SecurityError, []string{
		"authentication required", "authrequired", "unauthenticated senders", "not authenticated",
		"must authenticate", "smtp auth", "security policies",
	}},

	// The sending IP address and its reputation.
	{"text:too-many-connections", TooManyConn, []string{
		"too many connections", "connection rate limit", "too many concurrent", "frequency limited",
		"too many recipients", "too many simultaneous", "connection limit", "too many sessions",
	}},
	{"text:rate-limit", Speeding, []string{
		"unusual rate", "sending rate", "too many messages", "message rate", "rate of unsolicited",
		"exceeded the rate", "mail flood", "too much mail", "rate limited", "ratelimit",
	}},
	{"text:blocklisted-url", SpamDetected, []string{
		"blacklisted url", "blocklisted url", "blacklisted link", "blocklisted link", "uribl", "surbl",
	}},
	{"text:blocklisted", Blocked, []string{
		"blocked using", "blacklisted", "blacklist", "blocklisted", "blocklist", "black list",
		"listed at", "spamhaus", "spamcop", "dnsbl", "banned sending ip",
		"ip address blocked", "ip blocked", "blocked ip", "client host rejected",
		"refused to talk to me", "service refuse", "your ip", "the ip you",
		"is not allowed to send", "poor reputation ip", "connection refused by", "not authorized to send",
		"not be mail exchanger", "access denied, banned", "blocked by", "^blocked", "554 blocked",
		"has been blocked",
	}},
	{"text:reputation", BadReputation, []string{
		"reputation", "user complaints", "unexpected volume",
	}},

	// The content.
	{"text:virus", VirusDetected, []string{
		"virus", "malware", "infected", "trojan",
	}},
	{"text:spam", SpamDetected, []string{
		"spam", "message content rejected", "content rejected", "mail rejete",
		"mail rejected. ofr", "bulk mail", "unsolicited", "junk mail", "scored as",
	}},
	{"text:content", ContentError, []string{
		"headers too large", "header too long", "header too large", "message header size",
		"too many headers", "invalid content", "message content",
	}},
	{"text:policy", PolicyViolation, []string{
		"policy reasons", "denied by policy", "policy violation", "local policy", "rejected for policy",
		"rejected by policy", "policy rejection", "violates our policy", "policy restrictions",
		"content policy", "by our policy", "content presents a",
	}},

	// Relaying and the SMTP dialogue.
	{"text:no-relaying", NoRelaying, []string{
		"relay access denied", "relaying denied", "not permitted to relay", "insecure mail relay",
		"relay not permitted", "unable to relay", "no relaying", "relaying not allowed", "relay denied",
		"relaying disallowed", "not a gateway", "relay not allowed", "we do not relay",
	}},

	// The size of the message.
	// A refusal of the MAIL FROM command, with no more particular words, is
	// a refusal of the sender: its IP address or host, most often.
	{"text:refused-at-mail-from", Blocked, []string{
		"after mail from", "in reply to mail from", "mail from command",
	}},

	{"text:exceed-limit", ExceedLimit, []string{
		"message length exceeds", "administrative limit", "exceeded the limit",
		"exceeds fixed maximum", "exceeds maximum", "message size exceeds", "size exceeds",
		"exceeds the size", "exceeds size limit",
	}},
	{"text:message-too-big", MesgTooBig, []string{
		"message too big", "too big for system", "message is too big", "message too large",
		"message is too large", "message size limit",
	}},

	// The mailbox and the recipient.
	{"text:mailbox-full", MailboxFull, []string{
		"mailbox full", "mailbox is full", "mailbox is over quota", "over quota", "quota exceeded",
		"exceeded storage", "out of storage", "disk quota", "mailbox size limit", "inbox is full",
		"full mailbox", "mailbox quota", "exceeds quota", "exceeded quota", "quota exceed",
		"insufficient storage", "user has exceeded", "mailfolder is full", "mail box full",
		"容量", "いっぱい",
	}},
	{"text:system-full", SystemFull, []string{
		"system storage", "disk full", "no space left",
		"out of disk space", "insufficient disk space",
	}},
	{"text:mailer-error", MailerError, []string{
		"mailer error", "procmail", "x-unix", "command died", "program error", "delivery agent",
	}},
	{"text:has-moved", HasMoved, []string{
		"no longer on server", "not our customer", "has moved", "address has changed",
		"forwarding address",
	}},
	// Apple's words for an address that does not exist (with 5.1.1).
	{"text:inactive-address", UserUnknown, []string{"inactive email address"}},
	{"text:suspended", Suspend, []string{
		"disabled", "inactive", "suspended", "discontinued", "deactivated", "account expired",
		"account is locked", "is locked", "not active",
		"ご利用いただけません",
	}},
	{"text:not-accept", NotAccept, []string{
		"doesn't receive email", "does not receive email", "does not accept mail", "null mx",
		"not accepting mail", "accepts no mail", "does not accept email",
	}},
	{"text:dns-error", NetworkError, []string{
		"dns error", "name service error", "dns lookup", "temporary dns", "dns failure",
	}},
	{"text:host-unknown", HostUnknown, []string{
		"host unknown", "host not found", "unknown host", "no such domain", "domain does not exist",
		"domain not found", "domain is not reachable", "unknown domain", "domain name not found",
		"nxdomain", "unrouteable domain",
	}},
	{"text:user-unknown", UserUnknown, []string{
		"user unknown", "no such user", "user not found", "recipient not found",
		"recipnotfound", "recipientnotfound", "address does not exist", "mailbox does not exist",
		"user does not exist", "account does not exist", "doesn't have a", "does not have a",
		"not exist", "no such mailbox", "no such recipient", "no such account", "invalid recipient",
		"invalid mailbox", "recipient unknown", "unknown recipient", "unknown address",
		"unknown mailbox", "mailbox not found", "mailbox unavailable", "mailbox is unavailable",
		"illegal user", "invalid address", "bad address", "not a valid mailbox", "addressee unknown",
		"no mailbox", "does not exist", "unknown local part", "unrouteable address",
		"not listed in", "address unknown", "宛先不明", "存在しない",
	}},

	// The transport.
	{"text:expired", Expired, []string{
		"timed out", "timeout", "time out", "delivery time expired", "message expired",
		"retry time", "too long in queue", "queue too long", "not be delivered within",
		"has been delayed", "giving up",
	}},
	{"text:network", NetworkError, []string{
		"lost connection", "connection refused", "too many hops", "hop count", "routing loop",
		"mail loop", "loops back", "network is unreachable", "no route to host",
		"connection reset", "connection closed", "connection dropped", "broken pipe",
	}},
	{"text:syntax", SyntaxError, []string{
		"syntax error", "improper sequence", "bad sequence", "command unrecognized",
		"command not recognized", "unrecognized command", "command not implemented",
		"invalid command", "line too long",
	}},
	{"text:system-error", SystemError, []string{
		"system error", "internal error", "service unavailable", "currently unavailable",
		"service not available", "local error", "server error", "system problem",
		"try again later", "try later", "temporarily rejected", "temporary local problem",
	}},
	{"text:on-hold", OnHold, []string{
		"temporary failure", "temporarily deferred", "maybe forwarding",
	}},

	// Neither failures nor the address's fault.
	{"text:vacation", Vacation, []string{
		"out of office", "out of the office", "auto-reply", "autoreply", "automatic reply",
		"on vacation", "away from my",
	}},
	{"text:suppressed", Suppressed, []string{
		"suppression list", "suppressed", "on a suppression",
	}},
	{"text:feedback", Feedback, []string{
		"feedback-type", "abuse report", "complaint",
	}},

	// Words that lean one way when nothing more particular stands in the
	// message: a refused recipient address is most often an unknown one.
	{"text:address-rejected", UserUnknown, []string{
		"recipient address", "address rejected", "recipient rejected", "rejected recipient",
	}},
	{"text:access-denied", SecurityError, []string{"access denied"}},
}

// serviceCodes are the reasons of the service's own codes (see the
// package comment for why each is what it is). -500 and -501 are not
// here: their message decides.
var serviceCodes = map[status.Code]Reason{
	// The sending system's own failures: its settings are wrong
	// (mailererror, fix the sender) or it failed for the moment
	// (systemerror, retry). Never the address's fault.
	-3:   SystemError,
	-4:   MailerError,
	-5:   MailerError,
	-6:   MailerError,
	-7:   MailerError,
	-8:   MailerError,
	-9:   MailerError,
	-10:  MailerError,
	-11:  SystemError,
	-12:  MailerError,
	-13:  MailerError,
	-100: SystemError,
	-101: SystemError,
	-102: SystemError,
	-502: OnHold,

	status.Delivered: Delivered,

	// Connections lost and timed out: the recipient's server may answer
	// later.
	601: NetworkError,
	602: NetworkError,
	606: Expired,
	608: NetworkError,
	609: SystemError,
	610: NetworkError,
	611: UserUnknown,
	620: NetworkError, 621: NetworkError, 622: NetworkError, 623: NetworkError,
	624: NetworkError, 625: NetworkError, 627: NetworkError,
	640: NetworkError, 641: NetworkError, 642: NetworkError, 643: NetworkError,
	644: NetworkError, 645: NetworkError, 647: NetworkError,
	660: NetworkError, 661: NetworkError, 662: NetworkError, 663: NetworkError,
	664: NetworkError, 665: NetworkError, 666: NetworkError, 667: NetworkError,
	680: NetworkError, 681: NetworkError, 682: NetworkError, 683: NetworkError,
	684: NetworkError, 685: NetworkError, 686: NetworkError, 687: NetworkError,

	// DNS: the recipient's domain could not be resolved. The service
	// counts a whole error against the address for these, as for an
	// unknown user, and reports a DNS server it cannot reach apart (608).
	700: HostUnknown,
	710: HostUnknown,
	711: HostUnknown,
	720: HostUnknown,
	// The domain's MX points at the loopback address: it takes no mail.
	730: NotAccept,

	800: UserUnknown, // a malformed recipient address can never receive mail
	801: Suspend,
	850: Filtered,
}

// enhancedReasons are the reasons of RFC 3463 enhanced codes whose
// subject and detail say one thing whatever the server. Codes that servers
// use for many reasons (X.7.1, X.5.0, X.0.0 and the like) are not here:
// the reply code decides for them.
var enhancedReasons = map[[2]int]Reason{
	{1, 1}: UserUnknown, {1, 2}: HostUnknown, {1, 3}: UserUnknown, {1, 6}: HasMoved,
	{1, 7}: Rejected, {1, 8}: Rejected, {1, 10}: NotAccept,
	{2, 1}: Suspend, {2, 2}: MailboxFull, {2, 3}: ExceedLimit,
	{3, 1}: SystemFull, {3, 4}: MesgTooBig, {3, 0}: SystemError, {3, 2}: SystemError, {3, 5}: SystemError,
	{4, 1}: NetworkError, {4, 2}: NetworkError, {4, 3}: NetworkError, {4, 4}: HostUnknown,
	{4, 6}: NetworkError, {4, 7}: Expired,
	{5, 1}: SyntaxError, {5, 2}: SyntaxError, {5, 4}: SyntaxError, {5, 5}: SyntaxError,
	{6, 0}: ContentError, {6, 1}: ContentError, {6, 2}: ContentError, {6, 3}: ContentError,
	{6, 4}: ContentError, {6, 5}: ContentError, {6, 6}: ContentError,
	{7, 3}: SecurityError, {7, 4}: SecurityError, {7, 5}: SecurityError, {7, 6}: SecurityError,
	{7, 7}: SecurityError, {7, 8}: SecurityError, {7, 10}: FailedSTARTTLS, {7, 11}: FailedSTARTTLS,
	{7, 12}: SecurityError, {7, 13}: Suspend, {7, 14}: SecurityError, {7, 16}: MesgTooBig,
	{7, 17}: HasMoved, {7, 18}: HasMoved, {7, 20}: AuthFailure, {7, 21}: AuthFailure,
	{7, 22}: AuthFailure, {7, 23}: AuthFailure, {7, 24}: AuthFailure, {7, 25}: RequirePTR,
	{7, 26}: AuthFailure, {7, 27}: Rejected, {7, 28}: Speeding, {7, 29}: AuthFailure,
	{7, 30}: FailedSTARTTLS,
}

// replyReasons are the reasons of SMTP reply codes when neither the words
// nor an enhanced code decided (RFC 5321's texts). 554 ("Transaction
// failed") is left undefined: servers send it for every kind of refusal.
var replyReasons = map[status.Code]Reason{
	421: SystemError, 450: OnHold, 451: SystemError, 452: SystemFull,
	500: SyntaxError, 501: SyntaxError, 502: SyntaxError, 503: SyntaxError, 504: SyntaxError,
	550: UserUnknown, 551: HasMoved, 552: MailboxFull, 553: UserUnknown,
}
