// Package benchlog makes the delivery-result log that the benchmarks and
// some tests of this module read, so that benchmarks in different packages
// measure the same input.
package benchlog

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Lines makes a realistic delivery-result log of n lines, the same every
// time: mostly deliveries, SMTP 5xx replies with RFC 3463 codes and addresses,
// Japanese messages, 6xx timeouts, the service's negative codes, and a few
// codes the catalog does not list.
func Lines(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	users := []string{"taro", "hanako", "ichiro", "yuki.sato", "k-tanaka", "info", "support+news"}
	domains := []string{"example.jp", "example.co.jp", "example.ne.jp", "example.com", "mail.example.org"}
	addr := func() string {
		return users[rng.IntN(len(users))] + strconv.Itoa(rng.IntN(1000)) + "@" + domains[rng.IntN(len(domains))]
	}
	lines := make([]string, n)
	for i := range lines {
		switch k := rng.IntN(100); {
		case k < 55:
			lines[i] = fmt.Sprintf("250 - 2.0.0 Ok: queued as %X", rng.Uint64())
		case k < 70:
			lines[i] = fmt.Sprintf("550 BE 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table", addr())
		case k < 74:
			lines[i] = fmt.Sprintf("552 BE 5.2.2 <%s>: Mailbox full", addr())
		case k < 78:
			lines[i] = "554 BE 5.7.1 Service unavailable; Client host [192.0.2." + strconv.Itoa(rng.IntN(256)) + "] blocked using zen.example.org"
		case k < 82:
			lines[i] = fmt.Sprintf("850 BE <%s> ユーザ側でドメイン拒否設定を行っているため配信できませんでした", addr())
		case k < 86:
			lines[i] = fmt.Sprintf("801 BE <%s> このアカウントは現在ご利用いただけません", addr())
		case k < 93:
			lines[i] = fmt.Sprintf("%d LE connection timed out after %d seconds", []int{640, 641, 643, 645, 682}[rng.IntN(5)], 30+rng.IntN(300))
		case k < 96:
			lines[i] = "-502 LE Maybe forwarding <" + addr() + ">"
		case k < 98:
			lines[i] = "421 BE 4.7.0 Temporary System Problem. Try again later (10)."
		default:
			lines[i] = "-3 LE memory allocation failed"
		}
	}
	return lines
}

// Log returns Lines(n) as a log: each line ending in "\n".
func Log(n int) string {
	return strings.Join(Lines(n), "\n") + "\n"
}
