package bot

import (
	"context"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// MinChannelConfidence is how sure the engine must be before the bot speaks up, unasked, in an
// answer channel: a wrong unprompted answer costs more than silence. The answer must also be
// confident (index.Answer.Confident), and the engine's own bar for that is higher today (0.67),
// so this is a floor under it for an engine that sets a lower one.
const MinChannelConfidence = 0.6

// messageTimeout bounds the work for one channel message; nobody waits longer for a reply.
const messageTimeout = 30 * time.Second

// followUpHint answers a reply to the bot that arrived without its text: Discord withholds the
// text of replies that do not ping the bot unless it has the privileged Message Content intent.
const followUpHint = "I can't read replies that don't mention me. To ask a follow-up, press **Follow up** " +
	"under my answer, or reply with a mention (@planbot …) and your question."

// hintEvery is how often one member is told followUpHint: a reply without text may be a "thanks",
// and repeating the hint under every one would be noise.
const hintEvery = 10 * time.Minute

// maxContextQuestion bounds the earlier question kept for follow-ups to a follow-up.
const maxContextQuestion = 400

// onMessage is the MessageCreate handler.
func (b *Bot) onMessage(ctx context.Context, s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil {
		return
	}
	b.handleMessage(withWay(ctx, WayMessage), b.watch(s, ""), b.selfID(s), m.Message)
}

// selfID is the bot's user id: from Ready, else from the session's state.
func (b *Bot) selfID(s *discordgo.Session) string {
	if id, _ := b.botID.Load().(string); id != "" {
		return id
	}
	if s == nil || s.State == nil {
		return ""
	}
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.User != nil {
		return s.State.User.ID
	}
	return ""
}

// replyMode says how a channel message is answered.
type replyMode int

const (
	replyIgnore      replyMode = iota
	replyAlways                // asked directly: mention, DM or reply to the bot; always reply
	replyIfConfident           // an answer channel: reply only when the engine is confident
)

// handleMessage answers a channel message that asks the bot something: a mention, a DM, a reply
// to one of its answers (a follow-up, read with the earlier question as context), or a question
// in an answer channel. It never answers bots, itself, or @everyone without a real mention, and
// stays silent on acknowledgements ("thanks!", "ok", an emoji).
func (b *Bot) handleMessage(ctx context.Context, r responder, self string, m *discordgo.Message) {
	b.consider(ctx, r, self, m, false)
}

// handleEdit answers an edited message that now mentions the bot, once, if the bot has not
// answered it yet and it is recent: someone who forgot the mention adds it.
func (b *Bot) handleEdit(ctx context.Context, r responder, self string, m *discordgo.Message) {
	b.consider(ctx, r, self, m, true)
}

// editWindow is how old a message may be for an edit that adds the mention to be answered: older
// edits are corrections of settled conversations, and after a restart the bot no longer knows
// which of them it answered.
const editWindow = 15 * time.Minute

func (b *Bot) consider(ctx context.Context, r responder, self string, m *discordgo.Message, edited bool) {
	if m == nil || m.Author == nil || m.Author.Bot || self == "" || m.Author.ID == self {
		return
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return // joins, pins, thread starters…
	}
	defer func() {
		if p := recover(); p != nil {
			b.lg.Error("message handler panicked", "message", m.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, messageTimeout)
	defer cancel()

	dm := m.GuildID == ""
	mentioned := mentionsBot(m, self)
	if edited {
		created, err := discordgo.SnowflakeTimestamp(m.ID)
		if !mentioned || err != nil || b.now().Sub(created) > editWindow {
			return
		}
	}
	if mentioned || dm {
		// Answered once: the create and every later edit of one message share this mark.
		if _, seen := b.handled.get(m.ID); seen {
			return
		}
		b.handled.put(m.ID, true)
	}
	question := cleanInput(stripBotMention(messageText(m), self))
	earlier, replyToUs := "", false
	if !isForward(m) { // a forward quotes a message; it does not reply to it
		earlier, replyToUs = b.earlierQuestion(r, self, m, dm || mentioned || userListed(m.Mentions, self))
	}
	threadQuestion, inOurThread := b.threads.get(m.ChannelID) // a thread the bot opened for an answer
	if inOurThread && earlier == "" {
		earlier = threadQuestion
	}

	mode := replyIgnore
	switch {
	case edited:
		mode = replyAlways // an edit is answered only for a new mention
	case dm, mentioned, replyToUs, inOurThread:
		mode = replyAlways
	case !m.MentionEveryone && !massMention.MatchString(m.Content) && looksLikeQuestion(question) && b.inAnswerChannel(r, m.ChannelID):
		mode = replyIfConfident
	}
	if mode == replyIgnore {
		return
	}
	if question != "" && isSmallTalk(question) {
		return
	}
	if question == "" {
		if !mentioned && !dm {
			// A reply to an answer, delivered without its text (no Message Content intent, no ping):
			// it may well hold a question, so say how to ask rather than refuse it.
			if ok, _ := b.hinted.allow(m.Author.ID); ok {
				b.sendReply(r, m, message{Content: txtHint.in(b.messageLang(r, m))})
			}
			return
		}
		b.sendReply(r, m, message{Content: txtAskMe.in(b.messageLang(r, m))})
		return
	}
	if ok, wait := b.cooldown.allow(m.Author.ID); !ok {
		if mode == replyAlways {
			b.sendReply(r, m, message{Content: cooldownText(wait, b.messageLang(r, m))})
		}
		return
	}
	if mode == replyAlways {
		// Typing shows the question was heard; an error here is cosmetic.
		if err := r.ChannelTyping(m.ChannelID); err != nil {
			b.lg.Debug("typing indicator", "channel", m.ChannelID, "error", err)
		}
	}
	ans, err := b.engine.Answer(ctx, question, index.Options{Context: earlier})
	if err != nil {
		id := errorID()
		b.lg.Error("answer message", "error_id", id, "message", m.ID, "error", err)
		if mode == replyAlways {
			b.sendReply(r, m, message{Content: failureText(id, b.messageLang(r, m))})
		}
		return
	}
	b.logAnswer(ctx, ans, asked{Question: question, Context: earlier})
	if mode == replyAlways { // chatter in an answer channel was not put to the bot: not recorded
		b.rememberShown(m.ID, 0, ans)
		b.observeAnswer(ctx, m.GuildID, m.ChannelID, question, ans)
	}
	// Unasked, only a confident answer is worth interrupting a conversation for: never a tentative one.
	if mode == replyIfConfident && (!ans.Answered || !ans.Confident || ans.Confidence < MinChannelConfidence) {
		return
	}
	b.recent.put(m.ID, asked{Question: question, Context: earlier})
	follow := contextOf(asked{Question: question, Context: earlier})
	reply := answerMessage(ans, question, m.ID, 0, b.cfg.PublicURL, b.messageLang(r, m))
	thread := ""
	if mentioned && !inOurThread {
		thread = b.openThread(r, m, question)
	}
	var sent *discordgo.Message
	if thread != "" {
		sent = b.post(r, m, thread, false, reply)
		b.threads.put(thread, follow)
	} else {
		sent = b.sendReply(r, m, reply)
	}
	if inOurThread {
		b.threads.put(m.ChannelID, follow)
	}
	if sent != nil {
		b.answers.put(sent.ID, follow)
	}
}

// sendReply posts msg as a reply to m, without pinging anyone (the asker included).
func (b *Bot) sendReply(r responder, m *discordgo.Message, msg message) *discordgo.Message {
	return b.post(r, m, m.ChannelID, true, msg)
}

// post sends msg about m into channelID (m's channel, or the thread opened for it), as a reply to
// m when reply is set, without pinging anyone.
func (b *Bot) post(r responder, m *discordgo.Message, channelID string, reply bool, msg message) *discordgo.Message {
	msg = b.prepare(msg)
	send := &discordgo.MessageSend{
		Content:         msg.Content,
		Embeds:          msg.Embeds,
		Components:      msg.Components,
		AllowedMentions: noMentions(),
	}
	if reply {
		send.Reference = &discordgo.MessageReference{
			MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID,
			FailIfNotExists: ptr(false), // the question may be deleted meanwhile: still answer
		}
	}
	sent, err := r.ChannelMessageSendComplex(channelID, send)
	if refused(err) {
		b.postRefused(r, m, err)
		return nil
	}
	if err != nil {
		b.lg.Error("send reply", "channel", m.ChannelID, "message", m.ID, "error", err)
		return nil
	}
	return sent
}

// earlierQuestion reports whether m replies to one of the bot's messages and, if so, the question
// that message answered ("" when unknown). It looks in memory first, then at the referenced
// message, which it fetches only when Discord did not include it and the message is addressed to
// the bot (fetch), so a busy channel's replies to others cost no requests.
func (b *Bot) earlierQuestion(r responder, self string, m *discordgo.Message, fetch bool) (string, bool) {
	ref := m.MessageReference
	if ref == nil || ref.MessageID == "" {
		return "", false
	}
	if q, ok := b.answers.get(ref.MessageID); ok {
		return q, true
	}
	target := m.ReferencedMessage
	if target == nil && fetch {
		channel := ref.ChannelID
		if channel == "" {
			channel = m.ChannelID
		}
		got, err := r.ChannelMessage(channel, ref.MessageID)
		if err != nil {
			b.lg.Debug("fetch referenced message", "message", ref.MessageID, "error", err)
			return "", false
		}
		target = got
	}
	if target == nil || target.Author == nil || target.Author.ID != self {
		return "", false
	}
	q, _ := questionFromMessage(target)
	return q, true
}

func stripBotMention(content, self string) string {
	content = strings.ReplaceAll(content, "<@"+self+">", " ")
	content = strings.ReplaceAll(content, "<@!"+self+">", " ")
	return strings.TrimSpace(content)
}

func userListed(users []*discordgo.User, id string) bool {
	for _, u := range users {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

var massMention = regexp.MustCompile(`@(everyone|here)\b`)

// questionStarts are words that open a question when the question mark is left off.
var questionStarts = map[string]bool{
	"who": true, "what": true, "when": true, "where": true, "why": true, "how": true, "which": true,
	"whom": true, "whose": true, "is": true, "are": true, "does": true, "do": true, "did": true,
	"can": true, "could": true, "should": true, "would": true, "will": true, "was": true, "were": true,
	"has": true, "have": true,
}

// looksLikeQuestion: ends with "?" or starts with a question word, and has at least two words.
func looksLikeQuestion(s string) bool {
	words := strings.Fields(strings.ToLower(s))
	if len(words) < 2 {
		return false
	}
	if strings.HasSuffix(strings.TrimSpace(s), "?") {
		return true
	}
	return questionStarts[strings.Trim(words[0], ",.:;!")]
}
