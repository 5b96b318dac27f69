package bounce_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status/bounce"
)

func TestReasonText(t *testing.T) {
	names := map[string]bool{}
	for r := bounce.Reason(0); r.String() != "Reason(36)"; r++ {
		name := r.String()
		assert.NotEmpty(t, name)
		assert.False(t, names[name], "%q twice", name)
		names[name] = true
		got, err := bounce.ParseReason(name)
		require.NoError(t, err)
		assert.Equal(t, r, got)
		b, err := r.MarshalText()
		require.NoError(t, err)
		var back bounce.Reason
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back)
		if r.Hard() {
			assert.Equal(t, bounce.Suppress, r.Action(), "%v is hard", r)
		}
	}
	assert.Len(t, names, 36)
	assert.Equal(t, "userunknown", bounce.UserUnknown.String())
	assert.Equal(t, "requireptr", bounce.RequirePTR.String())
	_, err := bounce.ParseReason("UserUnknown")
	assert.ErrorIs(t, err, bounce.ErrReason)
	_, err = bounce.Reason(99).MarshalText()
	assert.ErrorIs(t, err, bounce.ErrReason)
	assert.Equal(t, "Reason(99)", bounce.Reason(99).String())

	for a, name := range []string{"none", "retry", "suppress", "fix-sender"} {
		assert.Equal(t, name, bounce.Action(a).String())
		got, err := bounce.ParseAction(name)
		require.NoError(t, err)
		assert.Equal(t, bounce.Action(a), got)
		b, err := bounce.Action(a).AppendText([]byte("a="))
		require.NoError(t, err)
		assert.Equal(t, "a="+name, string(b))
	}
	_, err = bounce.ParseAction("fix_sender")
	assert.ErrorIs(t, err, bounce.ErrAction)
	assert.Equal(t, "Action(7)", bounce.Action(7).String())

	for s, name := range []string{"default", "rule", "code", "text", "enhanced"} {
		assert.Equal(t, name, bounce.Source(s).String())
		b, err := bounce.Source(s).MarshalText()
		require.NoError(t, err)
		assert.Equal(t, name, string(b))
	}
	_, err = bounce.Source(9).MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "Source(9)", bounce.Source(9).String())
}

func TestUsualActions(t *testing.T) {
	// The table of usual actions, written out again here.
	want := map[bounce.Action][]bounce.Reason{
		bounce.None:  {bounce.Delivered, bounce.Vacation, bounce.Undefined},
		bounce.Retry: {bounce.MailboxFull, bounce.SystemFull, bounce.NetworkError, bounce.SystemError, bounce.Expired, bounce.TooManyConn, bounce.Speeding, bounce.OnHold},
		bounce.Suppress: {bounce.UserUnknown, bounce.HostUnknown, bounce.HasMoved, bounce.NotAccept, bounce.Suspend,
			bounce.Filtered, bounce.Feedback, bounce.Suppressed},
		bounce.FixSender: {bounce.Rejected, bounce.Blocked, bounce.SpamDetected, bounce.VirusDetected, bounce.ContentError,
			bounce.PolicyViolation, bounce.AuthFailure, bounce.RequirePTR, bounce.SecurityError, bounce.BadReputation,
			bounce.NotCompliantRFC, bounce.FailedSTARTTLS, bounce.NoRelaying, bounce.SyntaxError, bounce.MesgTooBig,
			bounce.ExceedLimit, bounce.MailerError},
	}
	n := 0
	for action, reasons := range want {
		for _, r := range reasons {
			assert.Equal(t, action, r.Action(), "%v", r)
			n++
		}
	}
	assert.Equal(t, 36, n, "every reason once")
}
