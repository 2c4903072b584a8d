import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirectory } from '../../src/adapters/slack/directory-adapter.js';
import { PortError } from '../../src/ports/port-error.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_BOT_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

/** The healthy world plus a guest of each kind, a bot user and a Slack Connect member of another team. */
const WORLD = applyPatch(loadScenario('healthy').world, [
  { op: 'add', path: '/slack/users/-', value: { id: 'U0GUEST', name: 'gus', isRestricted: true } },
  { op: 'add', path: '/slack/users/-', value: { id: 'U0SINGLE', name: 'sue', isUltraRestricted: true } },
  { op: 'add', path: '/slack/users/-', value: { id: 'U0ROBOT', name: 'robot', isBot: true } },
  { op: 'add', path: '/slack/users/-', value: { id: 'U0EXTERNAL', name: 'eve', teamId: 'T0PARTNER' } },
]);

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ world: WORLD });
});
afterEach(async () => {
  await sandbox.close();
});

const webClient = () => new WebClient(SANDBOX_SLACK_BOT_TOKEN, { slackApiUrl: `${sandbox.url}/slack/api/`, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
const usersInfoCalls = () => sandbox.state.slack.calls.filter((c) => c.method === 'users.info').length;

describe('users.info in the sandbox, as Slack answers it', () => {
  it('marks guests is_restricted (and single-channel guests is_ultra_restricted), bots is_bot, and names each user\'s team', async () => {
    // given
    const slack = webClient();
    // when
    const [member, guest, single, robot, external] = await Promise.all(
      ['U0ALICE', 'U0GUEST', 'U0SINGLE', 'U0ROBOT', 'U0EXTERNAL'].map(async (user) => (await slack.users.info({ user })).user),
    );
    // then
    expect(member).toMatchObject({ team_id: 'T0SANDBOX', is_restricted: false, is_ultra_restricted: false, is_bot: false });
    expect(guest).toMatchObject({ is_restricted: true, is_ultra_restricted: false });
    expect(single).toMatchObject({ is_restricted: true, is_ultra_restricted: true });
    expect(robot).toMatchObject({ is_bot: true });
    expect(external).toMatchObject({ team_id: 'T0PARTNER', is_stranger: true });
  });

  it('answers missing_scope without users:read', async () => {
    sandbox.state.slack.botScopes.delete('users:read');
    const error = await webClient().users.info({ user: 'U0ALICE' }).catch((e: { data: unknown }) => e.data);
    expect(error).toMatchObject({ ok: false, error: 'missing_scope', needed: 'users:read' });
  });
});

describe('the directory adapter\'s userInfo and homeTeam', () => {
  it('tells guests, bots and other teams apart, and the home team from auth.test', async () => {
    // given
    const directory = createDirectory(webClient());
    // when / then
    expect(await directory.homeTeam()).toEqual({ teamId: 'T0SANDBOX' });
    expect(await directory.userInfo('U0ALICE')).toEqual({ isGuest: false, isBot: false, teamId: 'T0SANDBOX' });
    expect(await directory.userInfo('U0SINGLE')).toMatchObject({ isGuest: true });
    expect(await directory.userInfo('U0GUEST')).toMatchObject({ isGuest: true });
    expect(await directory.userInfo('U0ROBOT')).toMatchObject({ isBot: true });
    expect(await directory.userInfo('U0EXTERNAL')).toMatchObject({ isGuest: false, teamId: 'T0PARTNER' });
  });

  it('asks users.info once per user within a minute, and again after it', async () => {
    // given
    let now = Date.parse('2026-12-01T10:00:00Z');
    const directory = createDirectory(webClient(), { clock: { now: () => new Date(now), sleep: async () => undefined } });
    // when
    await Promise.all([directory.userInfo('U0ALICE'), directory.userInfo('U0ALICE'), directory.userInfo('U0ALICE')]);
    const cached = usersInfoCalls();
    now += 61_000;
    await directory.userInfo('U0ALICE');
    // then
    expect(cached).toBe(1);
    expect(usersInfoCalls()).toBe(2);
  });

  it('rejects with a PortError naming the scope when users:read is missing, and for an unknown user', async () => {
    // given
    sandbox.state.slack.botScopes.delete('users:read');
    const directory = createDirectory(webClient());
    // when
    const scope = await directory.userInfo('U0ALICE').catch((e: unknown) => e);
    sandbox.state.slack.botScopes.add('users:read');
    const unknown = await directory.userInfo('U0NOBODY').catch((e: unknown) => e);
    // then
    expect(scope).toBeInstanceOf(PortError);
    expect((scope as PortError).message).toBe("Slack users.info: the bot token lacks the users:read scope (add it to the app's bot scopes and reinstall the app)");
    expect((unknown as PortError).message).toBe('Slack users.info: user_not_found');
  });
});
