package bounce

// TextRuleNames returns the names of the built-in text rules, in order.
func TextRuleNames() []string {
	names := make([]string, len(textRules))
	for i, r := range textRules {
		names[i] = r.name
	}
	return names
}
