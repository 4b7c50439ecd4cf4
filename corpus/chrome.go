package corpus

import (
	"regexp"
	"strings"
)

// DropKind says why cleaning left a line, or a sentence of one, out of a document's text.
type DropKind string

// The kinds of text cleaning drops. Each is recognised by its shape, never by one site's wording.
const (
	DropCaption    DropKind = "caption"    // photo captions and picture credits
	DropCredit     DropKind = "credit"     // bylines, editorial credits ("Edited by:"), datelines
	DropRelated    DropKind = "related"    // related-content headers and the teasers after them
	DropPrompt     DropKind = "prompt"     // newsletter, social-media and sharing prompts
	DropFragment   DropKind = "fragment"   // the last sentence, cut off without terminal punctuation
	DropNavigation DropKind = "navigation" // menus, slugs, table rows, notices, stray short lines
	DropEndMatter  DropKind = "end matter" // references, comments, author boxes: the rest of the text
)

// Dropped is one line or sentence that cleaning left out, verbatim.
type Dropped struct {
	Kind  DropKind
	Text  string
	Start int // byte offset in Document.Body
}

// creditName is a person or an organisation credited, maybe with where they work from.
const creditName = `\p{Lu}[\pL.'’-]+(?: (?:\p{Lu}[\pL.'’-]+|de|van|von|al|el|bin|la|le)){0,4}(?: (?:in|from) \p{Lu}[\pL'’-]+(?: \p{Lu}[\pL'’-]+)?)?`

// Line rules, tried in order by lineDrop. Each comment names the shapes it stands for.
var (
	// Wikipedia-style maintenance notices.
	noticeLine = regexp.MustCompile(`(?i)(nominated (this|the) article for deletion|this article (needs|has multiple issues|may )|please help improve this article|this section (needs|is empty))`)

	// A related-content header: "You may also like", "Read more from World", "More on this story",
	// "Related:", "RELATED COVERAGE". rest is what follows it on the same line.
	relatedHeader = regexp.MustCompile(`(?i)^(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|read more(?: (?:from|on|about|stories|news)(?: [\pL'’ ]{1,30})?)?|more (?:on|about) this (?:story|topic|subject)|more from(?: [\pL'’ ]{1,30})?|more (?:stories|news|videos|coverage|headlines)(?: (?:from|on|about) [\pL'’ ]{1,30})?|related(?: (?:articles?|stories|posts|coverage|content|topics|reading|news|links|videos))?|recommended(?: (?:for you|stories|articles|reading|videos))?|(?:most|top) (?:read|popular|viewed|shared|watched)|top (?:stories|news|headlines)|trending(?: now| stories| news)?|latest (?:news|stories|headlines|videos)|(?:what|things) to read next|read next|up next|don'?t miss|editor'?s (?:picks?|choice)|explore more(?: (?:on|about) [\pL'’ ]{1,30})?|suggested (?:topics|reading|stories|articles)|also read|read also|also on [\pL ]{1,30}|watch(?: more| next)?|in (?:other|related) news)\s*(?P<rest>.*)$`)
	// What may separate a related header from a teaser on the same line.
	teaserSeparator = regexp.MustCompile(`^[:：|»>—–-]\s*\S`)

	// Newsletter, social and sharing prompts: an imperative that names a channel to follow.
	promptLine = regexp.MustCompile(`(?i)^(?:sign up|subscribe|follow|join|download|get|register|enter your|support|donate|listen|watch|like|share|click|tap|stay|never miss|don'?t miss|want|receive|become|try|unlock|already a)\s(?:us|our|the|this|me|a|an|to|now|up|in|on|daily|free|your|independent|more|today|here|for (?:our|free|the latest|updates|daily))\b.*\b(?:newsletters?|inbox|e-?mails?|app|(?:our|whatsapp|telegram|youtube|broadcast) channel|podcasts?|(?:news|breaking|email) alerts|subscri\w*|journalism|membership|members?|free trial|sign in|log in|breaking news|(?:on|via) (?:x|twitter|facebook|telegram|instagram|whatsapp|youtube|tiktok|linkedin|threads|bluesky|google news|apple news))\b`)
	// An appeal for money or members, recognised by what it asks for and whom it is for.
	// All three must be there: "… urged allies to support independent media" is news.
	supportAsk    = regexp.MustCompile(`(?i)\b(?:support(?:ing)?|donat(?:e|ing)|subscrib(?:e|ing)|become a (?:member|patron|subscriber|supporter))\b`)
	supportObject = regexp.MustCompile(`(?i)\b(?:journalism|newsroom|our (?:work|reporting|reporters|team)|patreon|membership)\b`)
	supportPerson = regexp.MustCompile(`(?i)\b(?:we|our|us|you|your)\b`)
	// A web address in the text: a line that has one is a pointer, not article prose.
	webAddress = regexp.MustCompile(`(?i)\bhttps?://|\bwww\.[a-z0-9-]+\.`)
	// Lines that are always site chrome, whatever follows: prompts and widgets.
	chromeLine = regexp.MustCompile(`(?i)^(?:subscribe\b|sign up\b|follow (?:us|our)\b|join (?:our|the) .*(?:list|newsletter|channel)|share (?:this|on)\b|click here|leave a (?:reply|comment)|(?:newsletters?|share|share this (?:article|story)|listen to this article|print|copy link|sign in|log in|gift (?:this )?article|comments?)$)`)
	// Widgets and navigation: ads, tag lists, bracketed links.
	widgetLine = regexp.MustCompile(`(?i)^(?:tags?:?$|advertisement$|sponsored(?: content)?$|skip (?:to|next) .{0,40}$|copyright (?:©|\(c\)|\d{4}).{0,120}$|all rights reserved|(?:our|editorial) standards\b|\[[^\]]*\]$|\d+ (?:min(?:ute)?s?|hours?|hrs?|days?) (?:ago|read)$)`)

	// A caption or credit line: "Image source, Getty Images", "FILE PHOTO: …", "Photo: Reuters/…",
	// "Symbolic image", "Credit: …".
	captionLine = regexp.MustCompile(`(?i)^(?:©|credit(?:\.{2,3}|…)|(?:image|video|media|photo|picture)s? (?:source|caption|copyright|credit|description)s?\b|(?:file|archive|symbolic|illustrative|stock) (?:photo|image|picture)s?\b|(?:photo(?:graph)?|image|picture|pic|credit|illustration|video)s?(?: credit)?\s*[:|])`)
	// A picture credit anywhere in a sentence: a parenthesised credit naming a photo, image or
	// picture library ("(AP Photo/NAME)", "(Kremlin photo)", "(Photo by NAME / AFP via Getty
	// Images)"), a "(Name Surname/AGENCY)" pair, or a trailing credit ("Photograph: NAME/AP",
	// "REUTERS/NAME/File Photo", "NAME/AFP via Getty Images").
	pictureCredit = regexp.MustCompile(`(?i)[(\[][^()\[\]]{0,80}\b(?:photo(?:graph)?s?|images?|pictures?|pic|footage|screen ?(?:shot|grab)|illustration)\b[^()\[\]]{0,80}[)\]]` +
		`|[(\[][^()\[\]]{0,80}\b(?:getty images|shutterstock|alamy|imago|picture alliance)\b[^()\[\]]{0,40}[)\]]` +
		`|(?-i:[(\[]\p{Lu}[\pL.'’-]+(?: \p{Lu}[\pL.'’-]+)+ ?/ ?\p{Lu}[\pL&.'’ /-]{1,40}[)\]])` +
		`|\b(?:photograph|photo|image|picture|illustration)(?: credit)?s?: (?-i:\p{Lu})[^.]{0,80}$` +
		`|(?-i:\b\p{Lu}{2,}(?:-\p{Lu}{2,})?/\p{Lu}[\pL.'’-]+(?: \p{Lu}[\pL.'’-]+)*(?:/File Photo)?\.?$)` +
		`|\bgetty images\.?$|\bfile photo\b|\b(?:symbolic|illustrative|representative|archive|stock) (?:photo|image|picture)\b` +
		`|\b(?:photo|image|picture)s? (?:for|used for) illustrat`)
	// An AP-style caption names people by position: "Zelenskyy, second right, and …", "(L)".
	positional = regexp.MustCompile(`\p{Lu}[\pL.'’-]*, (?:(?:second|third|fourth|far|top|bottom|center|centre|front|back) )?(?:left|right|center|centre)(?: to right)?,|\((?:L|R|C|left|right|centre|center|(?:second|third|far) (?:left|right)|from left|L to R|l-r)\)|(?i:^from (?:left|right)\b)`)
	// A line that is only a picture credit: a wire service or picture library, maybe with a
	// photographer. Names of the news trade in general, not of this story.
	agencyLine = regexp.MustCompile(`(?i)^(?:(?:photo|image|picture)s?:? )?(?:[\pL.'’-]+(?: [\pL.'’-]+){0,3} ?/ ?)?(?:reuters|ap|afp|epa(?:-efe)?|efe|dpa|ansa|anadolu(?: agency)?|tass|sputnik|xinhua|ria novosti|ukrinform|unian|getty images|(?:afp|anadolu|ap|reuters|pool|sopa images|lightrocket) via getty images|shutterstock|alamy|imago|picture alliance(?: ?/ ?dpa)?|bloomberg|pool|(?:the )?associated press|agence france-presse)(?:/[\pL .-]+)*\.?$`)

	// Editorial credits: "Edited by: NAME", "Reporting by NAME in CITY; Editing by NAME",
	// "Additional reporting by NAME", "(Writing by NAME)", "… contributed to this report.", "With
	// files from …". The role must be followed by a name or a colon, so "Reporting by the
	// Financial Times suggests…" stays text.
	// One leading ^ for the whole expression: Go then tries it at the start only.
	editorialCredit = regexp.MustCompile(`^(?:[(\[]?(?i:(?:(?:additional|further|with|and) )?(?:reporting|writing|editing|edited|written|compiled|produced|translated|translation|research|graphics|fact-check(?:ed|ing)?|verification|video|photos?|illustrations?|design|production) by:?) ` +
		creditName + `(?:(?:,| and) ` + creditName + `)*(?:[;,] .*|[.)\]]*)$` +
		`|(?i:(?:additional )?(?:reporting|writing|editing|edited|written|compiled|produced|translated|research|graphics|fact-checked|video|photos?|production) by):\s*\S.{0,80}$` +
		`|(?i:[(\[]?contributing:|(?:[—–-] ?)?with (?:files|additional reporting|reporting) from\b))`)
	// "… contributed to this report." anywhere in a sentence.
	contributedCredit = regexp.MustCompile(`(?i)\bcontributed (?:reporting|to this (?:report|story|article))\b`)
	// A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by Jane Doe".
	byline = regexp.MustCompile(`^(?:By|Written by|Reporting by|Photo by|Author:?) [A-Z][\pL.'’-]+( [A-Z][\pL.'’-]+){0,3}((,| and) .{0,60})?$`)
	// Agency initials after a story ("mf/rm (AFP, Reuters)").
	agencyCodes = regexp.MustCompile(`^[a-z]{1,4}(?:/[a-z]{1,4})+(?: \([^)]{2,60}\))?$`)
	// A dateline with no sentence: "Updated 21 November 2025, 14:05 GMT", "Published: 2025-11-21".
	datelineLine = regexp.MustCompile(`(?i)^(?:published|updated|last updated|posted|first published|modified)(?: on| at)?:? [^.!?]{0,60}\d[^.!?]{0,30}$`)
	// A date and maybe a time alone on a line: "21 November 2025", "Nov. 27, 2025 5:04 PM GMT+1".
	bareDate = regexp.MustCompile(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?(?:\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? \d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4}(?:[+-]\d{1,2})?)?)?$`)

	// Headings after which the rest of the text is apparatus or promotion, not article.
	terminalHeading = regexp.MustCompile(`(?i)^(references|notes|sources|citations|further reading|external links|see also|bibliography|connect with the author|about the author|more from the author|free chapter|comments|comments \(\d+\)|tags|leave a reply)\s*:?$`)
	// A URL slug left by a scraper: one lower-case word of dashes and digits.
	slugLine = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+){3,}$`)
	// A table row, as Markdown or a flattened infobox.
	tableLine = regexp.MustCompile(`^\|`)
)

// mayHoldChrome is a cheap test for a line or sentence that may hold a caption or credit, so the
// regular expressions run only on those (they are most of the loader's time otherwise).
func mayHoldChrome(s string) bool {
	if strings.ContainsAny(s, "(/:") {
		return true
	}
	lower := strings.ToLower(s)
	for _, w := range chromeWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// chromeWords appear in every caption or credit shape that has no "(", "/" or ":".
var chromeWords = []string{"photo", "image", "picture", "getty", "shutterstock", "alamy", " by ", "left,", "right,",
	"centre,", "center,", "contributed", "files from", "credit"}

// isEditorialCredit: an editorial credit line or sentence.
func isEditorialCredit(s string) bool {
	return editorialCredit.MatchString(s) || strings.Contains(s, "ontributed") && contributedCredit.MatchString(s)
}

// captionDate: a news photo caption ends with where and when the picture was taken ("… in Paris,
// France, November 17, 2025.", "…, Friday, Nov. 21, 2025.", "… on 20 November 2025.").
var captionDate = regexp.MustCompile(`(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4})\.$`)

// IsRelatedHeader reports whether line is a related-content header standing alone ("You may also
// like", "Read more from World", "Related:"). Extraction keeps such lines so that the loader can
// drop the teasers after them too.
func IsRelatedHeader(line string) bool {
	_, teaser := lineDrop(strings.TrimSpace(line), "")
	return teaser
}

// lineDrop says whether a whole line is chrome, and which kind; teaser is set for a related-content
// header that stands alone on its line (the lines after it are teasers).
func lineDrop(line, outlet string) (kind DropKind, teaser bool) {
	words := countWords(line)
	if m := relatedHeader.FindStringSubmatch(line); m != nil {
		rest := strings.TrimSpace(m[len(m)-1])
		if strings.Trim(rest, ":： ") == "" {
			return DropRelated, true
		}
		if teaserSeparator.MatchString(rest) {
			return DropRelated, false
		}
	}
	switch {
	case (strings.Contains(line, "article") || strings.Contains(line, "section")) && noticeLine.MatchString(line), widgetLine.MatchString(line), slugLine.MatchString(line),
		tableLine.MatchString(line), isShouting(line):
		return DropNavigation, false
	case chromeLine.MatchString(line), words <= 40 && promptLine.MatchString(line),
		words <= 60 && supportAsk.MatchString(line) && supportObject.MatchString(line) && supportPerson.MatchString(line),
		words <= 30 && webAddress.MatchString(line):
		return DropPrompt, false
	case captionLine.MatchString(line), agencyLine.MatchString(line):
		// Other captions go sentence by sentence (sentenceDrop): a paragraph may have a
		// caption glued to its article text.
		return DropCaption, false
	case isEditorialCredit(line), byline.MatchString(line), agencyCodes.MatchString(line),
		words <= 12 && datelineLine.MatchString(line), bareDate.MatchString(line), outlet != "" && strings.EqualFold(line, outlet):
		return DropCredit, false
	}
	return "", false
}

// sentenceDrop says whether one sentence of a longer paragraph is a caption or credit. alone is
// set when the sentence is nothing but a picture credit, whose caption is the sentence before.
func sentenceDrop(s string) (kind DropKind, alone bool) {
	if !mayHoldChrome(s) {
		return "", false
	}
	switch {
	case pictureCredit.MatchString(s):
		return DropCaption, strings.HasPrefix(s, "(") || captionLine.MatchString(s) || agencyLine.MatchString(s) || countWords(s) <= 5
	case positional.MatchString(s):
		return DropCaption, false
	case isEditorialCredit(s):
		return DropCredit, false
	}
	return "", false
}

// isCreditOnly: a line that holds nothing but a picture credit ("Reuters", "AFP via Getty
// Images", "Photo: NAME/AP"), which follows the caption it credits.
func isCreditOnly(line, outlet string) bool {
	return agencyLine.MatchString(line) || (outlet != "" && strings.EqualFold(line, outlet)) ||
		(countWords(line) <= 10 && (captionLine.MatchString(line) || strings.HasPrefix(line, "(") && pictureCredit.MatchString(line)))
}
