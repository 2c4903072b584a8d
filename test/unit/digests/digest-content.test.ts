import { describe, expect, it } from 'vitest';
import { digestContent } from '../../../src/domain/digests/digest-content.js';
import type { CheckResult, ReadinessReport } from '../../../src/domain/readiness/report.js';
import {
  at, buildEnded, buildRequested, buildStarted, deployFailed, deployRequested, deployStarted, deploySucceeded, release, rollbackRequested, rolledBack, verified,
} from './audit-history.js';

const check = (service: string, id: string, status: CheckResult['status']): CheckResult => ({
  id, service, title: id, severity: 'fail', status, finding: '', fix: '', durationMs: 1,
});
const report = (score: number, checks: CheckResult[]): ReadinessReport => ({
  environment: 'production', score, verdict: checks.some((c) => c.status === 'fail') ? 'blocked' : 'ready', checks, durationMs: 5,
});

const now = at('2024-03-15T09:00:00Z');
const previous = { score: 80, failing: ['api ecr.tag-exists', 'web k8s.replicas'], at: at('2024-03-14T09:00:00Z') };

const day = [
  // before the last digest: not in the activity, but in the figures
  deployRequested('2024-03-13T10:00:00Z', 'o1oooo', 'api', '1.4.0', 'production'),
  deployStarted('2024-03-13T10:01:00Z', 'o1oooo', 'api', 'production'),
  deploySucceeded('2024-03-13T10:05:00Z', 'o1oooo', 'api', '1.4.0', 'production'),
  // a build requested in production since
  buildRequested('2024-03-14T10:00:00Z', 'b1aaaa', '1.5.0', ['api'], 'production', 'U_ALICE'),
  buildStarted('2024-03-14T10:01:00Z', 'b1aaaa', 'api', 'production'),
  buildEnded('2024-03-14T10:11:00Z', 'b1aaaa', 'api', 'production', 'succeeded', 'api-build api-build:1 succeeded; image landed'),
  // a build still running, in staging: another environment's digest
  buildRequested('2024-03-14T11:00:00Z', 's1ssss', '1.5.0', ['web'], 'staging', 'U_CAROL'),
  buildStarted('2024-03-14T11:01:00Z', 's1ssss', 'web', 'staging'),
  // api 1.5.0: rolled back
  deployRequested('2024-03-14T12:00:00Z', 'd1dddd', 'api', '1.5.0', 'production', 'U_BOB'),
  deployStarted('2024-03-14T12:01:00Z', 'd1dddd', 'api', 'production'),
  deployFailed('2024-03-14T12:03:00Z', 'd1dddd', 'api', '1.5.0', 'production'),
  rolledBack('2024-03-14T12:05:00Z', 'd1dddd', 'api', 'production'),
  // web 1.5.0: rolled out, verify failed, one-click rollback to 1.4.0 done
  deployRequested('2024-03-14T13:00:00Z', 'd2eeee', 'web', '1.5.0', 'production', 'U_DAN'),
  deployStarted('2024-03-14T13:01:00Z', 'd2eeee', 'web', 'production'),
  deploySucceeded('2024-03-14T13:05:00Z', 'd2eeee', 'web', '1.5.0', 'production'),
  verified('2024-03-14T13:06:00Z', 'd2eeee', 'production', false),
  rollbackRequested('2024-03-14T13:07:00Z', 'd3ffff', 'web', '1.4.0', 'production'),
  deployStarted('2024-03-14T13:20:00Z', 'd3ffff', 'web', 'production'),
  // still rolling out when the digest is made
];

describe('digestContent', () => {
  it('reports trend, failing changes, and who built and deployed what with which outcome', () => {
    // given a report where web's replicas check recovered and api's secrets started failing
    const current = report(74, [check('api', 'ecr.tag-exists', 'fail'), check('api', 'k8s.secrets', 'fail'), check('web', 'k8s.replicas', 'pass')]);

    // when
    const digest = digestContent({ environment: 'production', now, previous, report: current, audit: day });

    // then
    expect(digest.since).toEqual(previous.at);
    expect(digest.trend).toEqual({ previous: 80, delta: -6 });
    expect(digest.failing).toEqual(['api ecr.tag-exists', 'api k8s.secrets']);
    expect(digest.startedFailing).toEqual(['api k8s.secrets']);
    expect(digest.stoppedFailing).toEqual(['web k8s.replicas']);
    expect(digest.builds).toEqual([
      { runId: 'b1aaaa-api', requestId: 'b1aaaa', service: 'api', version: '1.5.0', requestedBy: 'U_ALICE', at: at('2024-03-14T10:01:00Z'), outcome: 'succeeded' },
    ]);
    expect(digest.deploys.map((d) => [d.service, d.version, d.requestedBy, d.outcome, d.rollback ?? false])).toEqual([
      ['api', '1.5.0', 'U_BOB', 'rolled-back', false],
      ['web', '1.5.0', 'U_DAN', 'verify-failed', false],
      ['web', '1.4.0', 'shipmate', 'running', true],
    ]);
    expect(digest.quiet).toBe(false);
    expect(digest.summary).toBe('production: score 74 (−6 since the last digest), blocked, 2 failing checks; 1 started failing; 1 stopped failing; 1 build and 3 deploys since the last digest.');
  });

  it('computes the figures over the last 28 days, including what happened before the last digest', () => {
    // when
    const digest = digestContent({ environment: 'production', now, previous, report: report(80, []), audit: day });

    // then: o1oooo, d1dddd, d2eeee and d3ffff started since Feb 16; d1 rolled back and d2's verify failed
    expect(digest.figures.window).toEqual({ from: at('2024-02-16T09:00:00Z'), to: now });
    expect(digest.figures.deploys).toBe(4);
    expect(digest.figures.deploysPerWeek).toBe(1); // 4 deploys / 4 weeks
    expect(digest.figures.changeFailureRate).toBe(0.5); // 2 of 4
    // one pair: web 1.5.0 built (in staging, s1ssss) at 11:01, running in production at 13:05 = 124 min;
    // api 1.5.0 never ran (rolled back), api 1.4.0 has no build here, web 1.4.0 is still rolling out
    expect(digest.figures.leadTimeSamples).toBe(1);
    expect(digest.figures.medianLeadTimeMs).toBe(124 * 60_000);
  });

  it('says so in one line when nothing changed', () => {
    // given the same score and failing checks, and no activity since the last digest
    const quietAudit = day.filter((e) => e.at.getTime() <= previous.at.getTime());
    const same = report(80, [check('api', 'ecr.tag-exists', 'fail'), check('web', 'k8s.replicas', 'fail')]);

    // when
    const digest = digestContent({ environment: 'production', now, previous, report: same, audit: quietAudit });

    // then
    expect(digest.quiet).toBe(true);
    expect(digest.builds).toEqual([]);
    expect(digest.deploys).toEqual([]);
    expect(digest.summary).toBe('Nothing new in production since the last digest: score 80 (blocked), 2 failing checks.');
  });

  it('is not quiet when only the score moved', () => {
    // given
    const quietAudit = day.filter((e) => e.at.getTime() <= previous.at.getTime());
    const moved = report(83, [check('api', 'ecr.tag-exists', 'fail'), check('web', 'k8s.replicas', 'fail')]);

    // when
    const digest = digestContent({ environment: 'production', now, previous, report: moved, audit: quietAudit });

    // then
    expect(digest.quiet).toBe(false);
    expect(digest.summary).toContain('score 83 (+3 since the last digest)');
  });

  it('treats a first digest as news, looking back a week, with nothing started or stopped', () => {
    // when
    const digest = digestContent({ environment: 'production', now, report: report(100, [check('api', 'k8s.secrets', 'pass')]), audit: day });

    // then
    expect(digest.trend).toBeUndefined();
    expect(digest.since).toEqual(at('2024-03-08T09:00:00Z'));
    expect(digest.startedFailing).toEqual([]);
    expect(digest.stoppedFailing).toEqual([]);
    expect(digest.deploys).toHaveLength(4); // o1oooo (Mar 13) is within the week
    expect(digest.quiet).toBe(false);
    expect(digest.summary).toBe('production: score 100 (first digest), ready, no failing checks; 1 build and 4 deploys since last week.');
  });

  it('lists a release of two services as one release beside the deploys, and counts it as one change', () => {
    // given the day above, plus a release of backend and frontend that was rolled back since the last digest
    const audit = [...day, ...release('2024-03-14T15:00:00Z', 'r1rrrr', '1.6.0', 'production', ['backend', 'frontend'], 'rolled-back')];

    // when
    const digest = digestContent({ environment: 'production', now, previous, report: report(80, []), audit });

    // then: one release line, no extra deploys; the figures count 5 changes, 3 failed
    expect(digest.releases.map((r) => [r.version, r.outcome, r.requestedBy, r.at])).toEqual([['1.6.0', 'rolled-back', 'U_CAROL', at('2024-03-14T15:00:00Z')]]);
    expect(digest.deploys).toHaveLength(3);
    expect(digest.figures.deploys).toBe(5);
    expect(digest.figures.releases).toBe(1);
    expect(digest.figures.failedDeploys).toBe(3);
    expect(digest.summary).toContain('1 build, 3 deploys and 1 release since the last digest.');
  });

  it('is not quiet when only a release happened', () => {
    // given nothing but a release since the last digest, same score and failing checks
    const audit = [...day.filter((e) => e.at.getTime() <= previous.at.getTime()), ...release('2024-03-14T15:00:00Z', 'r1rrrr', '1.6.0', 'production', ['backend'], 'succeeded')];
    const same = report(80, [check('api', 'ecr.tag-exists', 'fail'), check('web', 'k8s.replicas', 'fail')]);

    // when
    const digest = digestContent({ environment: 'production', now, previous, report: same, audit });

    // then
    expect(digest.quiet).toBe(false);
    expect(digest.summary).toContain('0 builds, 0 deploys and 1 release since the last digest.');
  });
});
