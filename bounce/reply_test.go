package bounce_test

import (
	"strings"
	"testing"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

// gmailDMARC is a multi-line reply in the form Gmail sends, as net/smtp's
// textproto.Error keeps it (codes on every line, lines joined by "\n"),
// and the same reply on one line.
const (
	gmailDMARC = "550-5.7.26 Unauthenticated email from example.org is not accepted due to\r\n" +
		"550-5.7.26 domain's DMARC policy. Please contact the administrator of\r\n" +
		"550 5.7.26 example.org domain if this was a legitimate mail."
	gmailDMARCLine = "5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy. " +
		"Please contact the administrator of example.org domain if this was a legitimate mail."
)

func TestClassifyReply(t *testing.T) {
	for _, tt := range []struct {
		name   string
		code   int
		msg    string
		reason bounce.Reason
		action bounce.Action
		words  string
	}{
		{"one line", 550, gmailDMARCLine, bounce.AuthFailure, bounce.FixSender, "unauthenticated email"},
		{"three lines", 550, gmailDMARC, bounce.AuthFailure, bounce.FixSender, "unauthenticated email"},
		{"three lines as textproto gives them", 550, strings.NewReplacer("550-", "", "550 ", "").Replace(gmailDMARC), bounce.AuthFailure, bounce.FixSender, "unauthenticated email"},
		{"a phrase broken across lines", 552, "552-5.2.2 The recipient's mailbox is\n552 5.2.2 full", bounce.MailboxFull, bounce.Retry, "full"},
		{"a 4xx never suppresses", 450, "450-4.1.1 <taro@example.jp>:\n450 4.1.1 User unknown", bounce.UserUnknown, bounce.Retry, "user unknown"},
		{"250", 250, "2.0.0 OK", bounce.Delivered, bounce.None, ""},
		{"too low", 199, "5.1.1 User unknown", bounce.Undefined, bounce.Retry, ""},
		{"too high", 600, "5.1.1 User unknown", bounce.Undefined, bounce.Retry, ""},
		{"negative", -500, "5.1.1 User unknown", bounce.Undefined, bounce.Retry, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := bounce.ClassifyReply(tt.code, tt.msg)
			if v.Reason != tt.reason || v.Action != tt.action {
				t.Fatalf("ClassifyReply(%d, %q) = %v, %v; want %v, %v", tt.code, tt.msg, v.Reason, v.Action, tt.reason, tt.action)
			}
			e := v.Evidence
			if e.Start < 0 || e.End < e.Start || e.End > len(tt.msg) {
				t.Fatalf("ClassifyReply(%d, %q): span %d:%d", tt.code, tt.msg, e.Start, e.End)
			}
			if tt.words != "" && !strings.EqualFold(tt.msg[e.Start:e.End], tt.words) && !strings.HasSuffix(strings.ToLower(tt.msg[e.Start:e.End]), tt.words) {
				t.Errorf("ClassifyReply(%d, %q): evidence %q; want %q", tt.code, tt.msg, tt.msg[e.Start:e.End], tt.words)
			}
		})
	}
}

func TestClassifyReplyFoldsLikeOneLine(t *testing.T) {
	// The folded reply gives the verdict of the one-line form, with the
	// evidence in the reply as given.
	one, three := bounce.ClassifyReply(550, gmailDMARCLine), bounce.ClassifyReply(550, gmailDMARC)
	if one.Reason != three.Reason || one.Action != three.Action || one.Evidence.Rule != three.Evidence.Rule {
		t.Fatalf("ClassifyReply of three lines = %+v; of one line %+v", three, one)
	}
	got := gmailDMARC[three.Evidence.Start:three.Evidence.End]
	want := gmailDMARCLine[one.Evidence.Start:one.Evidence.End]
	if got != want {
		t.Errorf("evidence %q in the three lines; %q in one", got, want)
	}
}

func TestClassifyReplyAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { sinkVerdict = bounce.ClassifyReply(550, gmailDMARC) }); n != 0 {
		t.Errorf("ClassifyReply allocates %v times", n)
	}
}

func BenchmarkClassifyReply(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkVerdict = bounce.ClassifyReply(550, gmailDMARC)
	}
}

func BenchmarkClassifyReplyOneLine(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkVerdict = bounce.ClassifyReply(550, gmailDMARCLine)
	}
}

// BenchmarkClassifySeamed classifies a result whose message is Gmail's
// reply of three lines as a log writes it, on one line with the seams
// ("550-5.7.26 ") inside: the message is folded before its words count.
func BenchmarkClassifySeamed(b *testing.B) {
	r := status.Result{Code: 550, Category: status.BE, Message: strings.ReplaceAll(gmailDMARC, "\r\n", " ")}
	b.ReportAllocs()
	for b.Loop() {
		sinkVerdict = bounce.Classify(r)
	}
}
