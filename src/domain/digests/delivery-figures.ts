import type { AuditEntry } from '../../ports/store.port.js';
import { parseDeliveryEvents, type DeliveryEvent } from './delivery-event.js';
import { median } from './median.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface DeliveryFigures {
  environment: string;
  window: { from: Date; to: Date };
  /** Rollouts started (deploy.started) in the window, one per run; refused deploys never start and do not count. */
  deploys: number;
  /** deploys per 7 days of the window. */
  deploysPerWeek: number;
  /** Of those deploys, the ones whose rollout failed (rolled back or not) or whose request's /verify failed afterwards. */
  failedDeploys: number;
  /** failedDeploys / deploys, 0..1; undefined without deploys. */
  changeFailureRate?: number;
  /** Median of build.started → deploy.succeeded of the same service and version; undefined without a pair. */
  medianLeadTimeMs?: number;
  /** How many build → running pairs the median is over. */
  leadTimeSamples: number;
}

/**
 * Delivery figures for one environment over [from, to), from the audit log
 * (any order; entries outside the window are used to pair builds and
 * failures with the deploys inside it).
 *
 * - A deploy failed when its run has deploy.failed, deploy.rolled-back or
 *   deploy.rollback-failed, or a verify.failed of its request follows it. A
 *   rollout that failed with nothing to roll back to counts too.
 * - Lead time pairs each deploy.succeeded (in the window, in the environment)
 *   with the latest build.started of the same service and version before it,
 *   built in any environment; it counts only the first time that build is
 *   seen running there, so re-deploying or rolling back to an old version
 *   does not add a sample.
 */
export function deliveryFigures(audit: readonly AuditEntry[], environment: string, window: { from: Date; to: Date }): DeliveryFigures {
  const events = parseDeliveryEvents(audit);
  const inWindow = (at: Date) => at.getTime() >= window.from.getTime() && at.getTime() < window.to.getTime();
  const here = events.filter((e) => e.environment === environment);

  const started = new Map<string, Extract<DeliveryEvent, { kind: 'deploy-started' }>>();
  for (const e of here) if (e.kind === 'deploy-started' && inWindow(e.at) && !started.has(e.runId)) started.set(e.runId, e);
  const deploys = [...started.values()];
  const failedDeploys = deploys.filter((d) => failed(d, here)).length;

  const weeks = Math.max(window.to.getTime() - window.from.getTime(), 0) / WEEK_MS;
  const leadTimes = leadTimesMs(events, here, inWindow);
  const changeFailureRate = deploys.length > 0 ? failedDeploys / deploys.length : undefined;
  const medianLeadTimeMs = median(leadTimes);
  return {
    environment,
    window: { from: new Date(window.from), to: new Date(window.to) },
    deploys: deploys.length,
    deploysPerWeek: weeks > 0 ? deploys.length / weeks : 0,
    failedDeploys,
    ...(changeFailureRate !== undefined ? { changeFailureRate } : {}),
    ...(medianLeadTimeMs !== undefined ? { medianLeadTimeMs } : {}),
    leadTimeSamples: leadTimes.length,
  };
}

function failed(deploy: Extract<DeliveryEvent, { kind: 'deploy-started' }>, events: readonly DeliveryEvent[]): boolean {
  return events.some(
    (e) =>
      (e.kind === 'deploy-ended' && e.runId === deploy.runId && ['failed', 'rolled-back', 'rollback-failed'].includes(e.outcome)) ||
      (e.kind === 'verified' && !e.passed && e.requestId === deploy.requestId && e.at.getTime() >= deploy.at.getTime()),
  );
}

function leadTimesMs(all: readonly DeliveryEvent[], here: readonly DeliveryEvent[], inWindow: (at: Date) => boolean): number[] {
  const running = here.filter((e): e is Extract<DeliveryEvent, { kind: 'deploy-ended' }> => e.kind === 'deploy-ended' && e.outcome === 'succeeded' && e.version !== undefined);
  const builds = all.filter((e): e is Extract<DeliveryEvent, { kind: 'build-started' }> => e.kind === 'build-started' && e.version !== undefined);
  const samples: number[] = [];
  for (const deploy of running) {
    if (!inWindow(deploy.at)) continue;
    const same = (e: { service: string; version?: string }) => e.service === deploy.service && e.version === deploy.version;
    const build = builds.filter((b) => same(b) && b.at.getTime() <= deploy.at.getTime()).at(-1);
    if (!build) continue;
    const earlier = running.some((r) => r !== deploy && same(r) && r.at.getTime() >= build.at.getTime() && r.at.getTime() < deploy.at.getTime());
    if (!earlier) samples.push(deploy.at.getTime() - build.at.getTime());
  }
  return samples;
}
