package bounce

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/internal/benchlog"
)

// benchResults is a mix of results: the benchmark log's lines, whose
// messages are typical of a day of results, and the messages of the rule
// tests, which make every rule do some work.
var benchResults = func() []status.Result {
	var rs []status.Result
	for _, line := range benchlog.Lines(2000) {
		r, err := status.ParseLine(line)
		if err == nil {
			rs = append(rs, r)
		}
	}
	for _, line := range []string{
		"550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table",
		"-500 LE SMTP error from remote mail server after RCPT TO:<k@example.jp>: host mx.example.jp [192.0.2.1]: 550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.example.org",
		"552 BE 5.2.2 The recipient's inbox is out of storage space and inactive.",
		"550 BE 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy.",
		"-500 LE connect to mx.example.org[192.0.2.1]:25: Connection timed out",
		"550 BE : User unknown",
	} {
		r, _ := status.ParseLine(line)
		rs = append(rs, r)
	}
	return rs
}()

// BenchmarkClassify classifies one result of the mix per operation.
func BenchmarkClassify(b *testing.B) {
	b.ReportAllocs()
	i, reasons := 0, 0
	for b.Loop() {
		reasons += int(Classify(benchResults[i]).Reason)
		if i++; i == len(benchResults) {
			i = 0
		}
	}
	sinkReasons = reasons
}

// regexpRules are the built-in rules as a user would write them with
// regexp: one expression per rule of the table (and per narration
// phrase), of all its phrases; weigh checks where each stands.
var regexpRules = func() []*regexp.Regexp {
	alts := make([][]string, numTextRules+int32(len(narration)))
	for i, p := range builtinPatterns {
		alt := regexp.QuoteMeta(p.text)
		if p.anchored {
			alt = "^" + alt
		}
		owner := builtinPhrases[i].owner
		if owner < 0 || builtinPhrases[i].form != "" {
			continue // a mark or a Japanese form: the baseline folds nothing, and reads UTF-8
		}
		alts[owner] = append(alts[owner], alt)
	}
	var res []*regexp.Regexp
	for _, alt := range alts {
		res = append(res, regexp.MustCompile("(?i)"+strings.Join(alt, "|")))
	}
	return res
}()

// classifyRegexp is Classify with the phrases found by regexpRules, one
// search per rule, and weighed as Classify weighs them.
func classifyRegexp(r status.Result) Verdict {
	if v, ok := service.lookup(r.Code); ok {
		return *v
	}
	var l hitList
	for owner, re := range regexpRules {
		for _, loc := range re.FindAllStringIndex(r.Message, -1) {
			if !inAddress(r.Message, loc[0]) {
				l.add(found{regexpPhrase[regexpKey{int32(owner), strings.ToLower(r.Message[loc[0]:loc[1]])}], loc[0], loc[1]})
			}
		}
	}
	_, jis := marks(&l)
	return weigh(r, r.Message, &l, jis)
}

// regexpPhrase maps a rule of regexpRules and the text one of its
// phrases matched to the phrase's index in builtinPhrases, which weigh
// reads.
type regexpKey struct {
	rule int32
	text string
}

var regexpPhrase = func() map[regexpKey]int32 {
	m := map[regexpKey]int32{}
	for i, p := range builtinPatterns {
		m[regexpKey{builtinPhrases[i].owner, p.text}] = int32(i)
	}
	return m
}()

// inAddress reports whether msg[i] is inside an address in angle
// brackets, which the built-in table does not read.
func inAddress(msg string, i int) bool {
	if k := strings.LastIndexByte(msg[:i+1], '<'); k >= 0 {
		n := addressLen(msg[k:])
		return n > 0 && i < k+n
	}
	return false
}

// BenchmarkBaselineRegexpRules is BenchmarkClassify with the words matched
// by one regexp per reason.
func BenchmarkBaselineRegexpRules(b *testing.B) {
	b.ReportAllocs()
	i, reasons := 0, 0
	for b.Loop() {
		reasons += int(classifyRegexp(benchResults[i]).Reason)
		if i++; i == len(benchResults) {
			i = 0
		}
	}
	sinkReasons = reasons
}

var benchLog = benchlog.Log(20000)

// BenchmarkReader reads the benchmark log as the status package's
// BenchmarkReader does; BenchmarkReaderClassify also classifies every
// result, and should run at 0.5 times its speed or better.
func BenchmarkReader(b *testing.B) { benchRead(b, false) }

func BenchmarkReaderClassify(b *testing.B) { benchRead(b, true) }

func benchRead(b *testing.B, classify bool) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchLog)))
	for b.Loop() {
		var w status.Weight
		var reasons int
		r := status.NewReader(strings.NewReader(benchLog))
		for {
			res, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			s, _ := status.Lookup(res.Code)
			w += s.Weight
			if classify {
				reasons += int(Classify(res).Reason)
			}
		}
		sinkWeight, sinkReasons = w, reasons
	}
}

var (
	sinkWeight  status.Weight
	sinkReasons int
)

func TestBaselineAgrees(t *testing.T) {
	// The baseline is a fair one: it gives the same reasons on the mix.
	for _, r := range benchResults {
		if got, want := classifyRegexp(r).Reason, Classify(r).Reason; got != want {
			t.Errorf("classifyRegexp(%v) = %v; Classify gives %v", r, got, want)
		}
	}
}

// narrated are long messages as MTAs write them: about 300 bytes of
// Postfix's, Exim's, Sendmail's and Google's narration around a reply.
var narrated = func() []status.Result {
	var rs []status.Result
	for _, line := range []string{
		"-500 LE host mx1.mail-filter.example.net[192.0.2.17] said: 550 5.1.1 <taro.yamada@example.net>: Recipient address rejected: User unknown in virtual mailbox table; please check the address and try again, or contact the postmaster of example.net (in reply to RCPT TO command)",
		"-500 LE SMTP error from remote mail server after RCPT TO:<hanako.suzuki@example.org> SIZE=48213: host mx2.spam-guard.example.org [192.0.2.44]: 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.23",
		"-500 LE ... while talking to mail.example.co.jp.: >>> DATA <<< 552 5.2.2 <ichiro@example.co.jp>... Mailbox full: the recipient's mailbox has exceeded its quota of 2048 megabytes; delete old messages and try again later <<< 554 5.0.0 Service unavailable",
		"-500 LE Technical details of permanent failure: Google tried to deliver your message, but it was rejected by the server for the recipient domain example.jp by mx.example.jp. [192.0.2.8]. The error that the other server returned was: 550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy",
	} {
		r, err := status.ParseLine(line)
		if err != nil {
			panic(err)
		}
		rs = append(rs, r)
	}
	return rs
}()

// BenchmarkClassifyNarrated classifies one of the narrated messages per
// operation.
func BenchmarkClassifyNarrated(b *testing.B) {
	b.ReportAllocs()
	i, reasons := 0, 0
	for b.Loop() {
		reasons += int(Classify(narrated[i]).Reason)
		if i++; i == len(narrated) {
			i = 0
		}
	}
	sinkReasons = reasons
}
