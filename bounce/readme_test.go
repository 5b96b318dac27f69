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

// serviceCodesTable renders the verdicts of the service's own codes: a
// row per verdict, in the order of the catalog's first code of each, with
// its codes in the catalog's order. A run of three or more codes that
// stand next to each other in the catalog with the same verdict is written
// "first … last".
func serviceCodesTable() string {
	const byMessage = "the message decides; else undefined"
	type group struct {
		verdict string
		runs    [][]status.Code // runs of codes next to each other in the catalog
	}
	var groups []*group
	byVerdict := map[string]*group{}
	prev := ""
	for s := range status.All() {
		verdict := ""
		if v, ok := service.lookup(s.Code); ok {
			verdict = fmt.Sprintf("%s | %s | %v", v.Reason, v.Action, v.Hard)
		} else if s.Code == -500 || s.Code == -501 {
			verdict = byMessage + " | |"
		}
		if verdict == "" {
			prev = ""
			continue
		}
		g := byVerdict[verdict]
		if g == nil {
			g = &group{verdict: verdict}
			byVerdict[verdict] = g
			groups = append(groups, g)
		}
		if verdict == prev {
			g.runs[len(g.runs)-1] = append(g.runs[len(g.runs)-1], s.Code)
		} else {
			g.runs = append(g.runs, []status.Code{s.Code})
		}
		prev = verdict
	}
	var b strings.Builder
	b.WriteString("| Codes | Reason | Action | Hard |\n|---|---|---|---|\n")
	for _, g := range groups {
		var codes []string
		for _, run := range g.runs {
			if len(run) >= 3 {
				codes = append(codes, fmt.Sprintf("%d … %d", run[0], run[len(run)-1]))
				continue
			}
			for _, c := range run {
				codes = append(codes, c.String())
			}
		}
		fmt.Fprintf(&b, "| %s | %s |\n", strings.Join(codes, ", "), g.verdict)
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
