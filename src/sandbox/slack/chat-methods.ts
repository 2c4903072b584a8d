import type { WorldSlackChannel } from '../world.js';
import { checkMessageContent } from './message-content.js';
import { SlackApiError } from './slack-api-error.js';
import type { PostedMessage } from './slack-log.js';
import type { SlackWorkspace } from './slack-workspace.js';
import type { WebApiMethod } from './web-api-method.js';

export const chatPostMessage: WebApiMethod = {
  token: 'bot',
  run({ workspace, args }) {
    const channel = appDirectMessage(args.string('channel'), workspace) ?? memberChannel(args.string('channel'), workspace);
    const text = args.string('text');
    const blocks = args.blocks();
    checkMessageContent(text, blocks);
    const threadTs = args.string('thread_ts');
    const message = workspace.post({
      channel: channel.id,
      ...(threadTs ? { threadTs } : {}),
      replyBroadcast: Boolean(threadTs) && args.boolean('reply_broadcast'),
      user: workspace.world.botUserId,
      botId: workspace.world.botId,
      text: text ?? '',
      ...(blocks ? { blocks } : {}),
      via: 'api',
    });
    return { channel: channel.id, ts: message.ts, message: messageObject(message, workspace) };
  },
};

export const chatUpdate: WebApiMethod = {
  token: 'bot',
  run({ workspace, args }) {
    const channel = knownChannel(args.string('channel'), workspace);
    const ts = args.string('ts');
    const message = ts ? workspace.findMessage(channel.id, ts) : undefined;
    if (!message) throw new SlackApiError('message_not_found');
    if (message.user !== workspace.world.botUserId) throw new SlackApiError('cant_update_message');
    const text = args.string('text');
    const blocks = args.blocks();
    if (text === undefined && blocks === undefined) throw new SlackApiError('no_text');
    // Slack keeps what an update leaves out: blocks stay unless `blocks` is given ([] clears them).
    const next = { text: text ?? message.text, blocks: blocks ?? message.blocks };
    checkMessageContent(next.text, next.blocks);
    workspace.edit(message, blocks?.length === 0 ? { text: next.text } : next, 'api');
    return { channel: channel.id, ts: message.ts, text: message.text, message: messageObject(message, workspace) };
  },
};

export const chatPostEphemeral: WebApiMethod = {
  token: 'bot',
  run({ workspace, args }) {
    const channel = memberChannel(args.string('channel'), workspace);
    const user = args.string('user');
    if (!user || !workspace.user(user)) throw new SlackApiError('user_not_in_channel');
    const text = args.string('text');
    const blocks = args.blocks();
    checkMessageContent(text, blocks);
    const threadTs = args.string('thread_ts');
    const ephemeral = workspace.postEphemeral({
      channel: channel.id,
      user,
      ...(threadTs ? { threadTs } : {}),
      text: text ?? '',
      ...(blocks ? { blocks } : {}),
      via: 'api',
    });
    return { message_ts: ephemeral.ts };
  },
};

/** A user id as the channel: Slack posts in the app's direct message with that person (the Messages tab of its App Home). */
function appDirectMessage(idOrName: string | undefined, workspace: SlackWorkspace): WorldSlackChannel | undefined {
  const user = idOrName ? workspace.user(idOrName) : undefined;
  return user ? { id: `D${user.id}`, name: 'directmessage', isPrivate: true, botIsMember: true } : undefined;
}

function knownChannel(idOrName: string | undefined, workspace: SlackWorkspace): WorldSlackChannel {
  const channel = idOrName ? workspace.channel(idOrName) : undefined;
  // A private channel the bot is not in does not exist, as far as the bot can tell.
  if (!channel || (channel.isPrivate && !channel.botIsMember)) throw new SlackApiError('channel_not_found');
  return channel;
}

function memberChannel(idOrName: string | undefined, workspace: SlackWorkspace): WorldSlackChannel {
  const channel = knownChannel(idOrName, workspace);
  if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
  return channel;
}

/** A message as the Web API shows it. */
export function messageObject(message: PostedMessage, workspace: SlackWorkspace): Record<string, unknown> {
  return {
    type: 'message',
    text: message.text,
    user: message.user,
    ...(message.botId ? { bot_id: message.botId, app_id: workspace.world.appId } : {}),
    team: workspace.world.teamId,
    ts: message.ts,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
  };
}
