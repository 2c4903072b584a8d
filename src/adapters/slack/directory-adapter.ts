import { ErrorCode, type WebClient } from '@slack/web-api';
import type { DirectoryPort, SlackTeam, SlackUserInfo } from '../../ports/directory.port.js';
import { PortError, type PortErrorCode } from '../../ports/port-error.js';
import { systemClock, type Clock } from '../../ports/clock.port.js';

export interface DirectoryOptions {
  /** How long a group list or a group's members are trusted (default 5 minutes). */
  ttlMs?: number;
  /** How long what users.info said of someone is trusted (default 1 minute): a guest made member, or the reverse, counts soon. */
  userTtlMs?: number;
  clock?: Clock;
}

const DEFAULT_TTL_MS = 5 * 60_000;
const DEFAULT_USER_TTL_MS = 60_000;
const SCOPE_OF: Record<string, string> = { 'users.info': 'users:read' };
const scopeOf = (method: string): string => SCOPE_OF[method] ?? 'usergroups:read';

/**
 * Slack user groups as the policy sees them: usergroups.list maps handles to
 * ids, usergroups.users.list gives a group's members. Both are cached for
 * `ttlMs` (they are Tier 2 methods, about 20 calls a minute), and concurrent
 * look-ups share one call; failures are not cached. users.info (Tier 4) is
 * cached `userTtlMs` per user; auth.test once, when it first succeeds.
 */
export function createDirectory(client: WebClient, options: DirectoryOptions = {}): DirectoryPort {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const clock = options.clock ?? systemClock;
  const groupIds = new ExpiringCache<string, Map<string, string>>(ttlMs, clock);
  const members = new ExpiringCache<string, string[] | undefined>(ttlMs, clock);
  const users = new ExpiringCache<string, SlackUserInfo>(options.userTtlMs ?? DEFAULT_USER_TTL_MS, clock);
  const team = new ExpiringCache<string, SlackTeam>(Number.POSITIVE_INFINITY, clock);

  const loadUser = (userId: string) =>
    call('users.info', async (): Promise<SlackUserInfo> => {
      const { user } = await client.users.info({ user: userId });
      if (!user) throw new Error('users.info answered without a user');
      const enterpriseId = user.enterprise_user?.enterprise_id;
      return {
        isGuest: user.is_restricted === true || user.is_ultra_restricted === true,
        isBot: user.is_bot === true || user.is_app_user === true,
        ...(user.team_id ? { teamId: user.team_id } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
      };
    });

  const loadTeam = () =>
    call('auth.test', async (): Promise<SlackTeam> => {
      const answer = await client.auth.test();
      if (!answer.team_id) throw new Error('auth.test answered without a team_id');
      return { teamId: answer.team_id, ...(answer.enterprise_id ? { enterpriseId: answer.enterprise_id } : {}) };
    });

  const loadGroupIds = async () => {
    const answer = await call('usergroups.list', () => client.usergroups.list({}));
    return new Map((answer.usergroups ?? []).flatMap((g) => (g.handle && g.id ? [[g.handle.toLowerCase(), g.id] as const] : [])));
  };

  const loadMembers = (id: string) =>
    call('usergroups.users.list', async () => {
      try {
        return (await client.usergroups.users.list({ usergroup: id })).users ?? [];
      } catch (error) {
        // Deleted since usergroups.list was cached: no members, and the handle map is stale.
        if (slackErrorOf(error) === 'no_such_subteam') return undefined;
        throw error;
      }
    });

  return {
    async usersInGroup(handle) {
      const key = handle.trim().replace(/^@/, '').toLowerCase();
      const id = (await groupIds.get('all', loadGroupIds)).get(key);
      if (!id) return [];
      const found = await members.get(id, () => loadMembers(id));
      if (found === undefined) {
        groupIds.forget('all');
        members.forget(id);
        return [];
      }
      return [...found];
    },
    userInfo: (userId) => users.get(userId, () => loadUser(userId)),
    homeTeam: () => team.get('home', loadTeam),
  };
}

/** Values kept for a while; a value still being fetched is shared, a failed fetch is forgotten. */
class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = load();
    const entry = { value, expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  forget(key: K): void {
    this.entries.delete(key);
  }
}

async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toPortError(error, method);
  }
}

function toPortError(error: unknown, method: string): PortError {
  const prefix = `Slack ${method}`;
  const slackError = slackErrorOf(error);
  if (slackError !== undefined) {
    const [code, reason] = describeSlackError(slackError, scopeOf(method));
    return new PortError(code, `${prefix}: ${reason}`);
  }
  const coded = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; original?: { message?: unknown } };
  if (coded.code === ErrorCode.RateLimitedError) return new PortError('throttled', `${prefix}: rate limited (retry after ${String(coded.retryAfter)} s)`);
  if (coded.code === ErrorCode.HTTPError) return new PortError('remote', `${prefix}: HTTP ${String(coded.statusCode)}`);
  if (coded.code === ErrorCode.RequestError) {
    const reason = oneLine(String(coded.original?.message ?? 'request failed'));
    return new PortError('unreachable', `${prefix}: cannot reach Slack (${reason})`);
  }
  return new PortError('remote', `${prefix}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
}

/** Slack's `error` string of a Web API platform error (HTTP 200, ok: false). */
function slackErrorOf(error: unknown): string | undefined {
  const coded = error as { code?: unknown; data?: { error?: unknown } } | undefined;
  if (coded?.code !== ErrorCode.PlatformError) return undefined;
  return typeof coded.data?.error === 'string' ? coded.data.error : 'unknown_error';
}

function describeSlackError(error: string, scope: string): [PortErrorCode, string] {
  switch (error) {
    case 'missing_scope':
      return ['forbidden', `the bot token lacks the ${scope} scope (add it to the app's bot scopes and reinstall the app)`];
    case 'plan_upgrade_required':
    case 'paid_teams_only':
      return ['forbidden', 'this workspace has no user groups (they need a paid Slack plan); name approvers by user id instead'];
    case 'not_authed':
    case 'invalid_auth':
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return ['unauthorized', `${error} (check SLACK_BOT_TOKEN)`];
    case 'ratelimited':
      return ['throttled', 'rate limited'];
    default:
      return ['remote', error];
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
