import type { SmokeTestStep } from '../../config/smoke-tests-schema.js';
import type { GuardJudgement } from '../guards/guard-judgement.js';
import type { Clock } from '../../ports/clock.port.js';
import type { HttpClientPort } from '../../ports/http-client.port.js';
import { runStep, type StepRun } from './run-step.js';
import { SecretRedactor } from './secret-redactor.js';
import { REDACTED, type SmokeTestResult } from './smoke-test-result.js';
import { findCycle, stepDependencies } from './step-graph.js';
import { fillTemplate } from './template-vars.js';

export interface VerifyRun {
  /** In the order of the config. */
  results: SmokeTestResult[];
  durationMs: number;
  /** The environment's metric guards, each judged once (SPEC §11); a breach fails /verify. */
  guards?: GuardJudgement[];
}

/**
 * Runs the smoke tests (SPEC §2 /verify): each step starts as soon as the
 * steps it needs have passed, so independent steps run concurrently. A step
 * whose dependency did not pass is skipped with the reason; a login step's
 * token feeds the {{var}}s of later steps and never appears in a result.
 */
export async function runSmokeTests(steps: readonly SmokeTestStep[], http: HttpClientPort, clock: Clock): Promise<SmokeTestResult[]> {
  return (await runVerify(steps, http, clock)).results;
}

export async function runVerify(steps: readonly SmokeTestStep[], http: HttpClientPort, clock: Clock): Promise<VerifyRun> {
  const started = clock.now().getTime();
  const graph = stepDependencies(steps);
  const redactor = new SecretRedactor();
  const vars = new Map<string, string>();
  const runs = new Map<string, Promise<StepRun>>();

  const cycle = findCycle(graph);
  const start = (step: SmokeTestStep): Promise<StepRun> => {
    const existing = runs.get(step.name);
    if (existing) return existing;
    let run: Promise<StepRun>;
    if (cycle?.includes(step.name)) {
      run = Promise.resolve({ result: notRun(step, 'error', `steps wait on each other: ${cycle.join(' -> ')}`) });
    } else {
      const needs = graph.get(step.name) ?? [];
      run = Promise.all(needs.map((name) => start(steps.find((s) => s.name === name)!))).then(async (before) => {
        const blocker = before.find((b) => b.result.outcome !== 'pass');
        if (blocker) return { result: notRun(step, 'skip', `needs ${blocker.result.name}, which ${blockedBecause(blocker.result)}`) };
        const outcome = await runStep(step, vars, http, redactor).catch(
          (error: unknown): StepRun => ({ result: notRun(step, 'error', redactor.redact(`could not run: ${(error as Error).message ?? String(error)}`)) }),
        );
        if (outcome.provided) vars.set(outcome.provided.name, outcome.provided.value);
        return outcome;
      });
    }
    runs.set(step.name, run);
    return run;
  };

  const finished = await Promise.all(steps.map(start));
  // A later step's problems may quote a token only learned after an earlier result was made.
  const results = finished.map(({ result }) => ({ ...result, problems: result.problems.map((p) => redactor.redact(p)) }));
  return { results, durationMs: clock.now().getTime() - started };
}

function notRun(step: SmokeTestStep, outcome: 'skip' | 'error', problem: string): SmokeTestResult {
  return {
    name: step.name,
    method: step.method,
    url: fillTemplate(step.url, () => REDACTED),
    latencyMs: 0,
    ...(step.expect.latencyMs !== undefined ? { latencyBudgetMs: step.expect.latencyMs } : {}),
    outcome,
    problems: [problem],
  };
}

function blockedBecause(result: SmokeTestResult): string {
  if (result.outcome === 'skip') return 'was skipped';
  if (result.outcome === 'error') return 'could not be reached';
  return 'failed';
}
