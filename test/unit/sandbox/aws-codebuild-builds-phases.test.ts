import { describe, expect, it } from 'vitest';
import { stateAt, timelineOf, type RunCourse } from '../../../src/sandbox/aws/codebuild-phases.js';

const T0 = 1_000_000;
const P = 200;
const course = (extra: Partial<RunCourse> = {}): RunCourse => ({ submittedAt: T0, phaseMs: P, slotAt: T0, ...extra });
const types = (phases: { type: string }[]) => phases.map((p) => p.type);

describe('a sandbox build’s phases', () => {
  it('given a build with a free slot, when it runs to the end, then it passes every phase in order and succeeds', () => {
    const timeline = timelineOf(course());

    expect(types(timeline.phases)).toEqual([
      'SUBMITTED',
      'QUEUED',
      'PROVISIONING',
      'DOWNLOAD_SOURCE',
      'INSTALL',
      'PRE_BUILD',
      'BUILD',
      'POST_BUILD',
      'UPLOAD_ARTIFACTS',
      'FINALIZING',
      'COMPLETED',
    ]);
    expect(timeline.completedAt).toBe(T0 + 10 * P);
    expect(timeline.finalStatus).toBe('SUCCEEDED');
  });

  it('given a time in the middle of BUILD, when the state is read, then BUILD is current, unfinished, and the build is in progress', () => {
    const state = stateAt(timelineOf(course()), T0 + 6 * P + 50);

    expect(state.status).toBe('IN_PROGRESS');
    expect(state.currentPhase).toBe('BUILD');
    expect(state.phases.at(-1)).toEqual({ type: 'BUILD', start: T0 + 6 * P });
    expect(state.phases.slice(0, -1).every((p) => p.outcome === 'SUCCEEDED' && p.end !== undefined)).toBe(true);
    expect(state.endTime).toBeUndefined();
  });

  it('given a build that fails in BUILD, when it ends, then POST_BUILD and UPLOAD_ARTIFACTS still run and the build FAILED', () => {
    const failure = { statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: make. Reason: exit status 1' };
    const timeline = timelineOf(course({ failInPhase: 'BUILD', failure }));

    expect(types(timeline.phases).slice(6)).toEqual(['BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED']);
    expect(timeline.phases[6]).toMatchObject({ outcome: 'FAILED', contexts: [failure] });
    expect(stateAt(timeline, T0 + 7 * P + 1).status).toBe('IN_PROGRESS');
    expect(stateAt(timeline, T0 + 10 * P)).toMatchObject({ status: 'FAILED', currentPhase: 'COMPLETED', endTime: T0 + 10 * P });
  });

  it('given a build that fails in PRE_BUILD, when it ends, then it skips to FINALIZING', () => {
    const timeline = timelineOf(course({ failInPhase: 'PRE_BUILD' }));

    expect(types(timeline.phases).slice(4)).toEqual(['INSTALL', 'PRE_BUILD', 'FINALIZING', 'COMPLETED']);
    expect(timeline.finalStatus).toBe('FAILED');
    expect(timeline.phases[5]?.contexts?.[0]?.statusCode).toBe('COMMAND_EXECUTION_ERROR');
  });

  it('given no slot frees up, when the state is read much later, then the build still waits in QUEUED', () => {
    const state = stateAt(timelineOf(course({ slotAt: undefined })), T0 + 3_600_000);

    expect(state).toMatchObject({ status: 'IN_PROGRESS', currentPhase: 'QUEUED' });
    expect(state.phases.at(-1)).toEqual({ type: 'QUEUED', start: T0 + P });
  });

  it('given a slot that frees up later, when the build runs, then QUEUED lasts until then and the rest moves with it', () => {
    const timeline = timelineOf(course({ slotAt: T0 + 5_000 }));

    expect(timeline.phases[1]).toMatchObject({ type: 'QUEUED', end: T0 + 5_000 });
    expect(timeline.completedAt).toBe(T0 + 5_000 + 8 * P);
  });

  it('given a stop during BUILD, when read, then BUILD is STOPPED at that moment and the build is STOPPED and complete', () => {
    const stoppedAt = T0 + 6 * P + 30;
    const state = stateAt(timelineOf(course({ stoppedAt })), stoppedAt);

    expect(state).toMatchObject({ status: 'STOPPED', currentPhase: 'COMPLETED', endTime: stoppedAt });
    expect(state.phases.at(-2)).toEqual({ type: 'BUILD', start: T0 + 6 * P, end: stoppedAt, outcome: 'STOPPED' });
    expect(state.phases.at(-1)).toEqual({ type: 'COMPLETED', start: stoppedAt });
  });

  it('given a stop after the build completed, when read, then nothing changed', () => {
    const timeline = timelineOf(course({ stoppedAt: T0 + 60_000 }));

    expect(timeline.finalStatus).toBe('SUCCEEDED');
    expect(timeline.completedAt).toBe(T0 + 10 * P);
  });
});
