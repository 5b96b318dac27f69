package status

// catalog is the service's table of status codes, one row per code, in the
// table's order. The Japanese fields are the table's cells byte for byte;
// where a row wrote its cause in the エラーカウント column instead of a
// number, that text is the cause and the weight is 0. Weights are in tenths:
// 10 is a count of 1.
//
// Everything else (Lookup's index, All, the README table) is derived from
// this table; catalog_test.go checks it against testdata/status-codes.md.
var catalog = [...]Status{
	// Code, Category, Locus, Weight, Description, DescriptionJA, Cause, CauseJA

	// The service's own codes: its setup, its database, bounce mails.
	{-3, LE, System, 0, "Memory allocation failed", "メモリ確保エラー", "", ""},
	{-4, LE, System, 0, "Cannot open the configuration file", "設定ファイルオープンエラー", "", ""},
	{-5, LE, System, 0, "Cannot read a parameter from the configuration file", "設定ファイルパラメーター読み取りエラー", "", ""},
	{-6, LE, System, 0, "Unknown keyword in the configuration file", "設定ファイル不明キーワードエラー", "", ""},
	{-7, LE, System, 0, "Invalid value in the configuration file", "設定ファイル値不正エラー", "", ""},
	{-8, LE, System, 0, "Cannot open the TSV file", "TSVファイルオープンエラー", "", ""},
	{-9, LE, System, 0, "Cannot read the header of the TSV file", "TSVファイルヘッダ読み込みエラー", "", ""},
	{-10, LE, System, 0, "Cannot parse the header of the TSV file", "TSVファイルヘッダパースエラー", "", ""},
	{-11, LE, System, 0, "Sending was stopped after too many errors", "エラーが多発し、送信処理を中止した", "", ""},
	{-12, LE, System, 0, "Failed to create the image data", "画像データ作成に失敗した", "", ""},
	{-13, LE, System, 0, "Cannot open the image directory", "画像ディレクトリオープン失敗", "", ""},
	{-100, LE, System, 0, "MySQL database initialisation failed", "MySQL DB init faild", "", ""},
	{-101, LE, System, 0, "MySQL database connection failed", "MySQL DB connection faild", "", ""},
	{-102, LE, System, 0, "MySQL database update failed", "MySQL DB update faild", "", ""},
	{-500, LE, System, 0, "Could not get the error code from the bounce mail", "バウンスメールのエラーコードが取得できなかった", "The bounce mail holds no error code, or it could not be read out. Not a fault.", "バウンスメール内にエラーコードが入っていないか、取得できなかった。障害ではない。"},
	{-501, LE, System, 0, "Could not get the error code from the bounce mail", "バウンスメールのエラーコードが取得できなかった", "The bounce mail holds no error code, or it could not be read out. Not a fault.", "バウンスメール内にエラーコードが入っていないか、取得できなかった。障害ではない。"},
	{-502, LE, System, 0, "Maybe forwarding: delivery may have failed at the forwarding address", "Maybe forwarding 転送先にて送信エラーとなった可能性あり", "The address forwards its mail elsewhere, and delivery to the forwarding address may have failed.", "対象のメールアドレスは、転送設定をしており、転送先にて送信エラーとなった可能性がある。"},

	// SMTP replies. Each row quotes the reply text of RFC 5321 before its
	// Japanese, and the English is that quote. 551's row quotes 550's text
	// (and its Japanese is 550's), so its English is 550's too, not RFC
	// 5321's "User not local; please try <forward-path>": the table is the
	// authority on what the service means by a code.
	{250, 0, NoLocus, 0, "Requested mail action okay, completed", "Requested mail action okay, completed 要求された処理は実行可能完了", "Delivered.", "送信完了"},
	{500, LE | BE, System, 0, "Syntax error, command unrecognized", "Syntax error, command unrecognized 文法に間違いがあるため、コマンドが理解できない", "", ""},
	{501, LE | BE, User, 10, "Syntax error in parameters or arguments", "Syntax error in parameters or arguments 引数の文法に間違いがある", "", ""},
	{502, LE | BE, System, 0, "Command not implemented", "Command not implemented 指示されたコマンドはこのシステムには実装されていない", "Usually an invalid email address, in which case it is not a fault.", "メールアドレス不正の場合が多く、この場合は障害ではない。"},
	{503, LE | BE, System, 0, "Bad sequence of commands", "Bad sequence of commands コマンドの発行順序が間違っている", "", ""},
	{504, LE | BE, System, 0, "Command parameter not implemented", "Command parameter not implemented コマンドの引数が未定義", "", ""},
	{550, BE, User, 10, "Requested action not taken: mailbox unavailable", "Requested action not taken: mailbox unavailable メールボックスが利用できないため、要求された処理は実行不能", "The recipient does not exist, or the recipient's side is set to refuse the mail.", "宛先が存在しない、または相手側で受け取らない設定をしている。"},
	{551, BE, User, 10, "Requested action not taken: mailbox unavailable", "Requested action not taken: mailbox unavailable メールボックスが利用できないため、要求された処理は実行不能", "The recipient does not exist, or the recipient's side is set to refuse the mail.", "宛先が存在しない、または相手側で受け取らない設定をしている。"},
	{552, BE, User, 1, "Requested mail action aborted: exceeded storage allocation", "Requested mail action aborted: exceeded storage allocation ディスク不足のため、要求された処理は実行不能", "The receiving server or the user's mailbox is out of disk space, so the mail cannot be stored.", "相手側サーバまたはユーザ用のディスクスペースが不足しメールを保存できない"},
	{553, BE, User, 10, "Requested action not taken: mailbox name not allowed", "Requested action not taken: mailbox name not allowed メールボックスの名前が不適切なため、要求された処理は実行不能", "", ""},
	{554, BE, User, 10, "Transaction failed", "Transaction failed 処理失敗", "", ""},

	// The MTA's errors: connecting, talking SMTP, timeouts. The table does
	// not say which SMTP step DCMD and DEND are; DATA command and end of data
	// is a reading of the names.
	{601, LE | BE, System, 0, "Cannot connect to the recipient's mail server", "相手先のメールサーバに接続できない", "", ""},
	{602, LE | BE, System, 0, "Communication with the recipient's mail server broke off", "相手先メールサーバとの通信が途中で途絶えた", "", ""},
	{606, BE, System, 1, "Expired", "有効期限切れ", "The mail could not be delivered within the lifetime set when its delivery was scheduled, and the lifetime ran out.", "配信予約時に設定したメール生存時間内にメールが配信できず、メール生存時間切れとなった。"},
	{608, BE, System, 0, "Cannot reach DNS", "DNSにアクセスできない", "", ""},
	{609, LE | BE, System, 0, "Could not create a socket", "ソケット生成できなかった", "", ""},
	{610, LE | BE, System, 0, "SMTP session timed out", "SMTP通信でタイムアウト", "", ""},
	{611, BE, User, 0, "Invalid recipient address", "不正な相手先アドレス", "", ""},
	{620, LE | BE, System, 0, "Connection lost while waiting for the greeting", "オープニング待ち時にコネクションが切れた", "", ""},
	{621, LE | BE, System, 0, "Connection lost while waiting for the reply to HELO", "HELO応答待ち時にコネクションが切れた", "", ""},
	{622, LE | BE, System, 0, "Connection lost while waiting for the reply to FROM", "FROM応答待ち時にコネクションが切れた", "", ""},
	{623, LE | BE, System, 0, "Connection lost while waiting for the reply to RCPT", "RCPT応答待ち時にコネクションが切れた", "", ""},
	{624, LE | BE, System, 0, "Connection lost while waiting for the reply to DATA", "DATA応答待ち時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{625, LE | BE, System, 0, "Connection lost while waiting for the reply to the end of data", "END 応答待ち時に コネクションが切れた", "The body has a line of 1,000 bytes or more. The server may be overloaded or have a system fault.", "1行1,000Byte以上の文字が本文に存在する。サーバが高負荷またはシステム障害の可能性"},
	{627, LE | BE, System, 0, "Connection lost while waiting for the reply to RSET", "RSET応答待ち時にコネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{640, LE | BE, System, 0, "Timed out waiting for the greeting", "オープニング待ち時にタイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{641, LE | BE, System, 0, "Timed out waiting for the reply to HELO", "HELO応答待ち時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{642, LE | BE, System, 0, "Timed out waiting for the reply to FROM", "FROM応答待ち時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{643, LE | BE, System, 0, "Timed out waiting for the reply to RCPT", "RCPT応答待ち時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{644, LE | BE, System, 0, "Timed out waiting for the reply to DATA", "DATA応答待ち時に タイムアウト", "The body has a line of 1,000 bytes or more. The server may be overloaded or have a system fault.", "1行1,000Byte以上の文字が本文に存在する。サーバが高負荷またはシステム障害の可能性"},
	{645, LE | BE, System, 0, "Timed out waiting for the reply to the end of data", "END 応答待ち時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{647, LE | BE, System, 0, "Timed out waiting for the reply to RSET", "RSET応答待ち時にタイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{660, LE | BE, System, 0, "Connection lost while sending HELO", "HELO送信時にコネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{661, LE | BE, System, 0, "Connection lost while sending FROM", "FROM送信時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{662, LE | BE, System, 0, "Connection lost while sending RCPT", "RCPT送信時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{663, LE | BE, System, 0, "Connection lost while sending the DATA command (DCMD)", "DCMD送信時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{664, LE | BE, System, 0, "Connection lost while sending the message data (DATA)", "DATA送信時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{665, LE | BE, System, 0, "Connection lost while sending the end of data (DEND)", "DEND送信時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{666, LE | BE, System, 0, "Connection lost while sending QUIT", "QUIT送信時に コネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{667, LE | BE, System, 0, "Connection lost while sending RSET", "RSET送信時にコネクションが切れた", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{680, LE | BE, System, 0, "Timed out sending HELO", "HELO送信時にタイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{681, LE | BE, System, 0, "Timed out sending FROM", "FROM送信時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{682, LE | BE, System, 0, "Timed out sending RCPT", "RCPT送信時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{683, LE | BE, System, 0, "Timed out sending the DATA command (DCMD)", "DCMD送信時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{684, LE | BE, System, 0, "Timed out sending the message data (DATA)", "DATA送信時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{685, LE | BE, System, 0, "Timed out sending the end of data (DEND)", "DEND送信時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{686, LE | BE, System, 0, "Timed out sending QUIT", "QUIT送信時に タイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},
	{687, LE | BE, System, 0, "Timed out sending RSET", "RSET送信時にタイムアウト", "The server may be overloaded or have a system fault.", "サーバが高負荷またはシステム障害の可能性"},

	// DNS errors. The table puts the problem with the user, yet names the
	// system's settings as the cause; 730 repeats the DNS rows' cause.
	{700, BE, User, 10, "DNS error 1", "DNS Error 1", "The MX or other records could not be looked up, so the domain cannot be resolved: a setting problem on the system side.", "MXレコード等の参照ができず、名前解決ができない システム側設定の問題"},
	{710, BE, User, 10, "DNS error 2", "DNS Error 2", "The MX or other records could not be looked up, so the domain cannot be resolved: a setting problem on the system side.", "MXレコード等の参照ができず、名前解決ができない システム側設定の問題"},

	{711, BE, User, 10, "DNS error 3", "DNS Error 3", "The MX or other records could not be looked up, so the domain cannot be resolved: a setting problem on the system side.", "MXレコード等の参照ができず、名前解決ができない システム側設定の問題"},
	{720, BE, User, 10, "DNS error 4", "DNS Error 4", "The MX or other records could not be looked up, so the domain cannot be resolved: a setting problem on the system side.", "MXレコード等の参照ができず、名前解決ができない システム側設定の問題"},
	{730, BE, User, 10, "Address loop (127.0.0.1)", "アドレスループ (127.0.0.1)", "The MX or other records could not be looked up, so the domain cannot be resolved: a setting problem on the system side.", "MXレコード等の参照ができず、名前解決ができない システム側設定の問題"},

	// The recipient's address and account.
	{800, BE, System, 0, "The MailTo address is malformed", "MailTo アドレスが異常", "The recipient address is not well formed; if it is, there may be a system fault.", "宛先メールアドレスの形式が不正 不正でない場合はシステム障害の可能性あり"},
	{801, BE, User, 5, "The user's account is disabled", "ユーザのアカウントが無効になっている", "Some matter between the end user and their carrier or provider.", "エンドユーザとキャリア、プロバイダ間での何かしらの事由"},
	{850, BE, User, 5, "The user refuses mail from the sending domain, so the mail cannot be delivered", "ユーザ側でドメイン拒否設定を行っており、メールが届けられない", "The end user has set up rejection of mail by domain.", "エンドユーザ側でドメイン拒否設定を行っている。"},
}
