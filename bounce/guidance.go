package bounce

import (
	"strconv"
	"strings"

	"github.com/haishin/status"
)

// Guidance is what a reason means and what the sender should do about it,
// in English and in Japanese, as [status.Status] has its texts. Each text
// is one line. The Japanese texts are written for a Japanese mail
// operator, not translated word by word.
type Guidance struct {
	// Meaning says what the reason means, in one English sentence.
	Meaning string
	// MeaningJA says what the reason means, in Japanese.
	MeaningJA string
	// Advice says what the sender should do, in English. It agrees with
	// the reason's usual action ([Reason.Action]): stop sending to the
	// address for [Suppress], send again later for [Retry], what to fix on
	// the sending side for [FixSender], nothing for [None].
	Advice string
	// AdviceJA says what the sender should do, in Japanese; it agrees with
	// the usual action as Advice does.
	AdviceJA string
}

// Guidance returns what the reason means and what to do about it, and a
// zero Guidance for a value outside the set.
func (r Reason) Guidance() Guidance {
	if r < numReasons {
		return guidance[r]
	}
	return Guidance{}
}

// Guidance returns the guidance of the verdict's reason. Where one of the
// service's own codes decided the verdict (Evidence.Source is [SourceCode]
// and Evidence.Rule is "code:" and the code, as [Classify] writes them)
// and the catalog says more about that code than the reason's advice does,
// Advice and AdviceJA are the code's: for 625 (connection lost waiting for
// the reply to the end of data) the catalog names a body line of 1,000
// bytes or more, so the advice is to fold long lines. Meaning is always
// the reason's, and the advice is for the reason's usual action even where
// a user's [Rule] set another. A verdict with a reason outside the set has
// a zero Guidance.
func (v Verdict) Guidance() Guidance {
	g := v.Reason.Guidance()
	if g == (Guidance{}) || v.Evidence.Source != SourceCode {
		return g
	}
	rest, ok := strings.CutPrefix(v.Evidence.Rule, "code:")
	if !ok {
		return g
	}
	c, err := strconv.Atoi(rest)
	if err != nil {
		return g
	}
	for _, a := range codeAdvice {
		if a.code == status.Code(c) {
			g.Advice, g.AdviceJA = a.advice, a.adviceJA
			break
		}
	}
	return g
}

// guidance is the meaning and the advice of each reason.
var guidance = [...]Guidance{
	// Meaning, MeaningJA, Advice, AdviceJA

	Undefined: {
		"Nothing in the result says why the delivery failed.",
		"結果からは配信に失敗した理由を判別できません。",
		"The delivery failed for a reason not known; keep the address and send again later, and if the same message keeps coming, read it and add a rule of your own for it.",
		"理由は不明ですが配信に失敗しています。アドレスはそのままにして時間をおいて再送し、同じメッセージが続くようであれば内容を確認して独自のルールを追加してください。",
	},
	Delivered: {
		"The mail was delivered.",
		"メールは正常に配信されました。",
		"Nothing to do.",
		"対応は不要です。",
	},

	UserUnknown: {
		"The mailbox does not exist at the recipient's server.",
		"宛先のメールボックスが受信側サーバに存在しません。",
		"The address does not exist; stop sending to it.",
		"宛先アドレスが存在しません。このアドレスへの配信を停止してください。",
	},
	HostUnknown: {
		"The recipient's domain does not exist or has no mail server.",
		"宛先ドメインが存在しないか、そのドメインにメールサーバがありません。",
		"The domain cannot receive mail; stop sending to the address, and if it was typed by hand, look for a typo in the domain (gmial.com).",
		"このドメインではメールを受信できません。このアドレスへの配信を停止し、手入力されたアドレスであればドメインの入力ミス（gmial.com など）がないか確認してください。",
	},
	HasMoved: {
		"The recipient has moved, and the address is no longer valid.",
		"宛先の利用者が移転しており、このアドレスはもう有効ではありません。",
		"Stop sending to the address; if the message gives a new one, confirm it with the recipient before you use it.",
		"このアドレスへの配信を停止してください。メッセージに移転先のアドレスがあっても、本人に確認してから切り替えてください。",
	},
	NotAccept: {
		"The recipient's domain accepts no mail at all (a null MX, or an MX that points at the loopback address).",
		"宛先ドメインはメールを一切受け付けていません（null MX、またはループバックアドレスを指すMX）。",
		"The domain takes no mail; stop sending to the address.",
		"このドメイン宛てのメールは届きません。このアドレスへの配信を停止してください。",
	},

	MailboxFull: {
		"The recipient's mailbox is over its quota.",
		"宛先のメールボックスが容量の上限に達しています。",
		"Send again later; if the mailbox stays full for weeks, the address is likely abandoned, and you may suppress it.",
		"時間をおいて再送してください。数週間たっても容量超過が続く場合は、使われていないアドレスと考えられるため配信停止を検討してください。",
	},
	SystemFull: {
		"The recipient's server is out of disk space.",
		"宛先サーバのディスク容量が不足しています。",
		"The fault is the server's, not the address's; send again later.",
		"アドレスではなく受信側サーバの問題です。時間をおいて再送してください。",
	},
	ExceedLimit: {
		"The message is larger than the recipient accepts.",
		"メールのサイズが、宛先で受信できる上限を超えています。",
		"Make the message smaller (link to large files instead of attaching them), then send it again; keep the address.",
		"大きなファイルは添付せずダウンロード用のリンクにするなどしてメールを小さくし、再送してください。アドレスはそのまま使えます。",
	},
	MesgTooBig: {
		"The message is larger than the recipient's server accepts.",
		"メールのサイズが、宛先サーバの受け付ける上限を超えています。",
		"Make the message smaller than the server's limit (often 10 to 25 MB; attachments grow by a third when encoded), then send it again; keep the address.",
		"メールをサーバの上限（10〜25MB程度が多く、添付ファイルはエンコードで約3割大きくなります）より小さくしてから再送してください。アドレスはそのまま使えます。",
	},

	Filtered: {
		"The recipient, or their carrier for them, refuses the mail, as Japanese mobile carriers do for domains their users block.",
		"受信者本人、または受信者の設定に従って携帯キャリアが、このメールを拒否しています（ドメイン指定受信など）。",
		"Stop sending to the address; the mail cannot reach the recipient until they allow your domain.",
		"このアドレスへの配信を停止してください。受信者が送信元ドメインからの受信を許可しない限り届きません。",
	},
	Rejected: {
		"The recipient's server refused the sender's address (the envelope's MAIL FROM).",
		"受信側サーバが送信者アドレス（エンベロープのMAIL FROM）を拒否しました。",
		"Check the envelope sender address: its domain must exist, resolve (MX or A) and accept bounces; keep the recipient's address.",
		"エンベロープの送信者アドレスを見直してください。そのドメインが実在し、MXまたはAレコードを持ち、エラーメールを受け取れる必要があります。宛先アドレスはそのまま使えます。",
	},
	Blocked: {
		"The recipient's server refuses the sending IP address or host, usually because it is on a blocklist.",
		"受信側サーバが送信元IPアドレスまたはホストを拒否しています。多くはブロックリストへの掲載が原因です。",
		"Your sending IP address or domain is on a blocklist; look it up at the list named in the message and ask for delisting.",
		"送信元IPアドレスまたはドメインがブロックリストに掲載されています。メッセージに記載されたリストで掲載状況を確認し、掲載解除を申請してください。",
	},
	SpamDetected: {
		"The recipient's server took the message for spam.",
		"受信側サーバがこのメールを迷惑メール（スパム）と判定しました。",
		"Review the content, its links and how the list got consent (no bought lists, an easy unsubscribe), then send again; keep the address.",
		"本文・リンク先と、配信リストの同意の取り方（購入したリストを使わない、配信解除を簡単にする）を見直してから再送してください。アドレスはそのまま使えます。",
	},
	VirusDetected: {
		"The recipient's server found a virus or malware in the message.",
		"受信側サーバがメールからウイルスまたはマルウェアを検出しました。",
		"Scan the attachments and the system that made them, and attach no executable or macro-enabled files; then send again.",
		"添付ファイルとそれを作成した環境をウイルススキャンし、実行ファイルやマクロ付きファイルは添付しないようにしてから再送してください。",
	},
	ContentError: {
		"The recipient's server does not accept the message's content or headers.",
		"受信側サーバがメールの本文またはヘッダを受け付けませんでした。",
		"Check the message's headers and MIME structure (encodings, character sets, header sizes), fix what the reply names, then send again.",
		"メールのヘッダとMIME構造（エンコード、文字コード、ヘッダのサイズ）を確認し、エラーメッセージで指摘された点を直してから再送してください。",
	},
	PolicyViolation: {
		"The message breaks a policy of the recipient's server.",
		"メールが受信側サーバのポリシーに違反しています。",
		"Read the policy the reply names (often at a URL in it), and change the mail or the sending setup to meet it; keep the address.",
		"エラーメッセージに示されたポリシー（URLが記載されていることが多い）を確認し、メールの内容または送信設定をそれに合わせてください。アドレスはそのまま使えます。",
	},

	AuthFailure: {
		"The message failed SPF, DKIM or DMARC.",
		"メールがSPF・DKIM・DMARCのいずれかの認証に失敗しました。",
		"List the sending IP addresses in the SPF record, sign with DKIM, and align at least one of them with the From domain for DMARC; then send again.",
		"送信元IPアドレスをSPFレコードに含めてDKIM署名を付け、DMARCに合格するようSPFかDKIMの少なくとも一方のドメインをFromのドメインと一致させてから再送してください。",
	},
	RequirePTR: {
		"The sending IP address has no valid reverse DNS (PTR), or it does not match the host name.",
		"送信元IPアドレスに有効な逆引き(PTR)レコードがないか、ホスト名と一致しません。",
		"Set a PTR record for the sending IP address whose host name resolves back to the same address, then send again.",
		"送信元IPアドレスに逆引き(PTR)レコードを設定し、そのホスト名の正引きが同じIPアドレスになるようにしてから再送してください。",
	},
	SecurityError: {
		"A security requirement of the recipient's server, such as authentication, was not met.",
		"受信側サーバのセキュリティ要件（認証など）を満たしていません。",
		"Find what the server requires (SMTP authentication, TLS, a client certificate) and set up the sending system to meet it.",
		"サーバが求める要件（SMTP認証、TLS、クライアント証明書など）を確認し、送信側の設定をそれに合わせてください。",
	},
	BadReputation: {
		"The sending IP address or domain has a poor reputation at the recipient's provider.",
		"受信側で送信元IPアドレスまたはドメインの評価（レピュテーション）が低くなっています。",
		"Send less, remove addresses that bounce or complain, and raise the volume of new IP addresses gradually; check the provider's postmaster tools.",
		"送信量を抑え、エラーや苦情の出るアドレスをリストから除き、新しいIPアドレスでは送信量を段階的に増やしてください。受信側プロバイダのポストマスターツールも確認してください。",
	},
	NotCompliantRFC: {
		"The message does not follow the RFCs, such as RFC 5322 for its headers.",
		"メールがRFC（ヘッダであればRFC 5322など）に準拠していません。",
		"Fix the headers (exactly one From, Date and Message-ID each, no duplicate headers, CRLF line ends), then send again.",
		"ヘッダ（From・Date・Message-IDはそれぞれ1つだけ、ヘッダの重複なし、改行はCRLF）を修正してから再送してください。",
	},
	FailedSTARTTLS: {
		"STARTTLS failed, or the recipient's server requires TLS and did not get it.",
		"STARTTLSに失敗したか、受信側サーバがTLSでの送信を必須としています。",
		"Enable STARTTLS on the sending system, with current TLS versions and ciphers, then send again.",
		"送信側でSTARTTLSを有効にし、現行のTLSバージョンと暗号方式に対応させてから再送してください。",
	},
	NoRelaying: {
		"The server refused to relay the mail to the recipient's domain.",
		"サーバが宛先ドメインへのメールの中継を拒否しました。",
		"Check the recipient's domain and the server the sending system connects to (its MX lookup, or the relay host it is set to use).",
		"宛先ドメインと、送信側の接続先（MXの参照結果、または設定されたリレーホスト）が正しいか確認してください。",
	},
	SyntaxError: {
		"The recipient's server did not understand an SMTP command of the sending system.",
		"受信側サーバが送信側のSMTPコマンドを理解できませんでした。",
		"Check the SMTP commands the sending MTA writes (address syntax, command order), and fix its settings or ask its operator to.",
		"送信側MTAが送るSMTPコマンド（アドレスの書式、コマンドの順序）を確認し、MTAの設定を修正するか、その運用者に修正を依頼してください。",
	},

	Suspend: {
		"The recipient's account is disabled or suspended.",
		"宛先のアカウントが無効化または利用停止されています。",
		"Stop sending to the address; start again only if the recipient tells you the account is back.",
		"このアドレスへの配信を停止してください。再開するのは、アカウントが復旧したと受信者本人から連絡があった場合だけにしてください。",
	},
	Expired: {
		"The mail could not be delivered in time and was given up.",
		"一定時間内に配信できなかったため、配信を打ち切りました。",
		"Send again later; if one domain keeps expiring, check that its mail servers can be reached.",
		"時間をおいて再送してください。同じドメインで繰り返し発生する場合は、そのドメインのメールサーバに接続できるか確認してください。",
	},
	NetworkError: {
		"The connection failed, timed out or was lost, or DNS failed for the moment.",
		"接続の失敗・タイムアウト・切断、または一時的なDNSの障害が発生しました。",
		"The server may be busy or down for the moment; keep the address and send again later.",
		"サーバが一時的に高負荷か停止している可能性があります。アドレスはそのままで、時間をおいて再送してください。",
	},
	SystemError: {
		"The recipient's server, or the sending system, had an error of its own.",
		"受信側サーバまたは送信側システムで障害が発生しました。",
		"It is not the address's fault; send again later.",
		"アドレスの問題ではありません。時間をおいて再送してください。",
	},
	MailerError: {
		"A mailer program failed: the recipient's delivery agent, or the sending system's settings.",
		"メール処理プログラムが失敗しました（受信側の配送プログラム、または送信側システムの設定）。",
		"Fix the sending system's settings the message names; if the recipient's delivery program failed, only its administrator can fix it.",
		"メッセージに示された送信側システムの設定を修正してください。受信側の配送プログラムが原因であれば、先方の管理者による対応が必要です。",
	},

	TooManyConn: {
		"Too many connections or recipients at once.",
		"同時接続数または1通あたりの宛先数が多すぎます。",
		"Open fewer connections at once, or put fewer recipients in one message, and send again later.",
		"同時接続数や1通あたりの宛先数を減らし、時間をおいて再送してください。",
	},
	Speeding: {
		"Too many messages in too short a time.",
		"短時間に送信したメールが多すぎます。",
		"Send to that domain more slowly, and send again later.",
		"そのドメインへの送信ペースを落とし、時間をおいて再送してください。",
	},
	OnHold: {
		"The failure cannot be told apart yet, as for a forwarded address.",
		"失敗の原因をまだ特定できません（転送設定のあるアドレスなど）。",
		"Keep the address and send again later; the next results will tell what failed.",
		"アドレスはそのままにして、時間をおいて再送してください。次回以降の配信結果で原因がわかります。",
	},
	Vacation: {
		"An automatic reply, such as an out-of-office notice, not a failure.",
		"不在通知などの自動応答で、配信の失敗ではありません。",
		"Nothing to do; the mail was received.",
		"対応は不要です。メールは受信されています。",
	},
	Feedback: {
		"The recipient reported the mail as spam (a feedback loop report).",
		"受信者がこのメールを迷惑メールとして報告しました（フィードバックループ）。",
		"Stop sending to the address now; complaints lower the reputation of all your mail.",
		"直ちにこのアドレスへの配信を停止してください。苦情が多いと、すべてのメールの到達率が下がります。",
	},
	Suppressed: {
		"The address is on the sending service's suppression list, so the mail was not sent.",
		"アドレスが配信サービスの配信停止リストに登録されているため、送信されませんでした。",
		"Do not send to the address; take it off the list only when the recipient asks for mail again.",
		"配信停止のままにしてください。リストから外すのは、受信者本人が再び受信を希望した場合だけです。",
	},
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

// codeAdvice is the advice of the service's own codes whose catalog row
// (description or cause) says more than the advice of the code's reason,
// in the catalog's order. [Verdict.Guidance] uses it for the verdicts
// those codes decide. The codes not here are those whose row says no more
// than their reason: 601, 602, 610 and 620–623 (no cause given), and the
// rest of 6xx, whose cause, an overloaded server or a system fault, is
// what [NetworkError]'s advice says.
var codeAdvice = [...]struct {
	code             status.Code
	advice, adviceJA string
}{
	{-3, "The sending system ran out of memory; send again later, and report it to the service if it happens again.",
		"送信側システムでメモリを確保できませんでした。時間をおいて再送し、再発する場合はサービスに報告してください。"},
	{-4, "Check that the configuration file of the delivery exists and can be read, then send again.",
		"配信の設定ファイルが存在し、読み込めるか確認してから再送してください。"},
	{-5, "Check the parameters in the configuration file (a line missing or unreadable), then send again.",
		"設定ファイルのパラメーター（欠けている行や読み取れない行）を確認してから再送してください。"},
	{-6, "Correct or remove the unknown keyword in the configuration file, then send again.",
		"設定ファイルの不明なキーワードを修正または削除してから再送してください。"},
	{-7, "Correct the invalid value in the configuration file, then send again.",
		"設定ファイルの不正な値を修正してから再送してください。"},
	{-8, "Check that the TSV file exists and can be read, then send again.",
		"TSVファイルが存在し、読み込めるか確認してから再送してください。"},
	{-9, "Check the header line (the first line) of the TSV file, then send again.",
		"TSVファイルのヘッダ行（1行目）を確認してから再送してください。"},
	{-10, "Correct the header line of the TSV file (its column names and tab separators), then send again.",
		"TSVファイルのヘッダ行（列名とタブ区切り）を修正してから再送してください。"},
	{-11, "Sending stopped after too many errors: find their cause in the other results of the delivery, remove it, and send again later.",
		"エラーの多発により送信が中止されました。同じ配信の他の結果から原因を調べて取り除き、時間をおいて再送してください。"},
	{-12, "Check the images of the message (their files and format), then send again.",
		"メールに使う画像（ファイルと形式）を確認してから再送してください。"},
	{-13, "Check that the image directory exists and can be read, then send again.",
		"画像ディレクトリが存在し、読み込めるか確認してから再送してください。"},
	{-100, "The sending system could not initialise its database; send again later, and report it to the service if it goes on.",
		"送信側システムでデータベースを初期化できませんでした。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{-101, "The sending system could not connect to its database; send again later, and report it to the service if it goes on.",
		"送信側システムがデータベースに接続できませんでした。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{-102, "The sending system could not update its database; send again later, and report it to the service if it goes on.",
		"送信側システムでデータベースの更新に失敗しました。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{-502, "The address forwards its mail, and delivery to the forwarding address may have failed; keep the address and send again later.",
		"このアドレスには転送設定があり、転送先で配信に失敗した可能性があります。アドレスはそのままにして、時間をおいて再送してください。"},

	{606, "The lifetime set when the delivery was scheduled ran out; send again later, with a longer lifetime if the recipient's server is often slow.",
		"配信予約時に設定したメール生存時間内に配信できませんでした。時間をおいて再送し、受信側サーバの応答が遅いことが多い場合は生存時間を長めに設定してください。"},
	{608, "The sending system could not reach its DNS server, which is not the address's fault; send again later, and report it to the service if it goes on.",
		"送信側システムがDNSサーバにアクセスできませんでした。アドレスの問題ではないため、時間をおいて再送し、続く場合はサービスに報告してください。"},
	{609, "The sending system could not create a socket; send again later, and report it to the service if it goes on.",
		"送信側システムでソケットを生成できませんでした。時間をおいて再送し、続く場合はサービスに報告してください。"},
	{611, "The recipient address is invalid; stop sending to it, or correct it if it was mistyped.",
		"宛先アドレスが不正です。このアドレスへの配信を停止するか、入力ミスであれば正しいアドレスに修正してください。"},
	{625, adviceLongLine, adviceLongLineJA},
	{644, adviceLongLine, adviceLongLineJA},

	{700, adviceDNS, adviceDNSJA},
	{710, adviceDNS, adviceDNSJA},
	{711, adviceDNS, adviceDNSJA},
	{720, adviceDNS, adviceDNSJA},
	{730, "The domain's MX points at 127.0.0.1, so it takes no mail; stop sending to the address.",
		"宛先ドメインのMXが127.0.0.1を指しており、メールを受信できません。このアドレスへの配信を停止してください。"},

	{800, "The recipient address is malformed; correct it or stop sending to it, and if it is in fact well formed, report it to the service as a possible fault.",
		"宛先アドレスの形式が不正です。正しいアドレスに修正するか、配信を停止してください。形式に問題がない場合はシステム障害の可能性があるため、サービスに報告してください。"},
	{801, "The carrier or provider disabled the account for a matter between it and the recipient, which you cannot fix; stop sending to the address.",
		"キャリアやプロバイダと受信者との間の事情でアカウントが無効になっており、送信側では解決できません。このアドレスへの配信を停止してください。"},
	{850, "The recipient refuses mail from your domain by a setting of their own; stop sending to the address, or ask them to allow your domain (at sign-up, for instance).",
		"受信者がドメイン指定受信などで送信元ドメインを拒否しています。このアドレスへの配信を停止するか、受信者に送信元ドメインの受信許可を設定してもらってください（登録時の案内など）。"},
}
