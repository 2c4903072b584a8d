import { code, plainTextOf, rich } from '../../domain/text/rich-text.js';
import { outcomeText } from '../deploys/deploy-notifier.js';
import { deployWorkload } from '../deploys/deploy-workload.js';
import type { PatchedService } from './release-progress.js';
import type { StageContext } from './stages/stage-context.js';

/**
 * Every service the release patched, last patched first, back to the image it
 * ran before, each followed to the end of its rollout before the next. A
 * service already rolled back (a resumed rollback) is skipped; one that
 * cannot be rolled back is recorded with why, and the others still are.
 */
export async function rollBackRelease(context: Omit<StageContext, 'index'>): Promise<void> {
  const { journal } = context;
  for (const patched of [...journal.progress.patched].reverse()) {
    const done = journal.progress.rolledBack.includes(patched.service) || journal.progress.unrolled.some((u) => u.service === patched.service);
    if (done) continue;
    const why = await rollBackOne(patched, context).catch((error: unknown) => {
      // Handed over mid-rollback: nothing is recorded, the next follower finishes it.
      if (context.deps.signal?.aborted) throw error;
      return `the rollback failed: ${(error as Error).message.split('\n', 1)[0]}`;
    });
    await journal.save((p) =>
      why === undefined ? { ...p, rolledBack: [...p.rolledBack, patched.service] } : { ...p, unrolled: [...p.unrolled, { service: patched.service, why }] },
    );
  }
}

/** Undefined when rolled back; otherwise why not. */
async function rollBackOne(patched: PatchedService, context: Omit<StageContext, 'index'>): Promise<string | undefined> {
  const { plan, ports, deps } = context;
  const revision = patched.previousRevision ?? patched.previousImage;
  if (!revision) return 'there was no previous image to roll back to';
  const target = plan.services.find((s) => s.service === patched.service)!;
  const workload = deployWorkload(ports, deps.clock, target);
  const current = await workload.current();
  // Resumed after the rollback's patch: follow it, do not patch again.
  const back = current && (current.revision === revision || (patched.previousImage !== undefined && current.image === patched.previousImage));
  const token = back ? current.token : await workload.revert(revision);
  const shown = patched.previousImage ?? revision;
  await context.say(rich`:leftwards_arrow_with_hook: Rolling back ${patched.service} to ${code(shown)}`);
  const outcome = await workload.follow(token, deps.rolloutTimeoutMs, () => undefined, deps.signal);
  if (outcome.kind === 'succeeded') {
    await context.say(rich`:leftwards_arrow_with_hook: ${patched.service} is back on ${code(shown)}`);
    return undefined;
  }
  return `its rollback did not complete: ${plainTextOf(outcomeText(outcome, { firstLine: true }))}`;
}
