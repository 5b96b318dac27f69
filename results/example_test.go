package results_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/haishin/status/bounce"
	"github.com/haishin/status/results"
)

func ExampleReader() {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<mail>
 <delivery id="1">
  <action>get_error</action>
  <error_list>
   <data id="a-1">
    <sent_date>2024/03/04 09:15</sent_date>
    <to_addr><![CDATA[taro@example.jp]]></to_addr>
    <from_addr><![CDATA[news@shop.example.com]]></from_addr>
    <key_field><![CDATA[no_data]]></key_field>
    <message code="550"><![CDATA[550 BE 5.1.1 <taro@example.jp>: User unknown]]></message>
   </data>
   <data id="a-2">
    <sent_date>2024/03/04 09:16</sent_date>
    <to_addr><![CDATA[hanako@docomo.ne.jp]]></to_addr>
    <key_field><![CDATA[member-0042]]></key_field>
    <message code="552"><![CDATA[5.2.2 Mailbox full]]></message>
   </data>
   <data id="a-3">
    <sent_date>2024/03/04 25:00</sent_date>
    <message code="550"><![CDATA[5.1.1 User unknown]]></message>
   </data>
  </error_list>
  <result code="0">OK</result>
 </delivery>
</mail>
`
	r := results.NewReader(strings.NewReader(doc))
	for rec, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s %s %q %v\n", rec.Sent.Format("2006-01-02T15:04Z07:00"), rec.To, rec.Key, rec.Result)
	}
	fmt.Println(r.Form())
	// Output:
	// 2024-03-04T09:15+09:00 taro@example.jp "" 550 BE 5.1.1 <taro@example.jp>: User unknown
	// 2024-03-04T09:16+09:00 hanako@docomo.ne.jp "member-0042" 552 BE 5.2.2 Mailbox full
	// results: record 3 (id "a-3") at line 19: bad sent_date: "2024/03/04 25:00"
	// xml
}

func ExampleReader_tsv() {
	export := "email\tresult\n" +
		"taro@example.jp\t550 BE 5.1.1 <taro@example.jp>: User unknown\n" +
		"hanako@example.jp\t250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz\n" +
		"jiro@example.jp 550 BE 5.1.1 User unknown\n"
	r := results.NewReader(strings.NewReader(export))
	for rec, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(rec.Line, rec.To, rec.Result.Code)
	}
	// Output:
	// 2 taro@example.jp 550
	// 3 hanako@example.jp 250
	// results: line 4, column 42: no tab after the address: "jiro@example.jp 550 BE 5.1.1 User unknown"
}

func ExampleCounter() {
	export := `taro@example.jp	550 BE 5.1.1 <taro@example.jp>: User unknown
hanako@example.jp	550 BE 5.7.1 Client host [192.0.2.10] blocked using zen.spamhaus.org
hanako@example.jp	550 BE 5.7.1 Client host [192.0.2.10] blocked using zen.spamhaus.org
jiro@example.jp	552 BE 5.2.2 Mailbox full
jiro@example.jp	250 - 2.0.0 Ok: queued as 4Xk9Lq1Z2bz
`
	var c results.Counter
	for rec, err := range results.NewReader(strings.NewReader(export)).All() {
		if err == nil {
			c.Add(rec)
		}
	}
	for a := range c.All() {
		fmt.Printf("%s results=%d last=%v failure=%v/%v count=%v fair=%v\n",
			a.Address, a.Results, a.Last.Code, a.LastFailure.Reason, a.LastFailure.Action, a.Count, a.Fair)
	}
	// Output:
	// hanako@example.jp results=2 last=550 failure=blocked/fix-sender count=2 fair=0
	// jiro@example.jp results=2 last=250 failure=mailboxfull/retry count=0.1 fair=0.1
	// taro@example.jp results=1 last=550 failure=userunknown/suppress count=1 fair=1
}

// The addresses to stop sending to, and those whose error count the
// sender's own faults raised, from an error list of the service.
func Example_addresses() {
	f, err := os.Open("testdata/errorlist.xml") // an API v1 error list
	if err != nil {
		log.Fatal(err)
	}
	var c results.Counter
	for rec, err := range results.NewReader(f).All() {
		if err != nil {
			log.Print(err) // a record that cannot be read; reading goes on
			continue
		}
		c.Add(rec)
	}
	for a := range c.All() { // sorted by address
		if a.Last.Action == bounce.Suppress || a.Count > a.Fair {
			fmt.Println(a.Address, a.Last.Reason, a.Last.Action, a.Count, a.Fair)
		}
	}
	// Output:
	// jiro@docomo.ne.jp filtered suppress 0.5 0.5
	// saburo@outlook.com blocked fix-sender 1 0
	// taro@example.jp userunknown suppress 1 1
}

func ExampleProvider() {
	for _, addr := range []string{"taro@gmail.com", "hanako@T.Vodafone.ne.jp", "jiro@example.jp"} {
		name, ok := results.Provider(results.Domain(addr))
		fmt.Printf("%s %q %v\n", results.Domain(addr), name, ok)
	}
	// Output:
	// gmail.com "Google" true
	// t.vodafone.ne.jp "SoftBank" true
	// example.jp "" false
}
