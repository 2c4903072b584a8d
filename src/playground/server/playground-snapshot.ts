import { commands } from '../../../commands/index.js';
import { withBlockIds } from '../../sandbox/slack/find-button.js';
import { homeViewsOf } from '../../sandbox/slack/home-views.js';
import type { EphemeralMessage, PostedMessage } from '../../sandbox/slack/slack-log.js';
import type { SlackWorkspace } from '../../sandbox/slack/slack-workspace.js';
import type { PlaygroundMessage, PlaygroundState } from '../web/playground-state.js';
import { PLAYGROUND_CHANNEL, PLAYGROUND_SCENARIOS, PLAYGROUND_USERS } from './playground-scenarios.js';
import type { ClientEphemeral, PlaygroundWorld } from './playground-world.js';

/** The app's display name, as manifest.yml names it. */
export const APP_NAME = 'shipmate';

type Ordered = PlaygroundMessage & { postedAt: number };

// Blocks go out as Slack shows them, with the block_ids it makes up for blocks sent without one: a click names them.

/** The channel, its threads, the acting user's ephemerals and Home tab, as `userId` sees them now. */
export function playgroundSnapshot(world: PlaygroundWorld, userId: string): PlaygroundState {
  const slack = world.status === 'connected' ? world.shownSlack : undefined;
  const names = slack ? nameTables(slack) : { users: {}, channels: {}, usergroups: {} };
  const all: Ordered[] = [
    ...(slack ? slack.messages.filter((m) => m.channel === PLAYGROUND_CHANNEL.id && !m.deleted).map((m) => posted(m, slack, names.users)) : []),
    ...(slack ? slack.ephemerals.filter((m) => m.channel === PLAYGROUND_CHANNEL.id && m.user === userId && !m.deleted).map(botEphemeral) : []),
    ...world.clientEphemerals.filter((m) => m.user === userId).map(clientEphemeral),
  ].sort((a, b) => a.postedAt - b.postedAt || Number(a.ts) - Number(b.ts));
  const threads: Record<string, PlaygroundMessage[]> = {};
  for (const message of all) {
    if (message.threadTs && message.threadTs !== message.ts) (threads[message.threadTs] ??= []).push(strip(message));
  }
  const messages = all.filter((m) => !m.threadTs || m.threadTs === m.ts || m.broadcast).map((m) => strip({ ...m, replyCount: threads[m.ts]?.length ?? 0 }));
  const home = slack ? homeViewsOf(slack).of(userId) : undefined;
  return {
    status: world.status,
    scenario: world.scenario,
    scenarios: PLAYGROUND_SCENARIOS.map(({ id, label }) => ({ id, label })),
    user: userId,
    users: PLAYGROUND_USERS.map(({ id, label }) => ({ id, label })),
    commands: commands.map(({ name, usage, summary }) => ({ name: `/${name}`, usage, summary })),
    channel: { ...PLAYGROUND_CHANNEL },
    context: names,
    messages,
    threads,
    home: home ? { blocks: Array.isArray(home.view.blocks) ? (home.view.blocks as unknown[]) : [] } : null,
  };
}

function nameTables(slack: SlackWorkspace): PlaygroundState['context'] {
  const { world } = slack;
  return {
    users: { ...Object.fromEntries(world.users.map((u) => [u.id, u.name])), [world.botUserId]: APP_NAME },
    channels: Object.fromEntries(world.channels.map((c) => [c.id, c.name])),
    usergroups: Object.fromEntries((world.usergroups ?? []).map((g) => [g.id, g.handle])),
  };
}

function posted(m: PostedMessage, slack: SlackWorkspace, users: Record<string, string>): Ordered {
  const isBot = m.user === slack.world.botUserId || m.botId !== undefined;
  const author = isBot ? APP_NAME : (users[m.user] ?? m.user);
  return entry(m, author, isBot ? 'bot' : 'person', { edited: m.edits.length > 0, broadcast: m.replyBroadcast, ephemeral: false });
}

function botEphemeral(m: EphemeralMessage): Ordered {
  return entry(m, APP_NAME, 'bot', { edited: m.edits.length > 0, broadcast: false, ephemeral: true });
}

function clientEphemeral(m: ClientEphemeral): Ordered {
  return entry(m, m.author === 'slackbot' ? 'Slackbot' : APP_NAME, m.author, { edited: false, broadcast: false, ephemeral: true });
}

interface Logged {
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  postedAt: number;
}

function entry(m: Logged, author: string, authorKind: PlaygroundMessage['authorKind'], flags: Pick<PlaygroundMessage, 'edited' | 'broadcast' | 'ephemeral'>): Ordered {
  return {
    ts: m.ts,
    ...(m.threadTs ? { threadTs: m.threadTs } : {}),
    author,
    authorKind,
    text: m.text,
    ...(m.blocks ? { blocks: withBlockIds(m.blocks) } : {}),
    ...flags,
    replyCount: 0,
    postedAt: m.postedAt,
  };
}

function strip({ postedAt: _postedAt, ...message }: Ordered): PlaygroundMessage {
  return message;
}
