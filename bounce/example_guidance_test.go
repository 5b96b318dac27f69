package bounce_test

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/haishin/status"
	"github.com/haishin/status/bounce"
)

func ExampleReason_Guidance() {
	for _, r := range []bounce.Reason{bounce.UserUnknown, bounce.Blocked} {
		g := r.Guidance()
		fmt.Printf("%s (%s)\n", r, r.Action())
		fmt.Println(g.Meaning)
		fmt.Println(g.Advice)
		fmt.Println(g.AdviceJA)
	}
	// Output:
	// userunknown (suppress)
	// The mailbox does not exist at the recipient's server.
	// The address does not exist; stop sending to it.
	// 宛先アドレスが存在しません。このアドレスへの配信を停止してください。
	// blocked (fix-sender)
	// The recipient's server refuses the sending IP address or host, or its mail: on a blocklist, or on its own policy.
	// The receiver refused your sending host or its mail on its own policy: check the sending IP address's reverse DNS and HELO name, your volume and complaint rates, and what the reply or the receiver's postmaster page asks for; keep the address.
	// 受信側が独自のポリシーで送信元ホストまたはそのメールを拒否しました。送信元IPアドレスの逆引きとHELO名、送信量と苦情率、エラーメッセージや受信側のポストマスター向けページの要求を確認してください。アドレスはそのまま使えます。
}

// The advice says what the evidence says: a blocklist where a rule that
// names one decided, the receiver's own policy where a bare policy code
// or the SMTP stage did.
func ExampleVerdict_Guidance_blocked() {
	for _, line := range []string{
		"554 BE 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.example.org",
		"550 BE 5.7.1 Message refused",
	} {
		r, err := status.ParseLine(line)
		if err != nil {
			fmt.Println(err)
			continue
		}
		v := bounce.Classify(r)
		fmt.Println(v.Reason, v.Evidence.Rule)
		fmt.Println(v.Guidance().Advice)
	}
	// Output:
	// blocked text:blocklisted
	// Your sending IP address or domain is on a blocklist; look it up at the list named in the message and ask for delisting.
	// blocked enhanced:X.7
	// The receiver refused your sending host or its mail on its own policy: check the sending IP address's reverse DNS and HELO name, your volume and complaint rates, and what the reply or the receiver's postmaster page asks for; keep the address.
}

// The service's code 625 is a network error, which is retried; the
// catalog names its usual cause, a body line of 1,000 bytes or more, and
// the advice says so.
func ExampleVerdict_Guidance() {
	for _, line := range []string{
		"625 BE",
		"640 BE",
	} {
		r, err := status.ParseLine(line)
		if err != nil {
			fmt.Println(err)
			continue
		}
		v := bounce.Classify(r)
		g := v.Guidance()
		fmt.Println(r.Code, v.Reason, v.Action)
		fmt.Println(g.Advice)
		fmt.Println(g.AdviceJA)
	}
	// Output:
	// 625 networkerror retry
	// The body may have a line of 1,000 bytes or more: fold long lines (or encode the body in quoted-printable or base64); if it has none, the server may have been overloaded, so send again later.
	// 本文に1行1,000バイト以上の行がある可能性があります。長い行は折り返すか、quoted-printableまたはbase64でエンコードしてください。該当しない場合はサーバの高負荷などが考えられるため、時間をおいて再送してください。
	// 640 networkerror retry
	// The server may be busy or down for the moment; keep the address and send again later.
	// サーバが一時的に高負荷か停止している可能性があります。アドレスはそのままで、時間をおいて再送してください。
}

func ExampleVerdict_LogValue() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{} // no time, for a stable output
			}
			return a
		},
	}))
	r, err := status.ParseLine("554 BE 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.example.org")
	if err != nil {
		fmt.Println(err)
		return
	}
	logger.Info("bounced", "to", "taro@example.jp", "verdict", bounce.Classify(r))
	// Output:
	// level=INFO msg=bounced to=taro@example.jp verdict.reason=blocked verdict.action=fix-sender verdict.hard=false verdict.rule=text:blocklisted verdict.source=text
}
