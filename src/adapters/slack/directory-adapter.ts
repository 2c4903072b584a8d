import { ErrorCode, type WebClient } from '@slack/web-api';
import type { DirectoryPort } from '../../ports/directory.port.js';
import { PortError, type PortErrorCode } from '../../ports/port-error.js';
import { systemClock, type Clock } from '../../ports/clock.port.js';

export interface DirectoryOptions {
  /** How long a group list or a group's members are trusted (default 5 minutes). */
  ttlMs?: number;
  clock?: Clock;
}

const DEFAULT_TTL_MS = 5 * 60_000;
const NEEDED_SCOPE = 'usergroups:read';

/**
 * Slack user groups as the policy sees them: usergroups.list maps handles to
 * ids, usergroups.users.list gives a group's members. Both are cached for
 * `ttlMs` (they are Tier 2 methods, about 20 calls a minute), and concurrent
 * look-ups share one call; failures are not cached.
 */
export function createDirectory(client: WebClient, options: DirectoryOptions = {}): DirectoryPort {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const clock = options.clock ?? systemClock;
  const groupIds = new ExpiringCache<string, Map<string, string>>(ttlMs, clock);
  const members = new ExpiringCache<string, string[] | undefined>(ttlMs, clock);

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
      const users = await members.get(id, () => loadMembers(id));
      if (users === undefined) {
        groupIds.forget('all');
        members.forget(id);
        return [];
      }
      return [...users];
    },
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
    const [code, reason] = describeSlackError(slackError);
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

function describeSlackError(error: string): [PortErrorCode, string] {
  switch (error) {
    case 'missing_scope':
      return ['forbidden', `the bot token lacks the ${NEEDED_SCOPE} scope (add it to the app's bot scopes and reinstall the app)`];
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
