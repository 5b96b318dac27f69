package bounce

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

// Guidance returns the guidance of the verdict's reason, with the advice
// of the rule that decided where the evidence says more than the reason
// does: for the service's codes whose catalog row says more (625, a
// connection lost waiting for the reply to the end of data, names a body
// line of 1,000 bytes or more, so the advice is to fold long lines), and
// for the rules whose words name a blocklist (a refusal of the sending
// host on a blocklist; any other is on the receiver's own policy).
// Meaning is always the reason's, and the advice is for the reason's usual
// action even where a user's [Rule] set another. A verdict that a user's
// rule decided gets the reason's guidance, and one with a reason outside
// the set a zero Guidance.
func (v Verdict) Guidance() Guidance {
	g := v.Reason.Guidance()
	if g == (Guidance{}) {
		return g
	}
	if r, ok := builtinRules[v.Evidence.Rule]; ok && r.advice != "" && r.source == v.Evidence.Source && r.reason == v.Reason {
		g.Advice, g.AdviceJA = r.advice, r.adviceJA
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
		"The recipient's server refuses the sending IP address or host, or its mail: on a blocklist, or on its own policy.",
		"受信側サーバが送信元IPアドレスまたはホスト、あるいはそのメールを拒否しています（ブロックリストへの掲載、または受信側独自のポリシーによるもの）。",
		"The receiver refused your sending host or its mail on its own policy: check the sending IP address's reverse DNS and HELO name, your volume and complaint rates, and what the reply or the receiver's postmaster page asks for; keep the address.",
		"受信側が独自のポリシーで送信元ホストまたはそのメールを拒否しました。送信元IPアドレスの逆引きとHELO名、送信量と苦情率、エラーメッセージや受信側のポストマスター向けページの要求を確認してください。アドレスはそのまま使えます。",
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

// The advice of the rules whose words name a blocklist (listRules), where
// a blocked verdict's reason says only that the receiver refused the host.
const (
	adviceListed   = "Your sending IP address or domain is on a blocklist; look it up at the list named in the message and ask for delisting."
	adviceListedJA = "送信元IPアドレスまたはドメインがブロックリストに掲載されています。メッセージに記載されたリストで掲載状況を確認し、掲載解除を申請してください。"
)
