// Mailstatus looks up the status codes of the ARARA message mail service
// and reads its delivery-result logs.
//
// Usage:
//
//	mailstatus lookup [-lang en|ja] CODE...
//	mailstatus list [-format table|json|csv] [-lang en|ja]
//	mailstatus parse [-lang en|ja] [-rules FILE] [FILE...]
//	mailstatus summary [-format table|json] [-by domain|provider] [-rules FILE] [FILE...]
//	mailstatus explain [-lang en|ja] [-rules FILE] [LINE...]
//	mailstatus addresses [-action A] [-format table|csv|json] [-bom] [-rules FILE] [FILE...]
//
// lookup explains codes, the service's, SMTP reply codes by the RFCs' texts
// (421) and RFC 3463 enhanced ones (5.1.1); list prints the whole catalog;
// parse turns results into JSON Lines; summary counts what a log holds, per
// code, action and reason, or per recipient domain or mail provider (-by);
// explain says all that is known about result lines: the code, why the
// delivery failed, what it means and what to do, with the words of the
// message that decided; addresses says what to do per recipient: the
// addresses to stop sending to, and those whose error count the sender's own
// faults raised. explain reads its lines from its arguments, or standard
// input as parse reads it. -rules adds a JSON file of rules to the built-in
// ones of package bounce; given more than once, it adds the rules of every
// file, tried in the order of the files; an empty file name is a usage
// error; an error about a rule names its file and its index there (dup.json
// rules[1]), a file that is not JSON its line and column. parse, summary and
// addresses read the named files in order (standard input when there are
// none, or for "-"): result lines, address<TAB>result-line exports (a
// sender's database export) and the service's API v1 documents (the error
// list and the send list), each known by its first bytes (see package
// results). A record of a document that cannot be read is reported as
// FILE:LINE: record N (id "ID"): what is wrong; invalid XML ends the
// document, and a failed request that a document reports is an error.
// Compressed input is known by its first bytes, not its name: gzip (member
// after member; zero bytes or garbage after the last member are ignored
// with a warning, as gzip does) and bzip2 are decompressed, once their
// checksums have been checked whole, so that no line of a corrupt gzip
// member is a result (the check is a first pass: summary of a 200 MB log's
// .gz takes 3.4 s instead of 2.0 s); xz, zstd, lzip, lz4, compress and zip
// are named in an error, with the command that decompresses them. An input
// that ends early (compressed data cut short or corrupt, a file that
// shrinks while it is read) is reported as "input cut short after line N",
// and summary's totals list it. An input whose lines are all malformed (a
// binary file, UTF-16) is an error; an empty input is the log of a day
// without deliveries. A file that cannot be read is reported with its name,
// and the tool goes on with the next one. Flags may stand anywhere among the
// operands, for every command; "--" ends them, so that a file named "-x" is
// read with "parse -- -x".
//
// When standard error is a terminal (told by the terminal ioctl on Linux;
// elsewhere never), an input of more than 64 MiB shows progress there,
// erased before any other message and when done: a file larger than that
// from the start, standard input and compressed files once 64 MiB has been
// read, counted decompressed (for a compressed file, the progress gives
// the share of the file read).
//
// Memory stays bounded whatever the input holds, except for addresses,
// which keeps about 160 bytes for each distinct address: summary of a
// document of 10^6 records peaks at 15 to 18 MB, addresses of 10^6
// records for 10^6 addresses at 460 to 500 MB (/usr/bin/time -v).
//
// Exit status: 0 when all went well; 1 when a code is not in the catalog nor
// an SMTP reply code of the RFCs, a line or record is malformed (parse,
// explain, addresses), an input cannot be read to its end or holds no
// result, a document reports a failed request, or standard output cannot be
// written; 2 for a usage error or a bad rules file. A write error on
// standard output (a full disk) stops the tool at once, reported once
// ("mailstatus: write error: ..."). When standard output is a pipe whose
// reader has gone, the tool dies of SIGPIPE without a word, as cat and grep
// do (Go's default for standard output and standard error; a shell shows
// the exit status 141). A closed standard output is /dev/null to the tool:
// Go's runtime opens /dev/null in place of a closed one before the tool
// starts, so the output is discarded and the exit status is 0.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/haishin/status/bounce"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// The exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // something the user asked about was not there or not readable
	exitUsage = 2
)

const usage = `Usage: mailstatus COMMAND [FLAGS] [ARGS]

Looks up the status codes of the ARARA message mail service and reads its
delivery-result logs ("<code> <category> <message>" lines).

Commands:
  lookup [-lang en|ja] CODE...                 explain status codes (550, -502, 5.1.1)
  list [-format table|json|csv] [-lang en|ja]  print the whole catalog
  parse [-lang en|ja] [-rules FILE] [FILE...]  results as JSON Lines
  summary [-format table|json] [-by domain|provider] [-rules FILE] [FILE...]
                                               count what a log holds
  explain [-lang en|ja] [-rules FILE] [LINE...]
                                               why a delivery failed, what to do
  addresses [-action A] [-format table|csv|json] [-bom] [-rules FILE] [FILE...]
                                               what to do per recipient

A FILE holds result lines, address<TAB>result-line lines (a database
export) or the service's API v1 documents (the error list, the send list);
compressed input (gzip, bzip2) is decompressed; each is known by its first
bytes. No FILE, or "-", reads standard input. Flags may stand anywhere
among the arguments; "--" ends them.
Run "mailstatus COMMAND -h" for a command's flags.
`

// cli is one run of the tool: where it reads and writes.
type cli struct {
	stdin  io.Reader
	stdout *output
	stderr io.Writer
	open   func(name string) (file, error) // opens an input file: os.Open
	cmd    string                          // the command that runs
	// progress says whether to show progress on stderr, and for inputs of
	// how many bytes at least.
	progress    bool
	progressMin int64
	shown       *progress // the input whose progress is shown, if any
}

// newCLI returns a cli that reads stdin and writes to stdout and stderr,
// without progress.
func newCLI(stdin io.Reader, stdout, stderr io.Writer) *cli {
	return &cli{stdin: stdin, stdout: &output{w: stdout}, stderr: stderr, open: openFile}
}

// output is standard output: it keeps the first write error, after which
// it writes nothing more, so that the tool can stop at once and report the
// error once.
type output struct {
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	o.err = err
	return n, err
}

// warnf writes a message to stderr, first erasing the progress line if
// one is shown, so that the two do not run together.
func (c *cli) warnf(format string, args ...any) {
	if c.shown != nil {
		c.shown.erase()
	}
	fmt.Fprintf(c.stderr, format, args...)
}

// A command runs with its arguments and returns the exit status.
type command struct {
	name, usage string
	run         func(c *cli, args []string) int
}

var commands = []command{
	{"lookup", lookupUsage, (*cli).lookup},
	{"list", listUsage, (*cli).list},
	{"parse", parseUsage, (*cli).parse},
	{"summary", summaryUsage, (*cli).summary},
	{"explain", explainUsage, (*cli).explain},
	{"addresses", addressesUsage, (*cli).addresses},
}

// run runs the tool with its arguments (without the program name) and
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCLI(stdin, stdout, stderr)
	c.progress, c.progressMin = isTerminal(stderr), 64<<20
	return c.run(args)
}

// run runs a command. A write error on standard output stops the command
// at once; run reports it, once, and returns exitFail.
func (c *cli) run(args []string) int {
	rc := c.command(args)
	if c.stdout.err != nil {
		c.warnf("mailstatus: write error: %v\n", c.stdout.err)
		return exitFail
	}
	return rc
}

func (c *cli) command(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "help":
		if len(args) > 1 { // help COMMAND: the command's usage
			return c.command([]string{args[1], "-h"})
		}
		fallthrough
	case "-h", "-help", "--help":
		fmt.Fprint(c.stdout, usage)
		return exitOK
	}
	for _, cmd := range commands {
		if cmd.name == args[0] {
			c.cmd = cmd.name
			return cmd.run(c, args[1:])
		}
	}
	fmt.Fprintf(c.stderr, "mailstatus: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// flags returns a flag set for a command whose usage text is text.
func (c *cli) flags(name, text string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), text)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses args with fs and returns the operands, in order, and
// the exit status to stop with, or -1 to go on. Flags may stand anywhere
// among the operands, for every command: splitArgs tells them apart, and
// "--" ends the flags, so that an operand can start with "-". -h prints
// the usage to stdout and stops with 0; a bad flag prints what is wrong
// and the usage to stderr and stops with 2.
func (c *cli) parseArgs(fs *flag.FlagSet, args []string, isOperand func(string) bool) ([]string, int) {
	flags, operands := splitArgs(fs, args, isOperand)
	fs.SetOutput(io.Discard) // the flag package would print the usage itself
	err := fs.Parse(flags)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(c.stdout)
		fs.Usage()
		return nil, exitOK
	case err != nil:
		fs.SetOutput(c.stderr)
		fmt.Fprintf(c.stderr, "mailstatus: %s: %v\n", fs.Name(), err)
		fs.Usage()
		return nil, exitUsage
	}
	fs.SetOutput(c.stderr)
	return operands, -1
}

// noOperand is the isOperand of commands whose operands are file names:
// an argument that starts with "-" is a flag, unless it is "-" alone or
// comes after "--".
func noOperand(string) bool { return false }

// splitArgs splits args into the flags of fs, with their values, and the
// operands, keeping both in their order, so that flags may stand among the
// operands. An argument that starts with "-" is a flag unless it is "-"
// alone or isOperand reports that it is an operand (a negative code, a
// line that starts with one); "--" ends the flags.
func splitArgs(fs *flag.FlagSet, args []string, isOperand func(string) bool) (flags, operands []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(operands, args[i+1:]...)
		case len(a) > 1 && a[0] == '-' && !isOperand(a):
			flags = append(flags, a)
			name := strings.TrimPrefix(a[1:], "-")
			if strings.Contains(name, "=") || i+1 == len(args) {
				continue
			}
			if f := fs.Lookup(name); f != nil {
				if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
					flags = append(flags, args[i+1]) // its value
					i++
				}
			}
		default:
			operands = append(operands, a)
		}
	}
	return flags, operands
}

// choice is a flag value that must be one of a few words.
type choice struct {
	value string
	words []string
}

func (f *choice) String() string { return f.value }

func (f *choice) Set(s string) error {
	for _, w := range f.words {
		if s == w {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("must be one of %s", strings.Join(f.words, ", "))
}

// langFlag adds -lang, the language of the texts that what names.
func langFlag(fs *flag.FlagSet, what string) *choice {
	lang := &choice{"en", []string{"en", "ja"}}
	fs.Var(lang, "lang", "the language of "+what+": `en|ja` (ja is the catalog's own Japanese)")
	return lang
}

// rulesFiles is the value of -rules: the files named, in order. The flag
// may be given more than once; an empty name is an error.
type rulesFiles []string

func (f *rulesFiles) String() string { return strings.Join(*f, ", ") }

func (f *rulesFiles) Set(s string) error {
	if s == "" {
		return errors.New("no file name")
	}
	*f = append(*f, s)
	return nil
}

// rulesFlag adds -rules, files of user rules for the classification (see
// bounce.LoadRules).
func rulesFlag(fs *flag.FlagSet) *rulesFiles {
	files := new(rulesFiles)
	fs.Var(files, "rules", "a JSON `file` of rules tried before the built-in ones (see package bounce); given more than once, the files' rules are tried in the order of the files")
	return files
}

// parseArgsAndRules parses args with fs, as parseArgs does, then loads
// the rules of the files that -rules names, if any, in order. It returns
// the classifier (nil for the built-in rules alone), the operands and the
// exit status to stop with, or -1 to go on. A rules file that cannot be
// read or has a bad rule is reported, naming the file and the rule's
// index in it, and the exit status is exitUsage.
func (c *cli) parseArgsAndRules(fs *flag.FlagSet, args []string, files *rulesFiles, isOperand func(string) bool) (*bounce.Classifier, []string, int) {
	operands, rc := c.parseArgs(fs, args, isOperand)
	if rc >= 0 || len(*files) == 0 {
		return nil, operands, rc
	}
	var (
		rules []bounce.Rule
		from  []ruleSpan
	)
	for _, name := range *files {
		r, err := loadRules(name)
		if err != nil {
			c.warnf("mailstatus: %v\n", err)
			return nil, nil, exitUsage
		}
		from = append(from, ruleSpan{name, len(rules)})
		rules = append(rules, r...)
	}
	cl, err := bounce.NewClassifier(rules...)
	if err != nil { // a rule of one file with one of another, or the limits of a set
		c.warnf("mailstatus: %v\n", locateRule(from, err))
		return nil, nil, exitUsage
	}
	return cl, operands, -1
}

// ruleSpan says where the rules of a file start among the rules of all
// the files.
type ruleSpan struct {
	file  string
	first int
}

// locateRule returns err, an error of NewClassifier about the rules of
// files joined as from says, with the rule named by its file and its
// index in the file, and for a duplicate name the earlier rule too:
//
//	dup.json: bounce: rules[1] "x": the name of good.json rules[0] too: names are unique
func locateRule(from []ruleSpan, err error) error {
	var re *bounce.RuleError
	if !errors.As(err, &re) {
		return err
	}
	at := func(i int) (string, int) {
		k := len(from) - 1
		for from[k].first > i {
			k--
		}
		return from[k].file, i - from[k].first
	}
	file, i := at(re.Index)
	local := &bounce.RuleError{Index: i, Name: re.Name, Err: re.Err}
	if dup := (*bounce.DuplicateError)(nil); errors.As(re.Err, &dup) {
		firstFile, first := at(dup.First)
		local.Err = fmt.Errorf("the name of %s rules[%d] too: names are unique", firstFile, first)
	}
	return fmt.Errorf("%s: %w", file, local)
}

// loadRules reads the rules of a file. An error names the file.
func loadRules(name string) ([]bounce.Rule, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rules, err := bounce.LoadRules(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rules, nil
}

func formatFlag(fs *flag.FlagSet, words ...string) *choice {
	format := &choice{words[0], words}
	fs.Var(format, "format", "the output format: `"+strings.Join(words, "|")+"`")
	return format
}
