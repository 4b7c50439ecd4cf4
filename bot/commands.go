package bot

import (
	"github.com/bwmarrin/discordgo"
)

// commandSpec ties one application command's registration to its handler. Adding a command is
// adding one entry to commandTable (and, for buttons, componentTable); the dispatcher does the
// rest: deferral, errors, limits, permissions, cooldown.
type commandSpec struct {
	define       func() *discordgo.ApplicationCommand // the command as registered
	handle       handlerFunc
	autocomplete autocompleteFunc // for options declared with Autocomplete: true

	// private says, before the handler runs, whether its response is ephemeral: a deferral must
	// choose. nil means public.
	private func(ic *discordgo.InteractionCreate) bool

	// moderator commands are registered with default_member_permissions = Manage Server, usable
	// only in guilds, and checked again at run time (isModerator): a server admin can override the
	// registration default for everybody.
	moderator bool

	cooldown bool // counts against the per-user question cooldown
}

// componentSpec routes buttons by the prefix of their custom_id ("prefix:args…").
type componentSpec struct {
	prefix   string
	handle   handlerFunc
	update   bool // the handler replaces the message the button is on (deferred as type 6)
	private  func(ic *discordgo.InteractionCreate) bool
	cooldown bool
	// opensModal handlers answer with a form, which must be the first response: never deferred.
	opensModal bool
}

// commandTable lists every command in the order /help shows them. A function rather than a
// variable, so handlers (like /help) may read it without an initialisation cycle.
func commandTable() []commandSpec {
	return []commandSpec{
		{define: askCommand, handle: (*Bot).ask, autocomplete: (*Bot).completeQuestion, private: askPrivate, cooldown: true},
		{define: searchCommand, handle: (*Bot).search, autocomplete: (*Bot).completeDocument, cooldown: true},
		{define: sourcesCommand, handle: (*Bot).sources},
		{define: sourceCommand, handle: (*Bot).source, autocomplete: (*Bot).completeDocument},
		{define: planCommand, handle: (*Bot).plan},
		{define: timelineCommand, handle: (*Bot).timeline},
		{define: helpCommand, handle: (*Bot).help, private: always},
		{define: askMessageCommand, handle: (*Bot).askMessage, cooldown: true},
		{define: reindexCommand, handle: (*Bot).reindex, private: always, moderator: true},
		{define: corpusCommand, handle: (*Bot).manageCorpus, autocomplete: (*Bot).completeCorpus, private: always, moderator: true},
		{define: unansweredCommand, handle: (*Bot).unanswered, private: always, moderator: true},
	}
}

func componentTable() []componentSpec {
	return []componentSpec{
		{prefix: prefixMore, handle: (*Bot).more, update: true, private: fromEphemeral, cooldown: true},
		{prefix: prefixSources, handle: (*Bot).answerSources, private: always},
		{prefix: prefixVote, handle: (*Bot).vote, private: always},
		{prefix: prefixPage, handle: (*Bot).searchPage, update: true},
		{prefix: prefixFollowUp, handle: (*Bot).followUpForm, opensModal: true},
		{prefix: prefixFollowUpForm, handle: (*Bot).followUpSubmit, private: fromEphemeral, cooldown: true},
	}
}

var (
	commandByName     map[string]commandSpec
	componentByPrefix map[string]componentSpec
)

func init() {
	commandByName = map[string]commandSpec{}
	for _, c := range commandTable() {
		commandByName[c.define().Name] = c
	}
	componentByPrefix = map[string]componentSpec{}
	for _, c := range componentTable() {
		componentByPrefix[c.prefix] = c
	}
}

// Commands returns every command as it is registered globally, moderator defaults applied. Members'
// commands can be installed by a server (integration type 0) or by a member on their own account
// (1), and used in servers, the bot's DM and private channels (contexts 0, 1, 2); moderator
// commands stay in servers. It does no I/O.
func Commands() []*discordgo.ApplicationCommand { return commands(true) }

// GuildCommands returns the commands as registered in one server: without integration_types and
// contexts, which Discord applies to global commands only.
func GuildCommands() []*discordgo.ApplicationCommand { return commands(false) }

func commands(global bool) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, spec := range commandTable() {
		c := spec.define()
		if spec.moderator {
			perm := int64(discordgo.PermissionManageGuild)
			c.DefaultMemberPermissions = &perm
		} else {
			localize(c)
		}
		if global {
			c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
			c.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
			if !spec.moderator {
				c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{
					discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
				c.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild,
					discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
			}
		}
		out = append(out, c)
	}
	return out
}

func always(*discordgo.InteractionCreate) bool { return true }

// fromEphemeral keeps a button's answer as private as the message it was clicked on.
func fromEphemeral(ic *discordgo.InteractionCreate) bool {
	return ic.Message != nil && ic.Message.Flags&discordgo.MessageFlagsEphemeral != 0
}

// optionString returns a string option of a chat command, "" when absent.
func optionString(ic *discordgo.InteractionCreate, name string) string {
	return subString(ic.ApplicationCommandData().Options, name)
}

// subcommand returns the subcommand a chat command was invoked with and its options.
func subcommand(ic *discordgo.InteractionCreate) (string, []*discordgo.ApplicationCommandInteractionDataOption) {
	for _, o := range ic.ApplicationCommandData().Options {
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			return o.Name, o.Options
		}
	}
	return "", nil
}

// subString returns a string option among opts (a command's or a subcommand's), "" when absent.
func subString(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Name == name {
			s, _ := o.Value.(string)
			return s
		}
	}
	return ""
}

func optionBool(ic *discordgo.InteractionCreate, name string) bool {
	for _, o := range ic.ApplicationCommandData().Options {
		if o.Name == name {
			if v, ok := o.Value.(bool); ok {
				return v
			}
		}
	}
	return false
}

// optionInt returns an integer option (JSON numbers arrive as float64), def when absent.
func optionInt(ic *discordgo.InteractionCreate, name string, def int) int {
	for _, o := range ic.ApplicationCommandData().Options {
		if o.Name == name {
			if v, ok := o.Value.(float64); ok {
				return int(v)
			}
		}
	}
	return def
}

// focused returns what the user is typing in the focused option among opts, during autocomplete.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	for _, o := range opts {
		if o.Focused {
			s, _ := o.Value.(string)
			return s
		}
	}
	return ""
}

func ptr[T any](v T) *T { return &v }
