import { code, type RichValue } from '../../../domain/text/rich-text.js';
import { section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { toMrkdwn } from '../blocks/to-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';

/** Slack's channel_name for channels whose name it does not tell a bot. */
const UNNAMED_CHANNELS = new Set(['directmessage', 'privategroup']);

/**
 * The ephemeral answer to bad input: what was wrong, and how the command is
 * used (left out for a refusal of well-formed input). The message is plain text (it often echoes what the user typed) or
 * the RichText of a UsageError naming people.
 */
export function renderUsageError(message: RichValue, usage: string | undefined): SlackMessage {
  const usageLine = usage === undefined ? '' : `\nUsage: ${toMrkdwn(code(truncate(usage, 500)), 520)}`;
  const text = `:warning: ${toMrkdwn(message, 1000)}${usageLine}`;
  return { text, blocks: [section(text)] };
}

/** The ephemeral hint when the bot may not post in the channel a command came from. */
export function renderNotInChannelHint(channelName: string | undefined): SlackMessage {
  const where = channelName && !UNNAMED_CHANNELS.has(channelName) ? `#${escapeMrkdwn(truncate(channelName, 80))}` : 'this channel';
  const text = `:wave: I can't post in ${where} yet: invite me with \`/invite @shipmate\`, then run the command again.`;
  return { text, blocks: [section(text)] };
}
