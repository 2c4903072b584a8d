import type { WorldSlackChannel, WorldSlackUser } from '../world.js';
import { SlackApiError } from './slack-api-error.js';
import type { WebApiMethod } from './web-api-method.js';

/** The bot user's name: the world does not name it, Slack would show the app's. */
const BOT_USER_NAME = 'shipmate';

export const authTest: WebApiMethod = {
  token: 'bot',
  run({ workspace: { world } }) {
    return {
      url: `https://${world.teamDomain}.slack.com/`,
      team: world.teamDomain,
      user: BOT_USER_NAME,
      team_id: world.teamId,
      user_id: world.botUserId,
      bot_id: world.botId,
      is_enterprise_install: false,
    };
  },
};

/** Socket Mode's first step: a single-use WebSocket URL on this sandbox. */
export const appsConnectionsOpen: WebApiMethod = {
  token: 'app',
  run({ workspace, host }) {
    return { url: `ws://${host}/slack/socket?ticket=${workspace.sockets.issueTicket()}` };
  },
};

export const conversationsInfo: WebApiMethod = {
  token: 'bot',
  run({ workspace, args }) {
    const id = args.string('channel');
    const channel = id ? workspace.world.channels.find((c) => c.id === id) : undefined;
    if (!channel || (channel.isPrivate && !channel.botIsMember)) throw new SlackApiError('channel_not_found');
    return { channel: channelObject(channel) };
  },
};

export const usersInfo: WebApiMethod = {
  token: 'bot',
  scope: 'users:read',
  run({ workspace: { world }, args }) {
    const id = args.string('user');
    if (id !== undefined && id === world.botUserId) return { user: userObject({ id, name: BOT_USER_NAME, isBot: true }, world.teamId) };
    const user = id ? world.users.find((u) => u.id === id) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    return { user: userObject(user, world.teamId) };
  },
};

function channelObject(channel: WorldSlackChannel): Record<string, unknown> {
  const isPrivate = channel.isPrivate ?? false;
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !isPrivate,
    is_group: isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    is_archived: false,
    is_general: channel.name === 'general',
    is_shared: false,
    is_member: channel.botIsMember,
    created: 1_700_000_000,
  };
}

/** users.info's user object: guests are is_restricted (multi-channel) or is_ultra_restricted (single-channel, both true), as Slack sends them. */
function userObject(user: WorldSlackUser, homeTeamId: string): Record<string, unknown> {
  const { id, name } = user;
  const teamId = user.teamId ?? homeTeamId;
  const ultra = user.isUltraRestricted ?? false;
  return {
    id,
    team_id: teamId,
    name,
    real_name: name,
    deleted: false,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: ultra || (user.isRestricted ?? false),
    is_ultra_restricted: ultra,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    ...(teamId !== homeTeamId ? { is_stranger: true } : {}),
    tz: 'Etc/UTC',
    profile: { real_name: name, display_name: name, team: teamId },
  };
}
