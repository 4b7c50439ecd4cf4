package bot

import (
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
)

// Languages. This story's readers are often Ukrainian: the bot's own words (buttons, headers,
// refusals, hints, help) and its commands' names and descriptions come in Ukrainian too, following
// the interaction's locale or, for channel messages, the server's preferred locale. Excerpts stay
// verbatim in their source language.

// lang is a language the bot speaks.
type lang int

const (
	english lang = iota
	ukrainian
)

// ukrainianLocale is Discord's locale for Ukrainian.
const ukrainianLocale = discordgo.Ukrainian

// langOf is the language of a Discord locale: Ukrainian for "uk", English otherwise.
func langOf(l discordgo.Locale) lang {
	if l == ukrainianLocale {
		return ukrainian
	}
	return english
}

// interactionLang is the language of the member's client.
func interactionLang(ic *discordgo.InteractionCreate) lang { return langOf(ic.Locale) }

// messageLang is the server's preferred language, from the gateway's state (English in DMs or
// when unknown): a message carries no locale of its own.
func (b *Bot) messageLang(r responder, m *discordgo.Message) lang {
	st := stateOf(r)
	if st == nil || m.GuildID == "" {
		return english
	}
	g, err := st.Guild(m.GuildID)
	if err != nil {
		return english
	}
	return langOf(discordgo.Locale(g.PreferredLocale))
}

// text is one of the bot's own sentences, in each language.
type text struct{ en, uk string }

func (t text) in(l lang) string {
	if l == ukrainian {
		return t.uk
	}
	return t.en
}

// The bot's words.
var (
	txtMore          = text{"More", "Ще"}
	txtSources       = text{"Sources", "Джерела"}
	txtHelpful       = text{"Helpful", "Корисно"}
	txtNotHelpful    = text{"Not helpful", "Не корисно"}
	txtFollowUp      = text{"Follow up", "Уточнити"}
	txtTentative     = text{tentativeHeader, "*Мої джерела можуть не відповідати на це точно — найближче:*"}
	txtCanAnswer     = text{"Questions my sources can answer:", "Питання, на які мої джерела відповідають (англійською):"}
	txtYourQuestion  = text{"Your question", "Ваше питання"}
	txtWhyEmpty      = text{"I didn't find a question in that. Ask in words, for example: *What does the plan say about NATO?*", "Я не знайшов у цьому питання. Запитайте словами, наприклад: *What does the plan say about NATO?*"}
	txtWhyTooLong    = text{"That question is too long for me (at most %d characters). Please ask something shorter.", "Це питання задовге для мене (не більше %d символів). Будь ласка, запитайте коротше."}
	txtWhyNoTerms    = text{"I couldn't find any words to look up in that. I read English questions about the US peace plan for Ukraine.", "Я не знайшов у цьому слів для пошуку. Я читаю англійські питання про мирний план США для України."}
	txtWhyNotCovered = text{"My sources don't answer that, so I won't guess. I only quote what the articles say about the November 2025 US peace plan for Ukraine.", "Мої джерела на це не відповідають, тож я не вгадуватиму. Я лише цитую, що пишуть статті про мирний план США для України (листопад 2025)."}
	txtHint          = text{followUpHint, "Я не можу прочитати відповіді, у яких мене не згадано. Щоб уточнити, натисніть **Уточнити** під моєю відповіддю або дайте відповідь зі згадкою (@planbot …) і своїм питанням."}
	txtAskMe         = text{"Ask me something about the US peace plan for Ukraine, e.g. *What does the plan say about NATO?* — or see `/help`.", "Запитайте мене про мирний план США для України, наприклад *What does the plan say about NATO?*, або дивіться `/help`."}
	txtModalTitle    = text{"Follow-up question", "Уточнювальне питання"}
	txtModalLabel    = text{"Your follow-up", "Ваше уточнення"}
	txtModalAfter    = text{"After: ", "Після: "}
	txtThanksUp      = text{"Thanks, glad it helped.", "Дякую, радий, що це допомогло."}
	txtThanksDown    = text{"Thanks for telling me. A moderator can use this to improve the sources.", "Дякую, що сказали. Модератор може використати це, щоб покращити джерела."}
	txtVotedAlready  = text{"You already told me that — one vote per answer. Press the other button to change it.", "Ви вже це сказали — один голос на відповідь. Натисніть іншу кнопку, щоб змінити його."}
)

// The note for a question in Ukrainian or Russian: the sources are English, so say so, in the
// question's language, and suggest questions that work.
var (
	noteUkrainian = "Мої джерела — англомовні статті, і я цитую їх дослівно, тож шукаю лише англійською. " +
		"Спробуйте запитати англійською, наприклад:"
	noteRussian = "Мои источники — статьи на английском, и я цитирую их дословно, поэтому ищу только по-английски. " +
		"Попробуйте спросить по-английски, например:"
)

// Question and function words that only one of the two languages has: general Ukrainian and
// Russian, to tell them apart when no letter of their own shows.
var (
	ukrainianWords = map[string]bool{"що": true, "як": true, "чи": true, "це": true, "де": true, "коли": true,
		"скільки": true, "хто": true, "буде": true, "чому": true, "який": true, "яка": true, "які": true, "та": true}
	russianWords = map[string]bool{"что": true, "как": true, "ли": true, "это": true, "где": true, "когда": true,
		"сколько": true, "кто": true, "будет": true, "почему": true, "какой": true, "какая": true, "какие": true, "с": true}
)

// cyrillicNote is the note for a question written mostly in Cyrillic, in Ukrainian or Russian as
// the letters tell (і, ї, є, ґ are Ukrainian; ы, э, ъ, ё Russian) or else the question words do
// (Ukrainian when nothing tells), or "" for a question in another script.
func cyrillicNote(question string) string {
	cyr, letters, ru, uk := 0, 0, 0, 0
	for _, w := range lowerWords(question) {
		if ukrainianWords[w] {
			uk++
		}
		if russianWords[w] {
			ru++
		}
	}
	for _, r := range strings.ToLower(question) {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(unicode.Cyrillic, r) {
			cyr++
		}
		switch r {
		case 'і', 'ї', 'є', 'ґ':
			uk++
		case 'ы', 'э', 'ъ', 'ё':
			ru++
		}
	}
	if letters == 0 || cyr*2 < letters {
		return ""
	}
	if ru > uk {
		return noteRussian
	}
	return noteUkrainian
}

// localized is a command's or option's Ukrainian name and description.
type localized struct {
	name, description string
	options           map[string]localized
}

// ukrainianCommands localizes every member command and its options. Chat command and option names
// follow Discord's rule (lower case, letters, digits, - and _); a message command's may have spaces.
var ukrainianCommands = map[string]localized{
	"ask": {"запитати", "Запитайте про мирний план США для України (листопад 2025); відповідаю цитатами з джерел",
		map[string]localized{
			"question": {"питання", "Ваше питання (джерела англійською), напр. What does the plan say about NATO?", nil},
			"private":  {"приватно", "Показати відповідь лише вам", nil},
		}},
	"search": {"пошук", "Шукати у статтях-джерелах і показати відповідні уривки",
		map[string]localized{
			"query":  {"запит", "Слова для пошуку (англійською), напр. security guarantees", nil},
			"source": {"джерело", "Лише в цьому документі", nil},
			"page":   {"сторінка", "Сторінка результатів (5 уривків на сторінці)", nil},
		}},
	"sources":     {"джерела", "Документи, з яких походять мої відповіді", nil},
	"source":      {"джерело", "Показати документ-джерело: звідки він і як починається", map[string]localized{"id": {"документ", "Документ (почніть вводити назву)", nil}}},
	"plan":        {"план", "Пункти мирного плану за темами, кожен зі своїм джерелом", map[string]localized{"topic": {"тема", "Лише пункти на цю тему", nil}}},
	"timeline":    {"хронологія", "Події навколо плану за датами, кожна зі своїм джерелом", nil},
	"help":        {"довідка", "Що вміє planbot, як питати і звідки відповіді", nil},
	"Ask planbot": {"Запитати planbot", "", nil},
}

// localize adds the Ukrainian names and descriptions to a member command and its options.
func localize(c *discordgo.ApplicationCommand) {
	uk, ok := ukrainianCommands[c.Name]
	if !ok {
		return
	}
	c.NameLocalizations = &map[discordgo.Locale]string{ukrainianLocale: uk.name}
	if uk.description != "" {
		c.DescriptionLocalizations = &map[discordgo.Locale]string{ukrainianLocale: uk.description}
	}
	for _, o := range c.Options {
		if lo, ok := uk.options[o.Name]; ok {
			o.NameLocalizations = map[discordgo.Locale]string{ukrainianLocale: lo.name}
			o.DescriptionLocalizations = map[discordgo.Locale]string{ukrainianLocale: lo.description}
		}
	}
}
