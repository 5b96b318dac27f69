package bounce_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

var _ slog.LogValuer = bounce.Verdict{}

// logNoTime is a slog.HandlerOptions.ReplaceAttr that drops the time.
func logNoTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

func TestVerdictLogValue(t *testing.T) {
	for _, tt := range []struct {
		name string
		v    bounce.Verdict
		text string // what slog.TextHandler writes
		json string // the "verdict" object slog.JSONHandler writes
	}{
		{
			name: "blocked",
			v:    bounce.Classify(status.Result{Code: 554, Category: status.BE, Message: "5.7.1 Client host [192.0.2.10] blocked using zen.example.org"}),
			text: "level=INFO msg=m verdict.reason=blocked verdict.action=fix-sender verdict.hard=false verdict.rule=text:blocklisted verdict.source=text\n",
			json: `{"reason":"blocked","action":"fix-sender","hard":false,"rule":"text:blocklisted","source":"text"}`,
		},
		{
			name: "service code",
			v:    bounce.Classify(status.Result{Code: 611, Category: status.BE}),
			text: "level=INFO msg=m verdict.reason=userunknown verdict.action=suppress verdict.hard=true verdict.rule=code:611 verdict.source=code\n",
			json: `{"reason":"userunknown","action":"suppress","hard":true,"rule":"code:611","source":"code"}`,
		},
		{
			name: "nothing decided",
			v:    bounce.Classify(status.Result{Code: 999, Category: status.BE, Message: "?"}),
			text: "level=INFO msg=m verdict.reason=undefined verdict.action=retry verdict.hard=false verdict.rule=\"\" verdict.source=default\n",
			json: `{"reason":"undefined","action":"retry","hard":false,"rule":"","source":"default"}`,
		},
		{
			name: "outside the set",
			v:    bounce.Verdict{Reason: 200, Action: 9, Evidence: bounce.Evidence{Source: 7, Rule: "mine"}},
			text: "level=INFO msg=m verdict.reason=Reason(200) verdict.action=Action(9) verdict.hard=false verdict.rule=mine verdict.source=Source(7)\n",
			json: `{"reason":"Reason(200)","action":"Action(9)","hard":false,"rule":"mine","source":"Source(7)"}`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: logNoTime})).Info("m", "verdict", tt.v)
			assert.Equal(t, tt.text, buf.String())

			buf.Reset()
			slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: logNoTime})).Info("m", "verdict", tt.v)
			var got struct{ Verdict json.RawMessage }
			require.NoError(t, json.Unmarshal(buf.Bytes(), &got), "%s", buf.Bytes())
			assert.Equal(t, tt.json, string(got.Verdict))
		})
	}
}
