import { EditThrottle } from '../../domain/builds/edit-throttle.js';
import { watchRollout, type RolloutOutcome } from '../../domain/deploys/watch-rollout.js';
import { parseImageRef } from '../../domain/image-ref.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import type { Clock } from '../../ports/clock.port.js';
import type { MetricsPort } from '../../ports/metrics.port.js';
import type { ApprovalRequest, Run, StorePort } from '../../ports/store.port.js';
import type { DeployNotifier } from './deploy-notifier.js';
import { describeOutcome } from './deploy-notifier.js';
import type { DeployPayload } from './deploy-payload.js';

export interface DeployDeps {
  store: StorePort;
  clock: Clock;
  portsFor(environment: string): ReadinessPorts;
  notifier: DeployNotifier;
  /** /verify for the environment, after a successful deploy; returns whether it passed. */
  verify(request: ApprovalRequest): Promise<boolean>;
  /** How long to follow a rollout before giving up (kubectl waits for the progress deadline; this is the outer bound). */
  rolloutTimeoutMs: number;
  log(message: string, error?: unknown): void;
  /** Aborted when this process hands the deploy over (it stops, or another replica leads now): the run stays as it is in the store for the next follower. */
  signal?: AbortSignal;
  metrics?: MetricsPort;
}

type Phase = 'starting' | 'rolling-out' | 'rolling-back';

export const deployRunId = (request: ApprovalRequest) => `${request.id}-${(request.payload as unknown as DeployPayload).service}`;
const holderOf = (request: ApprovalRequest) => `deploy ${request.id}`;

/**
 * An approved deploy: the tag is resolved again and the deploy refused if its
 * digest moved; the service's lock is taken; the container is patched to
 * REPO:TAG@DIGEST; the rollout is followed like `kubectl rollout status` with
 * fail-fast; a failure is rolled back and locks the service; a success runs
 * /verify. Every step is in the run, so `resumeDeploy` can pick it up.
 */
export async function runDeploy(request: ApprovalRequest, deps: DeployDeps): Promise<void> {
  await continueDeploy(request, await recordDeployRun(request, deps), deps);
}

/** The deploy's run, created in phase `starting` unless it exists: whichever replica follows it starts from there. */
export async function recordDeployRun(request: ApprovalRequest, deps: Pick<DeployDeps, 'store' | 'clock'>): Promise<Run> {
  return (await deps.store.getRun(deployRunId(request))) ?? (await createRun(request, request.payload as unknown as DeployPayload, deps));
}

/** Picks a deploy up where the store says it was (after a restart). */
export async function continueDeploy(request: ApprovalRequest, run: Run, deps: DeployDeps): Promise<void> {
  const payload = request.payload as unknown as DeployPayload;
  const phase = (run.detail.phase as Phase | undefined) ?? 'starting';
  try {
    if (phase === 'starting') {
      const started = await start(request, run, payload, deps);
      if (!started) return;
      run = started;
    }
    if ((run.detail.phase as Phase) === 'rolling-out') {
      const outcome = await follow(request, payload, run.detail.generation as number, 'rollout', deps);
      if (outcome.kind === 'succeeded') return await succeed(request, run, payload, outcome, deps);
      run = await failAndRollBack(request, run, payload, outcome, deps);
    }
    if ((run.detail.phase as Phase) === 'rolling-back') await finishRollback(request, run, payload, deps);
  } catch (error) {
    if (deps.signal?.aborted) return;
    deps.log(`deploy ${request.id} failed unexpectedly`, error);
    await deps.notifier.failure(request, `:x: The deploy of ${payload.service} ${payload.version} stopped: ${(error as Error).message}`);
    await close(run, 'error', { error: (error as Error).message }, deps);
    await deps.store.releaseLock(payload.service, request.environment).catch(() => false);
  }
}

async function createRun(request: ApprovalRequest, payload: DeployPayload, deps: Pick<DeployDeps, 'store' | 'clock'>): Promise<Run> {
  const run: Run = {
    id: deployRunId(request),
    requestId: request.id,
    kind: 'deploy',
    environment: request.environment,
    service: payload.service,
    status: 'starting',
    startedAt: deps.clock.now(),
    channelId: request.channelId,
    ...(request.messageTs ? { messageTs: request.messageTs } : {}),
    detail: { phase: 'starting' },
    version: 1,
  };
  await deps.store.createRun(run);
  return run;
}

async function start(request: ApprovalRequest, run: Run, payload: DeployPayload, deps: DeployDeps): Promise<Run | undefined> {
  const ports = deps.portsFor(request.environment);
  const now = await ports.ecr.describeImage(payload.repository, payload.tag);
  if (!now || now.digest !== payload.digest) {
    const moved = now ? `it is now ${now.digest}` : 'the tag is gone';
    await refuse(request, run, `the tag ${payload.tag} moved since approval (approved ${payload.digest}; ${moved}): nothing was changed, ask again`, deps);
    return undefined;
  }
  const lock = await deps.store.acquireLock({
    service: payload.service,
    environment: request.environment,
    holder: holderOf(request),
    reason: `deploying ${payload.version} (request ${request.id})`,
    at: deps.clock.now(),
  });
  if (!lock.acquired && lock.lock.holder !== holderOf(request)) {
    await refuse(request, run, `${payload.service} in ${request.environment} is locked by ${lock.lock.holder}: ${lock.lock.reason}`, deps);
    return undefined;
  }
  await deps.notifier.status(request, `:rocket: Rolling out ${payload.service} ${payload.version}…`);
  // Resumed after a crash right after the patch: the container already runs the image, patching again would only add noise.
  const current = await ports.cluster.getDeployment(payload.namespace, payload.deployment);
  const already = current?.spec.template.spec.containers.find((c) => c.name === payload.container)?.image === payload.image;
  const patched = already && current ? current : await ports.cluster.setContainerImage(payload.namespace, payload.deployment, payload.container, payload.image);
  const next = await update(run, { status: 'running', externalId: String(patched.generation ?? 0), detail: { ...run.detail, phase: 'rolling-out', generation: patched.generation ?? 0 } }, deps);
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actor: 'shipmate',
    action: 'deploy.started',
    environment: request.environment,
    subject: run.id,
    detail: `${payload.deployment}/${payload.container}: ${payload.previousImage ?? '(none)'} → ${payload.image}, generation ${patched.generation ?? '?'}`,
  });
  await deps.notifier.progress(request, `Patched deployment/${payload.deployment} container ${payload.container} to \`${payload.image}\``);
  return next;
}

async function follow(request: ApprovalRequest, payload: DeployPayload, generation: number, what: 'rollout' | 'rollback', deps: DeployDeps): Promise<RolloutOutcome> {
  const throttle = new EditThrottle();
  let last = '';
  return watchRollout(
    { cluster: deps.portsFor(request.environment).cluster, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}) },
    { namespace: payload.namespace, deployment: payload.deployment, generation, timeoutMs: deps.rolloutTimeoutMs },
    (progress) => {
      if (progress.message === last) return;
      last = progress.message;
      void deps.notifier.progress(request, progress.message).catch((e: unknown) => deps.log('progress reply failed', e));
      const now = deps.clock.now().getTime();
      if (throttle.shouldEdit(request.id, progress.message, now)) {
        throttle.edited(request.id, progress.message, now);
        const line = `:hourglass_flowing_sand: ${what === 'rollout' ? 'Rolling out' : 'Rolling back'}: ${progress.updated}/${progress.desired} updated, ${progress.available} available`;
        void deps.notifier.status(request, line).catch((e: unknown) => deps.log('status edit failed', e));
      }
    },
  );
}

async function succeed(request: ApprovalRequest, run: Run, payload: DeployPayload, outcome: RolloutOutcome, deps: DeployDeps): Promise<void> {
  await deps.store.releaseLock(payload.service, request.environment);
  await close(run, 'succeeded', {}, deps);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: 'deploy.succeeded', environment: request.environment, subject: run.id, detail: `${payload.service} ${payload.version}: ${outcome.message}` });
  await deps.notifier.status(request, `:white_check_mark: ${payload.service} ${payload.version} is running in ${request.environment}: ${outcome.message}`);
  await deps.notifier.progress(request, `:white_check_mark: Rolled out. Running /verify for ${request.environment}…`);
  await deps.verify(request);
}

async function failAndRollBack(request: ApprovalRequest, run: Run, payload: DeployPayload, outcome: RolloutOutcome, deps: DeployDeps): Promise<Run> {
  const why = describeOutcome(outcome);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: 'deploy.failed', environment: request.environment, subject: run.id, detail: `${payload.service} ${payload.version}: ${why.split('\n', 1)[0]}` });
  await deps.notifier.failure(request, `:x: The rollout of ${payload.service} ${payload.version} to ${request.environment} failed — ${why}`);
  if (!payload.previousImage) {
    await lockAfterFailure(request, payload, `${payload.version} failed (${outcome.kind}); there was no previous image to roll back to`, deps);
    return close(run, 'failed', { outcome: outcome.kind, reason: why }, deps);
  }
  await deps.notifier.progress(request, `:leftwards_arrow_with_hook: Rolling back to \`${payload.previousImage}\``);
  const patched = await deps.portsFor(request.environment).cluster.setContainerImage(payload.namespace, payload.deployment, payload.container, payload.previousImage);
  return update(run, { detail: { ...run.detail, phase: 'rolling-back', reason: why.split('\n', 1)[0], outcome: outcome.kind, rollbackGeneration: patched.generation ?? 0 } }, deps);
}

async function finishRollback(request: ApprovalRequest, run: Run, payload: DeployPayload, deps: DeployDeps): Promise<void> {
  const outcome = await follow(request, payload, run.detail.rollbackGeneration as number, 'rollback', deps);
  const previous = parseImageRef(payload.previousImage ?? '').tag ?? payload.previousImage;
  const rolledBack = outcome.kind === 'succeeded';
  const summary = rolledBack ? `rolled back to ${previous}` : `the rollback to ${previous} did not complete either: ${describeOutcome(outcome).split('\n', 1)[0]}`;
  await lockAfterFailure(request, payload, `${payload.version} failed (${String(run.detail.reason ?? run.detail.outcome)}); ${summary}`, deps);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: rolledBack ? 'deploy.rolled-back' : 'deploy.rollback-failed', environment: request.environment, subject: run.id, detail: summary });
  await deps.notifier.failure(request, `${rolledBack ? ':leftwards_arrow_with_hook:' : ':rotating_light:'} ${payload.service} in ${request.environment}: ${summary}. Deploys of ${payload.service} there are locked until someone runs \`/shipmate unlock ${payload.service} ${request.environment}\`.`);
  await deps.notifier.status(request, `:x: Failed and ${summary}; ${payload.service} is locked in ${request.environment}`);
  await close(run, rolledBack ? 'rolled-back' : 'failed', {}, deps);
}

async function lockAfterFailure(request: ApprovalRequest, payload: DeployPayload, reason: string, deps: DeployDeps): Promise<void> {
  await deps.store.releaseLock(payload.service, request.environment);
  await deps.store.acquireLock({ service: payload.service, environment: request.environment, holder: 'shipmate', reason, at: deps.clock.now() });
}

async function refuse(request: ApprovalRequest, run: Run, reason: string, deps: DeployDeps): Promise<void> {
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: 'deploy.refused', environment: request.environment, subject: run.id, detail: reason });
  await deps.notifier.failure(request, `:no_entry: Not deployed: ${reason}`);
  await deps.notifier.status(request, `:no_entry: Not deployed: ${reason}`);
  await close(run, 'refused', { reason }, deps);
}

async function update(run: Run, change: Partial<Run>, deps: DeployDeps): Promise<Run> {
  const current = (await deps.store.getRun(run.id)) ?? run;
  const next: Run = { ...current, ...change, version: current.version + 1 };
  await deps.store.updateRun(next);
  return next;
}

/** Ends the run; `outcome` is how it ended, for metrics (the run's status is succeeded or failed). */
function close(run: Run, outcome: 'succeeded' | 'failed' | 'rolled-back' | 'refused' | 'error', detail: Record<string, unknown>, deps: DeployDeps): Promise<Run> {
  deps.metrics?.rolloutFinished(outcome, Math.max(0, deps.clock.now().getTime() - run.startedAt.getTime()) / 1000);
  return update(run, { status: outcome === 'succeeded' ? 'succeeded' : 'failed', finishedAt: deps.clock.now(), detail: { ...run.detail, ...detail, phase: 'done' } }, deps);
}
