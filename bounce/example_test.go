package bounce_test

import (
	"fmt"
	"io"
	"log"
	"net/textproto"
	"os"
	"strings"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

func Example() {
	r, err := status.ParseLine("554 BE 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.example.org")
	if err != nil {
		log.Fatal(err)
	}
	v := bounce.Classify(r)
	e := v.Evidence // the rule that decided, and where its words stand in the message
	fmt.Println(v.Reason, v.Action, v.Hard, e.Rule, r.Message[e.Start:e.End])
	// Output:
	// blocked fix-sender false text:blocklisted blocked using
}

func ExampleClassify() {
	for _, line := range []string{
		"550 BE 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown",
		"554 BE 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.example.org",
		"452 BE 4.2.2 The recipient's inbox is out of storage space.",
		"610 LE SMTP session timed out",
	} {
		r, err := status.ParseLine(line)
		if err != nil {
			fmt.Println(err)
			continue
		}
		v := bounce.Classify(r)
		e := v.Evidence
		fmt.Printf("%s %s hard=%v %s %q\n", v.Reason, v.Action, v.Hard, e.Rule, r.Message[e.Start:e.End])
	}
	// Output:
	// userunknown suppress hard=true text:user-unknown "User unknown"
	// blocked fix-sender hard=false text:blocklisted "blocked using"
	// mailboxfull retry hard=false text:mailbox-full "out of storage"
	// networkerror retry hard=false code:610 ""
}

// A program that sends with net/smtp gets a *textproto.Error for a
// refused recipient: its code and its text, the lines of a multi-line
// reply joined by "\n". ClassifyReply reads them as one message.
func Example_textprotoError() {
	var err error = &textproto.Error{Code: 550, Msg: "5.7.26 This mail has been blocked because the sender is\n" +
		"5.7.26 unauthenticated. Gmail requires all senders to authenticate with\n" +
		"5.7.26 either SPF or DKIM."}

	if tpErr, ok := err.(*textproto.Error); ok {
		v := bounce.ClassifyReply(tpErr.Code, tpErr.Msg)
		e := v.Evidence
		fmt.Printf("%v %v %q\n", v.Reason, v.Action, tpErr.Msg[e.Start:e.End])
	}
	// Output:
	// authfailure fix-sender "is\n5.7.26 unauthenticated"
}

// The service counts an error against an address for every failure of
// locus user, even where the sender is at fault. Counting only the
// failures whose action is not fix-sender gives the addresses' own count.
func Example_stopSending() {
	f, err := os.Open("../testdata/results.log")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var service, own status.Tally
	rd := status.NewReader(f)
	for {
		res, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue // a malformed line; Reader goes on after it
		}
		const key = "all addresses" // a real sender keys by the address
		service.Add(key, res)
		if bounce.Classify(res).Action != bounce.FixSender {
			own.Add(key, res)
		}
	}
	fmt.Println("the service counts", service.Total("all addresses"))
	fmt.Println("the addresses' own", own.Total("all addresses"))
	// Output:
	// the service counts 83.6
	// the addresses' own 72.6
}

func ExampleNewClassifier() {
	c, err := bounce.NewClassifier(
		bounce.Rule{Name: "acme-quota", Reason: bounce.MailboxFull, Contains: []string{"box is stuffed"}},
		bounce.Rule{Name: "our-relay", Reason: bounce.SystemError, Action: bounce.Retry, Codes: []status.Code{554}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range []status.Result{
		{Code: 552, Category: status.BE, Message: "Sorry, the box is stuffed"},
		{Code: 554, Category: status.BE, Message: "5.7.1 Relay access denied"},
		{Code: 550, Category: status.BE, Message: "5.1.1 User unknown"},
	} {
		v := c.Classify(r)
		fmt.Println(v.Reason, v.Action, v.Evidence.Source, v.Evidence.Rule)
	}
	// Output:
	// mailboxfull retry rule acme-quota
	// systemerror retry rule our-relay
	// userunknown suppress text text:user-unknown
}

func ExampleLoadRules() {
	rules, err := bounce.LoadRules(strings.NewReader(`[
		{"name": "acme-quota", "reason": "mailboxfull", "contains": ["box is stuffed"]},
		{"name": "typo", "reason": "mailboxful", "codes": [552]}
	]`))
	fmt.Println(len(rules), err)
	// Output:
	// 0 bounce: rules[1] "typo": unknown reason "mailboxful"
}
