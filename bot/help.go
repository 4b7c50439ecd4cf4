package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

func helpCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "help",
		Description: "What planbot can do, how to ask, and where its answers come from",
	}
}

// help answers /help, privately. The command list is read from the command table, so it cannot
// fall out of date.
func (b *Bot) help(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	var cmds strings.Builder
	for _, spec := range commandTable() {
		c := spec.define()
		if spec.moderator && !b.isModerator(ic) {
			continue
		}
		if c.Type == discordgo.MessageApplicationCommand {
			cmds.WriteString("• Right-click a message → Apps → **" + c.Name + "**: ask its text as a question\n")
			continue
		}
		cmds.WriteString("• `/" + c.Name + "` — " + c.Description + "\n")
	}
	how := "Use `/ask`, mention me with your question, or send me a direct message. To follow up " +
		"(\"what about NATO?\"), press **Follow up** under an answer, or reply to it mentioning me."
	if len(b.cfg.AnswerChannels) > 0 {
		how += " In the answer channels I also answer plain questions when I'm confident."
	}
	e := &discordgo.MessageEmbed{
		Title: "planbot: the US peace plan for Ukraine, from the sources",
		Color: colorAnswer,
		Description: "I answer questions about the November 2025 US 28-point peace plan for Ukraine " +
			"by quoting my source articles **word for word**, with numbered citations. I never write " +
			"answers of my own: when the sources don't say, I tell you so.",
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Commands", Value: strings.TrimSpace(cmds.String())},
			{Name: "How to ask", Value: how},
			{Name: "Where answers come from", Value: "News articles and reference texts listed by `/sources`. " +
				"Matched words are **bold**; [1] points to the source listed under the answer. " +
				"Use 👍/👎 to tell the moderators how an answer did."},
		},
	}
	return response{message: message{Embeds: []*discordgo.MessageEmbed{e}}, Ephemeral: true}, nil
}
