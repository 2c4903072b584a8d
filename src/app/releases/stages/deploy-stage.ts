import type { ReleaseStage } from '../../../config/release-schema.js';
import { watchRollout, type RolloutOutcome } from '../../../domain/deploys/watch-rollout.js';
import type { ReleaseServiceTarget } from '../../../domain/releases/release-payload.js';
import { code, joinRich, plainTextOf, rich } from '../../../domain/text/rich-text.js';
import { RELEASE_AUDIT } from '../../../domain/releases/release-audit.js';
import { outcomeText } from '../../deploys/deploy-notifier.js';
import { linkedAbort, releaseImageOf, type StageContext, type StageResult } from './stage-context.js';

type ServiceResult = { service: string; outcome: RolloutOutcome };

/**
 * The stage's services rolled out in parallel, each pinned to its release
 * image: recorded as patched before the patch (the rollback must know), not
 * patched again when the Deployment already runs it (a resumed stage), and
 * followed like `kubectl rollout status` with fail-fast. The first failure
 * stops following the others; the release then rolls back what it patched.
 */
export async function deployStage(stage: Extract<ReleaseStage, { type: 'deploy' }>, context: StageContext): Promise<StageResult> {
  const stop = linkedAbort(context.deps.signal);
  const results = await Promise.allSettled(
    stage.services.map(async (service) => {
      const result = await deployOne(service, context, stop.signal);
      if (result.outcome.kind !== 'succeeded') stop.abort(new Error(`${service} failed`));
      return result;
    }),
  );
  context.deps.signal?.throwIfAborted();
  const settled = results.filter((r): r is PromiseFulfilledResult<ServiceResult> => r.status === 'fulfilled').map((r) => r.value);
  const failure = settled.find((r) => r.outcome.kind !== 'succeeded');
  if (failure) return failed(failure);
  const error = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (error) throw error.reason;
  return { ok: true, summary: joinRich(settled.map((r) => rich`${r.service}: ${r.outcome.message}`), '\n') };
}

function failed({ service, outcome }: ServiceResult): StageResult {
  const first = plainTextOf(outcomeText(outcome, { firstLine: true }));
  return { ok: false, reason: `the rollout of ${service} failed: ${first}`, detail: rich`\n${outcomeText(outcome)}` };
}

async function deployOne(service: string, context: StageContext, signal: AbortSignal): Promise<ServiceResult> {
  const { plan, journal, ports, deps, request } = context;
  const target: ReleaseServiceTarget = plan.services.find((s) => s.service === service)!;
  const image = releaseImageOf(context, service);
  if (!image) throw new Error(`there is no release image of ${service} to deploy`);
  const current = await ports.cluster.getDeployment(target.namespace, target.deployment);
  const running = current?.spec.template.spec.containers.find((c) => c.name === target.container)?.image;
  let generation: number;
  if (running === image && current) {
    generation = journal.progress.patched.find((p) => p.service === service)?.generation ?? current.generation ?? 0;
  } else {
    const previousImage = target.previousImage ?? running;
    if (!journal.progress.patched.some((p) => p.service === service)) {
      await journal.save((p) => ({ ...p, patched: [...p.patched, { service, image, ...(previousImage ? { previousImage } : {}) }] }));
    }
    const patched = await ports.cluster.setContainerImage(target.namespace, target.deployment, target.container, image);
    generation = patched.generation ?? 0;
    await journal.save((p) => ({ ...p, patched: p.patched.map((x) => (x.service === service ? { ...x, generation } : x)) }));
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actor: 'shipmate',
      action: RELEASE_AUDIT.deployPatched,
      environment: request.environment,
      subject: journal.run.id,
      detail: `${plan.version}: ${service} ${previousImage ?? '(none)'} → ${image}, generation ${generation}`,
    });
    await context.say(rich`Patched deployment/${target.deployment} container ${target.container} to ${code(image)}`);
  }
  let last = '';
  const outcome = await watchRollout(
    { cluster: ports.cluster, clock: deps.clock, signal },
    { namespace: target.namespace, deployment: target.deployment, generation, timeoutMs: deps.rolloutTimeoutMs },
    (progress) => {
      if (progress.message === last) return;
      last = progress.message;
      void context.say(rich`${service}: ${progress.message}`).catch((e: unknown) => deps.signal?.aborted || deps.log('progress reply failed', e));
    },
  );
  return { service, outcome };
}
