package bot

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// When Discord refuses a post (403: Missing Access 50001, Missing Permissions 50013), the member
// who asked learns why, privately where Discord allows it, and the log names the channel and the
// permission, so whoever runs the server can fix it.

// postPermissions are what a reply in a channel needs: see the channel, post in it (or in its
// threads), embed the answer, and reply to the question (which quotes message history).
var postPermissions = []struct {
	bit  int64
	name string
}{
	{discordgo.PermissionViewChannel, "View Channel"},
	{discordgo.PermissionSendMessages, "Send Messages"},
	{discordgo.PermissionSendMessagesInThreads, "Send Messages in Threads"},
	{discordgo.PermissionEmbedLinks, "Embed Links"},
	{discordgo.PermissionReadMessageHistory, "Read Message History"},
}

// refusalNoteEvery bounds the private notes about refused posts to one per member in this time: a
// member who keeps asking in a locked channel should not get a DM each time.
const refusalNoteEvery = time.Hour

// refused reports whether err is Discord refusing the bot a post for want of access or permission.
func refused(err error) bool {
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) {
		return false
	}
	if rest.Message != nil && (rest.Message.Code == discordgo.ErrCodeMissingPermissions || rest.Message.Code == discordgo.ErrCodeMissingAccess) {
		return true
	}
	return rest.Response != nil && rest.Response.StatusCode == http.StatusForbidden
}

// missingPermissions names what the bot lacks in channelID, from the gateway's cached state. When
// the state cannot tell, it says so: Discord's error does not name the permission.
func (b *Bot) missingPermissions(r responder, channelID string) string {
	self, _ := b.botID.Load().(string)
	st := stateOf(r)
	if st == nil || self == "" {
		return unknownPermission
	}
	have, err := st.UserChannelPermissions(self, channelID)
	if err != nil {
		return unknownPermission
	}
	var missing []string
	inThread := false
	if ch, err := st.Channel(channelID); err == nil && ch.IsThread() {
		inThread = true
	}
	for _, p := range postPermissions {
		if (p.bit == discordgo.PermissionSendMessages && inThread) || (p.bit == discordgo.PermissionSendMessagesInThreads && !inThread) {
			continue
		}
		if have&p.bit == 0 {
			missing = append(missing, p.name)
		}
	}
	if len(missing) == 0 {
		return unknownPermission
	}
	return strings.Join(missing, ", ")
}

const unknownPermission = "one of Send Messages, Embed Links, Read Message History (Discord does not say which)"

// stateOf is the gateway state behind r, nil when r is not a session.
func stateOf(r responder) *discordgo.State {
	if w, ok := r.(watched); ok {
		r = w.responder
	}
	if s, ok := r.(*discordgo.Session); ok {
		return s.State
	}
	return nil
}

// postRefused handles Discord refusing the bot's reply to m: it logs the channel and the missing
// permission and tells the author in a DM, at most once per refusalNoteEvery.
func (b *Bot) postRefused(r responder, m *discordgo.Message, err error) {
	missing := b.missingPermissions(r, m.ChannelID)
	b.lg.Warn("discord refused the bot's reply: grant the permission in that channel",
		"guild", m.GuildID, "channel", m.ChannelID, "missing", missing, "error", err)
	if ok, _ := b.refusalNoted.allow(m.Author.ID); !ok {
		return
	}
	dm, err := r.UserChannelCreate(m.Author.ID)
	if err != nil {
		b.lg.Info("could not open a DM to explain a refused reply", "error", err)
		return
	}
	_, err = r.ChannelMessageSendComplex(dm.ID, &discordgo.MessageSend{
		Content:         refusedNote("<#"+m.ChannelID+">", missing, b.messageLang(r, m)),
		AllowedMentions: noMentions(),
	})
	if err != nil {
		b.lg.Info("could not DM the note about a refused reply", "error", err)
	}
}

// interactionRefused logs Discord refusing an interaction's public answer, naming the channel and
// the permission.
func (b *Bot) interactionRefused(r responder, ic *discordgo.InteractionCreate, err error) {
	b.lg.Warn("discord refused the bot's answer: grant the permission in that channel", "interaction", ic.ID,
		"guild", ic.GuildID, "channel", ic.ChannelID, "missing", b.missingPermissions(r, ic.ChannelID), "error", err)
}

// refusedNote tells a member why their question got no answer in where.
func refusedNote(where, missing string, l lang) string {
	return fmt.Sprintf(text{"I couldn't answer your question in %s: Discord doesn't let me post there (missing: **%s**). " +
		"A server moderator can grant that. Meanwhile, ask me here or with `/ask`.",
		"Я не зміг відповісти на ваше питання в %s: Discord не дозволяє мені там писати (бракує: **%s**). " +
			"Модератор сервера може це надати. А поки запитайте мене тут або через `/запитати`."}.in(l), where, missing)
}

// txtRefusedInteraction is the private note when Discord refuses an interaction's public answer.
var txtRefusedInteraction = text{"Discord didn't let me post that answer in this channel (a missing permission). " +
	"Try `/ask` with `private: True`, or ask me in a DM.",
	"Discord не дозволив мені опублікувати відповідь у цьому каналі (бракує дозволу). " +
		"Спробуйте `/запитати` з `приватно: True` або запитайте мене в особистих."}
