import { section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncate } from '../blocks/truncate.js';

/** Slack's channel_name for channels whose name it does not tell a bot. */
const UNNAMED_CHANNELS = new Set(['directmessage', 'privategroup']);

/** The ephemeral answer to bad input: what was wrong, and how the command is used. */
export function renderUsageError(message: string, usage: string): SlackMessage {
  const text = `:warning: ${escapeMrkdwn(truncate(message, 1000))}\nUsage: ${escapeMrkdwn(`\`${truncate(usage, 500)}\``)}`;
  return { text, blocks: [section(text)] };
}

/** The ephemeral hint when the bot may not post in the channel a command came from. */
export function renderNotInChannelHint(channelName: string | undefined): SlackMessage {
  const where = channelName && !UNNAMED_CHANNELS.has(channelName) ? `#${escapeMrkdwn(truncate(channelName, 80))}` : 'this channel';
  const text = `:wave: I can't post in ${where} yet: invite me with \`/invite @shipmate\`, then run the command again.`;
  return { text, blocks: [section(text)] };
}
