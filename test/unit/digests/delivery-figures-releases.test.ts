import { describe, expect, it } from 'vitest';
import { parseDeliveryEvents } from '../../../src/domain/digests/delivery-event.js';
import { deliveryFigures } from '../../../src/domain/digests/delivery-figures.js';
import { releaseLeadTimesMs } from '../../../src/domain/digests/release-lead-times.js';
import type { AuditEntry } from '../../../src/ports/store.port.js';
import { at, buildRequested, buildStarted, deployFailed, deployStarted, deploySucceeded, release, releaseRequested, releaseRun } from './audit-history.js';

const MINUTE = 60_000;
const week = { from: at('2026-11-30T00:00:00Z'), to: at('2026-12-07T00:00:00Z') };
const figuresOf = (audit: readonly AuditEntry[], environment = 'production') => deliveryFigures(audit, environment, week);

describe('deliveryFigures: a release is one change', () => {
  it('counts a release of two services as one deploy, not two', () => {
    // given a release that patched backend and frontend and succeeded
    const audit = release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'succeeded');

    // when
    const figures = figuresOf(audit);

    // then
    expect(figures.deploys).toBe(1);
    expect(figures.releases).toBe(1);
    expect(figures.deploysPerWeek).toBe(1);
    expect(figures.failedDeploys).toBe(0);
    expect(figures.changeFailureRate).toBe(0);
  });

  it.each(['failed', 'rolled-back', 'rollback-failed'] as const)('counts a release that %s as one failed change, however many services it rolled back', (end) => {
    // given
    const audit = release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'worker', 'frontend'], end);

    // when
    const figures = figuresOf(audit);

    // then
    expect(figures.deploys).toBe(1);
    expect(figures.failedDeploys).toBe(1);
    expect(figures.changeFailureRate).toBe(1);
  });

  it('adds releases and plain deploys of one window together', () => {
    // given a plain deploy that failed, a release that succeeded, a release still running, and a plain deploy that succeeded
    const audit = [
      deployStarted('2026-11-30T09:00:00Z', 'd1dddd', 'backend', 'production'),
      deployFailed('2026-11-30T09:05:00Z', 'd1dddd', 'backend', '1.4.1', 'production'),
      ...release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'succeeded'),
      ...release('2026-12-03T10:00:00Z', 'r2bbbb', '1.6.0', 'production', ['backend', 'frontend'], 'running'),
      deployStarted('2026-12-04T09:00:00Z', 'd2eeee', 'worker', 'production'),
      deploySucceeded('2026-12-04T09:05:00Z', 'd2eeee', 'worker', '1.6.0', 'production'),
    ];

    // when
    const figures = figuresOf(audit);

    // then: 4 changes (2 deploys + 2 releases) in a week, the failed deploy 1 of them
    expect(figures.deploys).toBe(4);
    expect(figures.releases).toBe(2);
    expect(figures.deploysPerWeek).toBe(4);
    expect(figures.failedDeploys).toBe(1);
    expect(figures.changeFailureRate).toBe(0.25);
  });

  it('counts only releases that started, in the window, in the environment, once each', () => {
    // given
    const audit = [
      // requested, never started
      releaseRequested('2026-12-01T09:00:00Z', 'n1nnnn', '1.5.0', 'production'),
      releaseRun('2026-12-01T09:10:00Z', 'n1nnnn', 'not-started', '1.5.0', 'production', 'backend is locked'),
      // started before the window, failed inside it
      ...release('2026-11-29T23:55:00Z', 'b1bbbb', '1.4.0', 'production', ['backend', 'frontend'], 'rolled-back'),
      // another environment
      ...release('2026-12-02T10:00:00Z', 's1ssss', '1.5.0', 'staging', ['backend'], 'failed'),
      // resumed after a restart: release.started audited twice
      ...release('2026-12-03T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend'], 'failed'),
      releaseRun('2026-12-03T10:30:00Z', 'r1aaaa', 'started', '1.5.0', 'production', 'resumed at stage 2'),
    ];

    // when
    const production = figuresOf(audit);
    const staging = figuresOf(audit, 'staging');

    // then
    expect(production.deploys).toBe(1);
    expect(production.releases).toBe(1);
    expect(production.failedDeploys).toBe(1);
    expect(staging.deploys).toBe(1);
    expect(staging.failedDeploys).toBe(1);
  });

  it('takes one lead-time sample per release: its build (version from release.requested) to release.succeeded, once per build', () => {
    // given a release whose build stage built backend and frontend at 1.5.0, then the same images released again
    const audit = [
      ...release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'succeeded'),
      buildStarted('2026-12-01T09:56:00Z', 'r1aaaa', 'backend', 'production'),
      buildStarted('2026-12-01T09:57:00Z', 'r1aaaa', 'frontend', 'production'),
      ...release('2026-12-02T10:00:00Z', 'r2bbbb', '1.5.0', 'production', ['backend', 'frontend'], 'succeeded'),
      // a failed release is never running: no sample
      ...release('2026-12-03T10:00:00Z', 'r3cccc', '1.6.0', 'production', ['backend'], 'rolled-back'),
      buildStarted('2026-12-03T09:50:00Z', 'r3cccc', 'backend', 'production'),
    ];

    // when
    const figures = figuresOf(audit);

    // then: r1aaaa succeeded at 10:07 (2 services: 2 × 2 + 3 minutes), 10 min after the latest build of 1.5.0 (09:57)
    expect(figures.leadTimeSamples).toBe(1);
    expect(figures.medianLeadTimeMs).toBe(10 * MINUTE);
    expect(figures.deploys).toBe(3);
    expect(figures.failedDeploys).toBe(1);
  });

  it('pairs a release with a build of its version made for another environment, and not with a later one', () => {
    // given 2.0.0 built in staging (its tag in the source ref), released to production, then built again
    const audit = [
      buildStarted('2026-12-01T08:00:00Z', 'b1bbbb', 'backend', 'staging', 'refs/tags/v2.0.0'),
      ...release('2026-12-01T10:00:00Z', 'r1aaaa', '2.0.0', 'production', ['backend'], 'succeeded'),
      buildStarted('2026-12-01T11:00:00Z', 'b2bbbb', 'backend', 'staging', 'refs/tags/v2.0.0'),
    ];

    // when
    const figures = figuresOf(audit);

    // then: 08:00 → 10:05
    expect(figures.leadTimeSamples).toBe(1);
    expect(figures.medianLeadTimeMs).toBe(125 * MINUTE);
  });

  it('has a rate and a median only when there is something to have them of', () => {
    // given a release that is still running: a change, nothing succeeded yet
    const audit = release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend'], 'running');

    // when
    const figures = figuresOf(audit);

    // then
    expect(figures).toStrictEqual({ environment: 'production', window: week, deploys: 1, releases: 1, deploysPerWeek: 1, failedDeploys: 0, changeFailureRate: 0, leadTimeSamples: 0 });
  });
});

describe('releaseLeadTimesMs', () => {
  const inWeek = (when: Date) => when.getTime() >= week.from.getTime() && when.getTime() < week.to.getTime();
  const succeededAt = (when: string, requestId: string, version: string, environment = 'production') =>
    releaseRun(when, requestId, 'succeeded', version, environment, '3 stages');
  const samplesOf = (audit: readonly AuditEntry[]) => releaseLeadTimesMs(audit, parseDeliveryEvents(audit), 'production', inWeek).map((ms) => ms / MINUTE);

  it('pairs each release that succeeded in the environment and the window with the latest build of its version before it', () => {
    // given, in any order
    const audit = [
      buildRequested('2026-12-01T08:50:00Z', 'b1bbbb', '1.5.0', ['backend'], 'staging'),
      buildStarted('2026-12-01T09:00:00Z', 'b1bbbb', 'backend', 'staging'),
      // a build of another version after it, and a plain deploy of 1.5.0: neither is 1.5.0's build
      buildRequested('2026-12-01T09:10:00Z', 'b2bbbb', '1.6.0', ['backend'], 'staging'),
      buildStarted('2026-12-01T09:20:00Z', 'b2bbbb', 'backend', 'staging'),
      deployStarted('2026-12-01T09:25:00Z', 'd1dddd', 'backend', 'production'),
      deploySucceeded('2026-12-01T09:30:00Z', 'd1dddd', 'backend', '1.5.0', 'production'),
      // 1.5.0 released in staging first: another environment's release does not take production's sample
      succeededAt('2026-12-01T09:40:00Z', 's1ssss', '1.5.0', 'staging'),
      // 1.6.0 released in production: its own sample (09:20 → 09:50), and no bar to 1.5.0's
      succeededAt('2026-12-01T09:50:00Z', 'r0aaaa', '1.6.0'),
      succeededAt('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0'),
      // a release.succeeded whose detail names no version cannot be paired
      { ...succeededAt('2026-12-01T10:10:00Z', 'r9aaaa', '1.5.0'), detail: 'all stages done' },
    ].reverse();

    // when / then: 1.6.0 30 min, 1.5.0 09:00 → 10:00
    expect(samplesOf(audit)).toEqual([30, 60]);
  });

  it('takes a new sample when the version was built again since it last succeeded, and none outside the window', () => {
    // given 1.5.0 released before the window, rebuilt, released again twice
    const audit = [
      buildRequested('2026-11-29T08:50:00Z', 'b1bbbb', '1.5.0', ['backend'], 'staging'),
      buildStarted('2026-11-29T09:00:00Z', 'b1bbbb', 'backend', 'staging'),
      succeededAt('2026-11-29T10:00:00Z', 'r1aaaa', '1.5.0'),
      buildRequested('2026-12-01T08:50:00Z', 'b2bbbb', '1.5.0', ['backend'], 'staging'),
      buildStarted('2026-12-01T09:00:00Z', 'b2bbbb', 'backend', 'staging'),
      succeededAt('2026-12-01T09:15:00Z', 'r2aaaa', '1.5.0'),
      succeededAt('2026-12-01T09:45:00Z', 'r3aaaa', '1.5.0'),
    ];

    // when / then: only r2aaaa (09:00 → 09:15): r1aaaa is before the window, r3aaaa released the same build again
    expect(samplesOf(audit)).toEqual([15]);
  });
});
