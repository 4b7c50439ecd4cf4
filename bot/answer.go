package bot

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/web"
	"github.com/planbot/planbot/index"
)

// Embed colours: answered, answered tentatively (the closest excerpts, not a sure answer), not
// answered. Amber for tentative so a glance tells it from a confident blue answer.
const (
	colorAnswer    = 0x3b82f6
	colorTentative = 0xf59e0b
	colorNoAnswer  = 0x9ca3af
)

// tentativeHeader opens a tentative answer: the excerpts are the closest the sources have, which
// may not answer the question.
const tentativeHeader = "*My sources may not answer this exactly — closest:*"

// footerQuestion prefixes the question in an answer's footer. The footer is how a follow-up or a
// button finds the question again when the in-memory copy is gone, so parse and write it together.
const footerQuestion = "Q: "

// footerSource prefixes, on its own footer line, the document a search is limited to.
const footerSource = "Source: "

// corpusID is the shape of a document id (corpus front matter): what a footer may name.
var corpusID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// maxCopiesCited bounds how many other documents holding an excerpt's very text (syndicated
// copies) it cites, so the source list stays readable and within Discord's 25 fields.
const maxCopiesCited = 3

// minExcerptRoom is the least room an answer's excerpts get, however long the question in the
// footer: past it fitMessage shortens the text.
const minExcerptRoom = 500

// maxExcerptShown keeps one excerpt readable; the engine's are 300 characters at most, 350 for an
// answer window of sentences side by side.
const maxExcerptShown = 900

// answerMessage renders an engine answer: the excerpts with their matched words bold and numbered
// citations, the cited sources, and the buttons. An unanswered question says so plainly, with the
// engine's suggestions and no excerpts. With publicURL (the web pages' address, "" for none) each
// excerpt also links to its passage in context. The bot's own words are in l; excerpts stay
// verbatim.
func answerMessage(ans index.Answer, question, key string, offset int, publicURL string, l lang) message {
	embed := &discordgo.MessageEmbed{
		Title:  clipText(escapeUser(question), maxEmbedTitle),
		Footer: questionFooter(question),
	}
	if strings.TrimSpace(embed.Title) == "" {
		embed.Title = txtYourQuestion.in(l)
	}
	if !ans.Answered || len(ans.Excerpts) == 0 {
		embed.Color = colorNoAnswer
		embed.Description = notAnsweredText(ans, question, l)
		return message{Embeds: []*discordgo.MessageEmbed{embed}}
	}
	embed.Color = colorAnswer
	if tentative(ans) {
		embed.Color = colorTentative
	}
	cites := citations{publicURL: publicURL}
	var quotes []string
	for _, e := range ans.Excerpts {
		label := fmt.Sprint(cites.cite(e.Citation))
		for i, c := range e.Also {
			if i == maxCopiesCited {
				break
			}
			label += fmt.Sprintf(", %d", cites.cite(c))
		}
		if e.Provision != nil {
			label += fmt.Sprintf(text{", plan point %d", ", пункт плану %d"}.in(l), e.Provision.Number)
		}
		text, spans, _ := clipExcerpt(e.Text, e.Spans, maxExcerptShown)
		quotes = append(quotes, quote(text, spans, label, web.CitationURL(publicURL, e.DocID, e.PassageID, e.Text)))
	}
	if tentative(ans) {
		quotes = append([]string{txtTentative.in(l)}, quotes...)
	}
	embed.Fields = cites.fields()
	// Whole excerpts, links included, within what title, footer and fields leave of the message's
	// total; fitMessage would otherwise cut the last one, link and all, in the middle.
	room := min(maxEmbedDesc, max(maxEmbedsTotal-embedsLen([]*discordgo.MessageEmbed{embed}), minExcerptRoom))
	embed.Description = joinWithin(quotes, "\n\n", room)
	return message{
		Embeds:     []*discordgo.MessageEmbed{embed},
		Components: answerButtons(key, offset, offset+len(ans.Excerpts), ans.More, l),
	}
}

// tentative reports an answer that shows the closest excerpts without being sure they answer.
func tentative(ans index.Answer) bool { return ans.Answered && !ans.Confident }

// joinWithin joins whole items while they fit, so an excerpt is never cut in the middle.
func joinWithin(items []string, sep string, limit int) string {
	var b strings.Builder
	for i, it := range items {
		add := textLen(it)
		if i > 0 {
			add += textLen(sep)
		}
		if textLen(b.String())+add > limit {
			if i == 0 {
				return clipText(it, limit)
			}
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(it)
	}
	return b.String()
}

// notAnsweredText explains, without excerpts, why there is no answer and what to try instead, in
// l, or, for a question in Ukrainian or Russian, in its language: that the sources are English.
func notAnsweredText(ans index.Answer, question string, l lang) string {
	var why string
	switch ans.Reason {
	case index.ReasonEmpty:
		why = txtWhyEmpty.in(l)
	case index.ReasonTooLong:
		why = fmt.Sprintf(txtWhyTooLong.in(l), index.MaxQuestion)
	case index.ReasonNoTerms:
		why = txtWhyNoTerms.in(l)
	default:
		why = txtWhyNotCovered.in(l)
	}
	intro := "\n\n" + txtCanAnswer.in(l)
	if note := cyrillicNote(question); note != "" && ans.Reason != index.ReasonTooLong {
		why, intro = note, ""
	}
	if len(ans.Suggestions) == 0 {
		return why
	}
	var b strings.Builder
	b.WriteString(why)
	b.WriteString(intro)
	for _, s := range ans.Suggestions {
		b.WriteString("\n• ")
		b.WriteString(escapeSource(s))
	}
	return b.String()
}

// answerButtons are More (when there is more), Sources, 👍, 👎 and Follow up: five, a full row.
func answerButtons(key string, offset, next int, more bool, l lang) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	if more {
		row = append(row, discordgo.Button{Label: txtMore.in(l), Style: discordgo.PrimaryButton, CustomID: answerID(prefixMore, key, next)})
	}
	row = append(row,
		discordgo.Button{Label: txtSources.in(l), Style: discordgo.SecondaryButton, CustomID: answerID(prefixSources, key, offset)},
		discordgo.Button{Label: txtHelpful.in(l), Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: voteID(key, offset, true)},
		discordgo.Button{Label: txtNotHelpful.in(l), Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: voteID(key, offset, false)},
		discordgo.Button{Label: txtFollowUp.in(l), Style: discordgo.SecondaryButton, CustomID: answerID(prefixFollowUp, key, offset)},
	)
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// questionFooter carries the question in an answer's footer, for askedFromMessage.
func questionFooter(question string) *discordgo.MessageEmbedFooter { return footerFor(question, "") }

// footerFor carries a question, and the document a search is limited to, in a footer: buttons and
// follow-ups read them back when the bot's memory of the message is gone (after a restart).
func footerFor(question, doc string) *discordgo.MessageEmbedFooter {
	docLine := ""
	if doc != "" {
		docLine = "\n" + footerSource + doc
	}
	return &discordgo.MessageEmbedFooter{Text: clipWords(footerQuestion+plainUser(question), maxFooter-len(docLine)) + docLine}
}

// askedFromMessage reads back what footerFor wrote.
func askedFromMessage(m *discordgo.Message) (asked, bool) {
	if m == nil {
		return asked{}, false
	}
	for _, e := range m.Embeds {
		if e.Footer == nil || !strings.HasPrefix(e.Footer.Text, footerQuestion) {
			continue
		}
		text := strings.TrimPrefix(e.Footer.Text, footerQuestion)
		var a asked
		if i := strings.LastIndex(text, "\n"+footerSource); i >= 0 {
			if doc := text[i+len(footerSource)+1:]; corpusID.MatchString(doc) {
				a.Doc = doc
			}
			text = text[:i]
		}
		a.Question = strings.TrimSuffix(unplain(text), "…")
		if strings.TrimSpace(a.Question) != "" {
			return a, true
		}
	}
	return asked{}, false
}

// questionFromMessage is the question an answer message's footer carries.
func questionFromMessage(m *discordgo.Message) (string, bool) {
	a, ok := askedFromMessage(m)
	return a.Question, ok
}
