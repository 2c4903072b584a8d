import { describe, expect, it } from 'vitest';
import { isReleaseRunEntry, releaseActivity, releaseRequestOf, releaseRuns, versionOfReleaseDetail } from '../../../src/domain/digests/release-activity.js';
import { at, deployStarted, release, releaseRequested, releaseRun } from './audit-history.js';

describe('releaseRuns', () => {
  it('reads one line per release however many services it deploys: version, environment, who asked, when it started, how it ended', () => {
    // given a release of three services that succeeded, in any order
    const audit = release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'worker', 'frontend'], 'succeeded').reverse();

    // when
    const runs = releaseRuns(audit);

    // then
    expect(runs).toEqual([
      {
        runId: 'r1aaaa-release', requestId: 'r1aaaa', environment: 'production', version: '1.5.0', requestedBy: 'U_CAROL',
        startedAt: at('2026-12-01T10:00:00Z'), at: at('2026-12-01T10:00:00Z'), lastAt: at('2026-12-01T10:09:00Z'), outcome: 'succeeded',
      },
    ]);
  });

  it.each([
    ['running', undefined],
    ['failed', 'stage 3 verify failed: 2/3 smoke tests passed'],
    ['rolled-back', 'stage 3 verify failed: 2/3 smoke tests passed'],
    ['rollback-failed', 'stage 3 verify failed: 2/3 smoke tests passed'],
  ] as const)('says a release %s, with why it failed (the version cut off)', (end, reason) => {
    // given
    const audit = release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], end);

    // when
    const [run] = releaseRuns(audit);

    // then
    expect(run?.outcome).toBe(end);
    expect(run?.reason).toBe(reason);
  });

  it('names the rollback when no release.failed is in the slice read', () => {
    // given only the rollback's entry of a run
    const audit = [releaseRun('2026-12-01T10:20:00Z', 'r1aaaa', 'rollback-failed', '1.5.0', 'production', 'could not roll back frontend: timed out')];

    // when
    const [run] = releaseRuns(audit);

    // then: what the audit says, nothing more (no start, no requester)
    expect(run).toEqual({
      runId: 'r1aaaa-release', requestId: 'r1aaaa', environment: 'production', version: '1.5.0',
      at: at('2026-12-01T10:20:00Z'), lastAt: at('2026-12-01T10:20:00Z'), outcome: 'rollback-failed', reason: 'could not roll back frontend: timed out',
    });
  });

  it('lists a release that never started as not started, without a start time', () => {
    // given
    const audit = [
      releaseRequested('2026-12-01T09:50:00Z', 'r2bbbb', '2.0.0', 'staging', 'U_ERIN'),
      releaseRun('2026-12-01T10:00:00Z', 'r2bbbb', 'not-started', '2.0.0', 'staging', 'backend is locked'),
    ];

    // when
    const [run] = releaseRuns(audit);

    // then
    expect(run).toMatchObject({ outcome: 'not-started', requestedBy: 'U_ERIN', version: '2.0.0', environment: 'staging', at: at('2026-12-01T10:00:00Z') });
    expect(run?.startedAt).toBeUndefined();
    expect(run?.reason).toBeUndefined();
  });

  it('ignores requests that never ran, deploys of a service named "release", and other subjects', () => {
    // given
    const audit = [
      releaseRequested('2026-12-01T09:50:00Z', 'r3cccc', '3.0.0', 'production'),
      { ...releaseRequested('2026-12-01T09:55:00Z', 'r3cccc', '3.0.0', 'production'), action: 'release.rejected', actor: 'U_DAN' },
      deployStarted('2026-12-01T10:00:00Z', 'd1dddd', 'release', 'production'),
      { at: at('2026-12-01T10:00:00Z'), actor: 'shipmate', action: 'release.started', subject: 'a-b-release', detail: '1.0.0: 2 stages' },
    ];

    // when / then
    expect(releaseRuns(audit)).toEqual([]);
  });

  it('takes the version and environment from the request when the run entries do not say, and keeps a failure line that does not start with the version', () => {
    // given run entries without an environment or a version prefix
    const bare = (when: string, action: string, detail: string) => ({ at: at(when), actor: 'shipmate', action, subject: 'r4dddd-release', detail });
    const audit = [
      releaseRequested('2026-12-01T09:50:00Z', 'r4dddd', '4.0.0', 'production', 'U_FAY'),
      bare('2026-12-01T10:00:00Z', 'release.started', 'resumed'),
      bare('2026-12-01T10:05:00Z', 'release.failed', 'the migration Job timed out: 4.0.0: not applied'),
    ];

    // when
    const [run] = releaseRuns(audit);

    // then
    expect(run).toMatchObject({ version: '4.0.0', environment: 'production', outcome: 'failed', reason: 'the migration Job timed out: 4.0.0: not applied' });
  });

  it('leaves out what the audit does not say', () => {
    // given a run entry without environment, version or request
    const audit = [{ at: at('2026-12-01T10:00:00Z'), actor: 'shipmate', action: 'release.started', subject: 'r5eeee-release', detail: 'started' }];

    // when / then
    expect(releaseRuns(audit)).toStrictEqual([
      { runId: 'r5eeee-release', requestId: 'r5eeee', startedAt: at('2026-12-01T10:00:00Z'), at: at('2026-12-01T10:00:00Z'), lastAt: at('2026-12-01T10:00:00Z'), outcome: 'running' },
    ]);
  });
});

describe('releaseActivity', () => {
  const audit = [
    // ended before the last digest: not news
    ...release('2026-12-01T08:00:00Z', 'o1oooo', '1.4.0', 'production', ['backend'], 'succeeded'),
    // started before the last digest, rolled back after it: news
    ...release('2026-12-01T09:55:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'rolled-back'),
    // another environment
    ...release('2026-12-01T11:00:00Z', 's1ssss', '1.5.1', 'staging', ['backend'], 'succeeded'),
    // started after the digest was composed
    ...release('2026-12-01T13:00:00Z', 'l1llll', '1.6.0', 'production', ['backend'], 'succeeded'),
    // still running when the digest is composed
    ...release('2026-12-01T11:30:00Z', 'r2bbbb', '1.5.1', 'production', ['backend'], 'running'),
  ];

  it('lists the releases of the environment with anything audited since the last digest, as things stood when it was composed', () => {
    // when
    const releases = releaseActivity(audit, 'production', at('2026-12-01T10:00:00Z'), at('2026-12-01T12:00:00Z'));

    // then
    expect(releases.map((r) => [r.version, r.outcome, r.requestedBy])).toEqual([
      ['1.5.0', 'rolled-back', 'U_CAROL'],
      ['1.5.1', 'running', 'U_CAROL'],
    ]);
  });

  it('does not see an ending audited after the digest was composed', () => {
    // when: composed a minute before r1aaaa's release.failed (10:02)
    const [first] = releaseActivity(audit, 'production', at('2026-12-01T09:00:00Z'), at('2026-12-01T10:01:00Z'));

    // then
    expect(first).toMatchObject({ version: '1.5.0', outcome: 'running' });
  });

  it('reports what was audited after the last digest and up to this one, both ends as (since, until]', () => {
    // given a release that started exactly at the last digest and one that started exactly when this one is composed
    const edges = [
      releaseRun('2026-12-02T10:00:00Z', 'e1eeee', 'started', '5.0.0', 'production'),
      releaseRun('2026-12-02T12:00:00Z', 'e2eeee', 'started', '5.0.1', 'production'),
      releaseRun('2026-12-02T12:00:00.001Z', 'e1eeee', 'succeeded', '5.0.0', 'production'),
    ];

    // when
    const releases = releaseActivity(edges, 'production', at('2026-12-02T10:00:00Z'), at('2026-12-02T12:00:00Z'));

    // then: e1eeee's start is not news and its end not yet audited; e2eeee's start is
    expect(releases.map((r) => [r.version, r.outcome])).toEqual([['5.0.1', 'running']]);
  });
});

describe('release audit details', () => {
  it('reads the version every detail starts with, and the request id of a run subject', () => {
    expect(versionOfReleaseDetail('1.5.0-rc.1+build.7: stage 2 migrate failed: exit 1')).toBe('1.5.0-rc.1+build.7');
    expect(versionOfReleaseDetail('rolled back frontend')).toBeUndefined();
    expect(versionOfReleaseDetail('could not roll back: timed out')).toBeUndefined();
    expect(versionOfReleaseDetail('1.5.0 without a colon')).toBeUndefined();
    expect(releaseRequestOf('r1aaaa-release')).toBe('r1aaaa');
    expect(releaseRequestOf('-release')).toBeUndefined();
    expect(releaseRequestOf('r1-aa-release')).toBeUndefined();
    expect(releaseRequestOf('r1aaaa-backend')).toBeUndefined();
    expect(releaseRequestOf(undefined)).toBeUndefined();
    expect(isReleaseRunEntry(releaseRun('2026-12-01T10:00:00Z', 'r1aaaa', 'started', '1.0.0', 'production'))).toBe(true);
    expect(isReleaseRunEntry(releaseRequested('2026-12-01T10:00:00Z', 'r1aaaa', '1.0.0', 'production'))).toBe(false);
    expect(isReleaseRunEntry({ ...deployStarted('2026-12-01T10:00:00Z', 'r1aaaa', 'release', 'production') })).toBe(false);
  });
});
