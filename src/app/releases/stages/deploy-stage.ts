import type { ReleaseStage } from '../../../config/release-schema.js';
import type { RolloutOutcome } from '../../../domain/deploys/watch-rollout.js';
import { deployWorkload } from '../../deploys/deploy-workload.js';
import type { ReleaseServiceTarget } from '../../../domain/releases/release-payload.js';
import { code, plainTextOf, rich } from '../../../domain/text/rich-text.js';
import { RELEASE_AUDIT } from '../../../domain/releases/release-audit.js';
import { outcomeText } from '../../deploys/deploy-notifier.js';
import { guardStage, recordedGuarding, stageGuards } from './guard-stage.js';
import { linkedAbort, releaseImageOf, type StageContext, type StageResult } from './stage-context.js';

type ServiceResult = { service: string; outcome: RolloutOutcome };

/**
 * The stage's services rolled out in parallel, each pinned to its release
 * image: recorded as patched before the patch (the rollback must know), not
 * patched again when the Deployment already runs it (a resumed stage), and
 * followed like `kubectl rollout status` with fail-fast. The first failure
 * stops following the others; the release then rolls back what it patched.
 * Once all have rolled out, their metric guards are watched (guard-stage.ts).
 */
export async function deployStage(stage: Extract<ReleaseStage, { type: 'deploy' }>, context: StageContext): Promise<StageResult> {
  const guards = stageGuards(stage.services, context);
  // Rolled out and being guarded when the last follower stopped: the same windows are finished, nothing is deployed again.
  const guarding = recordedGuarding(context);
  if (guarding) return guardStage(guards, guarding.rolledOut, context);
  const stop = linkedAbort(context.deps.signal);
  const results = await Promise.allSettled(
    stage.services.map(async (service) => {
      const result = await deployOne(service, context, stop.signal).catch((error: unknown) => {
        // The others' watches end with this same error, so it is the one the stage fails with.
        stop.abort(error);
        throw error;
      });
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
  return guardStage(guards, settled.map((r) => `${r.service}: ${r.outcome.message}`), context);
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
  const workload = deployWorkload(ports, deps.clock, target);
  const current = await workload.current();
  let token: string;
  if (current && current.image === image) {
    token = journal.progress.patched.find((p) => p.service === service)?.token ?? current.token;
  } else {
    const previousImage = target.previousImage ?? current?.image;
    const previousRevision = target.previousRevision ?? (target.runtime === 'ecs' ? current?.revision : previousImage);
    if (!journal.progress.patched.some((p) => p.service === service)) {
      await journal.save((p) => ({ ...p, patched: [...p.patched, { service, image, ...(previousImage ? { previousImage } : {}), ...(previousRevision ? { previousRevision } : {}) }] }));
    }
    token = await workload.apply(image);
    await journal.save((p) => ({ ...p, patched: p.patched.map((x) => (x.service === service ? { ...x, token } : x)) }));
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actor: 'shipmate',
      action: RELEASE_AUDIT.deployPatched,
      environment: request.environment,
      subject: journal.run.id,
      detail: `${plan.version}: ${service} ${previousImage ?? '(none)'} → ${image} (${workload.label}, ${token})`,
    });
    await context.say(rich`Patched ${workload.label} to ${code(image)}`);
  }
  let last = '';
  const { promote, abort } = workload;
  const previousImage = journal.progress.patched.find((p) => p.service === service)?.previousImage ?? target.previousImage;
  const subject = { service, version: plan.version, override: plan.override, ...(previousImage ? { previousImage } : {}) };
  const gate = promote && abort ? deps.canaries?.open(request, subject, { promote, abort }) : undefined;
  const following = workload.follow(
    token,
    deps.rolloutTimeoutMs,
    (progress) => {
      if (progress.canary) gate?.onProgress(progress.canary);
      if (progress.message === last) return;
      last = progress.message;
      void context.say(rich`${service}: ${progress.message}`).catch((e: unknown) => deps.signal?.aborted || deps.log('progress reply failed', e));
    },
    signal,
  );
  // Handed over (or stopped beside a failed service): an open Promote / Abort stays for the next follower only when handed over.
  const outcome = await (gate ? following.finally(() => gate.close(deps.signal?.aborted ? undefined : 'the rollout ended')) : following);
  return { service, outcome };
}
