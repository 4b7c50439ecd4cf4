package bot

import (
	"context"
	"fmt"
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
	l := interactionLang(ic)
	var cmds strings.Builder
	for _, spec := range commandTable() {
		c := spec.define()
		if spec.moderator && !b.isModerator(ic) {
			continue
		}
		if !spec.moderator {
			localize(c)
		}
		name, description := c.Name, c.Description
		if l == ukrainian && c.NameLocalizations != nil {
			name = (*c.NameLocalizations)[ukrainianLocale]
			if c.DescriptionLocalizations != nil {
				description = (*c.DescriptionLocalizations)[ukrainianLocale]
			}
		}
		if c.Type == discordgo.MessageApplicationCommand {
			cmds.WriteString(fmt.Sprintf(text{"• Right-click a message → Apps → **%s**: ask its text as a question\n",
				"• Клацніть правою кнопкою на повідомленні → Застосунки → **%s**: запитати його текст\n"}.in(l), name))
			continue
		}
		cmds.WriteString("• `/" + name + "` — " + description + "\n")
	}
	how := text{"Use `/ask`, mention me with your question, or send me a direct message. To follow up " +
		"(\"what about NATO?\"), press **Follow up** under an answer, or reply to it mentioning me.",
		"Скористайтеся `/запитати`, згадайте мене з питанням або напишіть мені в особисті. Щоб уточнити " +
			"(\"what about NATO?\"), натисніть **Уточнити** під відповіддю або дайте відповідь зі згадкою. " +
			"Мої джерела англійською, тож питайте англійською."}.in(l)
	if len(b.cfg.AnswerChannels) > 0 {
		how += text{" In the answer channels I also answer plain questions when I'm confident.",
			" У каналах для відповідей я також відповідаю на звичайні питання, коли впевнений."}.in(l)
	}
	e := &discordgo.MessageEmbed{
		Title: text{"planbot: the US peace plan for Ukraine, from the sources", "planbot: мирний план США для України — за джерелами"}.in(l),
		Color: colorAnswer,
		Description: text{"I answer questions about the November 2025 US 28-point peace plan for Ukraine " +
			"by quoting my source articles **word for word**, with numbered citations. I never write " +
			"answers of my own: when the sources don't say, I tell you so.",
			"Я відповідаю на питання про мирний план США з 28 пунктів для України (листопад 2025), " +
				"цитуючи статті-джерела **дослівно** (англійською), з нумерованими посиланнями. Я ніколи не пишу " +
				"власних відповідей: якщо джерела про це не кажуть, я так і скажу."}.in(l),
		Fields: []*discordgo.MessageEmbedField{
			{Name: text{"Commands", "Команди"}.in(l), Value: strings.TrimSpace(cmds.String())},
			{Name: text{"How to ask", "Як питати"}.in(l), Value: how},
			{Name: text{"Where answers come from", "Звідки відповіді"}.in(l), Value: text{"News articles and reference texts listed by `/sources`. " +
				"Matched words are **bold**; [1] points to the source listed under the answer. " +
				"Use 👍/👎 to tell the moderators how an answer did.",
				"Новинні статті та довідкові тексти зі списку `/джерела`. Знайдені слова виділено **жирним**; " +
					"[1] вказує на джерело під відповіддю. Натисніть 👍/👎, щоб повідомити модераторам, як вам відповідь."}.in(l)},
		},
	}
	return response{message: message{Embeds: []*discordgo.MessageEmbed{e}}, Ephemeral: true}, nil
}
