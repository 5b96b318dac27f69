package status_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/haishin/status"
)

func ExampleLookup() {
	s, ok := status.Lookup(550)
	fmt.Println(ok, s.Category, s.Locus, s.Weight)
	fmt.Println(s.Description)
	fmt.Println(s.Cause)

	_, ok = status.Lookup(626)
	fmt.Println(ok)
	// Output:
	// true BE user 1
	// Requested action not taken: mailbox unavailable
	// The recipient does not exist, or the recipient's side is set to refuse the mail.
	// false
}

func ExampleParseLine() {
	r, err := status.ParseLine("550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Code, r.Category)
	fmt.Println(r.Message)

	_, err = status.ParseLine("550 LE/BE oops")
	fmt.Println(errors.Is(err, status.ErrCategory), err)
	// Output:
	// 550 BE
	// 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown
	// true status: bad category at column 5: "550 LE/BE oops"
}

func ExampleResult_MarshalJSON() {
	for _, line := range []string{
		"550 BE 5.1.1 User unknown",
		"550 BE \xff\xfe user", // not UTF-8: message_bytes has the bytes
	} {
		r, _ := status.ParseLine(line)
		js, err := json.Marshal(r)
		if err != nil {
			fmt.Println(err)
			return
		}
		var back status.Result
		err = json.Unmarshal(js, &back)
		fmt.Println(string(js), back == r, err)
	}
	// Output:
	// {"code":550,"category":"BE","message":"5.1.1 User unknown"} true <nil>
	// {"code":550,"category":"BE","message":"\ufffd\ufffd user","message_bytes":"//4gdXNlcg=="} true <nil>
}

func ExampleReader() {
	log := `250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz
643 BE timeout
55O BE 5.1.1 <hanako@example.jp>: User unknown

421 BE 4.7.0 Try again later
`
	r := status.NewReader(strings.NewReader(log))
	for {
		res, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			continue
		}
		s, ok := res.Status()
		fmt.Printf("line %d: %v %v known=%v %s\n", r.Line(), res.Code, res.Category, ok, s.Description)
	}
	// Output:
	// line 1: 250 - known=true Requested mail action okay, completed
	// line 2: 643 BE known=true Timed out waiting for the reply to RCPT
	// status: bad status code at line 3, column 1: "55O BE 5.1.1 <hanako@example.jp>: User unknown"
	// line 5: 421 BE known=false
}

func ExampleResult_Validate() {
	for _, line := range []string{
		"550 BE 5.1.1 user unknown",
		"550 LE 5.1.1 user unknown",
		"421 BE 4.7.0 Try again later",
	} {
		r, _ := status.ParseLine(line)
		fmt.Println(r.Validate())
	}
	// Output:
	// <nil>
	// status: category mismatch: code 550 is BE in the catalog, the line says LE
	// status: unknown code 421: not in the catalog
}

func ExampleReader_All() {
	log := "250 - 2.0.0 Ok\nbroken\n801 BE account disabled\n550 BE 5.1.1 User unknown\n"
	r := status.NewReader(strings.NewReader(log)) // a file, in a real program
	for res, err := range r.All() {
		if err != nil {
			fmt.Println("skipped:", err) // a malformed line, with its number; reading goes on
			continue
		}
		s, _ := res.Status() // the catalog's row of res.Code
		fmt.Println(r.Line(), res.Code, s.Locus, s.Weight, s.Description)
	}
	// Output:
	// 1 250 - 0 Requested mail action okay, completed
	// skipped: status: bad status code at line 2, column 1: "broken"
	// 3 801 user 0.5 The user's account is disabled
	// 4 550 user 1 Requested action not taken: mailbox unavailable
}

func ExampleResult_Enhanced() {
	r, _ := status.ParseLine("550 BE 550-5.1.1 The email account that you tried to reach does not exist.")
	e, ok := r.Enhanced()
	fmt.Println(ok, e, e.Permanent(), e.Description())

	_, ok = status.FindEnhanced("connect to mx.example.jp[192.0.2.25]:25: Connection timed out")
	fmt.Println(ok)
	// Output:
	// true 5.1.1 true Bad destination mailbox address
	// false
}

func ExampleResult_EnhancedIndex() {
	// The span is that of the code the rules choose: here the one after
	// the reply code, not the version before it.
	r, _ := status.ParseLine("552 BE mx v5.2.2 says: 552 5.2.2 sorry")
	e, start, end, ok := r.EnhancedIndex()
	fmt.Println(e, start, end, ok)
	fmt.Println(r.Message[:start] + "[" + r.Message[start:end] + "]" + r.Message[end:])
	// Output:
	// 5.2.2 20 25 true
	// mx v5.2.2 says: 552 [5.2.2] sorry
}

func ExampleResult_LogValue() {
	// Leave the time out, so that the output is the same every run.
	noTime := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))

	r := status.NewReader(strings.NewReader("550 BE 5.1.1 <taro@example.jp>: User unknown\n643 BE\n"))
	for res, err := range r.All() {
		if err != nil {
			continue
		}
		logger.Warn("delivery failed", "line", r.Line(), "result", res)
	}
	// Output:
	// level=WARN msg="delivery failed" line=1 result.code=550 result.category=BE result.enhanced=5.1.1 result.message="5.1.1 <taro@example.jp>: User unknown"
	// level=WARN msg="delivery failed" line=2 result.code=643 result.category=BE
}

func ExampleTally() {
	var counts status.Tally
	log := `552 BE 5.2.2 <taro@example.jp>: Mailbox full
550 BE 5.1.1 <hanako@example.jp>: User unknown
552 BE 5.2.2 <taro@example.jp>: Mailbox full
250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz
`
	addrs := []string{"taro@example.jp", "hanako@example.jp", "taro@example.jp", "ichiro@example.jp"}
	r := status.NewReader(strings.NewReader(log))
	for res, err := range r.All() {
		if err != nil {
			continue
		}
		counts.Add(addrs[r.Line()-1], res)
	}
	for addr, total := range counts.All() {
		fmt.Println(addr, total)
	}
	fmt.Println(counts.Reached(status.Count)) // one whole error count
	// Output:
	// hanako@example.jp 1
	// taro@example.jp 0.2
	// [hanako@example.jp]
}

func ExampleWeight_Add() {
	// A count kept outside a Tally, such as in a column of a database.
	count := 98 * status.Count
	for range 4 {
		count = count.Add(5) // four results of weight 0.5
	}
	fmt.Println(count) // 100 is more than the service counts
	fmt.Println(count.Add(-status.Count))
	// Output:
	// 99.9
	// 98.9
}

func ExampleParseWeight() {
	// A Weight is in tenths of one error count, so sums stay exact.
	w, err := status.ParseWeight("0.5")
	fmt.Println(int(w), w, err)

	w, _ = status.ParseWeight("1.00") // as the service's XML API writes it
	fmt.Println(int(w), w == status.Count)

	var sum status.Weight
	for range 10 {
		sum += 1 // 0.1
	}
	fmt.Println(sum, sum == status.Count)

	_, err = status.ParseWeight("1.05")
	fmt.Println(errors.Is(err, status.ErrWeight), err)
	// Output:
	// 5 0.5 <nil>
	// 10 true
	// 1 true
	// true status: invalid weight "1.05": counts have one decimal
}

func ExampleFindEnhanced() {
	for _, msg := range []string{
		"5.2.2 <taro@example.jp>: Mailbox full",
		"lmtp: Dovecot 2.3.16 said: 552 5.2.2 <a@example.jp> Quota exceeded",
		"connect to mx.example.jp[192.0.2.25]:25: Connection refused",
	} {
		e, ok := status.FindEnhanced(msg)
		fmt.Println(e, ok)
	}
	// Output:
	// 5.2.2 true
	// 5.2.2 true
	// 0.0.0 false
}

func ExampleAll() {
	// The service's own codes for a lost connection or a timeout.
	for s := range status.All() {
		if s.Code >= 660 && s.Code <= 663 {
			fmt.Println(s.Code, s.Category, s.Locus, s.Description)
		}
	}
	// Output:
	// 660 LE/BE system Connection lost while sending HELO
	// 661 LE/BE system Connection lost while sending FROM
	// 662 LE/BE system Connection lost while sending RCPT
	// 663 LE/BE system Connection lost while sending the DATA command (DCMD)
}
