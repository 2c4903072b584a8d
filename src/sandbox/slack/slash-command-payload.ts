import { randomBytes, randomInt } from 'node:crypto';
import type { WorldSlack } from '../world.js';
import { SANDBOX_SLACK_VERIFICATION_TOKEN } from './sandbox-slack-secrets.js';

export interface SlashCommand {
  command: string;
  text?: string;
  userId: string;
  channelId: string;
}

/**
 * A slash command's fields, in the order and form Slack sends them (all
 * strings: the same object is the form body over HTTP and the envelope's
 * payload over Socket Mode).
 */
export function slashCommandPayload(world: WorldSlack, command: SlashCommand, responseUrl: string): Record<string, string> {
  // A Slack Connect member's command names their own team.
  const teamId = world.users.find((u) => u.id === command.userId)?.teamId ?? world.teamId;
  return {
    token: SANDBOX_SLACK_VERIFICATION_TOKEN,
    team_id: teamId,
    team_domain: teamId === world.teamId ? world.teamDomain : `team-${teamId.toLowerCase()}`,
    channel_id: command.channelId,
    channel_name: channelName(world, command.channelId),
    user_id: command.userId,
    user_name: userName(world, command.userId),
    command: command.command,
    text: command.text ?? '',
    api_app_id: world.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId(),
  };
}

function channelName(world: WorldSlack, channelId: string): string {
  if (channelId.startsWith('D')) return 'directmessage';
  const channel = world.channels.find((c) => c.id === channelId);
  if (!channel) throw new Error(`Slack sandbox: no channel ${channelId} in the world to send a slash command from`);
  return channel.name;
}

function userName(world: WorldSlack, userId: string): string {
  const user = world.users.find((u) => u.id === userId);
  if (!user) throw new Error(`Slack sandbox: no user ${userId} in the world to send a slash command as`);
  return user.name;
}

/** Slack's "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c" shape. */
export function triggerId(): string {
  return `${randomInt(1e11, 1e12)}.${randomInt(1e10, 1e11)}.${randomBytes(16).toString('hex')}`;
}
