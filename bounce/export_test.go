package bounce

// TextRuleNames returns the names of the built-in text rules, in order.
func TextRuleNames() []string {
	names := make([]string, len(textRules))
	for i, r := range textRules {
		names[i] = r.name
	}
	return names
}

// TextRulePhrases returns the phrases of the built-in text rule name.
func TextRulePhrases(name string) []string {
	for _, r := range textRules {
		if r.name == name {
			return r.phrases
		}
	}
	return nil
}
