//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildTool builds the tool into a temporary directory and returns the
// path of the program.
func buildTool(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the tool")
	}
	bin := filepath.Join(t.TempDir(), "mailstatus")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

func TestClosedPipe(t *testing.T) {
	// A pipe whose reader has gone (mailstatus parse f.log | head -1): the
	// tool dies of SIGPIPE, silently, as cat and grep do; a shell shows the
	// exit status 141.
	bin := buildTool(t)
	sample := writeFile(t, "a.log", strings.Repeat("550 BE 5.1.1 <taro@example.jp>: User unknown\n", 5000))
	for _, args := range [][]string{
		{"lookup", "550"},
		{"list"},
		{"parse", sample},
		{"summary", sample},
		{"summary", "-format", "json", sample},
		{"explain", "550 BE 5.1.1 User unknown"},
	} {
		t.Run(strings.ReplaceAll(strings.Join(args, " "), sample, "FILE"), func(t *testing.T) {
			r, w, err := os.Pipe()
			require.NoError(t, err)
			require.NoError(t, r.Close())
			defer w.Close()
			cmd := exec.Command(bin, args...)
			cmd.Stdout = w
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "the tool should die of SIGPIPE; it returned %v", err)
			ws := exit.Sys().(syscall.WaitStatus)
			assert.True(t, ws.Signaled() && ws.Signal() == syscall.SIGPIPE, "killed by %v, exit status %d", ws.Signal(), ws.ExitStatus())
			assert.Empty(t, stderr.String(), "nothing on stderr")
		})
	}
}

func TestClosedStdout(t *testing.T) {
	// mailstatus lookup 550 >&-: Go's runtime opens /dev/null in place of
	// the closed standard output before the tool starts, so the tool
	// writes there as with >/dev/null (README.md says so).
	bin := buildTool(t)
	stderr, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	require.NoError(t, err)
	defer stderr.Close()
	// A nil file is a closed descriptor in the new process.
	p, err := os.StartProcess(bin, []string{bin, "lookup", "550"}, &os.ProcAttr{Files: []*os.File{os.Stdin, nil, stderr}})
	require.NoError(t, err)
	state, err := p.Wait()
	require.NoError(t, err)
	assert.Equal(t, exitOK, state.ExitCode())
	msg, err := os.ReadFile(stderr.Name())
	require.NoError(t, err)
	assert.Empty(t, string(msg))
}
