import { describe, expect, it } from 'vitest';
import { deliveryFigures } from '../../../src/domain/digests/delivery-figures.js';
import {
  at, buildRequested, buildStarted, commandRefused, deployFailed, deployRequested, deployStarted, deploySucceeded, rollbackRequested, rolledBack, verified,
} from './audit-history.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const window = { from: at('2024-03-01T00:00:00Z'), to: at('2024-03-15T00:00:00Z') }; // 14 days = 2 weeks

/** A known fortnight of production, plus noise that must not count. */
const history = [
  // builds (in staging; the images then go to production)
  buildRequested('2024-03-01T07:55:00Z', 'b1aaaa', '1.4.0', ['api', 'web'], 'staging'),
  buildStarted('2024-03-01T08:00:00Z', 'b1aaaa', 'api', 'staging'),
  buildStarted('2024-03-01T08:05:00Z', 'b1aaaa', 'web', 'staging'),
  buildRequested('2024-03-07T09:55:00Z', 'b2bbbb', '1.5.0', ['api'], 'staging'),
  buildStarted('2024-03-07T10:00:00Z', 'b2bbbb', 'api', 'staging'),
  // its build.requested is not in the slice read: the version comes from the default source ref
  buildStarted('2024-03-09T12:00:00Z', 'c3cccc', 'web', 'staging', 'refs/tags/v1.5.0'),

  // noise: before the window, another environment, at the window's end, refused commands
  deployStarted('2024-02-27T09:00:00Z', 'z0zzzz', 'api', 'production'),
  deployFailed('2024-02-27T09:10:00Z', 'z0zzzz', 'api', '1.3.9', 'production'),
  deployStarted('2024-03-05T09:00:00Z', 's1ssss', 'api', 'staging'),
  deploySucceeded('2024-03-05T09:10:00Z', 's1ssss', 'api', '1.5.0', 'staging'),
  deployStarted('2024-03-15T00:00:00Z', 'e9eeee', 'api', 'production'),
  commandRefused('2024-03-03T00:00:00Z', 'deploy'),
  commandRefused('2024-03-03T00:00:01Z', 'verify'),

  // D1 api 1.4.0: fine
  deployRequested('2024-03-01T09:50:00Z', 'd1dddd', 'api', '1.4.0', 'production'),
  deployStarted('2024-03-01T10:00:00Z', 'd1dddd', 'api', 'production'),
  deploySucceeded('2024-03-01T10:30:00Z', 'd1dddd', 'api', '1.4.0', 'production'),
  verified('2024-03-01T10:32:00Z', 'd1dddd', 'production', true),
  // D2 web 1.4.0: rolled out, then /verify failed
  deployStarted('2024-03-02T09:00:00Z', 'd2eeee', 'web', 'production'),
  deploySucceeded('2024-03-02T14:05:00Z', 'd2eeee', 'web', '1.4.0', 'production'),
  verified('2024-03-02T14:07:00Z', 'd2eeee', 'production', false),
  // D3 the one-click rollback of web to 1.3.0 (never built in this history)
  rollbackRequested('2024-03-02T14:08:00Z', 'd3ffff', 'web', '1.3.0', 'production'),
  deployStarted('2024-03-02T15:00:00Z', 'd3ffff', 'web', 'production'),
  deploySucceeded('2024-03-02T15:10:00Z', 'd3ffff', 'web', '1.3.0', 'production'),
  // D4 api 1.5.0: crash-looped and was rolled back
  deployStarted('2024-03-08T09:00:00Z', 'd4gggg', 'api', 'production'),
  deployFailed('2024-03-08T09:05:00Z', 'd4gggg', 'api', '1.5.0', 'production'),
  rolledBack('2024-03-08T09:07:00Z', 'd4gggg', 'api', 'production'),
  // D5 api 1.5.0 again: fine
  deployStarted('2024-03-10T09:00:00Z', 'd5hhhh', 'api', 'production'),
  deploySucceeded('2024-03-10T10:00:00Z', 'd5hhhh', 'api', '1.5.0', 'production'),
  // D6 web 1.5.0: fine
  deployStarted('2024-03-12T12:00:00Z', 'd6iiii', 'web', 'production'),
  deploySucceeded('2024-03-12T13:00:00Z', 'd6iiii', 'web', '1.5.0', 'production'),
  // D7 api 1.5.0 re-deployed from the same build: a deploy, but no new lead-time sample
  deployStarted('2024-03-13T08:00:00Z', 'd7jjjj', 'api', 'production'),
  deploySucceeded('2024-03-13T08:10:00Z', 'd7jjjj', 'api', '1.5.0', 'production'),
];

describe('deliveryFigures', () => {
  it('computes the hand-checked figures of a known fortnight', () => {
    // given the history above, in any order
    const shuffled = [...history].reverse();

    // when
    const figures = deliveryFigures(shuffled, 'production', window);

    // then: D1..D7 started inside [Mar 1, Mar 15); 7 deploys / 2 weeks = 3.5 a week
    expect(figures.deploys).toBe(7);
    expect(figures.deploysPerWeek).toBe(3.5);
    // D2 (verify failed) and D4 (rolled back): 2 of 7
    expect(figures.failedDeploys).toBe(2);
    expect(figures.changeFailureRate).toBeCloseTo(2 / 7, 10);
    // lead times: D1 10:30 − 08:00 = 150 min; D2 Mar 2 14:05 − Mar 1 08:05 = 30 h = 1800 min;
    // D5 Mar 10 10:00 − Mar 7 10:00 = 72 h = 4320 min; D6 Mar 12 13:00 − Mar 9 12:00 = 73 h = 4380 min.
    // D3 (1.3.0 never built here) and D7 (1.5.0 already ran since its build) add none.
    // median of 150, 1800, 4320, 4380 = (1800 + 4320) / 2 = 3060 min = 51 h
    expect(figures.leadTimeSamples).toBe(4);
    expect(figures.medianLeadTimeMs).toBe(3060 * MINUTE);
    expect(figures.medianLeadTimeMs).toBe(51 * HOUR);
  });

  it('keeps environments apart', () => {
    // when
    const staging = deliveryFigures(history, 'staging', window);

    // then: one deploy (Mar 5), api 1.5.0 at 09:10 on Mar 5, before its build on Mar 7: no lead-time sample
    expect(staging.deploys).toBe(1);
    expect(staging.deploysPerWeek).toBe(0.5);
    expect(staging.changeFailureRate).toBe(0);
    expect(staging.leadTimeSamples).toBe(0);
    expect(staging.medianLeadTimeMs).toBeUndefined();
  });

  it('counts a rollout that failed with no rollback, and one whose rollback failed too', () => {
    // given three deploys in one week: one failed with nothing to roll back to, one whose rollback failed, one fine
    const week = { from: at('2024-04-01T00:00:00Z'), to: at('2024-04-08T00:00:00Z') };
    const audit = [
      deployStarted('2024-04-01T10:00:00Z', 'f1aaaa', 'api', 'production'),
      deployFailed('2024-04-01T10:05:00Z', 'f1aaaa', 'api', '2.0.0', 'production'),
      deployStarted('2024-04-02T10:00:00Z', 'f2bbbb', 'api', 'production'),
      deployFailed('2024-04-02T10:05:00Z', 'f2bbbb', 'api', '2.0.1', 'production'),
      rolledBack('2024-04-02T10:15:00Z', 'f2bbbb', 'api', 'production', false),
      deployStarted('2024-04-03T10:00:00Z', 'f3cccc', 'api', 'production'),
      deploySucceeded('2024-04-03T10:05:00Z', 'f3cccc', 'api', '2.0.2', 'production'),
      // a verify of f3cccc from before it started cannot follow it
      verified('2024-04-03T09:00:00Z', 'f3cccc', 'production', false),
    ];

    // when
    const figures = deliveryFigures(audit, 'production', week);

    // then: 2 of 3 failed; 3 deploys in 1 week
    expect(figures.deploys).toBe(3);
    expect(figures.deploysPerWeek).toBe(3);
    expect(figures.failedDeploys).toBe(2);
    expect(figures.changeFailureRate).toBeCloseTo(2 / 3, 10);
  });

  it('counts a deploy whose start was audited twice (resumed after a restart) once', () => {
    // given
    const audit = [
      deployStarted('2024-04-01T10:00:00Z', 'r1aaaa', 'api', 'production'),
      deployStarted('2024-04-01T10:01:00Z', 'r1aaaa', 'api', 'production'),
    ];

    // when
    const figures = deliveryFigures(audit, 'production', { from: at('2024-04-01T00:00:00Z'), to: at('2024-04-08T00:00:00Z') });

    // then
    expect(figures.deploys).toBe(1);
  });

  it('has no rate and no median without deploys', () => {
    // when
    const figures = deliveryFigures([], 'production', window);

    // then
    expect(figures).toEqual({ environment: 'production', window, deploys: 0, releases: 0, deploysPerWeek: 0, failedDeploys: 0, leadTimeSamples: 0 });
  });
});
