import { LogLevel, WebClient, type WebAPIPlatformError, type WebClientOptions } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirectory } from '../../src/adapters/slack/directory-adapter.js';
import type { Clock } from '../../src/ports/clock.port.js';
import { PortError } from '../../src/ports/port-error.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_BOT_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
});

afterEach(async () => {
  await sandbox.close();
});

function webClient(options: WebClientOptions = {}, token = SANDBOX_SLACK_BOT_TOKEN): WebClient {
  return new WebClient(token, { slackApiUrl: `${sandbox.url}/slack/api/`, logLevel: LogLevel.ERROR, ...options });
}

/** The Web API methods the sandbox answered, in order. */
const slackCalls = () => sandbox.state.slack.calls.map((c) => c.method);

/** A clock the test moves by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = Date.parse('2025-01-01T00:00:00Z');
  return { now: () => new Date(now), sleep: async () => undefined, advance: (ms) => (now += ms) };
}

async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as WebAPIPlatformError,
  );
  if (!error) throw new Error('expected the call to fail');
  return error.data;
}

async function portError(call: Promise<unknown>): Promise<PortError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PortError)) throw new Error(`expected a PortError, got ${String(error)}`);
  return error;
}

describe('Slack sandbox usergroups.list and usergroups.users.list through the real WebClient', () => {
  it('given the healthy world, when listing groups, then each is a usergroup object with its count but no members', async () => {
    const answer = await webClient().usergroups.list({});

    expect(answer.usergroups).toHaveLength(1);
    const [group] = answer.usergroups ?? [];
    expect(group).toMatchObject({ id: 'S0RELEASE', team_id: 'T0SANDBOX', handle: 'release-managers', name: 'Release Managers', is_usergroup: true, user_count: 2, date_delete: 0 });
    expect(group).not.toHaveProperty('users');
  });

  it('given include_users, when listing groups, then each carries its member ids', async () => {
    const answer = await webClient().usergroups.list({ include_users: true });

    expect(answer.usergroups?.[0]?.users).toEqual(['U0BOB', 'U0CAROL']);
  });

  it('given a group id, when listing its users, then its members come back; an unknown id answers no_such_subteam', async () => {
    const slack = webClient();

    expect((await slack.usergroups.users.list({ usergroup: 'S0RELEASE' })).users).toEqual(['U0BOB', 'U0CAROL']);
    expect(await platformError(slack.usergroups.users.list({ usergroup: 'S0NOPE' }))).toMatchObject({ ok: false, error: 'no_such_subteam' });
  });

  it('given a bot token without usergroups:read, when listing, then missing_scope names the scope needed and those held', async () => {
    sandbox.state.slack.botScopes.delete('usergroups:read');

    const data = await platformError(webClient().usergroups.list({}));

    expect(data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'usergroups:read', provided: 'commands,chat:write,users:read' });
    expect(await platformError(webClient().usergroups.users.list({ usergroup: 'S0RELEASE' }))).toMatchObject({ error: 'missing_scope' });
  });
});

describe('The Slack directory adapter against the sandbox', () => {
  it('given a group handle, with or without @, when asking for its users, then its members come back', async () => {
    const directory = createDirectory(webClient());

    expect(await directory.usersInGroup('release-managers')).toEqual(['U0BOB', 'U0CAROL']);
    expect(await directory.usersInGroup('@release-managers')).toEqual(['U0BOB', 'U0CAROL']);
  });

  it('given a handle no group has, when asking, then no users and no members call', async () => {
    const directory = createDirectory(webClient());

    expect(await directory.usersInGroup('site-reliability')).toEqual([]);
    expect(slackCalls()).toEqual(['usergroups.list']);
  });

  it('given 20 concurrent look-ups, when they run, then Slack is asked once for the groups and once for the members', async () => {
    const directory = createDirectory(webClient());

    const answers = await Promise.all(Array.from({ length: 20 }, () => directory.usersInGroup('release-managers')));

    expect(new Set(answers.map((a) => a.join(',')))).toEqual(new Set(['U0BOB,U0CAROL']));
    expect(slackCalls()).toEqual(['usergroups.list', 'usergroups.users.list']);
  });

  it('given a cached membership, when the group changes in Slack, then the change shows only once the TTL has passed', async () => {
    const clock = manualClock();
    const directory = createDirectory(webClient(), { ttlMs: 60_000, clock });
    await directory.usersInGroup('release-managers');
    sandbox.state.slack.world.usergroups![0]!.users.push('U0ALICE');

    clock.advance(59_000);
    expect(await directory.usersInGroup('release-managers')).toEqual(['U0BOB', 'U0CAROL']);
    clock.advance(2_000);
    expect(await directory.usersInGroup('release-managers')).toEqual(['U0BOB', 'U0CAROL', 'U0ALICE']);
    expect(slackCalls()).toEqual(['usergroups.list', 'usergroups.users.list', 'usergroups.list', 'usergroups.users.list']);
  });

  it('given a group deleted after the group list was cached, when asking, then no users, and the next look-up lists the groups again', async () => {
    const directory = createDirectory(webClient(), { ttlMs: 60_000, clock: manualClock() });
    expect(await directory.usersInGroup('site-reliability')).toEqual([]);
    sandbox.state.slack.world.usergroups = [];

    expect(await directory.usersInGroup('release-managers')).toEqual([]);
    expect(slackCalls()).toEqual(['usergroups.list', 'usergroups.users.list']);
    expect(await directory.usersInGroup('release-managers')).toEqual([]);
    expect(slackCalls()).toEqual(['usergroups.list', 'usergroups.users.list', 'usergroups.list']);
  });

  it('given a token without usergroups:read, when asking, then a forbidden PortError names the scope on one line', async () => {
    sandbox.state.slack.botScopes.delete('usergroups:read');

    const error = await portError(createDirectory(webClient()).usersInGroup('release-managers'));

    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^Slack usergroups\.list: .*usergroups:read/);
    expect(error.message).not.toContain('\n');
  });

  it('given a failed look-up, when the cause is fixed, then the next look-up asks Slack again rather than repeating the failure', async () => {
    const directory = createDirectory(webClient());
    sandbox.state.slack.botScopes.delete('usergroups:read');
    await portError(directory.usersInGroup('release-managers'));

    sandbox.state.slack.botScopes.add('usergroups:read');

    expect(await directory.usersInGroup('release-managers')).toEqual(['U0BOB', 'U0CAROL']);
  });

  it('given a token Slack does not know, when asking, then an unauthorized PortError that does not quote the token', async () => {
    const token = 'xoxb-not-the-sandbox-token';
    const error = await portError(createDirectory(webClient({}, token)).usersInGroup('release-managers'));

    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('invalid_auth');
    expect(error.message).not.toContain(token);
  });

  it('given Slack answers 429, when the client is told not to wait, then a throttled PortError', async () => {
    sandbox.state.slack.rateLimit('usergroups.list', 1, 30);

    const error = await portError(createDirectory(webClient({ rejectRateLimitedCalls: true })).usersInGroup('release-managers'));

    expect(error.code).toBe('throttled');
    expect(error.message).toContain('retry after 30 s');
  });

  it('given Slack answers 429 once, when the client waits as Slack asks, then the look-up succeeds after Retry-After', async () => {
    sandbox.state.slack.rateLimit('usergroups.list', 1, 1);

    expect(await createDirectory(webClient()).usersInGroup('release-managers')).toEqual(['U0BOB', 'U0CAROL']);
    expect(sandbox.state.slack.calls.map((c) => c.error ?? 'ok')).toEqual(['ratelimited', 'ok', 'ok']);
  });

  it('given Slack cannot be reached, when asking, then an unreachable PortError', async () => {
    const closed = sandbox;
    sandbox = await startSandbox({ world: loadScenario('healthy').world });
    await closed.close();
    const client = new WebClient(SANDBOX_SLACK_BOT_TOKEN, { slackApiUrl: `${closed.url}/slack/api/`, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });

    const error = await portError(createDirectory(client).usersInGroup('release-managers'));

    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/^Slack usergroups\.list: cannot reach Slack/);
  });
});
