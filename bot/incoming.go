package bot

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
)

// What a channel message says to the bot, read the way Discord itself reads it.

// mentionsBot reports a real mention of the bot: Discord lists the bot among the message's
// mentions, and <@id> or <@!id> stands in its text outside code. Both are needed: a reply lists
// the author it pings without the text naming them (no question to the bot), and a mention
// inside `code` or a code block is shown as text, pings nobody and is not listed.
func mentionsBot(m *discordgo.Message, self string) bool {
	if !userListed(m.Mentions, self) {
		return false
	}
	text := withoutCode(m.Content)
	return strings.Contains(text, "<@"+self+">") || strings.Contains(text, "<@!"+self+">")
}

// withoutCode blanks out Discord's code spans and code blocks: a run of n backticks up to the
// next run of exactly n. A run with no partner is literal text, as Discord renders it.
func withoutCode(s string) string {
	if !strings.Contains(s, "`") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '`' {
			b.WriteByte(s[i])
			i++
			continue
		}
		n := backticks(s[i:])
		end := closingRun(s, i+n, n)
		if end < 0 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteByte(' ')
		i = end + n
	}
	return b.String()
}

func backticks(s string) int {
	n := 0
	for n < len(s) && s[n] == '`' {
		n++
	}
	return n
}

// closingRun is the index of the next run of exactly n backticks at or after from, or -1.
func closingRun(s string, from, n int) int {
	for i := from; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		run := backticks(s[i:])
		if run == n {
			return i
		}
		i += run
	}
	return -1
}

// isForward reports a forwarded message: its text is in the snapshot, and it replies to nothing.
func isForward(m *discordgo.Message) bool {
	return m.MessageReference != nil && m.MessageReference.Type == discordgo.MessageReferenceTypeForward
}

// messageText is what a message says: its content, or for a forward the forwarded message's.
func messageText(m *discordgo.Message) string {
	if m == nil {
		return ""
	}
	if isForward(m) {
		for _, s := range m.MessageSnapshots {
			if s.Message != nil && strings.TrimSpace(s.Message.Content) != "" {
				return s.Message.Content
			}
		}
	}
	return m.Content
}

// acknowledgements are the short things people say to close a conversation, in general English
// (and in Ukrainian and Russian, for the readers this bot has): thanks, agreement, laughter. They
// are not questions, so they get no answer and no record.
var acknowledgements = map[string]bool{
	"thanks": true, "thank you": true, "thank u": true, "thx": true, "ty": true, "tysm": true,
	"thanks a lot": true, "many thanks": true, "cheers": true, "ta": true,
	"ok": true, "okay": true, "k": true, "kk": true, "got it": true, "i see": true, "makes sense": true, "understood": true,
	"cool": true, "nice": true, "great": true, "good": true, "perfect": true, "awesome": true,
	"interesting": true, "wow": true, "yes": true, "no": true, "yep": true, "yeah": true, "nope": true,
	"sure": true, "right": true, "fair": true, "fair enough": true, "np": true, "no problem": true,
	"lol": true, "lmao": true, "haha": true, "hahaha": true, "heh": true, "rofl": true,
	"good bot": true, "nice bot": true, "bye": true, "hi": true, "hello": true, "hey": true,
	"thank you so much": true, "thanks so much": true, "thank you very much": true,
	"дякую": true, "спасибі": true, "добре": true, "зрозуміло": true, "ок": true,
	"спасибо": true, "хорошо": true, "понятно": true, "ясно": true,
}

// customEmoji is a server emoji as it stands in text: <:name:id> or, animated, <a:name:id>.
var customEmoji = regexp.MustCompile(`<a?:\w+:\d+>`)

// isSmallTalk reports text that is only an acknowledgement or greeting, or holds no letters or
// digits at all (emoji, custom emoji, punctuation), so the bot need not answer it.
func isSmallTalk(text string) bool {
	text = customEmoji.ReplaceAllString(text, " ")
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	if len(words) == 0 {
		return true
	}
	if strings.HasSuffix(strings.TrimSpace(text), "?") {
		return false // "ok?" or "thanks?" asks something
	}
	return allAcknowledgements(words)
}

// allAcknowledgements reports whether words split wholly into acknowledgements ("ok got it",
// "thanks lol"): ok[i] says whether words[:i] does.
func allAcknowledgements(words []string) bool {
	ok := make([]bool, len(words)+1)
	ok[0] = true
	for i := 1; i <= len(words); i++ {
		for j := max(0, i-4); j < i && !ok[i]; j++ { // phrases are at most four words
			ok[i] = ok[j] && acknowledgements[strings.Join(words[j:i], " ")]
		}
	}
	return ok[len(words)]
}
