package discordtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Application command limits from Discord's documentation.
const (
	maxCommandNameLen = 32
	maxDescriptionLen = 100
	maxOptions        = 25
)

// Application command types; a missing type means chat input.
const (
	commandChatInput = 1
	commandUser      = 2
	commandMessage   = 3
)

// Option types that hold options rather than a value.
const (
	optionSubcommand      = 1
	optionSubcommandGroup = 2
)

// chatInputName is the name rule of chat input commands and of all options; names must also
// be lower case.
var chatInputName = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

type command struct {
	Type             int               `json:"type"`
	Name             string            `json:"name"`
	Description      string            `json:"description"`
	Options          []option          `json:"options"`
	NameLocales      map[string]string `json:"name_localizations"`
	DescriptionLocal map[string]string `json:"description_localizations"`
}

type option struct {
	Type             int               `json:"type"`
	Name             string            `json:"name"`
	Description      string            `json:"description"`
	Required         bool              `json:"required"`
	Choices          []choice          `json:"choices"`
	Options          []option          `json:"options"`
	NameLocales      map[string]string `json:"name_localizations"`
	DescriptionLocal map[string]string `json:"description_localizations"`
}

// localeProblems applies the name and description rules to every localization, as Discord does.
func localeProblems(where string, names, descriptions map[string]string, chatInput bool) []string {
	var problems []string
	for loc, n := range names {
		at := fmt.Sprintf("%s.name_localizations[%s]", where, loc)
		if chatInput {
			problems = append(problems, nameProblems(at, n)...)
		} else if l := runeLen(n); l < 1 || l > maxCommandNameLen {
			problems = append(problems, fmt.Sprintf("%s: %d characters, want 1–%d", at, l, maxCommandNameLen))
		}
	}
	for loc, d := range descriptions {
		problems = append(problems, descriptionProblems(fmt.Sprintf("%s.description_localizations[%s]", where, loc), d)...)
	}
	return problems
}

// checkCommands checks a bulk overwrite: every command, and no two of one type with one name.
func checkCommands(p payload) []string {
	var cmds []command
	if err := json.Unmarshal(p.json, &cmds); err != nil {
		return []string{fmt.Sprintf("rules: decode commands: %v", err)}
	}
	var problems []string
	seen := map[string]bool{}
	for i, c := range cmds {
		key := fmt.Sprintf("%d/%s", commandType(c), c.Name)
		if seen[key] {
			problems = append(problems, fmt.Sprintf("commands[%d]: duplicate name %q", i, c.Name))
		}
		seen[key] = true
		problems = append(problems, prefix(fmt.Sprintf("commands[%d] %q: ", i, c.Name), commandProblems(c))...)
	}
	return problems
}

// checkCommand checks the body creating or editing one command.
func checkCommand(p payload) []string {
	var c command
	if err := json.Unmarshal(p.json, &c); err != nil {
		return []string{fmt.Sprintf("rules: decode command: %v", err)}
	}
	return prefix(fmt.Sprintf("command %q: ", c.Name), commandProblems(c))
}

func commandType(c command) int {
	if c.Type == 0 {
		return commandChatInput
	}
	return c.Type
}

func commandProblems(c command) []string {
	var problems []string
	switch commandType(c) {
	case commandChatInput:
		problems = append(problems, nameProblems("name", c.Name)...)
		problems = append(problems, descriptionProblems("description", c.Description)...)
	case commandUser, commandMessage:
		if n := runeLen(c.Name); n < 1 || n > maxCommandNameLen {
			problems = append(problems, fmt.Sprintf("name: %d characters, want 1–%d", n, maxCommandNameLen))
		}
		if c.Description != "" {
			problems = append(problems, "description: must be empty for user and message commands")
		}
		if len(c.Options) > 0 {
			problems = append(problems, "options: user and message commands take none")
		}
	}
	problems = append(problems, localeProblems("command", c.NameLocales, c.DescriptionLocal, commandType(c) == commandChatInput)...)
	return append(problems, optionProblems("options", c.Options)...)
}

func optionProblems(where string, opts []option) []string {
	var problems []string
	if len(opts) > maxOptions {
		problems = append(problems, fmt.Sprintf("%s: %d options, at most %d allowed", where, len(opts), maxOptions))
	}
	sawOptional := false
	for i, o := range opts {
		at := fmt.Sprintf("%s[%d]", where, i)
		problems = append(problems, nameProblems(at+".name", o.Name)...)
		problems = append(problems, descriptionProblems(at+".description", o.Description)...)
		problems = append(problems, checkChoices(at+".choices", o.Choices)...)
		problems = append(problems, localeProblems(at, o.NameLocales, o.DescriptionLocal, true)...)
		if o.Type == optionSubcommand || o.Type == optionSubcommandGroup {
			problems = append(problems, optionProblems(at+".options", o.Options)...)
			continue
		}
		if o.Required && sawOptional {
			problems = append(problems, at+": required option after an optional one")
		}
		sawOptional = sawOptional || !o.Required
	}
	return problems
}

func nameProblems(where, name string) []string {
	var problems []string
	if !chatInputName.MatchString(name) {
		problems = append(problems, fmt.Sprintf("%s %q does not match %s", where, name, chatInputName))
	}
	if name != strings.ToLower(name) {
		problems = append(problems, fmt.Sprintf("%s %q is not lower case", where, name))
	}
	return problems
}

func descriptionProblems(where, d string) []string {
	if n := runeLen(d); n < 1 || n > maxDescriptionLen {
		return []string{fmt.Sprintf("%s: %d characters, want 1–%d", where, n, maxDescriptionLen)}
	}
	return nil
}
