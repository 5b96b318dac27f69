package bounce

import (
	"errors"

	"github.com/haishin/status/internal/enum"
)

// Reason is why a delivery failed, or that it did not fail. The reasons
// and their names are Sisimai's, so that data classified here and data
// classified by Sisimai speak one vocabulary.
//
// Each reason has a usual [Action] ([Reason.Action]) and is a hard bounce
// or not ([Reason.Hard]); the doc comment of each constant says both.
type Reason uint8

// The reasons. Undefined is the zero value.
const (
	// Undefined means nothing said why the delivery failed: it failed, so
	// the address may work later. Soft; retry.
	Undefined Reason = iota
	// Delivered means the mail was delivered. Soft; no action.
	Delivered

	// UserUnknown means the mailbox does not exist at the recipient's server.
	// Hard; suppress.
	UserUnknown
	// HostUnknown means the recipient's domain does not exist or has no mail
	// server. Hard; suppress.
	HostUnknown
	// HasMoved means the recipient has moved and the address is no longer
	// valid. Hard; suppress.
	HasMoved
	// NotAccept means the recipient's domain accepts no mail at all (a null MX,
	// or an MX that points at the loopback address). Hard when permanent;
	// suppress.
	NotAccept

	// MailboxFull means the recipient's mailbox is over its quota. Soft; retry.
	MailboxFull
	// SystemFull means the recipient's server is out of disk space. Soft; retry.
	SystemFull
	// ExceedLimit means the message is larger than the recipient accepts. Soft;
	// fix the sender (the content).
	ExceedLimit
	// MesgTooBig means the message is larger than the recipient's server
	// accepts. Soft; fix the sender (the content).
	MesgTooBig

	// Filtered means the recipient, or the recipient's carrier for them, refuses
	// the mail, as Japanese mobile carriers do for domains their users
	// block. Soft; suppress.
	Filtered
	// Rejected means the sender's address was refused (MAIL FROM). Soft; fix the
	// sender.
	Rejected
	// Blocked means the sending IP address or host is refused, usually from a
	// blocklist. Soft; fix the sender.
	Blocked
	// SpamDetected means the message was taken for spam. Soft; fix the sender.
	SpamDetected
	// VirusDetected means the message was taken to carry a virus. Soft; fix the
	// sender.
	VirusDetected
	// ContentError means the message's content or headers are not acceptable.
	// Soft; fix the sender.
	ContentError
	// PolicyViolation means the message breaks a policy of the recipient's
	// server. Soft; fix the sender.
	PolicyViolation

	// AuthFailure means SPF, DKIM or DMARC failed. Soft; fix the sender.
	AuthFailure
	// RequirePTR means the sending IP address has no valid reverse DNS. Soft;
	// fix the sender.
	RequirePTR
	// SecurityError means authentication or another security requirement of the
	// server was not met. Soft; fix the sender.
	SecurityError
	// BadReputation means the sending IP address or domain has a poor
	// reputation. Soft; fix the sender.
	BadReputation
	// NotCompliantRFC means the message does not follow the RFCs (RFC 5322
	// headers). Soft; fix the sender.
	NotCompliantRFC
	// FailedSTARTTLS means STARTTLS failed or was required. Soft; fix the sender.
	FailedSTARTTLS
	// NoRelaying means the server refused to relay the mail. Soft; fix the
	// sender.
	NoRelaying
	// SyntaxError means the server did not understand an SMTP command. Soft; fix
	// the sender.
	SyntaxError

	// Suspend means the recipient's account is disabled or suspended. Soft;
	// suppress.
	Suspend
	// Expired means the mail could not be delivered in time and was given up.
	// Soft; retry.
	Expired
	// NetworkError means the connection failed, timed out or was lost, or DNS
	// failed for the moment. Soft; retry.
	NetworkError
	// SystemError means the recipient's server, or the sending system, had an
	// error of its own. Soft; retry.
	SystemError
	// MailerError means a mailer program failed: the recipient's delivery agent,
	// or the sending system's settings. Soft; fix the sender.
	MailerError

	// TooManyConn means too many connections or recipients at once. Soft; retry.
	TooManyConn
	// Speeding means too many messages in too short a time. Soft; retry.
	Speeding
	// OnHold means the failure could not be told apart yet, as for a forwarded
	// address. Soft; retry.
	OnHold
	// Vacation means an automatic reply, not a failure. Soft; no action.
	Vacation
	// Feedback means a complaint (a feedback loop report). Soft; suppress.
	Feedback
	// Suppressed means the address is on a suppression list of the sending
	// service. Soft; suppress.
	Suppressed

	numReasons
)

// reasons are the facts of each reason: its name, as Sisimai writes it,
// its usual action, and whether it is a hard bounce by its nature (the
// address itself cannot receive mail). [Reason.String], [Reason.Action],
// [Reason.Hard], [ParseReason] and the README's table of the reasons are
// made from it.
var reasons = [numReasons]struct {
	name   string
	action Action
	hard   bool
}{
	Undefined: {"undefined", Retry, false}, // a failure, whatever its reason
	Delivered: {"delivered", None, false},

	UserUnknown: {"userunknown", Suppress, true},
	HostUnknown: {"hostunknown", Suppress, true},
	HasMoved:    {"hasmoved", Suppress, true},
	NotAccept:   {"notaccept", Suppress, true}, // a Verdict says hard only when the failure is permanent

	MailboxFull: {"mailboxfull", Retry, false},
	SystemFull:  {"systemfull", Retry, false},
	ExceedLimit: {"exceedlimit", FixSender, false},
	MesgTooBig:  {"mesgtoobig", FixSender, false},

	Filtered:        {"filtered", Suppress, false},
	Rejected:        {"rejected", FixSender, false},
	Blocked:         {"blocked", FixSender, false},
	SpamDetected:    {"spamdetected", FixSender, false},
	VirusDetected:   {"virusdetected", FixSender, false},
	ContentError:    {"contenterror", FixSender, false},
	PolicyViolation: {"policyviolation", FixSender, false},

	AuthFailure:     {"authfailure", FixSender, false},
	RequirePTR:      {"requireptr", FixSender, false},
	SecurityError:   {"securityerror", FixSender, false},
	BadReputation:   {"badreputation", FixSender, false},
	NotCompliantRFC: {"notcompliantrfc", FixSender, false},
	FailedSTARTTLS:  {"failedstarttls", FixSender, false},
	NoRelaying:      {"norelaying", FixSender, false},
	SyntaxError:     {"syntaxerror", FixSender, false},

	Suspend:      {"suspend", Suppress, false},
	Expired:      {"expired", Retry, false},
	NetworkError: {"networkerror", Retry, false},
	SystemError:  {"systemerror", Retry, false},
	MailerError:  {"mailererror", FixSender, false},

	TooManyConn: {"toomanyconn", Retry, false},
	Speeding:    {"speeding", Retry, false},
	OnHold:      {"onhold", Retry, false},
	Vacation:    {"vacation", None, false},
	Feedback:    {"feedback", Suppress, false},
	Suppressed:  {"suppressed", Suppress, false},
}

// reasonNames are the names of the reasons, from reasons.
var reasonNames = enum.New[Reason]("Reason", ErrReason, func() []string {
	names := make([]string, len(reasons))
	for r := range reasons {
		names[r] = reasons[r].name
	}
	return names
}())

// String returns the reason's name, such as "userunknown", and
// "Reason(N)" for a value outside the set. It never returns "".
func (r Reason) String() string { return reasonNames.String(r) }

// Action returns what a sender usually does about a failure for this
// reason, [None] for a value outside the set.
func (r Reason) Action() Action {
	if r < numReasons {
		return reasons[r].action
	}
	return None
}

// Hard reports whether the reason is a hard bounce by its nature (the
// address itself cannot receive mail), as the constant's doc comment
// says. A [Verdict] says more: NotAccept is hard there only when the
// failure is permanent.
func (r Reason) Hard() bool {
	return r < numReasons && reasons[r].hard
}

// ErrReason is wrapped by the errors of [ParseReason] and of Reason's text
// methods.
var ErrReason = errors.New("bounce: unknown reason")

// ParseReason returns the reason whose name is s, such as "userunknown":
// the inverse of [Reason.String]. Any other text is an error wrapping
// [ErrReason].
func ParseReason(s string) (Reason, error) { return enum.Parse(reasonNames, s) }

// AppendText implements [encoding.TextAppender] with the text of
// [Reason.String]. It fails for a value outside the set.
func (r Reason) AppendText(b []byte) ([]byte, error) { return reasonNames.Append(b, r) }

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Reason.String]. It fails for a value outside the set.
func (r Reason) MarshalText() ([]byte, error) { return reasonNames.Append(nil, r) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseReason] accepts.
func (r *Reason) UnmarshalText(text []byte) error { return reasonNames.Unmarshal(r, text) }

// Action is what a sender should do about a result.
type Action uint8

// The actions.
const (
	// None means nothing to do: a delivery or an automatic reply, which
	// are not failures.
	None Action = iota
	// Retry means the address may work later; send again later.
	Retry
	// Suppress means stop sending to this address.
	Suppress
	// FixSender means the sender's IP address, domain, authentication, content
	// or volume is at fault, not the address; fix that, and keep the
	// address.
	FixSender

	numActions
)

var actionNames = [...]string{None: "none", Retry: "retry", Suppress: "suppress", FixSender: "fix-sender"}

var actionText = enum.New[Action]("Action", ErrAction, actionNames[:])

// String returns "none", "retry", "suppress" or "fix-sender", and
// "Action(N)" for a value outside the set. It never returns "".
func (a Action) String() string { return actionText.String(a) }

// ErrAction is wrapped by the errors of [ParseAction] and of Action's text
// methods.
var ErrAction = errors.New("bounce: unknown action")

// ParseAction returns the action whose name is s: the inverse of
// [Action.String]. Any other text is an error wrapping [ErrAction].
func ParseAction(s string) (Action, error) { return enum.Parse(actionText, s) }

// AppendText implements [encoding.TextAppender] with the text of
// [Action.String]. It fails for a value outside the set.
func (a Action) AppendText(b []byte) ([]byte, error) { return actionText.Append(b, a) }

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Action.String]. It fails for a value outside the set.
func (a Action) MarshalText() ([]byte, error) { return actionText.Append(nil, a) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseAction] accepts.
func (a *Action) UnmarshalText(text []byte) error { return actionText.Unmarshal(a, text) }

// Source is the kind of evidence that decided a [Verdict].
type Source uint8

// The sources. Classify consults a user's rules, then the service's own
// codes, the words, the enhanced code and the reply code (see the package
// comment); SourceDefault is what is left when none decides.
const (
	// SourceDefault means nothing decided.
	SourceDefault Source = iota
	// SourceRule means a rule given to [NewClassifier].
	SourceRule
	// SourceCode means the status code: one of the service's own codes, or an SMTP
	// reply code when nothing else decided.
	SourceCode
	// SourceText means words of the message.
	SourceText
	// SourceEnhanced means the RFC 3463 enhanced status code in the message.
	SourceEnhanced

	numSources
)

var sourceNames = [...]string{SourceDefault: "default", SourceRule: "rule", SourceCode: "code", SourceText: "text", SourceEnhanced: "enhanced"}

var sourceText = enum.New[Source]("Source", ErrSource, sourceNames[:])

// String returns "default", "rule", "code", "text" or "enhanced", and
// "Source(N)" for a value outside the set.
func (s Source) String() string { return sourceText.String(s) }

// ErrSource is wrapped by the errors of [ParseSource] and of Source's text
// methods.
var ErrSource = errors.New("bounce: unknown source")

// ParseSource returns the source whose name is s, such as "text": the
// inverse of [Source.String]. Any other text is an error wrapping
// [ErrSource].
func ParseSource(s string) (Source, error) { return enum.Parse(sourceText, s) }

// AppendText implements [encoding.TextAppender] with the text of
// [Source.String]. It fails for a value outside the set.
func (s Source) AppendText(b []byte) ([]byte, error) { return sourceText.Append(b, s) }

// MarshalText implements [encoding.TextMarshaler] with the text of
// [Source.String]. It fails for a value outside the set.
func (s Source) MarshalText() ([]byte, error) { return sourceText.Append(nil, s) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts what
// [ParseSource] accepts.
func (s *Source) UnmarshalText(text []byte) error { return sourceText.Unmarshal(s, text) }
