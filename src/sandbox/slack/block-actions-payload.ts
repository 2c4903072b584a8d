import type { WorldSlack } from '../world.js';
import type { FoundButton } from './find-button.js';
import { SANDBOX_SLACK_VERIFICATION_TOKEN } from './sandbox-slack-secrets.js';
import { triggerId } from './slash-command-payload.js';

export interface BlockActionsInput {
  world: WorldSlack;
  userId: string;
  channelId: string;
  messageTs: string;
  threadTs?: string;
  /** The clicked message as the Web API shows it; undefined for an ephemeral one, which Slack does not send back. */
  message?: Record<string, unknown>;
  clicked: FoundButton;
  responseUrl: string;
  /** When the click happened, as a Slack timestamp. */
  actionTs: string;
}

/** The block_actions interaction payload Slack sends for a button click on a message. */
export function blockActionsPayload(input: BlockActionsInput): Record<string, unknown> {
  const { world, clicked } = input;
  const user = world.users.find((u) => u.id === input.userId);
  if (!user) throw new Error(`Slack sandbox: no user ${input.userId} in the world to click as`);
  const channel = world.channels.find((c) => c.id === input.channelId);
  if (!channel) throw new Error(`Slack sandbox: no channel ${input.channelId} in the world to click in`);
  const { button } = clicked;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: user.teamId ?? world.teamId },
    api_app_id: world.appId,
    token: SANDBOX_SLACK_VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: channel.id,
      is_ephemeral: input.message === undefined,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    trigger_id: triggerId(),
    // A Slack Connect member's click names their own team.
    team: user.teamId && user.teamId !== world.teamId ? { id: user.teamId, domain: `team-${user.teamId.toLowerCase()}` } : { id: world.teamId, domain: world.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.name },
    ...(input.message ? { message: input.message } : {}),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: button.action_id,
        block_id: clicked.blockId,
        text: button.text,
        ...(button.value !== undefined ? { value: button.value } : {}),
        ...(button.style !== undefined ? { style: button.style } : {}),
        type: 'button',
        action_ts: input.actionTs,
      },
    ],
  };
}
