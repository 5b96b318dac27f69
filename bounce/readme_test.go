package bounce

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/haishin/status"
)

var update = flag.Bool("update", false, "rewrite the tables of package bounce in ../README.md")

// reasonsTable renders the table of the reasons' facts: the reasons of
// each action, the hard ones in bold.
func reasonsTable() string {
	var b strings.Builder
	b.WriteString("| Action | Reasons |\n|---|---|\n")
	for a := None; a < numActions; a++ {
		var names []string
		for _, facts := range reasons {
			if facts.action == a {
				name := facts.name
				if facts.hard {
					name = "**" + name + "**"
				}
				names = append(names, name)
			}
		}
		fmt.Fprintf(&b, "| %s | %s |\n", a, strings.Join(names, ", "))
	}
	return b.String()
}

// serviceCodesTable renders the verdicts of the service's own codes, in
// the catalog's order.
func serviceCodesTable() string {
	var b strings.Builder
	b.WriteString("| Code | Reason | Action | Hard | The catalog says |\n|---:|---|---|---|---|\n")
	for s := range status.All() {
		v, ok := service.lookup(s.Code)
		if !ok {
			if s.Code == -500 || s.Code == -501 {
				fmt.Fprintf(&b, "| %d | the message decides; else undefined | | | %s |\n", s.Code, s.Description)
			}
			continue
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %v | %s |\n", s.Code, v.Reason, v.Action, v.Hard, s.Description)
	}
	return b.String()
}

// TestREADMEEvidence runs the examples of the order of evidence in
// README.md: each row's result line gets the row's reason, action and
// rule.
func TestREADMEEvidence(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i, j := strings.Index(text, "<!-- evidence:begin -->\n"), strings.Index(text, "<!-- evidence:end -->")
	if i < 0 || j < i {
		t.Fatal("README.md has no evidence:begin … evidence:end section")
	}
	rows := 0
	for _, line := range strings.Split(text[i:j], "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) != 5 || !strings.HasPrefix(cells[1], "`") {
			continue
		}
		rows++
		quoted := cells[1][1:]
		quoted = quoted[:strings.IndexByte(quoted, '`')]
		r, err := status.ParseLine(quoted)
		if err != nil {
			t.Errorf("README.md: %q: %v", quoted, err)
			continue
		}
		v := classify(r)
		got := fmt.Sprintf("%v | %v | `%s` |", v.Reason, v.Action, v.Evidence.Rule)
		if want := cells[2] + " | " + cells[3] + " | " + cells[4]; got != want {
			t.Errorf("README.md: Classify(%q) = %s; the README says %s", quoted, got, want)
		}
	}
	if rows < 8 {
		t.Errorf("README.md's evidence table has %d rows; want one per step", rows)
	}
}

func TestREADMETables(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	for _, tt := range []struct{ name, want string }{
		{"reasons", reasonsTable()},
		{"service-codes", serviceCodesTable()},
	} {
		begin, end := "<!-- "+tt.name+":begin -->\n", "<!-- "+tt.name+":end -->"
		i, j := strings.Index(text, begin), strings.Index(text, end)
		if i < 0 || j < i {
			t.Fatalf("README.md has no %q … %q section", begin, end)
		}
		if *update {
			text = text[:i+len(begin)] + tt.want + text[j:]
			continue
		}
		if got := text[i+len(begin) : j]; got != tt.want {
			t.Errorf("README.md's %s table is stale: go test ./bounce -run TestREADMETables -update\ngot:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
	if *update {
		if err := os.WriteFile("../README.md", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
