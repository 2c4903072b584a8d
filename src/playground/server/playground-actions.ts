import { commands } from '../../../commands/index.js';
import { sendAppHomeOpened } from '../../sandbox/slack/app-home-opened.js';
import { PLAYGROUND_CHANNEL } from './playground-scenarios.js';
import type { PlaygroundWorld } from './playground-world.js';

const SOCKET = { mode: 'socket', ackTimeoutMs: 3000 } as const;
const REGISTERED = new Set(commands.map((c) => `/${c.name}`));

/**
 * Slack truncates a message's text beyond 40,000 characters ("Truncating really long messages",
 * api.slack.com/changelog/2018-04-truncating-really-long-messages); below that a slash command's
 * text reaches the app as typed, so 5,000 characters go to the bot whole, as in Slack.
 */
export const SLACK_TEXT_LIMIT = 40_000;

/**
 * Slack's client sends what a person typed with &, < and > as entities ("Formatting text for app surfaces",
 * docs.slack.dev: Slack escapes these three in text it hands to apps), so typed markup stays text and never
 * becomes a mention or a link; a person's mention would come from the client's autocomplete, which the page has not.
 */
export function asSlackEncodes(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type ComposerOutcome = 'nothing' | 'posted' | 'unknown-command' | 'command';

/**
 * What Slack's composer does with what a person typed in #releases: nothing
 * for blank text, Slackbot's refusal for an unregistered /command, the
 * command (its ack's text shown to the sender alone) for a registered one,
 * else a message from the person.
 */
export async function sendFromComposer(world: PlaygroundWorld, userId: string, typed: string): Promise<ComposerOutcome> {
  const text = typed.slice(0, SLACK_TEXT_LIMIT);
  if (text.trim() === '') return 'nothing';
  const slack = world.slack;
  if (!text.startsWith('/')) {
    slack.postAsPerson(PLAYGROUND_CHANNEL.id, userId, asSlackEncodes(text));
    return 'posted';
  }
  const [, name = '/', rest = ''] = /^(\S+)\s*([\s\S]*)$/.exec(text) ?? [];
  if (!REGISTERED.has(name)) {
    world.addClientEphemeral({
      user: userId,
      author: 'slackbot',
      text: `${asSlackEncodes(name)} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
    });
    return 'unknown-command';
  }
  const { ack } = await slack.sendSlashCommand({ command: name, text: asSlackEncodes(rest), userId, channelId: PLAYGROUND_CHANNEL.id }, SOCKET);
  const shown = ackContent(ack);
  if (shown) world.addClientEphemeral({ user: userId, author: 'bot', ...shown });
  return 'command';
}

export interface Click {
  userId: string;
  ts: string;
  actionId: string;
  blockId?: string;
  value?: string;
}

/** A person clicks a button (after its confirm dialog, if any): a block_actions interaction over Socket Mode. */
export async function clickButton(world: PlaygroundWorld, click: Click): Promise<void> {
  const { userId, ts: messageTs, actionId, blockId, value } = click;
  await world.slack.clickButton(
    { userId, channelId: PLAYGROUND_CHANNEL.id, messageTs, actionId, ...(blockId === undefined ? {} : { blockId }), ...(value === undefined ? {} : { value }) },
    SOCKET,
  );
}

/** A person opens the app's Home tab: the app_home_opened event, after which the app publishes their view. */
export async function openHome(world: PlaygroundWorld, userId: string): Promise<void> {
  await sendAppHomeOpened(world.slack, userId, SOCKET);
}

/** An ack with text or blocks is a message to the person who typed the command (Slack shows it as ephemeral). */
function ackContent(ack: unknown): { text: string; blocks?: unknown[] } | undefined {
  if (typeof ack === 'string') return ack === '' ? undefined : { text: ack };
  if (typeof ack !== 'object' || ack === null) return undefined;
  const { text, blocks } = ack as { text?: unknown; blocks?: unknown };
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (typeof text !== 'string' && !hasBlocks) return undefined;
  return { text: typeof text === 'string' ? text : '', ...(hasBlocks ? { blocks } : {}) };
}
