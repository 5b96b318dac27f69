package status_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeExample is a Go example of README.md: the line
//
//	<!-- example: FILE FUNC -->
//
// and the ```go block after it, which shows the body of the function FUNC
// of the test file FILE, an Example function with an Output comment.
var readmeExample = regexp.MustCompile("<!-- example: (\\S+) (\\w+) -->\n```go\n((?s:.*?))```\n")

// TestREADMEGoExamples checks that each Go example of README.md is the
// body of the Example function it names, so that go test runs what the
// README shows and checks its output (-update rewrites the blocks).
func TestREADMEGoExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	text := string(readme)
	found := readmeExample.FindAllStringSubmatchIndex(text, -1)
	require.GreaterOrEqual(t, len(found), 3, "README.md has no Go examples for the three packages")
	var b strings.Builder
	last := 0
	for _, m := range found {
		file, name, block := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
		body := exampleBody(t, file, name)
		b.WriteString(text[last:m[6]])
		b.WriteString(body)
		last = m[7]
		if !*update && block != body {
			t.Errorf("README.md's example %s is not the body of %s in %s: go test -run TestREADMEGoExamples -update\ngot:\n%s\nwant:\n%s", name, name, file, block, body)
		}
	}
	b.WriteString(text[last:])
	if *update {
		require.NoError(t, os.WriteFile("README.md", []byte(b.String()), 0o644))
	}
}

// exampleBody returns the body of the function name of file, without its
// braces and one tab less indented, and fails unless it is an Example with
// an Output comment.
func exampleBody(t *testing.T, file, name string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	require.NoError(t, err)
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != name || fn.Recv != nil {
			continue
		}
		require.True(t, strings.HasPrefix(name, "Example"), "README.md shows %s of %s, which is not an Example", name, file)
		start, end := fset.Position(fn.Body.Lbrace).Offset+1, fset.Position(fn.Body.Rbrace).Offset
		lines := strings.SplitAfter(strings.TrimPrefix(string(src[start:end]), "\n"), "\n")
		for i, line := range lines {
			lines[i] = strings.TrimPrefix(line, "\t")
		}
		body := strings.Join(lines, "")
		require.Contains(t, body, "// Output:", "%s of %s has no Output comment: go test would not check it", name, file)
		return body
	}
	t.Fatalf("README.md shows %s, which %s does not have", name, file)
	return ""
}
