import { randomBytes } from 'node:crypto';
import { homeViewsOf } from './home-views.js';
import { SANDBOX_SLACK_VERIFICATION_TOKEN } from './sandbox-slack-secrets.js';
import type { PushOptions } from './socket-hub.js';
import type { SlackWorkspace } from './slack-workspace.js';
import { homeViewObject } from './views-methods.js';

/** How the event reaches the app: over its Socket Mode connection. */
export type AppHomeOpenedDelivery = { mode: 'socket' } & PushOptions;

export interface AppHomeOpenedResult {
  /** The event_callback payload the app received. */
  payload: Record<string, unknown>;
  /** The ack's payload; undefined for an empty ack, as events expect. */
  ack: unknown;
}

let eventSequence = 0;

/**
 * A person opens the app's Home tab: Slack sends an `events_api` envelope
 * holding an `event_callback` with an `app_home_opened` event (docs.slack.dev,
 * reference/events/app_home_opened). `view` is there once a Home view has
 * been published for the user. Resolves once the app acked.
 */
export async function sendAppHomeOpened(workspace: SlackWorkspace, userId: string, delivery: AppHomeOpenedDelivery): Promise<AppHomeOpenedResult> {
  const payload = appHomeOpenedPayload(workspace, userId);
  const ack = await workspace.sockets.push('events_api', payload, delivery);
  return { payload, ack };
}

export function appHomeOpenedPayload(workspace: SlackWorkspace, userId: string): Record<string, unknown> {
  const { world } = workspace;
  if (!workspace.user(userId)) throw new Error(`Slack sandbox: no user ${userId} in the world to open the Home tab`);
  const now = workspace.now();
  eventSequence += 1;
  const eventTs = `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + (eventSequence % 1000)).padStart(6, '0')}`;
  const current = homeViewsOf(workspace).of(userId);
  return {
    token: SANDBOX_SLACK_VERIFICATION_TOKEN,
    team_id: world.teamId,
    api_app_id: world.appId,
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId.slice(1)}`,
      tab: 'home',
      event_ts: eventTs,
      ...(current ? { view: homeViewObject(current, workspace) } : {}),
    },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(now / 1000),
    authorizations: [{ enterprise_id: null, team_id: world.teamId, user_id: world.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
