package bounce

import (
	"strings"

	"github.com/haishin/status"
)

// ClassifyReply classifies an SMTP reply that a program got itself, as
// net/smtp's [*net/textproto.Error] (Code and Msg) or another client's
// error carries it, with the built-in rules. It is [Classifier.ClassifyReply]
// of a nil Classifier.
func ClassifyReply(code int, message string) Verdict {
	return (*Classifier)(nil).ClassifyReply(code, message)
}

// ClassifyReply classifies an SMTP reply: its code, 200 to 599, and its
// text. A code outside that range gives [Undefined] by default (retry).
//
// A reply of several lines is read as one message, as [Classify] reads
// every message: the "550-" and "550 " that start its lines in a raw
// reply, and an enhanced code that a line repeats at its start (as
// net/smtp's textproto.Error keeps them), are read once, and the lines
// are joined by a blank, so that a phrase broken across two lines is
// found. [Evidence] offsets point into message as given. A message longer
// than 2,048 bytes, or of more than 32 pieces, is read as it is, without
// folding.
//
// It never panics and never allocates, and it is safe for concurrent use.
func (c *Classifier) ClassifyReply(code int, message string) Verdict {
	if code < 200 || code > 599 {
		return undefined
	}
	r := status.Result{Code: status.Code(code), Category: status.BE, Message: message}
	if c != nil && len(c.rules) > 0 {
		if v, ok := c.classifyRules(r); ok {
			return v
		}
	}
	return classifyLines(r, strings.IndexByte(message, '\n') >= 0)
}
