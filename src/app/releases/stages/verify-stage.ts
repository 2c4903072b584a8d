import type { ReleaseStage } from '../../../config/release-schema.js';
import { rich } from '../../../domain/text/rich-text.js';
import { runVerify } from '../../../domain/verify/run-smoke-tests.js';
import { stepDependencies } from '../../../domain/verify/step-graph.js';
import { smokeTestsOf } from '../../verify/run-verify-for.js';
import type { StageContext, StageResult } from './stage-context.js';

/** The named smoke tests of the environment; the table goes in the thread, any test not passing fails the stage. */
export async function verifyStage(stage: Extract<ReleaseStage, { type: 'verify' }>, context: StageContext): Promise<StageResult> {
  const { request, deps } = context;
  const all = smokeTestsOf(deps.config, request.environment);
  const wanted = withWhatTheyNeed(stage.smokeTests, stepDependencies(all));
  const run = await runVerify(all.filter((step) => wanted.has(step.name)), deps.http, deps.clock);
  await deps.notifier.verified(request, run);
  const named = run.results.filter((r) => stage.smokeTests.includes(r.name));
  const failing = named.filter((r) => r.outcome !== 'pass').map((r) => r.name);
  if (failing.length === 0) return { ok: true, summary: rich`${named.length}/${named.length} smoke tests passed` };
  return { ok: false, reason: `${failing.length} of ${named.length} smoke tests did not pass (${failing.join(', ')})` };
}

/** The named steps and every step they wait for (a login whose {{token}} they use), however deep. */
function withWhatTheyNeed(names: readonly string[], graph: ReadonlyMap<string, readonly string[]>): Set<string> {
  const wanted = new Set<string>();
  const add = (name: string): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    (graph.get(name) ?? []).forEach(add);
  };
  names.forEach(add);
  return wanted;
}
