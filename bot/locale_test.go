package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// Every member command and its options carry Ukrainian names and descriptions that keep
// Discord's rules (the fake checks them); a bad localization is refused.
func TestE2ECommandsLocalized(t *testing.T) {
	isModerator := map[string]bool{}
	for _, n := range moderatorCommands {
		isModerator[n] = true
	}
	for name, c := range registered(t, "") {
		if isModerator[name] {
			continue
		}
		if str(c, "name_localizations", "uk") == "" {
			t.Errorf("%s has no Ukrainian name", name)
		}
		if str(c, "description") != "" && str(c, "description_localizations", "uk") == "" {
			t.Errorf("%s has no Ukrainian description", name)
		}
		opts, _ := dig(c, "options").([]any)
		for _, o := range opts {
			if str(o, "name_localizations", "uk") == "" || str(o, "description_localizations", "uk") == "" {
				t.Errorf("%s option %s is not localized", name, str(o, "name"))
			}
		}
	}
	bad := Commands()
	bad[0].NameLocalizations = &map[discordgo.Locale]string{ukrainianLocale: "Запитати"}
	body, _ := json.Marshal(bad)
	if discordtest.ValidateRequest("PUT", "/applications/"+discordtest.ApplicationID+"/commands", body) == nil {
		t.Error("an upper-case localized name passed validation")
	}
}

// A member whose client speaks Ukrainian gets the bot's own words in Ukrainian — buttons, the
// tentative header, help — and the excerpts verbatim in English.
func TestE2EUkrainianInteraction(t *testing.T) {
	e, eng := newFakeE2E(t, Config{})
	eng.answer = tentativeAnswer
	ic := askInteraction(t, snowflake(97, 1), "How big would the army be?")
	ic.Locale = ukrainianLocale
	body := e.interact(ic)
	d := str(body, "data", "embeds", 0, "description")
	if !strings.HasPrefix(d, txtTentative.uk) || !strings.Contains(d, "cap Ukraine's **army** at") {
		t.Errorf("description:\n%s", d)
	}
	var labels []string
	buttons, _ := dig(body, "data", "components", 0, "components").([]any)
	for _, b := range buttons {
		labels = append(labels, str(b, "label"))
	}
	if got := strings.Join(labels, "|"); got != "Ще|Джерела|Корисно|Не корисно|Уточнити" {
		t.Errorf("buttons %s", got)
	}
	expired := click(t, snowflake(97, 3), answerID(prefixSources, "1299999999999999999", 0))
	expired.Message.Embeds, expired.Locale = nil, ukrainianLocale
	if got := str(e.interact(expired), "data", "content"); got != txtExpired.uk {
		t.Errorf("expired button in Ukrainian: %q", got)
	}
	help := fixture(t, "ask.json")
	help.ID, help.Token, help.Locale = snowflake(97, 2), "token-help", ukrainianLocale
	help.Data = discordgo.ApplicationCommandInteractionData{ID: "600000000000000009", Name: "help", CommandType: discordgo.ChatApplicationCommand}
	h := e.interact(help)
	if title := str(h, "data", "embeds", 0, "title"); !strings.Contains(title, "мирний план") ||
		!strings.Contains(str(h, "data", "embeds", 0, "fields", 0, "value"), "`/запитати`") {
		t.Errorf("help in Ukrainian: %v", dig(h, "data", "embeds", 0))
	}
}

// A question in Ukrainian or Russian gets, in its language, a note that the sources are English,
// with questions that work — on the real engine.
func TestE2ECyrillicQuestionGetsANoteInItsLanguage(t *testing.T) {
	e := newE2E(t, Config{})
	for i, tc := range []struct{ question, want string }{
		{"Чи вступить Україна до НАТО?", noteUkrainian},
		{"Сможет ли Украина вступить в НАТО? Что будет с армией?", noteRussian},
	} {
		body := e.interact(askInteraction(t, snowflake(98, i+1), tc.question))
		d := str(body, "data", "embeds", 0, "description")
		if !strings.HasPrefix(d, tc.want) || !strings.Contains(d, "\n• ") {
			t.Errorf("%q:\n%s\n%v", tc.question, d, body)
		}
	}
}

// In a server whose preferred language is Ukrainian, a mention is answered with Ukrainian buttons.
func TestE2EServerLocaleForMentions(t *testing.T) {
	e, _ := newFakeE2E(t, Config{})
	if err := e.sess.State.GuildAdd(&discordgo.Guild{ID: guildID, PreferredLocale: string(ukrainianLocale)}); err != nil {
		t.Fatal(err)
	}
	e.say(toBot(snowflake(99, 1), "how big would the army be?"))
	sent := e.sentMessages()
	if len(sent) != 1 || str(sent[0].JSON, "components", 0, "components", 1, "label") != "Джерела" {
		t.Errorf("mention in a Ukrainian server: %v", sent)
	}
}
