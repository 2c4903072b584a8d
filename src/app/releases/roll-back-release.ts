import { watchRollout } from '../../domain/deploys/watch-rollout.js';
import { code, plainTextOf, rich } from '../../domain/text/rich-text.js';
import { outcomeText } from '../deploys/deploy-notifier.js';
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
    const why = await rollBackOne(patched, context).catch((error: unknown) => `the rollback failed: ${(error as Error).message.split('\n', 1)[0]}`);
    await journal.save((p) =>
      why === undefined ? { ...p, rolledBack: [...p.rolledBack, patched.service] } : { ...p, unrolled: [...p.unrolled, { service: patched.service, why }] },
    );
  }
}

/** Undefined when rolled back; otherwise why not. */
async function rollBackOne(patched: PatchedService, context: Omit<StageContext, 'index'>): Promise<string | undefined> {
  const { plan, ports, deps } = context;
  if (!patched.previousImage) return 'there was no previous image to roll back to';
  const target = plan.services.find((s) => s.service === patched.service)!;
  const current = await ports.cluster.getDeployment(target.namespace, target.deployment);
  const running = current?.spec.template.spec.containers.find((c) => c.name === target.container)?.image;
  // Resumed after the rollback's patch: follow it, do not patch again.
  const generation =
    running === patched.previousImage && current
      ? (current.generation ?? 0)
      : ((await ports.cluster.setContainerImage(target.namespace, target.deployment, target.container, patched.previousImage)).generation ?? 0);
  await context.say(rich`:leftwards_arrow_with_hook: Rolling back ${patched.service} to ${code(patched.previousImage)}`);
  const outcome = await watchRollout(
    { cluster: ports.cluster, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}) },
    { namespace: target.namespace, deployment: target.deployment, generation, timeoutMs: deps.rolloutTimeoutMs },
    () => undefined,
  );
  if (outcome.kind === 'succeeded') {
    await context.say(rich`:leftwards_arrow_with_hook: ${patched.service} is back on ${code(patched.previousImage)}`);
    return undefined;
  }
  return `its rollback did not complete: ${plainTextOf(outcomeText(outcome, { firstLine: true }))}`;
}
