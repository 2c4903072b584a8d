import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { LogLevel as WebLogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAppHome } from '../../src/adapters/slack/render/app-home.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { sendAppHomeOpened } from '../../src/sandbox/slack/app-home-opened.js';
import { homeViewsOf } from '../../src/sandbox/slack/home-views.js';
import { SANDBOX_SLACK_APP_TOKEN, SANDBOX_SLACK_BOT_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const at = new Date('2026-11-20T14:02:00Z');
const homeView = renderAppHome({
  viewerId: 'U0ALICE',
  generatedAt: at,
  environments: [{ name: 'staging', services: Array.from({ length: 30 }, (_, i) => ({ name: `svc-${i}`, imageTag: '1.1.0' })) }],
  pendingApprovals: [{ requestId: 'req-1', title: 'Deploy 1.1.0 of backend to staging', requestedBy: 'U0BOB', environment: 'staging', expiresAt: at }],
  activeLocks: [],
  recentDeploys: [],
});
const section = (i: number) => ({ type: 'section', text: { type: 'mrkdwn', text: `line ${i}` } });

let sandbox: Sandbox;
let slack: WebClient;

beforeEach(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  slack = new WebClient(SANDBOX_SLACK_BOT_TOKEN, { slackApiUrl: `${sandbox.url}/slack/api/`, logLevel: WebLogLevel.ERROR });
});

afterEach(async () => {
  await sandbox.close();
});

async function failure(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError | undefined;
  if (!error) throw new Error('expected the call to fail');
  expect(error.code).toBe('slack_webapi_platform_error');
  return error.data;
}

describe('Slack sandbox views.publish through the real WebClient', () => {
  it('given the rendered App Home, when published for a user, then ok with the view as Slack answers it, and it is what that user’s Home tab shows', async () => {
    const answer = await slack.views.publish({ user_id: 'U0ALICE', view: homeView as never });

    expect(answer.ok).toBe(true);
    expect(answer.view).toMatchObject({ type: 'home', team_id: sandbox.state.slack.world.teamId, blocks: homeView.blocks, app_id: 'A0SHIPMATE', bot_id: 'B0SHIPMATE' });
    const shown = homeViewsOf(sandbox.state.slack).of('U0ALICE');
    expect(shown?.view.blocks).toEqual(homeView.blocks);
    expect(shown?.id).toBe(answer.view?.id);
    expect(homeViewsOf(sandbox.state.slack).of('U0BOB')).toBeUndefined();
  });

  it('given a second publish for the same user, when it is answered, then the view id stays and the hash changes', async () => {
    const first = await slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [section(1)] } as never });
    const second = await slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [section(2)] } as never });

    expect(second.view?.id).toBe(first.view?.id);
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect(homeViewsOf(sandbox.state.slack).of('U0ALICE')?.view.blocks).toEqual([section(2)]);
  });

  it('given 100 blocks, when published, then ok (a message would be refused past 50)', async () => {
    const answer = await slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: Array.from({ length: 100 }, (_, i) => section(i)) } as never });

    expect(answer.ok).toBe(true);
  });

  it('given 101 blocks, when published, then invalid_arguments pointing at view.blocks, and nothing is shown', async () => {
    const data = await failure(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: Array.from({ length: 101 }, (_, i) => section(i)) } as never }));

    expect(data.error).toBe('invalid_arguments');
    expect(data.response_metadata?.messages).toEqual(['[ERROR] must have at most 100 items [json-pointer:/view/blocks]']);
    expect(homeViewsOf(sandbox.state.slack).of('U0ALICE')).toBeUndefined();
  });

  it('given a block past a message block’s rules, when published, then invalid_arguments names that block', async () => {
    const blocks = [section(0), { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];

    const data = await failure(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks } as never }));

    expect(data.response_metadata?.messages).toEqual(['[ERROR] must be at most 3000 characters [json-pointer:/view/blocks/1/text/text]']);
  });

  it('given a modal, a duplicate block_id or an unknown user, when published, then Slack’s refusals', async () => {
    const modal = await failure(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'modal', blocks: [section(0)] } as never }));
    const twice = await failure(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [{ ...section(0), block_id: 'a' }, { ...section(1), block_id: 'a' }] } as never }));
    const nobody = await failure(slack.views.publish({ user_id: 'U0NOBODY', view: { type: 'home', blocks: [section(0)] } as never }));

    expect(modal.error).toBe('invalid_arguments');
    expect(modal.response_metadata?.messages?.[0]).toContain('[json-pointer:/view/type]');
    expect(twice.response_metadata?.messages?.[0]).toContain('[json-pointer:/view/blocks/1/block_id]');
    expect(nobody.error).toBe('user_not_found');
  });
});

describe('Slack sandbox app_home_opened over Socket Mode to a real Bolt App', () => {
  let app: App;
  let receiver: SocketModeReceiver;

  beforeEach(async () => {
    const slackApiUrl = `${sandbox.url}/slack/api/`;
    receiver = new SocketModeReceiver({ appToken: SANDBOX_SLACK_APP_TOKEN, logLevel: LogLevel.ERROR, installerOptions: { clientOptions: { slackApiUrl } } });
    app = new App({ token: SANDBOX_SLACK_BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl } });
    app.event('app_home_opened', async ({ event, client }) => {
      if (event.tab !== 'home') return;
      const previous = event.view ? ` (had ${event.view.blocks.length} blocks)` : '';
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Hello <@${event.user}>${previous}` } }] } });
    });
    await app.start();
    await sandbox.state.slack.waitForSocket();
  });

  afterEach(async () => {
    await receiver.client.disconnect();
    await app.stop();
  });

  it('given a connected app, when a user opens the Home tab, then the app receives app_home_opened and publishes that user’s Home view', async () => {
    const result = await sendAppHomeOpened(sandbox.state.slack, 'U0ALICE', { mode: 'socket' });

    expect(result.ack).toBeUndefined();
    expect(result.payload).toMatchObject({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U0ALICE', tab: 'home' } });
    const published = await homeViewsOf(sandbox.state.slack).waitForPublish('U0ALICE');
    expect(published.view.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Hello <@U0ALICE>' } }]);
  });

  it('given a Home view already published, when the user opens the tab again, then the event carries the current view', async () => {
    await sendAppHomeOpened(sandbox.state.slack, 'U0ALICE', { mode: 'socket' });
    await homeViewsOf(sandbox.state.slack).waitForPublish('U0ALICE', 1);

    const result = await sendAppHomeOpened(sandbox.state.slack, 'U0ALICE', { mode: 'socket' });

    expect((result.payload.event as { view?: { type: string } }).view?.type).toBe('home');
    const second = await homeViewsOf(sandbox.state.slack).waitForPublish('U0ALICE', 2);
    expect(second.view.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Hello <@U0ALICE> (had 1 blocks)' } }]);
  });
});
