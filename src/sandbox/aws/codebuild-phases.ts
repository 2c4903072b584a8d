/** The phases of a CodeBuild build, in the order CodeBuild runs them. */
export const PHASE_TYPES = [
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
] as const;

export type PhaseType = (typeof PHASE_TYPES)[number];
export type PhaseOutcome = 'SUCCEEDED' | 'FAILED' | 'STOPPED';
export type RunStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'STOPPED';

export interface PhaseContext {
  statusCode: string;
  message: string;
}

/** What decides a build's course; times are epoch milliseconds. */
export interface RunCourse {
  submittedAt: number;
  phaseMs: number;
  /** When a running slot became free for it; undefined while none ever does (it waits in QUEUED). */
  slotAt?: number;
  failInPhase?: PhaseType;
  failure?: PhaseContext;
  stoppedAt?: number;
}

export interface TimedPhase {
  type: PhaseType;
  start: number;
  /** Absent for COMPLETED, and for a phase that never ends (a build waiting for a slot forever). */
  end?: number;
  outcome?: PhaseOutcome;
  contexts?: PhaseContext[];
}

/** The whole course of a build from submission to COMPLETED, as far as it is decided. */
export interface Timeline {
  phases: TimedPhase[];
  /** When it reached COMPLETED; undefined while that is not decided. */
  completedAt?: number;
  finalStatus: Exclude<RunStatus, 'IN_PROGRESS'>;
}

/**
 * Where a build goes after a phase fails, per CodeBuild's documented phase
 * transitions: a failure before BUILD skips to FINALIZING; after a failed BUILD,
 * POST_BUILD still runs and UPLOAD_ARTIFACTS is always attempted.
 */
function phasesAfterFailure(failed: PhaseType): PhaseType[] {
  switch (failed) {
    case 'BUILD':
      return ['POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING'];
    case 'POST_BUILD':
      return ['UPLOAD_ARTIFACTS', 'FINALIZING'];
    case 'FINALIZING':
      return [];
    default:
      return ['FINALIZING'];
  }
}

/** Every phase the build goes through, in order, up to (not including) COMPLETED. */
function plannedPhases(failInPhase: PhaseType | undefined): PhaseType[] {
  const all = PHASE_TYPES.slice(0, -1);
  const failing = failInPhase !== undefined ? all.indexOf(failInPhase) : -1;
  if (failing < 0) return [...all];
  return [...all.slice(0, failing + 1), ...phasesAfterFailure(all[failing]!)];
}

/**
 * The build's planned phases, each `phaseMs` long except QUEUED, which lasts
 * until a running slot is free — then cut short at the moment it was stopped.
 */
export function timelineOf(course: RunCourse): Timeline {
  const phases: TimedPhase[] = [];
  let cursor: number | undefined = course.submittedAt;
  for (const type of plannedPhases(course.failInPhase)) {
    const start: number = cursor;
    const fails = type === course.failInPhase;
    const end = type === 'QUEUED' && !fails ? queuedUntil(course, start) : start + course.phaseMs;
    phases.push({
      type,
      start,
      ...(end !== undefined ? { end, outcome: fails ? 'FAILED' : 'SUCCEEDED' } : {}),
      ...(fails ? { contexts: [failureContext(course, type)] } : {}),
    });
    cursor = end;
    if (cursor === undefined) break;
  }
  const failed = course.failInPhase !== undefined && course.failInPhase !== 'COMPLETED';
  const planned: Timeline = {
    phases: cursor !== undefined ? [...phases, { type: 'COMPLETED', start: cursor }] : phases,
    ...(cursor !== undefined ? { completedAt: cursor } : {}),
    finalStatus: failed ? 'FAILED' : 'SUCCEEDED',
  };
  return course.stoppedAt === undefined ? planned : stopped(planned, course.stoppedAt);
}

/** QUEUED takes at least one phase's time, and lasts until a slot is free; forever when none ever is. */
function queuedUntil(course: RunCourse, start: number): number | undefined {
  return course.slotAt === undefined ? undefined : Math.max(start + course.phaseMs, course.slotAt);
}

/** A stop ends the phase it lands in as STOPPED and completes the build there; a stop after completion changes nothing. */
function stopped(planned: Timeline, at: number): Timeline {
  if (planned.completedAt !== undefined && at >= planned.completedAt) return planned;
  const kept: TimedPhase[] = [];
  for (const phase of planned.phases) {
    if (phase.start > at) break;
    const endsBefore = phase.end !== undefined && phase.end <= at;
    if (endsBefore) {
      kept.push(phase);
      continue;
    }
    const { contexts: _dropped, ...rest } = phase;
    kept.push({ ...rest, end: at, outcome: 'STOPPED' });
    break;
  }
  return { phases: [...kept, { type: 'COMPLETED', start: at }], completedAt: at, finalStatus: 'STOPPED' };
}

function failureContext(course: RunCourse, phase: PhaseType): PhaseContext {
  const fallback = { statusCode: 'COMMAND_EXECUTION_ERROR', message: `Error while executing command in ${phase}. Reason: exit status 1` };
  return course.failure ?? fallback;
}

export interface RunState {
  status: RunStatus;
  currentPhase: PhaseType;
  /** The phases begun by `now`; the one in progress has no end or outcome yet. */
  phases: TimedPhase[];
  endTime?: number;
}

/** The build as BatchGetBuilds reports it at `now`: IN_PROGRESS until COMPLETED is reached. */
export function stateAt(timeline: Timeline, now: number): RunState {
  const complete = timeline.completedAt !== undefined && now >= timeline.completedAt;
  const begun = timeline.phases.filter((phase) => phase.start <= now || (complete && phase.type === 'COMPLETED'));
  const phases = begun.map((phase) => {
    if (phase.type === 'COMPLETED' || (phase.end !== undefined && phase.end <= now)) return phase;
    return { type: phase.type, start: phase.start };
  });
  const current = phases.at(-1)?.type ?? 'SUBMITTED';
  if (complete) return { status: timeline.finalStatus, currentPhase: 'COMPLETED', phases, endTime: timeline.completedAt! };
  return { status: 'IN_PROGRESS', currentPhase: current, phases };
}

export function isPhaseType(value: string): value is PhaseType {
  return (PHASE_TYPES as readonly string[]).includes(value);
}
