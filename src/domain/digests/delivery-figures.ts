import type { AuditEntry } from '../../ports/store.port.js';
import { parseDeliveryEvents, type DeliveryEvent } from './delivery-event.js';
import { median } from './median.js';
import { releaseLeadTimesMs } from './release-lead-times.js';
import { FAILED_RELEASE, releaseRuns } from './release-activity.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface DeliveryFigures {
  environment: string;
  window: { from: Date; to: Date };
  /**
   * Changes started in the window: rollouts (deploy.started, one per run) and
   * releases (release.started, one per run however many services it
   * deploys). Refused deploys and releases that never started do not count.
   */
  deploys: number;
  /** How many of `deploys` are releases. */
  releases: number;
  /** deploys per 7 days of the window. */
  deploysPerWeek: number;
  /** Of those deploys, the ones whose rollout failed (rolled back or not) or whose request's /verify failed afterwards, and the releases that failed. */
  failedDeploys: number;
  /** failedDeploys / deploys, 0..1; undefined without deploys. */
  changeFailureRate?: number;
  /** Median of build.started → deploy.succeeded of the same service and version, and build.started → release.succeeded of the same version; undefined without a pair. */
  medianLeadTimeMs?: number;
  /** How many build → running pairs the median is over (a release is one). */
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
 * - A release is one change: it failed when release.failed,
 *   release.rolled-back or release.rollback-failed follow its
 *   release.started. Its lead time is one sample (see release-lead-times.ts).
 */
export function deliveryFigures(audit: readonly AuditEntry[], environment: string, window: { from: Date; to: Date }): DeliveryFigures {
  const events = parseDeliveryEvents(audit);
  const inWindow = (at: Date) => at.getTime() >= window.from.getTime() && at.getTime() < window.to.getTime();
  const here = events.filter((e) => e.environment === environment);

  const started = new Map<string, Extract<DeliveryEvent, { kind: 'deploy-started' }>>();
  for (const e of here) if (e.kind === 'deploy-started' && inWindow(e.at) && !started.has(e.runId)) started.set(e.runId, e);
  const deploys = [...started.values()];
  const releases = releaseRuns(audit).filter((r) => r.environment === environment && r.startedAt !== undefined && inWindow(r.startedAt));
  const failedReleases = releases.filter((r) => FAILED_RELEASE.has(r.outcome)).length;
  const changes = deploys.length + releases.length;
  const failedDeploys = deploys.filter((d) => failed(d, here)).length + failedReleases;

  const weeks = Math.max(window.to.getTime() - window.from.getTime(), 0) / WEEK_MS;
  const leadTimes = [...leadTimesMs(events, here, inWindow), ...releaseLeadTimesMs(audit, events, environment, inWindow)];
  const changeFailureRate = changes > 0 ? failedDeploys / changes : undefined;
  const medianLeadTimeMs = median(leadTimes);
  return {
    environment,
    window: { from: new Date(window.from), to: new Date(window.to) },
    deploys: changes,
    releases: releases.length,
    deploysPerWeek: weeks > 0 ? changes / weeks : 0,
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
  const builds = all.filter((e): e is Extract<DeliveryEvent, { kind: 'build-started' }> => e.kind === 'build-started');
  const samples: number[] = [];
  for (const deploy of running) {
    if (!inWindow(deploy.at)) continue;
    const same = (e: { service: string; version?: string }) => e.service === deploy.service && e.version === deploy.version;
    const build = builds.filter((b) => same(b) && b.at.getTime() <= deploy.at.getTime()).at(-1);
    if (!build) continue;
    const earlier = running.some((r) => same(r) && r.at.getTime() >= build.at.getTime() && r.at.getTime() < deploy.at.getTime());
    if (!earlier) samples.push(deploy.at.getTime() - build.at.getTime());
  }
  return samples;
}
