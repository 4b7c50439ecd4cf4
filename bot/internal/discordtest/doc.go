// Package discordtest is a fake of Discord's HTTP API for tests of package bot.
//
// A [Server] answers the REST calls a real *discordgo.Session makes (the session from
// [Server.Session] sends every request to it) and checks each request body against
// Discord's official OpenAPI description (vendored in testdata/discord-api-spec/ at the module root) and
// against the limits the schema cannot express: the bot never pings anyone, message
// and embed sizes, component counts, command names. Every problem is a violation that
// fails the test at cleanup, so a test cannot pass with a body Discord would reject.
//
// [ValidateRequest] runs the same checks on a body without a server, e.g. for the
// output of `register --dry-run`.
package discordtest
