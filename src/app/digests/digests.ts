import type { ShipmateConfig } from '../../config/schema.js';
import type { Digest } from '../../domain/digests/digest.js';
import { digestContent, FIGURES_WINDOW_DAYS } from '../../domain/digests/digest-content.js';
import { digestDue } from '../../domain/digests/digest-schedule.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';
import type { Clock } from '../../ports/clock.port.js';
import type { StorePort } from '../../ports/store.port.js';
import { wallClockCron } from '../../schedule/cron-expression.js';
import { UsageError } from '../../usage-error.js';

const DAY_MS = 24 * 60 * 60_000;
/** Builds behind the deploys of the figures window may be older than the window itself. */
const AUDIT_LOOKBACK_DAYS = FIGURES_WINDOW_DAYS + 14;
/** A slot older than this is not caught up: after a long outage (or on a first start) the next slot will do. */
const CATCH_UP_WITHIN_MS = DAY_MS;

export interface DigestDeps {
  config: ShipmateConfig;
  store: StorePort;
  clock: Clock;
  portsFor(environment: string): ReadinessPorts;
  /** Posts the digest into the channel (Slack); errors are the caller's to log. */
  publish(channelId: string, digest: Digest, options: { late: boolean; scheduled: boolean; dueAt?: Date }): Promise<void>;
}

export type ScheduledOutcome = 'posted' | 'not-due' | 'posted-elsewhere';

/** The digest of an environment as of now: a fresh readiness run against what the last digest recorded. */
export async function composeDigest(environment: string, deps: DigestDeps): Promise<Digest> {
  const now = deps.clock.now();
  const [report, previous, audit] = await Promise.all([
    runReadiness(deps.config, { environment }, deps.portsFor(environment)),
    deps.store.lastDigest(environment),
    deps.store.auditSince(new Date(now.getTime() - AUDIT_LOOKBACK_DAYS * DAY_MS)),
  ]);
  return digestContent({
    environment,
    now,
    ...(previous ? { previous: { score: previous.score, failing: previous.failing, at: previous.postedAt } } : {}),
    report,
    audit,
  });
}

/**
 * One look at an environment's schedule (at start-up and on every cron
 * tick): when its latest slot has no digest yet, it is composed, claimed in
 * the store — exactly one replica wins — and posted, marked late when the bot
 * was down at the time.
 */
export async function runScheduledDigest(environment: string, deps: DigestDeps): Promise<ScheduledOutcome> {
  const settings = deps.config.environments[environment]?.digest;
  if (!settings) return 'not-due';
  const now = deps.clock.now();
  const last = await deps.store.lastDigest(environment, { scheduledOnly: true });
  const due = digestDue({ cron: wallClockCron(settings.schedule), timezone: settings.timezone }, last?.slot ?? last?.postedAt, now);
  if (!due.due || !due.slot || now.getTime() - due.slot.getTime() > CATCH_UP_WITHIN_MS) return 'not-due';
  const digest = await composeDigest(environment, deps);
  const claimed = await deps.store.claimDigest({
    environment,
    slot: due.slot,
    postedAt: now,
    late: due.late,
    score: digest.score,
    failing: digest.failing,
    channelId: settings.channel,
  });
  if (!claimed) return 'posted-elsewhere';
  await deps.publish(settings.channel, digest, { late: due.late, scheduled: true, dueAt: due.slot });
  return 'posted';
}

/** /shipmate digest [env]: now, into the environment's digest channel or the channel it was asked in. */
export async function postDigestNow(environment: string, fallbackChannel: string, deps: DigestDeps): Promise<Digest> {
  if (!deps.config.environments[environment]) throw new UsageError(`unknown environment "${environment}"`);
  const channelId = deps.config.environments[environment]?.digest?.channel ?? fallbackChannel;
  const digest = await composeDigest(environment, deps);
  await deps.store.recordDigest({
    environment,
    postedAt: deps.clock.now(),
    late: false,
    score: digest.score,
    failing: digest.failing,
    channelId,
  });
  await deps.publish(channelId, digest, { late: false, scheduled: false });
  return digest;
}
