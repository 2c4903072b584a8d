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
    expect(figures).toStrictEqual({ environment: 'production', window, deploys: 0, releases: 0, deploysPerWeek: 0, failedDeploys: 0, leadTimeSamples: 0 });
  });

  it('counts a failed /verify against its own deploy only, and only when it came after the deploy started', () => {
    // given two deploys; the first one's /verify failed, before the second started
    const audit = [
      deployStarted('2024-04-01T10:00:00Z', 'v1aaaa', 'api', 'production'),
      deploySucceeded('2024-04-01T10:05:00Z', 'v1aaaa', 'api', '2.0.0', 'production'),
      verified('2024-04-01T10:06:00Z', 'v1aaaa', 'production', false),
      deployStarted('2024-04-02T10:00:00Z', 'v2bbbb', 'web', 'production'),
      deploySucceeded('2024-04-02T10:05:00Z', 'v2bbbb', 'web', '2.0.0', 'production'),
    ];

    // when
    const figures = deliveryFigures(audit, 'production', { from: at('2024-04-01T00:00:00Z'), to: at('2024-04-08T00:00:00Z') });

    // then
    expect(figures.failedDeploys).toBe(1);
    expect(figures.changeFailureRate).toBe(0.5);
  });

  it('counts a deploy that started at the very start of the window, and says 0 a week for an empty window', () => {
    // given
    const from = at('2024-04-01T00:00:00Z');
    const audit = [deployStarted('2024-04-01T00:00:00Z', 'w1aaaa', 'api', 'production')];

    // when
    const week = deliveryFigures(audit, 'production', { from, to: at('2024-04-08T00:00:00Z') });
    const empty = deliveryFigures(audit, 'production', { from, to: from });

    // then
    expect(week.deploys).toBe(1);
    expect(empty.deploys).toBe(0);
    expect(empty.deploysPerWeek).toBe(0);
  });

  it('pairs each deploy with its own service’s build, samples a rebuilt version again, and leaves out deploys before the window or without a version', () => {
    // given builds of api and web 3.0.0, deployed web then api; api 3.1.0 deployed before the window, rebuilt and deployed again in it
    const audit = [
      buildRequested('2024-03-30T08:00:00Z', 'p0aaaa', '3.1.0', ['api'], 'staging'),
      buildStarted('2024-03-30T09:00:00Z', 'p0aaaa', 'api', 'staging'),
      deployStarted('2024-03-31T09:00:00Z', 'q0aaaa', 'api', 'production'),
      deploySucceeded('2024-03-31T10:00:00Z', 'q0aaaa', 'api', '3.1.0', 'production'),
      buildRequested('2024-04-01T08:00:00Z', 'p1aaaa', '3.0.0', ['api', 'web'], 'staging'),
      buildStarted('2024-04-01T09:00:00Z', 'p1aaaa', 'api', 'staging'),
      buildStarted('2024-04-01T09:10:00Z', 'p1aaaa', 'web', 'staging'),
      deployStarted('2024-04-01T09:50:00Z', 'q1aaaa', 'web', 'production'),
      deploySucceeded('2024-04-01T10:10:00Z', 'q1aaaa', 'web', '3.0.0', 'production'),
      deployStarted('2024-04-01T10:50:00Z', 'q2aaaa', 'api', 'production'),
      deploySucceeded('2024-04-01T11:00:00Z', 'q2aaaa', 'api', '3.0.0', 'production'),
      buildRequested('2024-04-02T08:00:00Z', 'p2aaaa', '3.1.0', ['api'], 'staging'),
      buildStarted('2024-04-02T09:00:00Z', 'p2aaaa', 'api', 'staging'),
      deployStarted('2024-04-02T09:10:00Z', 'q3aaaa', 'api', 'production'),
      deploySucceeded('2024-04-02T09:30:00Z', 'q3aaaa', 'api', '3.1.0', 'production'),
      // a build and a rollout that name no version: nothing to pair
      buildStarted('2024-04-03T09:00:00Z', 'p3aaaa', 'worker', 'staging'),
      deployStarted('2024-04-03T09:10:00Z', 'q4aaaa', 'worker', 'production'),
      { ...deploySucceeded('2024-04-03T09:30:00Z', 'q4aaaa', 'worker', '9.9.9', 'production'), detail: 'deployment "worker" successfully rolled out' },
    ];

    // when
    const figures = deliveryFigures(audit, 'production', { from: at('2024-04-01T00:00:00Z'), to: at('2024-04-08T00:00:00Z') });

    // then: web 09:10 → 10:10 = 60 min, api 09:00 → 11:00 = 120 min, api 3.1.0 09:00 → 09:30 = 30 min
    expect(figures.leadTimeSamples).toBe(3);
    expect(figures.medianLeadTimeMs).toBe(60 * MINUTE);
  });
});
