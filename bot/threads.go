package bot

import (
	"github.com/bwmarrin/discordgo"
)

// Threads and forums. ANSWER_CHANNELS covers the threads and forum posts under a listed channel.
// With Config.ThreadAnswers, a mention in a busy text channel is answered in a new thread named
// after the question, and the thread is the bot's: every later message there is a follow-up.
// A forum post, already a thread, is answered in place.

// threadArchiveMinutes is how long a thread the bot opens stays listed without activity: a day,
// one of the durations Discord accepts.
const threadArchiveMinutes = 1440

// maxThreadName is Discord's limit on a thread's name.
const maxThreadName = 100

// channelInfo is what the bot knows of a channel: from the gateway's state, else from Discord,
// remembered. A channel Discord will not show is remembered as unknown (nil), not asked again.
func (b *Bot) channelInfo(r responder, id string) *discordgo.Channel {
	if st := stateOf(r); st != nil {
		if c, err := st.Channel(id); err == nil {
			return c
		}
	}
	if c, ok := b.channelCache.get(id); ok {
		return c
	}
	c, err := r.Channel(id)
	if err != nil {
		b.lg.Debug("look up channel", "channel", id, "error", err)
		c = nil
	}
	b.channelCache.put(id, c)
	return c
}

// inAnswerChannel reports whether channelID is an answer channel, or a thread or forum post
// under one.
func (b *Bot) inAnswerChannel(r responder, channelID string) bool {
	if len(b.channels) == 0 {
		return false
	}
	if b.channels[channelID] {
		return true
	}
	c := b.channelInfo(r, channelID)
	return c != nil && c.IsThread() && b.channels[c.ParentID]
}

// openThread starts a public thread on m named after question, for the answer, when the setting
// asks for it and m stands in a plain text channel (a thread or forum post is answered in place).
// It returns the thread's id, or "" to answer in place.
func (b *Bot) openThread(r responder, m *discordgo.Message, question string) string {
	if !b.cfg.ThreadAnswers || m.GuildID == "" || m.MessageReference != nil {
		return ""
	}
	c := b.channelInfo(r, m.ChannelID)
	if c == nil || c.Type != discordgo.ChannelTypeGuildText {
		return ""
	}
	name := clipWords(plainUser(question), maxThreadName)
	if name == "" {
		name = "Question"
	}
	th, err := r.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{Name: name, AutoArchiveDuration: threadArchiveMinutes})
	if err != nil {
		b.lg.Warn("could not open a thread for the answer; answering in the channel", "channel", m.ChannelID, "error", err)
		return ""
	}
	return th.ID
}
