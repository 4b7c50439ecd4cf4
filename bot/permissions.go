package bot

import "github.com/bwmarrin/discordgo"

// moderatorPermissions are the permissions that make a member a moderator: Manage Server, the one
// moderator commands are registered with, or Administrator, which implies it.
const moderatorPermissions = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// isModerator checks, at run time, that the member who invoked a moderator command may use it:
// registration defaults only hide a command, and a server admin can open it to everyone. Members
// qualify by permission (resolved by Discord for the channel) or by a role in Config.ModRoleIDs.
// Outside a guild nobody is a moderator.
func (b *Bot) isModerator(ic *discordgo.InteractionCreate) bool {
	m := ic.Member
	if m == nil || ic.GuildID == "" {
		return false
	}
	if m.Permissions&moderatorPermissions != 0 {
		return true
	}
	for _, r := range m.Roles {
		if b.modRoles[r] {
			return true
		}
	}
	return false
}
