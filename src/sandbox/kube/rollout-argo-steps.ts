import type { CanaryStep, PauseCondition } from './rollout-argo-objects.js';

export const CANARY_PAUSE_STEP = 'CanaryPauseStep';

/** What the canary step walk needs to know about the world at this instant. */
export interface StepInput {
  steps: CanaryStep[];
  currentStepIndex: number;
  pauseConditions: PauseCondition[];
  controllerPause: boolean;
  /** spec.paused: nothing advances while it is set. */
  specPaused: boolean;
  now: number;
  /** Whether the canary and stable ReplicaSets have reached the counts of this weight. */
  settledAt(weight: number): boolean;
  /** The phase of the AnalysisRun of step `index`, undefined when none was created yet. */
  analysisPhase(index: number): string | undefined;
  timestampOf(ms: number): string;
}

export interface StepOutcome {
  currentStepIndex: number;
  /** The weight the canary should carry now: the last setWeight at or before the current step. */
  weight: number;
  pauseConditions: PauseCondition[];
  controllerPause: boolean;
  /** Set when the step is an analysis whose AnalysisRun must exist (created when missing). */
  analysisStep?: number;
  /** The AnalysisRun of the current step failed or errored: the Rollout must abort. */
  abortedByAnalysis?: boolean;
  /** A timed pause ends then: reconcile again at that instant. */
  wakeAt?: number;
}

/** The weight in force at step `index`: the last setWeight before or at it (0 before any). */
export function weightAt(steps: CanaryStep[], index: number): number {
  let weight = 0;
  for (const step of steps.slice(0, Math.min(index + 1, steps.length))) if (step.setWeight !== undefined) weight = step.setWeight;
  return index >= steps.length ? 100 : weight;
}

/** Seconds of a pause's duration: an integer, or Go's duration text with s, m, h units ("30s", "1m30s"). */
export function pauseSeconds(duration: string | number | undefined): number | undefined {
  if (duration === undefined) return undefined;
  if (typeof duration === 'number') return duration;
  if (/^\d+$/.test(duration)) return Number(duration);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let seconds = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) seconds += Number(amount) * units[unit!]!;
  return seconds;
}

/**
 * Walks spec.strategy.canary.steps from the current index the way the Argo
 * Rollouts controller completes them: a setWeight step once the ReplicaSets
 * have that weight's counts; a pause step by adding a CanaryPauseStep pause
 * condition with controllerPause, complete once someone cleared the condition
 * (what `kubectl argo rollouts promote` patches) or its duration has passed;
 * an analysis step once its AnalysisRun is Successful (Failed or Error aborts).
 */
export function advanceSteps(input: StepInput): StepOutcome {
  const { steps } = input;
  let index = input.currentStepIndex;
  let pauseConditions = input.pauseConditions;
  let controllerPause = input.controllerPause;
  const outcome = (extra: Partial<StepOutcome> = {}): StepOutcome => ({
    currentStepIndex: index,
    weight: weightAt(steps, index),
    pauseConditions,
    controllerPause,
    ...extra,
  });
  if (input.specPaused) return outcome();
  while (index < steps.length) {
    const step = steps[index]!;
    if (step.setWeight !== undefined) {
      if (!input.settledAt(step.setWeight)) return outcome();
    } else if (step.pause) {
      const condition = pauseConditions.find((c) => c.reason === CANARY_PAUSE_STEP);
      if (!condition && controllerPause) {
        // The controller paused here and someone removed the condition: promoted.
        controllerPause = false;
      } else {
        const current = condition ?? { reason: CANARY_PAUSE_STEP, startTime: input.timestampOf(input.now) };
        if (!condition) {
          pauseConditions = [...pauseConditions, current];
          controllerPause = true;
        }
        const seconds = pauseSeconds(step.pause.duration);
        if (seconds === undefined) return outcome();
        const endsAt = Date.parse(current.startTime) + seconds * 1000;
        if (input.now < endsAt) return outcome({ wakeAt: endsAt });
        pauseConditions = pauseConditions.filter((c) => c.reason !== CANARY_PAUSE_STEP);
        controllerPause = false;
      }
    } else if (step.analysis) {
      const phase = input.analysisPhase(index);
      if (phase === 'Failed' || phase === 'Error') return outcome({ analysisStep: index, abortedByAnalysis: true });
      if (phase !== 'Successful') return outcome({ analysisStep: index });
    }
    index += 1;
  }
  return outcome();
}
