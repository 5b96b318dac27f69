package bounce

import "log/slog"

// LogValue implements [slog.LogValuer]: a verdict is logged as a group of
// its reason, action, hard, the name of the rule that decided
// (Evidence.Rule) and the kind of evidence (Evidence.Source), which
// [slog.TextHandler] writes as
//
//	verdict.reason=blocked verdict.action=fix-sender verdict.hard=false verdict.rule=text:blocklisted verdict.source=text
//
// for a verdict logged under the key "verdict". The rule is "" for a
// verdict that nothing decided.
func (v Verdict) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("reason", v.Reason.String()),
		slog.String("action", v.Action.String()),
		slog.Bool("hard", v.Hard),
		slog.String("rule", v.Evidence.Rule),
		slog.String("source", v.Evidence.Source.String()),
	)
}
