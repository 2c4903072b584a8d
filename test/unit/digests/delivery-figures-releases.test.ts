import { describe, expect, it } from 'vitest';
import { deliveryFigures } from '../../../src/domain/digests/delivery-figures.js';
import type { AuditEntry } from '../../../src/ports/store.port.js';
import { at, buildStarted, deployFailed, deployStarted, deploySucceeded, release, releaseRequested, releaseRun } from './audit-history.js';

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
});
