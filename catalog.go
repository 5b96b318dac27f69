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

	// SMTP replies. The English is the reply text of RFC 5321; 551's row in
	// the table repeats 550's text.
	{250, 0, NoLocus, 0, "Requested mail action okay, completed", "Requested mail action okay, completed 要求された処理は実行可能完了", "Delivered.", "送信完了"},
	{500, LE | BE, System, 0, "Syntax error, command unrecognized", "Syntax error, command unrecognized 文法に間違いがあるため、コマンドが理解できない", "", ""},
	{501, LE | BE, User, 10, "Syntax error in parameters or arguments", "Syntax error in parameters or arguments 引数の文法に間違いがある", "", ""},
	{502, LE | BE, System, 0, "Command not implemented", "Command not implemented 指示されたコマンドはこのシステムには実装されていない", "Usually an invalid email address, in which case it is not a fault.", "メールアドレス不正の場合が多く、この場合は障害ではない。"},
	{503, LE | BE, System, 0, "Bad sequence of commands", "Bad sequence of commands コマンドの発行順序が間違っている", "", ""},
	{504, LE | BE, System, 0, "Command parameter not implemented", "Command parameter not implemented コマンドの引数が未定義", "", ""},
	{550, BE, User, 10, "Requested action not taken: mailbox unavailable", "Requested action not taken: mailbox unavailable メールボックスが利用できないため、要求された処理は実行不能", "The recipient does not exist, or the recipient's side is set to refuse the mail.", "宛先が存在しない、または相手側で受け取らない設定をしている。"},
	{551, BE, User, 10, "User not local; please try <forward-path>", "Requested action not taken: mailbox unavailable メールボックスが利用できないため、要求された処理は実行不能", "The recipient does not exist, or the recipient's side is set to refuse the mail.", "宛先が存在しない、または相手側で受け取らない設定をしている。"},
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

// enhancedCodes is the IANA registry "Simple Mail Transfer Protocol (SMTP)
// Enhanced Status Codes" (updated 2024-12-06), its enumerated codes X.0.0
// through X.7.30, with the document that defines each. The titles are the
// registry's sample texts; X.6.10 has none, being a deprecated duplicate of
// X.6.8, so its title says so.
var enhancedCodes = [...]enhancedCode{
	// Subject, Detail, Title, Reference
	{0, 0, "Other undefined Status", "RFC 3463"},

	{1, 0, "Other address status", "RFC 3463"},
	{1, 1, "Bad destination mailbox address", "RFC 3463"},
	{1, 2, "Bad destination system address", "RFC 3463"},
	{1, 3, "Bad destination mailbox address syntax", "RFC 3463"},
	{1, 4, "Destination mailbox address ambiguous", "RFC 3463"},
	{1, 5, "Destination address valid", "RFC 3463"},
	{1, 6, "Destination mailbox has moved, No forwarding address", "RFC 3463"},
	{1, 7, "Bad sender's mailbox address syntax", "RFC 3463"},
	{1, 8, "Bad sender's system address", "RFC 3463"},
	{1, 9, "Message relayed to non-compliant mailer", "RFC 3886"},
	{1, 10, "Recipient address has null MX", "RFC 7505"},

	{2, 0, "Other or undefined mailbox status", "RFC 3463"},
	{2, 1, "Mailbox disabled, not accepting messages", "RFC 3463"},
	{2, 2, "Mailbox full", "RFC 3463"},
	{2, 3, "Message length exceeds administrative limit", "RFC 3463"},
	{2, 4, "Mailing list expansion problem", "RFC 3463"},

	{3, 0, "Other or undefined mail system status", "RFC 3463"},
	{3, 1, "Mail system full", "RFC 3463"},
	{3, 2, "System not accepting network messages", "RFC 3463"},
	{3, 3, "System not capable of selected features", "RFC 3463"},
	{3, 4, "Message too big for system", "RFC 3463"},
	{3, 5, "System incorrectly configured", "RFC 3463"},
	{3, 6, "Requested priority was changed", "RFC 6710"},

	{4, 0, "Other or undefined network or routing status", "RFC 3463"},
	{4, 1, "No answer from host", "RFC 3463"},
	{4, 2, "Bad connection", "RFC 3463"},
	{4, 3, "Directory server failure", "RFC 3463"},
	{4, 4, "Unable to route", "RFC 3463"},
	{4, 5, "Mail system congestion", "RFC 3463"},
	{4, 6, "Routing loop detected", "RFC 3463"},
	{4, 7, "Delivery time expired", "RFC 3463"},

	{5, 0, "Other or undefined protocol status", "RFC 3463"},
	{5, 1, "Invalid command", "RFC 3463"},
	{5, 2, "Syntax error", "RFC 3463"},
	{5, 3, "Too many recipients", "RFC 3463"},
	{5, 4, "Invalid command arguments", "RFC 3463"},
	{5, 5, "Wrong protocol version", "RFC 3463"},
	{5, 6, "Authentication Exchange line is too long", "RFC 4954"},

	{6, 0, "Other or undefined media error", "RFC 3463"},
	{6, 1, "Media not supported", "RFC 3463"},
	{6, 2, "Conversion required and prohibited", "RFC 3463"},
	{6, 3, "Conversion required but not supported", "RFC 3463"},
	{6, 4, "Conversion with loss performed", "RFC 3463"},
	{6, 5, "Conversion Failed", "RFC 3463"},
	{6, 6, "Message content not available", "RFC 4468"},
	{6, 7, "Non-ASCII addresses not permitted for that sender/recipient", "RFC 6531"},
	{6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client", "RFC 6531"},
	{6, 9, "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected", "RFC 6531"},
	{6, 10, "Duplicate of X.6.8 (deprecated)", "RFC 6531"},

	{7, 0, "Other or undefined security status", "RFC 3463"},
	{7, 1, "Delivery not authorized, message refused", "RFC 3463"},
	{7, 2, "Mailing list expansion prohibited", "RFC 3463"},
	{7, 3, "Security conversion required but not possible", "RFC 3463"},
	{7, 4, "Security features not supported", "RFC 3463"},
	{7, 5, "Cryptographic failure", "RFC 3463"},
	{7, 6, "Cryptographic algorithm not supported", "RFC 3463"},
	{7, 7, "Message integrity failure", "RFC 3463"},
	{7, 8, "Authentication credentials invalid", "RFC 4954"},
	{7, 9, "Authentication mechanism is too weak", "RFC 4954"},
	{7, 10, "Encryption Needed", "RFC 5248"},
	{7, 11, "Encryption required for requested authentication mechanism", "RFC 4954"},
	{7, 12, "A password transition is needed", "RFC 4954"},
	{7, 13, "User Account Disabled", "RFC 5248"},
	{7, 14, "Trust relationship required", "RFC 5248"},
	{7, 15, "Priority Level is too low", "RFC 6710"},
	{7, 16, "Message is too big for the specified priority", "RFC 6710"},
	{7, 17, "Mailbox owner has changed", "RFC 7293"},
	{7, 18, "Domain owner has changed", "RFC 7293"},
	{7, 19, "RRVS test cannot be completed", "RFC 7293"},
	{7, 20, "No passing DKIM signature found", "RFC 7372"},
	{7, 21, "No acceptable DKIM signature found", "RFC 7372"},
	{7, 22, "No valid author-matched DKIM signature found", "RFC 7372"},
	{7, 23, "SPF validation failed", "RFC 7372"},
	{7, 24, "SPF validation error", "RFC 7372"},
	{7, 25, "Reverse DNS validation failed", "RFC 7372"},
	{7, 26, "Multiple authentication checks failed", "RFC 7372"},
	{7, 27, "Sender address has null MX", "RFC 7505"},
	{7, 28, "Mail flood detected", "draft-levine-mailbomb-header"},
	{7, 29, "ARC validation failure", "RFC 8617"},
	{7, 30, "REQUIRETLS support required", "RFC 8689"},
}

// enhancedSubjects are the registry's subject sub-codes X.0.XXX … X.7.XXX,
// all defined in RFC 3463.
var enhancedSubjects = [...]string{
	0: "Other or Undefined Status",
	1: "Addressing Status",
	2: "Mailbox Status",
	3: "Mail System Status",
	4: "Network and Routing Status",
	5: "Mail Delivery Protocol Status",
	6: "Message Content or Media Status",
	7: "Security or Policy Status",
}

// enhancedClasses are the registry's class sub-codes, defined in RFC 3463.
var enhancedClasses = [...]string{
	2: "Success",
	4: "Persistent Transient Failure",
	5: "Permanent Failure",
}
