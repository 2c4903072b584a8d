/**
 * The OAuth scopes the sandbox's bot token holds unless a test withholds one
 * (what manifest.yml asks for). A method needing a scope the token lacks
 * answers missing_scope, as Slack does.
 */
export const SANDBOX_BOT_SCOPES: readonly string[] = ['commands', 'chat:write', 'usergroups:read', 'users:read'];
