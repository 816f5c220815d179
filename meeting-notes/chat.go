package meetingnotes

import (
	"regexp"
	"strings"
)

// chatRE matches a Zoom chat line: a timestamp, the speaker and the text.
// Zoom separates the three with tabs; the 2024 archive has the tabs
// expanded to spaces and the HackMD export collapses them to one space, so
// any run of blanks is accepted. The speaker ends at the first colon that is
// followed by a blank or the end of the line.
var chatRE = regexp.MustCompile(`^(\d{1,2}:\d\d:\d\d)([ \t]+)([^ \t:][^:]*?):(?:([ \t]+)(.*))?$`)

// ChatMessage is one message of the Zoom chat copied into a meeting's notes.
type ChatMessage struct {
	Time    string `json:"time"`
	Speaker string `json:"speaker"`
	// Text is the message without the "Replying to" quote; the lines that
	// followed the chat line (multi-line messages, code blocks) are joined
	// with "\n".
	Text string `json:"text"`
	// ReplyTo is the quoted start of the message this one answers, as Zoom
	// wrote it (usually cut to 20 characters plus "...").
	ReplyTo string `json:"replyTo"`
	Line    int    `json:"line"`
}

// parseChatLine splits a chat line; ok is false for any other line.
func parseChatLine(s string) (time, speaker, text string, ok bool) {
	m := chatRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", false
	}
	return m[1], strings.TrimSpace(m[3]), m[5], true
}

// canonicalChatLine rewrites a chat line whose separators the HackMD export
// collapsed to single spaces into Zoom's tab-separated form. Lines that
// already use tabs, or spaces from tab expansion (the 2024 archive), are left
// alone: they are already in an archive layout and must round-trip.
func canonicalChatLine(s string) string {
	m := chatRE.FindStringSubmatch(s)
	if m == nil || m[2] != " " || (m[4] != "" && m[4] != " ") {
		return s
	}
	if m[4] == "" && m[5] == "" {
		return m[1] + "\t" + m[3] + ":"
	}
	return m[1] + "\t" + m[3] + ":\t" + m[5]
}

const (
	replyPrefix        = "Replying to \""
	maxReplyLookback   = 200
	maxQuoteCandidates = 8
)

// splitReply separates Zoom's `Replying to "quote" text` prefix. The quote
// may itself contain double quotes, so the end of the quote is found by
// preferring, in order: a quote that is the start of an earlier message,
// Zoom's truncation marker `..."`, and the first `"` followed by a blank or
// the end of the text.
func splitReply(text string, earlier []*ChatMessage) (reply, rest string) {
	if !strings.HasPrefix(text, replyPrefix) {
		return "", text
	}
	body := text[len(replyPrefix):]
	cands := closingQuotes(body)
	if len(cands) == 0 {
		return "", text
	}
	// Bound the search so hostile input (thousands of quotes and replies)
	// stays linear: replies quote recent messages, and a quote rarely
	// contains more than a few double quotes.
	if len(earlier) > maxReplyLookback {
		earlier = earlier[len(earlier)-maxReplyLookback:]
	}
	if len(cands) > maxQuoteCandidates {
		cands = cands[:maxQuoteCandidates]
	}
	pick := quoteOfEarlier(body, cands, earlier)
	if pick < 0 {
		pick = truncatedQuote(body, cands)
	}
	if pick < 0 {
		pick = cands[0]
	}
	return body[:pick], strings.TrimLeft(body[pick+1:], " \t")
}

// closingQuotes returns the indexes of the double quotes in body that can
// close a quote: followed by a blank or the end.
func closingQuotes(body string) []int {
	var cands []int
	for i := 0; i < len(body); i++ {
		if body[i] == '"' && (i+1 == len(body) || body[i+1] == ' ' || body[i+1] == '\t') {
			cands = append(cands, i)
		}
	}
	return cands
}

// quoteOfEarlier returns the last candidate whose quote starts an earlier
// message, or -1.
func quoteOfEarlier(body string, cands []int, earlier []*ChatMessage) int {
	for j := len(cands) - 1; j >= 0; j-- {
		q := strings.TrimSuffix(body[:cands[j]], "...")
		if q == "" {
			continue
		}
		for _, m := range earlier {
			if strings.HasPrefix(m.Text, q) {
				return cands[j]
			}
		}
	}
	return -1
}

// truncatedQuote returns the first candidate after Zoom's truncation
// marker "...", or -1.
func truncatedQuote(body string, cands []int) int {
	for _, c := range cands {
		if strings.HasSuffix(body[:c], "...") {
			return c
		}
	}
	return -1
}
