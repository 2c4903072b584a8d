/**
 * The fake Slack credentials the sandbox accepts. Distinctive, so that
 * redaction of them never blanks ordinary words, and useless anywhere else.
 */
export const SANDBOX_SLACK_BOT_TOKEN = 'xoxb-sandbox-fake-bot-token';
export const SANDBOX_SLACK_APP_TOKEN = 'xapp-1-sandbox-fake-app-token';
export const SANDBOX_SLACK_SIGNING_SECRET = 'sandbox-fake-signing-secret';
/** The legacy verification token Slack still puts in every slash command payload. */
export const SANDBOX_SLACK_VERIFICATION_TOKEN = 'sandbox-fake-verification-token';
