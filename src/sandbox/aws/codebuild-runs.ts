import { systemClock, type Clock } from '../../ports/clock.port.js';
import type { SandboxState } from '../sandbox-state.js';
import type { PhaseContext, PhaseType, RunState } from './codebuild-phases.js';

export interface EnvironmentVariable {
  name: string;
  value: string;
  type: string;
}

/**
 * A build started through the sandbox's StartBuild. Its state is never
 * stored: it is worked out from the time since `submittedAt` whenever the
 * build is looked at, so it moves on without timers and a fake clock makes
 * it deterministic.
 */
export interface SandboxRun {
  id: string;
  projectName: string;
  sourceVersion?: string;
  environmentVariables: EnvironmentVariable[];
  idempotencyToken?: string;
  environmentType: string;
  computeType: string;
  /** Epoch ms. */
  submittedAt: number;
  /** The world's build behaviour when the build started. */
  phaseMs: number;
  failInPhase?: PhaseType;
  failure?: PhaseContext;
  stoppedAt?: number;
  /** Its state as of the last request, worked out once per request. */
  state?: RunState;
  /** Whether its image was added to ECR (once, when it succeeded). */
  pushed: boolean;
}

/** The sandbox's own builds, beside the world's recorded ones, and the clock they run on. */
export class CodeBuildRuns {
  clock: Clock = systemClock;
  readonly byId = new Map<string, SandboxRun>();

  add(run: SandboxRun): void {
    this.byId.set(run.id, run);
  }

  all(): SandboxRun[] {
    return [...this.byId.values()];
  }
}

const runsByState = new WeakMap<SandboxState, CodeBuildRuns>();

export function codebuildRunsOf(state: SandboxState): CodeBuildRuns {
  let runs = runsByState.get(state);
  if (!runs) {
    runs = new CodeBuildRuns();
    runsByState.set(state, runs);
  }
  return runs;
}

/** Lets a test move the sandbox's builds along by hand. */
export function useSandboxClock(state: SandboxState, clock: Clock): void {
  codebuildRunsOf(state).clock = clock;
}
