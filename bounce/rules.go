package bounce

// textRule is a row of the tables of phrases: the rule's stable name, the
// reason it gives, and the phrases servers write for it, any of which
// (ASCII case-insensitive) makes the rule hold. A leading "^" anchors a
// phrase at the start of the message.
type textRule struct {
	name    string
	reason  Reason
	phrases []string
}

// decidingRules are phrases that name a reason: where one stands outside
// the narration, it decides, whatever else the message holds. Where the
// phrases of several rules stand, the rule nearer the top of the table
// wins, wherever in the message its phrase stands, so a provider's own
// codes come first, then the words that name the sender's side, then the
// recipient's. A phrase must not hold a phrase of a rule above it in this
// tier (a test checks), since it would never decide.
//
// Each group names the public source whose replies it matches.
var decidingRules = []textRule{
	// Provider codes: a code of the provider's own says more than its words.
	//
	// Yahoo and AOL: senders.yahooinc.com/smtp-error-codes and Yahoo's
	// older postmaster pages ([TSnn], [TSSnn], [BLnn], [PHnn], 4.16.5x).
	{"text:yahoo-deferred", BadReputation, []string{"[ts01]", "[ts02]", "[tss04]", "to user complaints", "deferred - 4.16.5"}},
	{"text:yahoo-blocked", Blocked, []string{"[ts03]", "[tss09]", "[tss11]", "[bl21]", "[bl23]", "permanently deferred", "possible open relay"}},
	{"text:yahoo-policy", PolicyViolation, []string{"[ph01]"}},
	// Outlook.com: sendersupport.olc.protection.outlook.com (the SMTP
	// error codes of Outlook.com's postmaster page).
	{"text:outlook-rate", Speeding, []string{"rp-001", "rp-002"}},
	{"text:outlook-connections", TooManyConn, []string{"rp-003"}},
	{"text:outlook-blocked", Blocked, []string{"sc-002", "sc-003", "sc-004", "dy-001", "dy-002", "ou-001", "(s3140)", "(s3150)", "(as3140)", "(as3150)", "network is on our block"}},
	{"text:outlook-spam", SpamDetected, []string{"ou-002", "sc-001 mail rejected"}},
	// Comcast: postmaster.comcast.net/smtp-error-codes.php (#BL, #RL, #DM,
	// #ES codes).
	{"text:comcast-blocked", Blocked, []string{"#bl0000*", "#es0000*", "comcast block for spam"}},
	{"text:comcast-throttled", Speeding, []string{"#rl0000*", "throttled"}},
	{"text:comcast-ptr", RequirePTR, []string{"must have a ptr"}},
	// Cox: cox.com's postmaster page, "Error Codes" (AUP#CX…).
	{"text:cox-blocked", Blocked, []string{"aup#cxbl", "aup#cdrbl", "aup#ipbl*"}},
	{"text:cox-url", SpamDetected, []string{"aup#urlbl*"}},
	{"text:cox-ptr", RequirePTR, []string{"aup#cxdns"}},
	{"text:cox-sender", AuthFailure, []string{"aup#cxsndr"}},
	{"text:cox-smtp", Rejected, []string{"aup#cxsmtp"}},
	{"text:cox-connections", TooManyConn, []string{"aup#cxcnct"}},
	{"text:cox-rate", Speeding, []string{"aup#cxmxrt", "message threshold exceeded"}},
	{"text:cox-account", SecurityError, []string{"aup#cxthrt", "aup#cxmj"}},
	// Spectrum and Charter: spectrum.net's "Understanding email error
	// codes" (AUP#In-NNNN; the number tells the reason).
	{"text:spectrum-blocked", Blocked, []string{"email security alert", "aup#in-1000", "aup#i-1000", "aup#in-1200", "aup#i-1200", "aup#in-1210", "aup#i-1210", "aup#in-1220", "aup#i-1220", "aup#in-1230", "aup#i-1230", "aup#in-1240", "aup#i-1240", "aup#in-1250", "aup#i-1250"}},
	{"text:spectrum-account", Rejected, []string{"aup#in-1010", "aup#i-1010", "aup#in-1020", "aup#i-1020", "aup#in-1030", "aup#i-1030", "aup#in-1040", "aup#i-1040", "aup#in-1050", "aup#i-1050", "aup#in-1060", "aup#i-1060", "aup#in-1070", "aup#i-1070", "aup#in-1080", "aup#i-1080", "aup#in-1500", "aup#i-1500", "aup#in-1520", "aup#i-1520"}},
	{"text:spectrum-ptr", RequirePTR, []string{"aup#in-1100", "aup#i-1100", "aup#in-1110", "aup#i-1110", "aup#in-1120", "aup#i-1120", "aup#in-1130", "aup#i-1130", "aup#in-1140", "aup#i-1140", "aup#in-1150", "aup#i-1150"}},
	{"text:spectrum-policy", PolicyViolation, []string{"aup#in-1160", "aup#i-1160", "aup#in-1170", "aup#i-1170", "aup#in-1180", "aup#i-1180", "aup#in-1190", "aup#i-1190", "aup#in-1560", "aup#i-1560"}},
	{"text:spectrum-ipv6", NetworkError, []string{"aup#in-1260", "aup#i-1260"}},
	{"text:spectrum-connections", TooManyConn, []string{"aup#in-1300", "aup#i-1300", "aup#in-1310", "aup#i-1310", "aup#in-1320", "aup#i-1320", "aup#in-1330", "aup#i-1330", "aup#in-1340", "aup#i-1340"}},
	{"text:spectrum-rate", Speeding, []string{"aup#in-1350", "aup#i-1350", "aup#in-1360", "aup#i-1360", "aup#in-1370", "aup#i-1370", "aup#in-1380", "aup#i-1380", "aup#in-1390", "aup#i-1390", "aup#in-1400", "aup#i-1400", "aup#in-1410", "aup#i-1410", "aup#in-1420", "aup#i-1420", "aup#in-1430", "aup#i-1430", "aup#in-1440", "aup#i-1440", "aup#in-1450", "aup#i-1450", "aup#in-1460", "aup#i-1460", "aup#in-1470", "aup#i-1470", "aup#in-1480", "aup#i-1480", "aup#in-1490", "aup#i-1490", "aup#in-1540", "aup#i-1540", "aup#in-1550", "aup#i-1550", "aup#in-1580", "aup#i-1580"}},
	{"text:spectrum-system", SystemError, []string{"aup#in-1090", "aup#i-1090"}},
	{"text:spectrum-size", MesgTooBig, []string{"aup#in-1530", "aup#i-1530"}},
	// Orange and La Poste: postmaster.orange.fr's error table (OFRnnn_NNN,
	// LPNnnn_NNN, OUK_NNN: the last three digits tell the reason).
	{"text:orange-blocked", Blocked, []string{"_100", "_101", "_102", "_103", "_510", "_999"}},
	{"text:orange-connections", TooManyConn, []string{"_104"}},
	{"text:orange-ptr", RequirePTR, []string{"_107"}},
	{"text:orange-auth", SecurityError, []string{"_305", "_402"}},
	{"text:orange-spf-dmarc", AuthFailure, []string{"_401", "_517", "_535", "spf/dns"}},
	{"text:orange-sender", Rejected, []string{"_403", "_405", "_415", "_421"}},
	{"text:orange-recipient", UserUnknown, []string{"_416", "_418"}},
	{"text:orange-full", MailboxFull, []string{"_417", "destinataire pleine"}},
	{"text:orange-suspended", Suspend, []string{"_420", "_426", "archived recipient"}},
	{"text:orange-system", SystemError, []string{"_505"}},
	{"text:orange-spam", SpamDetected, []string{"_506", "_513"}},
	{"text:orange-size", MesgTooBig, []string{"_514"}},
	{"text:orange-policy", PolicyViolation, []string{"_630"}},
	// GoDaddy: godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
	// (IBnnn).
	{"text:godaddy-blocked", Blocked, []string{"ib104", "ib105", "ib106", "ib110", "ib111", "ib112", "ib113", "ib301"}},
	{"text:godaddy-reputation", BadReputation, []string{"ib103"}},
	{"text:godaddy-ptr", RequirePTR, []string{"ib108"}},
	{"text:godaddy-spam", SpamDetected, []string{"ib212"}},
	{"text:godaddy-virus", VirusDetected, []string{"ib705"}},
	{"text:godaddy-auth", SecurityError, []string{"ib401"}},
	{"text:godaddy-from", NotCompliantRFC, []string{"ib501", "ib502"}},
	{"text:godaddy-sender", Rejected, []string{"ib506"}},
	{"text:godaddy-spf", AuthFailure, []string{"ib508"}},
	{"text:godaddy-rate", Speeding, []string{"ib504", "ib510", "ib607"}},
	{"text:godaddy-connections", TooManyConn, []string{"ib007", "ib605"}},
	{"text:godaddy-system", SystemError, []string{"ib101"}},
	// Microsoft 365 and Exchange: learn.microsoft.com, "Email
	// non-delivery reports and SMTP errors in Exchange Online" and the
	// Exchange Server NDR table; the words of one code tell its reason.
	{"text:microsoft-blocked", Blocked, []string{
		"denied, please try again", "traffic not accepted", "exceeded threshold",
		"removal from this list", "using customer block list", "denied, rejected by recip",
		"access denied, bad helo", "email over ipv6",
	}},
	{"text:microsoft-policy", PolicyViolation, []string{"tenant allow block list", "by organization policy", "policy violation detected", "authorized, message refused",
		"does not allow external forwarding", // 5.7.520: Microsoft Defender for Office 365, "Configuring and controlling external email forwarding"
	}},
	{"text:microsoft-sender", Rejected, []string{
		"spam abuse detected", "denied, banned sender", "bad outbound sender",
		"unregistered domains", "allowed-senders list", "not authenticated for", "sender was not authenticated",
		"resolver.rst.notauthorized",
	}},
	{"text:microsoft-recipient", UserUnknown, []string{
		"recipient address rejected: access denied", "banned recipient", "bad destination mailbox",
		"invalid recipient address",
	}},
	{"text:microsoft-domain", HostUnknown, []string{"reserved by rfc 2606", "single label domains", "nonexistent domain", "nonexistentdomain", "routing.nonexthop",
		"infodomainnonexistent", // 5.4.310 "DNS domain … does not exist [Message=InfoDomainNonexistent]"
	}},
	{"text:microsoft-rate", Speeding, []string{
		"submission quota", "daily limit for message", "message receive limit", "recipient thread limit",
		"exceeded permitted limits", "busy. please try again", "excessive message rate",
	}},
	{"text:microsoft-reputation", BadReputation, []string{"due to ip reputation"}},
	{"text:microsoft-content", ContentError, []string{"x-dg-ref header", "too many related errors", "invalid message content"}},
	{"text:microsoft-tls", SecurityError, []string{"certificate-expired", "tlsa-invalid", "dnssec-invalid", "certificate-host-mismatch", "mta-sts validation"}},
	{"text:microsoft-size", ExceedLimit, []string{"recipsizelimit"}},
	{"text:microsoft-quarantine", SpamDetected, []string{"filter agent quarantined"}},
	// Exchange Server's content filter agent rejects mail at its spam
	// confidence level with Set-ContentFilterConfig's RejectionResponse,
	// by default "Message rejected due to content restrictions".
	{"text:microsoft-content-filter", SpamDetected, []string{"due to content restrictions"}},
	{"text:microsoft-system", SystemError, []string{"incorrectly configured", "database is offline", "mailbox server is too busy", "journaling"}},
	{"text:microsoft-network", NetworkError, []string{"socket error", "dns query failed", "suspiciousremoteserver", "mxloopback", "configured in a loop"}},
	// Gmail and Google Workspace: support.google.com/a/answer/3726730,
	// "SMTP error messages and codes".
	{"text:gmail-relay", NoRelaying, []string{"credentials for relay"}},
	{"text:gmail-rate-unsolicited", BadReputation, []string{"rate of unsolicited", "amount of unsolicited", "unusual rate of email"}},
	{"text:gmail-alignment", AuthFailure, []string{"isn't aligned with", "authenticated spf"}},
	{"text:gmail-file-types", PolicyViolation, []string{"content presents a"}},
	// Mimecast: community.mimecast.com, "Mimecast SMTP Error Codes".
	{"text:mimecast-greylist", OnHold, []string{"internal resource", "account outbounds disabled", "hostname is not authorized"}},
	{"text:mimecast-connections", TooManyConn, []string{"account service is", "outbound thread limit"}},
	{"text:mimecast-blocked", Blocked, []string{"sender address blocked", "unavailable - https://comm"}},
	{"text:mimecast-rate", Speeding, []string{"ip temporarily blacklisted"}},
	{"text:mimecast-system", SystemError, []string{"process connection", "message ended early", "unable to process command", "unable to process an email"}},
	{"text:mimecast-notaccept", NotAccept, []string{"account inbounds disabled"}},
	{"text:mimecast-sender", Rejected, []string{"envelope blocked", "blocked senders", "block policy for", "unresolvable rfc.532"}},
	{"text:mimecast-policy", PolicyViolation, []string{"anti-spoofing policy", "content examination policy", "host network not allowed"}},
	{"text:mimecast-security", SpamDetected, []string{"to security policies"}},
	{"text:mimecast-tls", FailedSTARTTLS, []string{"route requires encryption", "requires tls version", "high-strength ciphers"}},
	{"text:mimecast-auth", SecurityError, []string{"incorrect authentication", "submitter failed", "invalid for this certif"}},
	// GMX and WEB.DE: postmaster.gmx.net/en/error-messages and
	// postmaster.web.de/error-messages.
	{"text:gmx-policy", PolicyViolation, []string{"unavailable reject due to"}},
	{"text:gmx-header", NotCompliantRFC, []string{"(header based)"}},
	{"text:gmx-domain", Rejected, []string{"(domain based)", "invalid dns mx or a/aaaa"}},
	{"text:gmx-ip", Blocked, []string{"(ip based)", "block listed"}},
	{"text:gmx-full", MailboxFull, []string{"messages on the server", "zu viele mails"}},
	// Mail.ru (help.mail.ru/notspam-support) and Yandex
	// (yandex.com/support/mail/bounces).
	{"text:mailru-account", Rejected, []string{"for this account is disab"}},
	{"text:yandex-recipient", Suspend, []string{"on the target address"}},
	{"text:yandex-blocked", Blocked, []string{"blocked by spam statistics"}},
	// Proofpoint (ipcheck.proofpoint.com, Proofpoint Essentials' SMTP
	// discovery), Barracuda (barracudacentral.org), Trend Micro (Email
	// Reputation Services), Cisco Secure Email (AsyncOS user guide).
	{"text:gateway-deferred", BadReputation, []string{"deferred - see https://ipc"}},
	{"text:gateway-blocked", Blocked, []string{
		"ipcheck.proofpoint.com", "dnsbl-lookup", "proofpoint reputation", "barracuda reputation",
		"barracudacentral", "barracudanetworks.com/rep", "mail-abuse", "email reputation service", "sbrs score", "senderbase",
	}},
	{"text:gateway-recipient", UserUnknown, []string{"marked as invalid"}},
	{"text:gateway-policy", PolicyViolation, []string{":blocked)"}},
	{"text:gateway-dns", NetworkError, []string{"during spf verification", "perform dmarc verification"}},
	{"text:gateway-rate", Speeding, []string{"received this hour"}},
	// amavisd-new (its reasons by content category), rspamd (its milter
	// replies) and SpamAssassin's milters.
	{"text:amavis-policy", PolicyViolation, []string{"- banned:", "- unchecked:", "matched map:"}},
	{"text:amavis-mime", ContentError, []string{"bad header: mime error"}},
	{"text:amavis-header", NotCompliantRFC, []string{"bad header:"}},
	{"text:amavis-size", ExceedLimit, []string{"recipient's size limit"}},
	{"text:amavis-relay", SystemError, []string{"temporary mta failure", "rejected by next-hop mta", "relay message back"}},
	// A Spamhaus answer to a resolver that is not the receiver's own, not
	// a listing (spamhaus.org/returnc), and a DNSBL lookup that failed
	// (Sendmail's dnsbl.m4): the receiver's trouble.
	{"text:dnsbl-error", SystemError, []string{"open resolver", "temporary lookup failure"}},

	// Postfix (smtpd_check.c): the sender's words that a generic phrase
	// below would take.
	{"text:sender-not-logged-in", SecurityError, []string{"rejected: not logged in"}},
	// Japanese carriers. au answers ": User unknown", with no address, for
	// mail its user's filter refused, and "<addr>: User unknown" for a
	// missing address (au's technical specification).
	{"text:carrier-filtered", Filtered, []string{"^: user unknown", " : user unknown"}},
	{"text:recipient-preferences", Filtered, []string{"recipient preferences", "refused by recipient", "refused by the recipient", "ドメイン拒否", "受信拒否", "cannot route mail to user"}},

	// The sender's own address or domain (Postfix, Exim, Sendmail, qmail,
	// Haraka, Gmail's and Microsoft's references).
	{"text:sender-rejected", Rejected, []string{
		"sender address rejected", "domain of sender address", "sender verify failed",
		"sender verification", "unroutable sender", "sender rejected", "sender domain must exist",
		"invalid sender", "sender unknown", "unknown sender", "sender address does not",
		"purported responsible", "mail from rejected", "from address rejected",
		"sender is not allowed", "sender denied", "address of the sender", "null sender",
		"sender address [", "required for sender", "badmailfrom", "sender's system address",
		"mx for your from", "suspended due to abuse", "sending denied", "from: domain is invalid",
		"the sender address", "sender address is invalid", "delivery not authorized",
	}},

	// Headers against RFC 5322 (Gmail's and Microsoft's references,
	// amavisd-new's BAD HEADER, GoDaddy's IB501/IB502, docomo's "Line Too
	// Long").
	{"text:not-rfc-compliant", NotCompliantRFC, []string{
		"rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "rfc822", "multiple addresses in", "addresses in from:",
		"duplicate header", "not rfc compliant", "does not comply with rfc", "not compliant with rfc",
		"missing message-id", "message-id header", "invalid header", "malformed header", "bare lf",
		"a valid message-id", "encoded-word syntax", "malformed date", "disallowed header", "message is malformed",
		"valid address in the from", "from: addresses are not", "as a from: address", "line too long",
	}},

	// Authentication of the sending domain and host (RFC 7208, 6376, 7489
	// and the texts of Gmail, Yahoo, Microsoft, policyd-spf, OpenDMARC).
	{"text:auth-failure", AuthFailure, []string{
		"dmarc", "spf record", "spf check", "spf validation", "spf fail", "bad spf", "fails spf",
		"failed spf", "spf hard fail", "dkim", "have authentication info",
		"not pass authentication", "unauthenticated email", "authentication checks",
		"sender policy framework", "is unauthenticated", "spf authentication", "spf does not pass",
		"spf sender invalid", "spf policy", "spf unauthorized", "openspf", "sender id validation",
		"authentication level", "spf:", "per its spf",
	}},
	// Reverse DNS (Postfix's reject_unknown_client_hostname texts,
	// Sendmail's "IP name lookup failed", Gmail's and GMX's references).
	{"text:require-ptr", RequirePTR, []string{
		"reverse dns", "ptr record", "ptr resource record", "rdns", "reverse lookup",
		"reverse hostname", "no ptr", "mismatches client ip", "find your hostname",
		"resolve your address", "client host name", "lookup of your ip", "(ptr) record",
		"rejected: host not found", "ip name lookup failed", "ip name possibly forged",
	}},
	// SMTP's own rules (RFC 5321 and RFC 3207), in words that name
	// STARTTLS; Postfix's reject_unauth_pipelining (smtpd_check.c), which
	// refuses a client that sends commands ahead without the PIPELINING
	// extension, in words that name the client host.
	{"text:smtp-protocol", SyntaxError, []string{"protocol violation", "may not be repeated", "improper use of smtp command pipelining"}},
	// TLS (Postfix's "Must issue a STARTTLS command first", Gmail's 4.7.29
	// and 5.7.29 texts, Postfix's smtp(8) "TLS is required").
	{"text:starttls", FailedSTARTTLS, []string{
		"starttls", "tls is required", "tls required", "requiretls",
		"encryption required", "tls negotiation failed", "tls connection", "tls wasn't used", "cannot start tls",
	}},
	// SMTP authentication (RFC 4954's texts, Gmail's 5.7.8, 5.7.9 and
	// 5.7.14, Exchange's, Orange's "authentification requise").
	{"text:security", SecurityError, []string{
		"authentication required", "authrequired", "unauthenticated senders", "not authenticated",
		"must authenticate", "smtp auth", "password", "too many login attempts", "through your web browser",
		"with your web browser", "no identity changes", "authentication type", "authentification requise",
		"exchange server auth", "authentication not allowed",
	}},

	// Dovecot's message-count quota (quota.c: "Too many messages in the
	// mailbox"), which the sender's rate words below would take.
	{"text:mailbox-messages", MailboxFull, []string{"too many messages in the mailbox"}},

	// The sending IP address and its reputation, its volume and its
	// connections (Gmail's 4.7.0 and 4.2.1 texts, Yahoo's, Cisco's
	// SenderBase, Postfix's and Exim's connection limits, postgrey,
	// sqlgrey, milter-greylist and Haraka's greylisting).
	{"text:reputation", BadReputation, []string{
		"reputation", "user complaints", "unexpected volume",
	}},
	{"text:too-many-connections", TooManyConn, []string{
		"too many connections", "connection rate limit", "too many concurrent", "frequency limited",
		"too many recipients", "too many simultaneous", "connection limit", "too many sessions",
		"max message per connection", "closing connection. (ehlo)", "per transaction exceeded",
	}},
	{"text:rate-limit", Speeding, []string{
		"unusual rate", "sending rate", "too many messages", "message rate",
		"exceeded the rate", "mail flood", "rate limited", "ratelimit", "rate limit",
		"mail too quickly", "email too quickly", "rate that prevents",
		"sending limit", "sending quota", "relay limit", "too many recent messages", "excessive volume",
		"too many to too many", "allowed per hour",
	}},
	{"text:greylisted", OnHold, []string{"greylist", "graylist", "grey listed", "gray listed"}},
	// DNS blocklists as Postfix (reject_rbl_client), Exim (dnslists),
	// Sendmail (dnsbl.m4), qmail's rblsmtpd and the lists' own texts
	// (Spamhaus, SpamCop, UCEPROTECT, SURBL, URIBL) write them.
	{"text:blocklisted-url", SpamDetected, []string{
		"blacklisted url", "blocklisted url", "blacklisted link", "blocklisted link", "uribl", "surbl",
	}},
	{"text:blocklisted", Blocked, []string{
		"blocked using", "blacklisted", "blacklist", "blocklisted", "blocklist", "black list", "block list",
		"listed at", "spamhaus", "spamcop", "dnsbl", "banned sending ip", "rbl",
		"ip address blocked", "ip blocked", "blocked ip", "client host rejected", "blackhole",
		"refused to talk to me", "service refuse", "not authorized to send",
		"not be mail exchanger", "access denied, banned", "not in whitelist", "not accepting connections",
		"helo command rejected", "unverified client host", "helo command [", "uceprotect",
		"invalid recipients", "dynamic ip",
	}},

	// The content (amavisd-new, rspamd, SpamAssassin's milters, ClamAV,
	// Gmail's and Yahoo's content and policy texts, Postfix's
	// header_checks replies).
	{"text:virus", VirusDetected, []string{
		"virus", "malware", "infected", "trojan",
	}},
	// Filters' spam verdicts too: rspamd's milter ("Spam message
	// rejected"), spamass-milter ("Blocked by SpamAssassin"), Haraka's
	// rspamd plugin ("Detected as spam"), KumoMTA's rspamd helper ("Spam
	// detected"), which a Postfix's "Recipient address rejected" can wrap.
	{"text:spam", SpamDetected, []string{
		"spam detected", "detected as spam",
		"message content rejected", "content rejected", "mail rejete",
		"mail rejected. ofr", "bulk mail", "likely unsolicited", "junk mail", "scored as",
		"spam message", "spamassassin", "- spam", "suspicion of spam", "judged to be spam",
		"content or the links", "spam-like", "content judged",
	}},
	{"text:content", ContentError, []string{
		"headers too large", "header too long", "header too large", "message header size",
		"too many headers", "invalid content", "message content", "invalid characters",
	}},
	// A limit of the server's on the size of a message, whatever the
	// enhanced code (Dovecot sends its own with 5.2.2, a full mailbox's
	// code): Postfix's smtpd (message_size_limit), Exim's smtp_in.c
	// (message_size_limit), qmail-smtpd (databytes), Dovecot's quota.c
	// (quota_max_mail_size). Sendmail's "Message size exceeds fixed
	// maximum message size" with 5.2.3 is left to the code, as Sisimai
	// reads it (exceedlimit): the words that only lean below.
	{"text:message-size", MesgTooBig, []string{
		"message size exceeds fixed limit", "message size exceeds maximum permitted", "exceeds my databytes limit",
		"maximum size allowed by server configuration",
	}},
	{"text:policy", PolicyViolation, []string{
		"policy reasons", "denied by policy", "policy violation", "local policy", "rejected for policy",
		"rejected by policy", "policy rejection", "violates our policy", "policy restrictions",
		"content policy", "by our policy", "multi-recipient bounce", "same message-id",
		"policy that prohibit", "email policy", "[cs01]", "[cs02]",
	}},

	// Relaying (Postfix's "Relay access denied", Sendmail's "Relaying
	// denied", Exim's "relay not permitted", qmail's rcpthosts, Haraka's
	// "I cannot deliver mail for", Exchange's "Unable to relay").
	{"text:no-relaying", NoRelaying, []string{
		"relay access denied", "relaying denied", "not permitted to relay", "insecure mail relay",
		"relay not permitted", "unable to relay", "no relaying", "relaying not allowed", "relay denied",
		"relaying disallowed", "not a gateway", "relay not allowed", "we do not relay",
		"allowed rcpthosts", "open relay not allowed", "i cannot deliver mail for",
	}},

	// The mailbox and the recipient (Postfix's local(8) and smtpd texts,
	// Exim's appendfile, Sendmail's, qmail's, Courier's, Dovecot's,
	// Exchange's, Domino's, Zimbra's and OpenSMTPD's, Gmail's 5.1.1,
	// 5.2.1 and 5.2.2, Comcast's, Yahoo's, Yandex's, the Japanese
	// carriers').
	{"text:mailbox-full", MailboxFull, []string{
		"mailbox full", "mailbox is full", "mailbox is over quota", "over quota", "quota exceeded",
		"exceeded storage", "out of storage", "disk quota", "mailbox size limit", "inbox is full",
		"full mailbox", "mailbox quota", "exceeds quota", "exceeded quota", "quota exceed",
		"insufficient storage", "user has exceeded", "mailfolder is full", "mail box full",
		"quota violation", "storage limit", "file too large", "mailbox size exceeded", "mailbox exceeded",
		"mapiexceptionmaxobjsexceeded", // Exchange: a folder at its item limit ("554 4.3.2 mailbox busy")
		"容量", "いっぱい",
	}},
	{"text:system-full", SystemFull, []string{
		"system storage", "disk full", "no space left", "out of disk space", "insufficient disk space",
		"not enough disk space", "system resources", "disk is full", "space shortage",
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
		"suspended", "discontinued", "deactivated", "account expired",
		"account is locked", "account is disabled", "account has been disabled", "mailbox is disabled",
		"mailbox disabled", "account disabled", "ご利用いただけません",
	}},
	{"text:not-accept", NotAccept, []string{
		"doesn't receive email", "does not receive email", "does not accept mail", "null mx", "nullmx",
		"not accepting mail", "accepts no mail", "does not accept email",
		"does not support srv requests", "indicated no smtp service", // Postfix's dns_lookup.c, Exim's dnslookup router
	}},
	// DNS: Postfix's dns_lookup.c and dns_strerror.c, Sendmail's err.c,
	// qmail-remote.c, Exim's dnslookup router, glibc's gai_strerror and
	// herror, Go's net package; a lookup that failed for now, or whose
	// answer could not be used.
	{"text:dns-error", NetworkError, []string{
		"dns error", "dns lookup", "temporary dns", "dns failure", "unexpected name server",
		"host not found, try again", "host name lookup failure", "name server timeout", "cname lookup failed",
		"any host by that name", "temporary failure in name resolution", "host lookup did not complete",
		"server misbehaving",
	}},
	// The name does not exist: the same sources, and Exim's and
	// Microsoft's words for it.
	{"text:host-unknown", HostUnknown, []string{
		"host unknown", "host not found", "unknown host", "no such domain", "domain does not exist",
		"domain not found", "domain is not reachable", "unknown domain", "domain name not found",
		"nxdomain", "unrouteable", "find any host named", "find the recipient domain",
		"non-existent host", "lookups failed permanently", "no data record", "find a mail exchanger",
		"no route found to domain", "domain doesnt exist",
		"name server loop", "invalid host or domain name", "name or service not known", "no address associated with",
		"no such host",
	}},
	{"text:user-unknown", UserUnknown, []string{
		"user unknown", "unknown user", "no such user", "user not found", "recipient not found",
		"recipnotfound", "exrecipnotfound", "recipientnotfound", "address does not exist", "mailbox does not exist",
		"user does not exist", "account does not exist", "no such mailbox",
		"no such recipient", "no such account", "invalid recipient",
		"invalid mailbox", "recipient unknown", "unknown recipient", "unknown address",
		"unknown mailbox", "mailbox not found",
		"illegal user", "illegal alias", "not a valid mailbox", "addressee unknown",
		"no mailbox", "unknown local part", "address unknown", "user doesn't exist",
		"mailbox doesn't exist", "mailbox unallocated", "user doesn't have a", "is no longer valid",
		"listed in domino directory", "in public name", "fully-qualified address",
		"valid rfc 5321 address", "宛先不明", "存在しない",
	}},

	// The transport (Postfix's, Exim's, Sendmail's and qmail's own words
	// on their failures).
	{"text:network", NetworkError, []string{
		"lost connection", "connection refused", "too many hops", "hop count", "routing loop",
		"mail loop", "loops back", "network is unreachable", "no route to host",
		"connection reset", "connection closed", "connection dropped", "broken pipe",
		"timeout - closing", "connection expired", "forwarding loop",
		"this message is looping", "establish an smtp", "exceeded 50 hops",
		"may be sent more than once",
	}},
	{"text:expired", Expired, []string{
		"timed out", "timeout", "time out", "delivery time expired", "message expired",
		"retry time", "too long in queue", "queue too long", "not be delivered within",
		"has been delayed", "giving up", "in the queue too long", "queue.expired", "message delayed",
		"failing for a long time", "cannot send message for", "not delivered within",
	}},
	{"text:syntax", SyntaxError, []string{
		"syntax error", "improper sequence", "bad sequence", "command unrecognized",
		"command not recognized", "unrecognized command", "command not implemented",
		"invalid command", "helo first", "mail first", "rcpt first", "data after bdat",
		"unauthenticated commands", "command pipelining", "pipelining not supported",
		"send hello first", "helo/ehlo argument", "argument not permitted",
	}},
	{"text:system-error", SystemError, []string{
		"system error", "internal error", "local error", "server error", "system problem",
		"temporary local problem", "configuration error", "temporary system failure", "qq temporary problem",
		"resources temporarily", "temporarily rejected", "server busy", "several matches found",
		"temporary error", "not on this server", "delivery failure try again", "violates rfc 1035",
		"destination domains per", "configuration problem",
	}},
	{"text:on-hold", OnHold, []string{
		"temporary failure", "temporarily deferred", "maybe forwarding", "recipient temporarily",
	}},

	// Neither failures nor the address's fault (RFC 3834 automatic
	// replies, RFC 5965 feedback reports).
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
}

// listRules are the rules above whose words name a blocklist: a DNSBL,
// a provider's own block list or a reputation list that takes requests
// for delisting. Their verdicts' advice is to look the sending host up
// there ([Verdict.Guidance]); any other refusal of the sending host is on
// the receiver's own policy.
var listRules = []string{
	"text:outlook-blocked", "text:comcast-blocked", "text:cox-blocked", "text:gmx-ip",
	"text:gateway-blocked", "text:blocklisted",
}

// leaningRules are phrases that only lean towards a reason: they decide
// where no deciding phrase and no enhanced code that means one thing
// does. On a temporary failure (4xx), a leaning phrase whose reason would
// suppress the address does not decide at all. Among them, too, the rule
// nearer the top wins.
var leaningRules = []textRule{
	// RFC 5321's and Postfix's generic refusals of a recipient: most often
	// an unknown one.
	{"text:address-rejected", UserUnknown, []string{
		"recipient address", "address rejected", "recipient rejected", "rejected recipient",
		"mailbox unavailable", "mailbox is unavailable", "invalid address", "bad address",
		"not listed in", "does not exist", "not exist", "does not have a", "recipient unavailable",
	}},
	// Words of many servers' replies, each alone a lean: "spam" (it stands
	// in Gmail's "To protect our users from spam" after other reasons),
	// "blocked", "disabled", the size, "access denied" (Sendmail's access
	// database, Postfix's access maps), "service unavailable" and "try
	// again later" (RFC 5321's 421 and 450 texts, rspamd, Postfix's
	// defer).
	{"text:spam-word", SpamDetected, []string{"spam"}},
	{"text:blocked", Blocked, []string{
		"blocked by", "^blocked", "554 blocked", "has been blocked", "your ip", "the ip you",
		"is not allowed to send", "blocked - see", "is blocked", "blocked.",
	}},
	{"text:disabled", Suspend, []string{"disabled", "inactive", "not active", "is locked"}},
	// Size: the enhanced code tells a mailbox's limit (X.2.3, exceedlimit)
	// from the server's (X.3.4, mesgtoobig).
	{"text:too-big", MesgTooBig, []string{
		"message too big", "too big for system", "message is too big", "message too large",
		"message is too large", "message size limit", "size exceeds", "exceeds maximum",
		"exceeds fixed maximum", "exceeds the size", "exceeds size limit", "message length exceeds",
		"administrative limit", "exceeded the limit", "file too big", "databytes", "size limits",
		"email size exceeded", "error: too much mail data", "maximum size of the mes",
	}},
	// docomo answers "552 Too much mail data" for a full mailbox.
	{"text:too-much-mail", MailboxFull, []string{"too much mail data"}},
	{"text:access-denied", Blocked, []string{"access denied"}},
	{"text:unavailable", SystemError, []string{
		"service unavailable", "currently unavailable", "service not available", "not available",
	}},
	{"text:try-later", OnHold, []string{
		"try again later", "try later", "come back later", "temporarily unavailable",
	}},
}

// stage is the SMTP stage that the narration names.
type stage uint8

const (
	noStage      stage = iota
	stageConnect       // the connection or the greeting
	stageHelo
	stageMail
	stageRcpt
	stageData
)

// narrationRule is a phrase of an MTA's narration around the remote
// server's reply: it never decides a reason. Where host is set, the word
// after it is a host name (one with a dot, or before "["), which is
// narration too; where line is set, the rest of the line (to a newline or
// "<<<") is. The stage, if any, is the SMTP command the reply answered.
type narrationRule struct {
	phrase string
	host   bool
	line   bool
	stage  stage
}

// narration are the MTAs' wrappers around a remote reply.
var narration = []narrationRule{
	// Postfix (smtp(8) and the bounce(8) texts: "host H[IP] said: …
	// (in reply to RCPT TO command)", "connect to H[IP]:25: …",
	// "lost connection with H[IP] while …", "Name service error for
	// name=… type=…: …", "delivery temporarily suspended: …").
	{phrase: "host ", host: true},
	{phrase: " said:"},
	{phrase: "connect to ", host: true},
	{phrase: "connection with ", host: true},
	{phrase: "conversation with ", host: true},
	{phrase: "temporarily suspended:"},
	{phrase: "service error for name=", host: true},
	{phrase: "in reply to rcpt to", stage: stageRcpt},
	{phrase: "in reply to mail from", stage: stageMail},
	{phrase: "in reply to end of data", stage: stageData},
	{phrase: "in reply to data", stage: stageData},
	{phrase: "in reply to helo", stage: stageHelo},
	{phrase: "in reply to ehlo", stage: stageHelo},
	{phrase: "in reply to starttls", stage: stageHelo},
	{phrase: "initial server greeting", stage: stageConnect},
	{phrase: "while sending mail from", stage: stageMail},
	{phrase: "while sending rcpt to", stage: stageRcpt},
	{phrase: "while sending end of data", stage: stageData},
	{phrase: "sending message body", stage: stageData},
	// Exim (deliver.c and transports/smtp.c: "SMTP error from remote mail
	// server after RCPT TO:<…>: host H [IP]: …").
	{phrase: "from remote mail server"},
	{phrase: "from remote server"},
	{phrase: "after rcpt to:", stage: stageRcpt},
	{phrase: "after mail from:", stage: stageMail},
	{phrase: "after end of data", stage: stageData},
	{phrase: "after data", stage: stageData},
	{phrase: "after initial connection", stage: stageConnect},
	{phrase: "after helo", stage: stageHelo},
	{phrase: "after ehlo", stage: stageHelo},
	// qmail (qmail-remote.c: "Remote host said:", "Connected to IP but
	// sender was rejected.", "Giving up on IP.").
	{phrase: "remote host said:"},
	{phrase: "connected to ", host: true},
	{phrase: "but sender was rejected", stage: stageMail},
	{phrase: "but greeting failed", stage: stageConnect},
	{phrase: "but my name was rejected", stage: stageHelo},
	{phrase: "does not like recipient", stage: stageRcpt},
	{phrase: "failed after i sent", stage: stageData},
	{phrase: "failed on data command", stage: stageData},
	{phrase: "giving up on ", host: true},
	// Sendmail (the transcript: ">>> RCPT To:<…>" then "<<< 550 …", and
	// "... while talking to H.:").
	{phrase: ">>> ", line: true},
	{phrase: ">>> rcpt to", line: true, stage: stageRcpt},
	{phrase: ">>> mail from", line: true, stage: stageMail},
	{phrase: ">>> data", line: true, stage: stageData},
	{phrase: ">>> helo", line: true, stage: stageHelo},
	{phrase: ">>> ehlo", line: true, stage: stageHelo},
	{phrase: "while talking to ", host: true},
	// Google (the bounce message of Gmail: "Technical details of permanent
	// failure:", "… rejected by the server for the recipient domain D by H.").
	{phrase: "of permanent failure:"},
	{phrase: "of temporary failure:"},
	{phrase: "other server returned was:"},
	{phrase: "for the recipient domain ", host: true},
	// Dovecot's LDA (its rejection wrapper).
	{phrase: "automatically rejected:"},
}

// dnsRetry are the words that say a DNS lookup failed for now, not that
// the name does not exist. The service's DNS codes (700, 710, 711, 720)
// say only that the lookup of the recipient's domain failed; where their
// message holds one of these words, the verdict is networkerror and retry,
// not hostunknown: a resolver that stumbled once must not suppress every
// address of a domain. Elsewhere these words are not a rule of their own
// (most are words of the rules above).
var dnsRetry = textRule{"text:dns-retry", NetworkError, []string{
	// Postfix's dns_strerror.c (TRY_AGAIN: "Host not found, try again"),
	// glibc's gai_strerror (EAI_AGAIN) and herror (TRY_AGAIN), as Sendmail's
	// err.c writes it too.
	"try again", "temporary failure in name resolution", "host name lookup failure",
	// RFC 1035's RCODE 2 by its name, and Go's net package ("server
	// misbehaving", "no answer from DNS server", "lame referral").
	"servfail", "server misbehaving", "no answer from dns server", "lame referral",
	// Exim's dnslookup router and smtp transport ("host lookup did not
	// complete", "all host address lookups failed temporarily"), qmail's
	// qmail-remote.c ("couldn't find any host by that name", "CNAME lookup
	// failed temporarily").
	"host lookup did not complete", "failed temporarily", "any host by that name",
	// A lookup that timed out (Go's "i/o timeout", resolvers' own words).
	"timed out", "timeout", "time out",
}}
