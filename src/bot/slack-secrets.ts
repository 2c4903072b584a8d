import { ConfigError } from '../config/config-error.js';

export type SlackConnection =
  | { mode: 'socket'; botToken: string; appToken: string }
  | { mode: 'http'; botToken: string; signingSecret: string };

/**
 * Slack credentials come only from the environment. Socket Mode when
 * SLACK_APP_TOKEN is set, HTTP mode (signed requests) otherwise. A missing
 * one stops start-up with its name; there is no fallback value.
 */
export function readSlackSecrets(env: NodeJS.ProcessEnv): SlackConnection {
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  const appToken = env.SLACK_APP_TOKEN?.trim();
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim();
  const problems: string[] = [];
  if (!botToken) problems.push('SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from the app\'s "OAuth & Permissions" page)');
  if (!appToken && !signingSecret) {
    problems.push(
      'set SLACK_APP_TOKEN (an app-level token, xapp-…, with connections:write) for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode',
    );
  }
  if (appToken && !appToken.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN does not look like an app-level token (xapp-…)');
  if (botToken && !botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN does not look like a bot token (xoxb-…)');
  if (problems.length > 0) throw new ConfigError(problems);
  return appToken ? { mode: 'socket', botToken: botToken!, appToken } : { mode: 'http', botToken: botToken!, signingSecret: signingSecret! };
}
