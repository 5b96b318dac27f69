//go:build !linux

package main

import "io"

// isTerminal reports whether w is a terminal. Outside Linux the tool does
// not check, and shows no progress.
func isTerminal(io.Writer) bool { return false }
