package bounce

// TextRuleNames returns the names of the built-in text rules, in order.
func TextRuleNames() []string {
	names := make([]string, len(textRules))
	for i, r := range textRules {
		names[i] = r.name
	}
	return names
}

// TextRulePhrases returns the phrases of the built-in text rule name, with
// "^" before those anchored at the start of the message, and without the
// "*" of a code's stem.
func TextRulePhrases(name string) []string {
	for _, r := range textRules {
		if r.name == name {
			var ps []string
			for _, p := range r.phrases {
				text, anchored, _ := phraseSyntax(p)
				if anchored {
					text = "^" + text
				}
				ps = append(ps, text)
			}
			return ps
		}
	}
	return nil
}

// BuiltinRule reports whether name is a rule a verdict of the built-in
// rules can carry.
func BuiltinRule(name string) bool {
	_, ok := builtinRules[name]
	return ok
}
