package bounce

import (
	"strconv"

	"github.com/haishin/status"
)

// The rules that are codes and stages, not phrases: the service's own
// codes, RFC 3463's enhanced codes, SMTP's reply codes, and what the SMTP
// stage and the qualifications of a verdict on the recipient decide. With
// the phrase tables of rules.go, they are every rule a verdict of the
// built-in rules can name (see builtinRules).

// A serviceCode is a row of serviceCodes: a code, its reason, and its
// advice where the catalog's row says more than the reason's advice does.
type serviceCode struct {
	code             status.Code
	reason           Reason
	advice, adviceJA string // "" for the reason's
}

// serviceCodes are the service's own codes, in the catalog's order: the
// reason of each (see the package comment for why each is what it is),
// and, where the catalog's row (its description or cause) says more than
// the reason's advice, the code's own advice, which [Verdict.Guidance]
// gives for the verdicts the code decides. -500 and -501 are not here:
// their message decides.
var serviceCodes = [...]serviceCode{
	// The sending system's own failures: its settings are wrong
	// (mailererror, fix the sender) or it failed for the moment
	// (systemerror, retry). Never the address's fault.
	{-3, SystemError,
		"The sending system ran out of memory; send again later, and report it to the service if it happens again.",
		"送信側システムでメモリを確保できませんでした。時間をおいて再送し、再発する場合はサービスに報告してください。"},
	{-4, MailerError,
		"Check that the configuration file of the delivery exists and can be read, then send again.",
		"配信の設定ファイルが存在し、読み込めるか確認してから再送してください。"},
	{-5, MailerError,
		"Check the parameters in the configuration file (a line missing or unreadable), then send again.",
		"設定ファイルのパラメーター（欠けている行や読み取れない行）を確認してから再送してください。"},
	{-6, MailerError,
		"Correct or remove the unknown keyword in the configuration file, then send again.",
		"設定ファイルの不明なキーワードを修正または削除してから再送してください。"},
	{-7, MailerError,
		"Correct the invalid value in the configuration file, then send again.",
		"設定ファイルの不正な値を修正してから再送してください。"},
	{-8, MailerError,
		"Check that the TSV file exists and can be read, then send again.",
		"TSVファイルが存在し、読み込めるか確認してから再送してください。"},
	{-9, MailerError,
		"Check the header line (the first line) of the TSV file, then send again.",
		"TSVファイルのヘッダ行（1行目）を確認してから再送してください。"},
	{-10, MailerError,
		"Correct the header line of the TSV file (its column names and tab separators), then send again.",
		"TSVファイルのヘッダ行（列名とタブ区切り）を修正してから再送してください。"},
	{-11, SystemError,
		"Sending stopped after too many errors: find their cause in the other results of the delivery, remove it, and send again later.",
		"エラーの多発により送信が中止されました。同じ配信の他の結果から原因を調べて取り除き、時間をおいて再送してください。"},
	{-12, MailerError,
		"Check the images of the message (their files and format), then send again.",
		"メールに使う画像（ファイルと形式）を確認してから再送してください。"},
	{-13, MailerError,
		"Check that the image directory exists and can be read, then send again.",
		"画像ディレクトリが存在し、読み込めるか確認してから再送してください。"},
	{-100, SystemError,
		"The sending system could not initialise its database; send again later, and report it to the service if it goes on.",
		"送信側システムでデータベースを初期化できませんでした。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{-101, SystemError,
		"The sending system could not connect to its database; send again later, and report it to the service if it goes on.",
		"送信側システムがデータベースに接続できませんでした。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{-102, SystemError,
		"The sending system could not update its database; send again later, and report it to the service if it goes on.",
		"送信側システムでデータベースの更新に失敗しました。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{-502, OnHold,
		"The address forwards its mail, and delivery to the forwarding address may have failed; keep the address and send again later.",
		"このアドレスには転送設定があり、転送先で配信に失敗した可能性があります。アドレスはそのままにして、時間をおいて再送してください。"},

	{250, Delivered, "", ""},

	// Connections lost and timed out: the recipient's server may answer
	// later. The catalog gives no cause for 601, 602, 610 and 620–623,
	// and for the rest of 6xx an overloaded server or a system fault,
	// which is what networkerror's advice says; 625 and 644 name a body
	// line of 1,000 bytes or more.
	{601, NetworkError, "", ""},
	{602, NetworkError, "", ""},
	{606, Expired,
		"The lifetime set when the delivery was scheduled ran out; send again later, with a longer lifetime if the recipient's server is often slow.",
		"配信予約時に設定したメール生存時間内に配信できませんでした。時間をおいて再送し、受信側サーバの応答が遅いことが多い場合は生存時間を長めに設定してください。"},
	{608, NetworkError,
		"The sending system could not reach its DNS server, which is not the address's fault; send again later, and report it to the service if it goes on.",
		"送信側システムがDNSサーバにアクセスできませんでした。アドレスの問題ではないため、時間をおいて再送し、続く場合はサービスに報告してください。"},
	{609, SystemError,
		"The sending system could not create a socket; send again later, and report it to the service if it goes on.",
		"送信側システムでソケットを生成できませんでした。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{610, NetworkError, "", ""},
	{611, UserUnknown,
		"The recipient address is invalid; stop sending to it, or correct it if it was mistyped.",
		"宛先アドレスが不正です。このアドレスへの配信を停止するか、入力ミスであれば正しいアドレスに修正してください。"},
	{620, NetworkError, "", ""},
	{621, NetworkError, "", ""},
	{622, NetworkError, "", ""},
	{623, NetworkError, "", ""},
	{624, NetworkError, "", ""},
	{625, NetworkError, adviceLongLine, adviceLongLineJA},
	{627, NetworkError, "", ""},
	{640, NetworkError, "", ""},
	{641, NetworkError, "", ""},
	{642, NetworkError, "", ""},
	{643, NetworkError, "", ""},
	{644, NetworkError, adviceLongLine, adviceLongLineJA},
	{645, NetworkError, "", ""},
	{647, NetworkError, "", ""},
	{660, NetworkError, "", ""},
	{661, NetworkError, "", ""},
	{662, NetworkError, "", ""},
	{663, NetworkError, "", ""},
	{664, NetworkError, "", ""},
	{665, NetworkError, "", ""},
	{666, NetworkError, "", ""},
	{667, NetworkError, "", ""},
	{680, NetworkError, "", ""},
	{681, NetworkError, "", ""},
	{682, NetworkError, "", ""},
	{683, NetworkError, "", ""},
	{684, NetworkError, "", ""},
	{685, NetworkError, "", ""},
	{686, NetworkError, "", ""},
	{687, NetworkError, "", ""},

	// DNS: the lookup of the recipient's domain failed. The service counts
	// a whole error against the address for these, as for an unknown
	// user, and reports a DNS server it cannot reach apart (608). Their
	// message can say that the lookup failed for now (dnsRetry).
	{700, HostUnknown, adviceDNS, adviceDNSJA},
	{710, HostUnknown, adviceDNS, adviceDNSJA},
	{711, HostUnknown, adviceDNS, adviceDNSJA},
	{720, HostUnknown, adviceDNS, adviceDNSJA},
	// The domain's MX points at the loopback address: it takes no mail.
	{730, NotAccept,
		"The domain's MX points at 127.0.0.1, so it takes no mail; stop sending to the address.",
		"宛先ドメインのMXが127.0.0.1を指しており、メールを受信できません。このアドレスへの配信を停止してください。"},

	// The recipient: a malformed address can never receive mail (800); the
	// carrier disabled the account (801); the recipient refuses the
	// sending domain (850).
	{800, UserUnknown,
		"The recipient address is malformed; correct it or stop sending to it, and if it is in fact well formed, report it to the service as a possible fault.",
		"宛先アドレスの形式が不正です。正しいアドレスに修正するか、配信を停止してください。形式に問題がない場合はシステム障害の可能性があるため、サービスに報告してください。"},
	{801, Suspend,
		"The carrier or provider disabled the account for a matter between it and the recipient, which you cannot fix; stop sending to the address.",
		"キャリアやプロバイダと受信者との間の事情でアカウントが無効になっており、送信側では解決できません。このアドレスへの配信を停止してください。"},
	{850, Filtered,
		"The recipient refuses mail from your domain by a setting of their own; stop sending to the address, or ask them to allow your domain (at sign-up, for instance).",
		"受信者がドメイン指定受信などで送信元ドメインを拒否しています。このアドレスへの配信を停止するか、受信者に送信元ドメインの受信許可を設定してもらってください（登録時の案内など）。"},
}

// enhancedReasons are the reasons of RFC 3463 enhanced codes whose
// subject and detail say one thing whatever the server. Codes that servers
// use for many reasons (X.7.1, X.5.0, X.0.0 and the like) are not here:
// the reply code decides for them.
var enhancedReasons = map[[2]int]Reason{
	{1, 1}: UserUnknown, {1, 2}: HostUnknown, {1, 3}: UserUnknown, {1, 6}: HasMoved,
	{1, 7}: Rejected, {1, 8}: Rejected, {1, 10}: NotAccept,
	{2, 1}: Suspend, {2, 2}: MailboxFull, {2, 3}: ExceedLimit,
	{3, 1}: SystemFull, {3, 4}: MesgTooBig, {3, 0}: SystemError, {3, 2}: SystemError, {3, 5}: SystemError,
	{4, 1}: NetworkError, {4, 2}: NetworkError, {4, 3}: NetworkError, {4, 4}: HostUnknown,
	{4, 6}: NetworkError, {4, 7}: Expired,
	{5, 1}: SyntaxError, {5, 2}: SyntaxError, {5, 4}: SyntaxError, {5, 5}: SyntaxError,
	{6, 0}: ContentError, {6, 1}: ContentError, {6, 2}: ContentError, {6, 3}: ContentError,
	{6, 4}: ContentError, {6, 5}: ContentError, {6, 6}: ContentError,
	{6, 7}: ContentError, {6, 8}: ContentError, {6, 9}: ContentError, {6, 10}: ContentError, // RFC 6531, 3.10: SMTPUTF8
	{7, 3}: SecurityError, {7, 4}: SecurityError, {7, 5}: SecurityError, {7, 6}: SecurityError,
	{7, 7}: SecurityError, {7, 8}: SecurityError, {7, 10}: FailedSTARTTLS, {7, 11}: FailedSTARTTLS,
	{7, 12}: SecurityError, {7, 13}: Suspend, {7, 14}: SecurityError, {7, 16}: MesgTooBig,
	{7, 17}: HasMoved, {7, 18}: HasMoved, {7, 20}: AuthFailure, {7, 21}: AuthFailure,
	{7, 22}: AuthFailure, {7, 23}: AuthFailure, {7, 24}: AuthFailure, {7, 25}: RequirePTR,
	{7, 26}: AuthFailure, {7, 27}: Rejected, {7, 28}: Speeding, {7, 29}: AuthFailure,
	{7, 30}: FailedSTARTTLS,
}

// replyReasons are the reasons of SMTP reply codes when neither the words
// nor an enhanced code decided (RFC 5321's texts). 554 ("Transaction
// failed") is left undefined: servers send it for every kind of refusal.
var replyReasons = map[status.Code]Reason{
	// 251 ("User not local; will forward") and 252 ("Cannot VRFY user,
	// but will accept message") take the mail: delivered, whatever the
	// words (250 is the service's own code).
	251: Delivered, 252: Delivered,
	421: SystemError, 450: OnHold, 451: SystemError, 452: SystemFull,
	500: SyntaxError, 501: SyntaxError, 502: SyntaxError, 503: SyntaxError, 504: SyntaxError,
	550: UserUnknown, 551: HasMoved, 552: MailboxFull, 553: UserUnknown,
}

// The rules that the SMTP stage, the class of an enhanced code and the
// qualifications of a verdict on the recipient decide (see weigh and
// qualify): their names, by the constants below.
var otherRules = [...]string{
	ruleMailFrom:         "stage:mail-from",         // a refusal of MAIL FROM: blocked, or rejected for words on the sender
	ruleConnect:          "stage:connect",           // a refusal of the connection or the greeting: blocked
	ruleData:             "stage:data",              // unknown-user words at DATA: filtered
	rulePolicyCode:       "enhanced:X.7",            // a policy code on a 550, 553 or 554 that no words explain: blocked
	ruleRefusedAsUnknown: "text:refused-as-unknown", // unknown-user words beside X.2.x or X.7.x: filtered
}

// The indexes of otherRules.
const (
	ruleMailFrom = iota
	ruleConnect
	ruleData
	rulePolicyCode
	ruleRefusedAsUnknown
)

// A ruleInfo is what a built-in rule's name stands for: the kind of
// evidence it decides by, its reason, and its advice where the evidence
// says more than the reason's advice does.
type ruleInfo struct {
	source           Source
	reason           Reason
	advice, adviceJA string
}

// builtinRules holds every rule name that a verdict of the built-in rules
// can carry, made from the tables when the package starts: the phrase
// tables (textRules, dnsRetry), otherRules, enhancedReasons, serviceCodes
// and replyReasons. [Verdict.Guidance] looks the advice of a rule up here.
var builtinRules = makeBuiltinRules()

func makeBuiltinRules() map[string]ruleInfo {
	m := map[string]ruleInfo{}
	listed := map[string]bool{}
	for _, name := range listRules {
		listed[name] = true
	}
	for _, r := range append(textRules[:len(textRules):len(textRules)], dnsRetry) {
		info := ruleInfo{source: SourceText, reason: r.reason}
		if listed[r.name] {
			info.advice, info.adviceJA = adviceListed, adviceListedJA
		}
		m[r.name] = info
	}
	for i, name := range otherRules {
		source := SourceText
		if i == rulePolicyCode {
			source = SourceEnhanced
		}
		m[name] = ruleInfo{source: source}
	}
	for k, reason := range enhancedReasons {
		m[enhancedName(k)] = ruleInfo{source: SourceEnhanced, reason: reason}
	}
	for _, c := range serviceCodes {
		m[codeName(c.code)] = ruleInfo{SourceCode, c.reason, c.advice, c.adviceJA}
	}
	for c, reason := range replyReasons {
		m[codeName(c)] = ruleInfo{source: SourceCode, reason: reason}
	}
	return m
}

// codeName returns the name of the rule of a code: "code:550".
func codeName(c status.Code) string { return "code:" + c.String() }

// enhancedName returns the name of the rule of an enhanced code's subject
// and detail: "enhanced:X.2.2".
func enhancedName(k [2]int) string {
	return "enhanced:X." + strconv.Itoa(k[0]) + "." + strconv.Itoa(k[1])
}

// The advice of codes that share a cause in the catalog.
const (
	adviceLongLine = "The body may have a line of 1,000 bytes or more: fold long lines (or encode the body in quoted-printable or base64); " +
		"if it has none, the server may have been overloaded, so send again later."
	adviceLongLineJA = "本文に1行1,000バイト以上の行がある可能性があります。長い行は折り返すか、quoted-printableまたはbase64でエンコードしてください。" +
		"該当しない場合はサーバの高負荷などが考えられるため、時間をおいて再送してください。"

	adviceDNS = "The domain's MX and other records could not be looked up; stop sending to the address, " +
		"but if well-known domains get this code too, the sending system's DNS settings are at fault: report it to the service."
	adviceDNSJA = "宛先ドメインのMXレコード等を参照できず、名前解決ができませんでした。このアドレスへの配信を停止してください。" +
		"ただし、大手のドメインでも同じコードが出る場合は送信側のDNS設定の問題なので、サービスに報告してください。"
)
