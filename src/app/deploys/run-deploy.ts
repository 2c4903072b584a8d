import { EditThrottle } from '../../domain/builds/edit-throttle.js';
import type { RolloutOutcome } from '../../domain/deploys/watch-rollout.js';
import { parseImageRef } from '../../domain/image-ref.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import type { Clock } from '../../ports/clock.port.js';
import type { MetricsPort } from '../../ports/metrics.port.js';
import type { ApprovalRequest, Run, StorePort } from '../../ports/store.port.js';
import { isStoreOutage } from '../../ports/port-error.js';
import { deployLockHolder } from '../request-gates.js';
import type { DeployNotifier } from './deploy-notifier.js';
import { describeOutcome, outcomeText } from './deploy-notifier.js';
import { code, plainTextOf, rich, type RichText, type RichValue } from '../../domain/text/rich-text.js';
import { previousRevisionOf, type DeployPayload } from './deploy-payload.js';
import type { CanaryGates } from './canary-gate.js';
import { deployWorkload } from './deploy-workload.js';
import type { DeployGuards } from '../guards/deploy-guards.js';
import { guardsToWatch, startGuarding, watchGuards } from './guard-deploy.js';

export interface DeployDeps {
  store: StorePort;
  clock: Clock;
  portsFor(environment: string): ReadinessPorts;
  notifier: DeployNotifier;
  /** /verify for the environment, after a successful deploy; returns whether it passed. */
  verify(request: ApprovalRequest): Promise<boolean>;
  /** Whether the environment has smoke tests: without any, a successful deploy does not run /verify. */
  hasSmokeTests(environment: string): boolean;
  /** How long to follow a rollout before giving up (kubectl waits for the progress deadline; this is the outer bound). */
  rolloutTimeoutMs: number;
  log(message: string, error?: unknown): void;
  /** Aborted when this process hands the deploy over (it stops, or another replica leads now): the run stays as it is in the store for the next follower. */
  signal?: AbortSignal;
  metrics?: MetricsPort;
  /** Gates checked again when the action starts (policy, freeze, locks): the line that refuses it, if any. */
  gateAtStart?(request: ApprovalRequest): Promise<RichText | undefined>;
  /** An approved deploy not patched within this long after its approval is not started any more (the thread says so). */
  startWithinMs?: number;
  /** Metric guards watched after a successful rollout (phase `guarding`, guard-deploy.ts); none when left out. */
  guards?: DeployGuards;
  /** Promote / Abort for a canary's pauses (Argo Rollouts); without them a paused canary waits for kubectl. */
  canaries?: CanaryGates;
}

type Phase = 'starting' | 'rolling-out' | 'guarding' | 'rolling-back';

/** Deploys approved this long ago and never patched are not started late (default). */
export const DEFAULT_START_WITHIN_MS = 15 * 60_000;

export const deployRunId = (request: ApprovalRequest) => `${request.id}-${(request.payload as unknown as DeployPayload).service}`;
const holderOf = (request: ApprovalRequest) => deployLockHolder(request.id);

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
  return (await deps.store.getRun(deployRunId(request))) ?? (await createRun(request, deps));
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
      const outcome = await follow(request, payload, tokenOf(run, 'token', 'generation'), 'rollout', deps);
      if (outcome.kind !== 'succeeded') run = await failAndRollBack(request, run, payload, outcome, deps);
      else if (guardsToWatch(request, payload, deps).length === 0) return await succeed(request, run, payload, outcome, deps);
      else run = await startGuarding(request, run, payload, outcome, deps);
    }
    if ((run.detail.phase as Phase) === 'guarding') {
      const outcome = await watchGuards(request, run, payload, deps);
      if (outcome.kind === 'succeeded') return await succeed(request, run, payload, outcome, deps);
      run = await failAndRollBack(request, run, payload, outcome, deps);
    }
    if ((run.detail.phase as Phase) === 'rolling-back') await finishRollback(request, run, payload, deps);
  } catch (error) {
    if (deps.signal?.aborted) return;
    if (isStoreOutage(error)) {
      // The store is where the run lives: with it away nothing can be recorded, so this follow ends and the run stays
      // as the store last has it for the next follower. A healthy rollout is never rolled back for the store's sake.
      deps.log(`deploy ${request.id}: the store did not answer; the next follower continues it`, error);
      throw error;
    }
    deps.log(`deploy ${request.id} failed unexpectedly`, error);
    await recover(request, run, payload, error, deps);
  }
}

/**
 * An unexpected error (the store, the cluster, anything): if the image may
 * have been patched, it is rolled back first — a deploy that errors after its
 * patch never leaves the new image running — and the service stays locked;
 * then the thread is told. Nothing here may throw.
 */
async function recover(request: ApprovalRequest, run: Run, payload: DeployPayload, error: unknown, deps: DeployDeps): Promise<void> {
  const why = (error as Error).message.split('\n', 1)[0]!;
  const phase = (run.detail.phase as Phase | undefined) ?? 'starting';
  const patched = phase !== 'starting' || (await runsImage(payload.image, payload, request, deps).catch(() => true));
  let summary: string;
  if (!patched) {
    summary = `not deployed: ${why}`;
    await deps.store.releaseLock(payload.service, request.environment).catch(() => false);
  } else if (phase !== 'rolling-back' && payload.previousImage) {
    const rolledBack = await workloadOf(request, payload, deps)
      .revert(previousRevisionOf(payload)!)
      .then(() => true, (e: unknown) => (deps.log(`deploy ${request.id}: the rollback patch failed too`, e), false));
    summary = rolledBack
      ? `stopped (${why}); rolled back to ${shortTag(payload.previousImage)}`
      : `stopped (${why}) and the rollback to ${shortTag(payload.previousImage)} failed too: roll back by hand`;
    await lockAfterFailure(request, payload, `${payload.version} ${summary}`, deps).catch((e: unknown) => deps.log('could not lock after the failure', e));
  } else {
    summary = `stopped (${why})`;
    await lockAfterFailure(request, payload, `${payload.version} ${summary}`, deps).catch((e: unknown) => deps.log('could not lock after the failure', e));
  }
  const locked = patched ? rich` ${payload.service} is locked in ${request.environment} until someone runs ${code(`/shipmate unlock ${payload.service} ${request.environment}`)}.` : rich``;
  await deps.notifier.failure(request, rich`:x: The deploy of ${payload.service} ${payload.version} ${summary}.${locked}`).catch((e: unknown) => deps.log('could not tell the thread', e));
  await deps.notifier.status(request, rich`:x: Deploy ${summary}`).catch((e: unknown) => deps.log('could not edit the card', e));
  await close(run, 'error', { error: why }, deps).catch((e: unknown) => deps.log(`could not close the run ${run.id}`, e));
}

async function runsImage(image: string, payload: DeployPayload, request: ApprovalRequest, deps: DeployDeps): Promise<boolean> {
  return (await workloadOf(request, payload, deps).current())?.image === image;
}

/** The service's workload (a Deployment, an ECS service) in the request's environment. */
const workloadOf = (request: ApprovalRequest, payload: DeployPayload, deps: DeployDeps) => deployWorkload(deps.portsFor(request.environment), deps.clock, payload);

/** A follow token stored by this version (`token`), or by an older one as a number (`generation`). */
const tokenOf = (run: Run, key: string, legacy: string): string => String(run.detail[key] ?? run.detail[legacy] ?? 0);

const shortTag = (image: string) => parseImageRef(image).tag ?? image;

/** The run of an approved deploy, phase `starting`: stored with the deciding approval, in one transaction. */
export function newDeployRun(request: ApprovalRequest, now: Date): Run {
  return {
    id: deployRunId(request),
    requestId: request.id,
    kind: 'deploy',
    environment: request.environment,
    service: (request.payload as unknown as DeployPayload).service,
    status: 'starting',
    startedAt: now,
    channelId: request.channelId,
    ...(request.messageTs ? { messageTs: request.messageTs } : {}),
    detail: { phase: 'starting' },
    version: 1,
  };
}

async function createRun(request: ApprovalRequest, deps: Pick<DeployDeps, 'store' | 'clock'>): Promise<Run> {
  const run = newDeployRun(request, deps.clock.now());
  await deps.store.createRun(run);
  return run;
}

async function start(request: ApprovalRequest, run: Run, payload: DeployPayload, deps: DeployDeps): Promise<Run | undefined> {
  const ports = deps.portsFor(request.environment);
  const workload = workloadOf(request, payload, deps);
  // Resumed after a crash right after the patch: the container already runs the image, patching again would only add noise.
  const current = await workload.current();
  const already = current?.image === payload.image;
  if (!already) {
    const approvedAt = (request.decidedAt ?? run.startedAt).getTime();
    const late = deps.clock.now().getTime() - approvedAt > (deps.startWithinMs ?? DEFAULT_START_WITHIN_MS);
    if (late) {
      await notStarted(request, run, `it was approved at ${request.decidedAt?.toISOString() ?? '?'} and not started in time; starting it now would surprise people. Ask again if it is still wanted`, deps);
      return undefined;
    }
    const gate = await deps.gateAtStart?.(request);
    if (gate) {
      await notStarted(request, run, gate, deps);
      return undefined;
    }
    const now = await ports.ecr.describeImage(payload.repository, payload.tag);
    if (!now || now.digest !== payload.digest) {
      const moved = now ? `it is now ${now.digest}` : 'the tag is gone';
      await refuse(request, run, `the tag ${payload.tag} moved since approval (approved ${payload.digest}; ${moved}): nothing was changed, ask again`, deps);
      return undefined;
    }
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
  const token = already && current ? current.token : await workload.apply(payload.image);
  const next = await update(run, { status: 'running', externalId: token, detail: { ...run.detail, phase: 'rolling-out', token } }, deps);
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actor: 'shipmate',
    action: 'deploy.started',
    environment: request.environment,
    subject: run.id,
    detail: `${workload.label}: ${payload.previousImage ?? '(none)'} → ${payload.image}, ${payload.runtime === 'ecs' ? 'task definition' : 'generation'} ${token}`,
  });
  await deps.notifier.status(request, rich`:rocket: Rolling out ${payload.service} ${payload.version}…`);
  await deps.notifier.progress(request, rich`Patched ${workload.label} to ${code(payload.image)}`);
  return next;
}

async function follow(request: ApprovalRequest, payload: DeployPayload, token: string, what: 'rollout' | 'rollback', deps: DeployDeps): Promise<RolloutOutcome> {
  const throttle = new EditThrottle();
  let last = '';
  const workload = workloadOf(request, payload, deps);
  const { promote, abort } = workload;
  const gate = what === 'rollout' && promote && abort ? deps.canaries?.open(request, payload, { promote, abort }) : undefined;
  // What the follow says is queued in order, and a success waits for it: a late "Rolling out" edit queued after the
  // final "is running" would make the outbox drop that one as superseded. A failure never waits: the rollback comes first.
  let told: Promise<unknown> = Promise.resolve();
  const tell = (say: () => Promise<void>, what: string) => {
    told = told.then(say).catch((e: unknown) => deps.signal?.aborted || deps.log(what, e));
  };
  const following = workload.follow(
    token,
    deps.rolloutTimeoutMs,
    (progress) => {
      if (progress.canary) gate?.onProgress(progress.canary);
      if (progress.message === last) return;
      last = progress.message;
      tell(() => deps.notifier.progress(request, rich`${progress.message}`), 'progress reply failed');
      const now = deps.clock.now().getTime();
      if (throttle.shouldEdit(request.id, progress.message, now)) {
        throttle.edited(request.id, progress.message, now);
        const line = rich`:hourglass_flowing_sand: ${what === 'rollout' ? 'Rolling out' : 'Rolling back'}: ${progress.updated}/${progress.desired} updated, ${progress.available} available`;
        tell(() => deps.notifier.status(request, line), 'status edit failed');
      }
    },
    deps.signal,
  );
  // Handed over: the next follower keeps the open Promote / Abort; otherwise a pause nobody decided is closed with the rollout.
  const outcome = await (gate ? following.finally(() => gate.close(deps.signal?.aborted ? undefined : 'the rollout ended')) : following);
  if (outcome.kind === 'succeeded') await told;
  return outcome;
}

async function succeed(request: ApprovalRequest, run: Run, payload: DeployPayload, outcome: RolloutOutcome, deps: DeployDeps): Promise<void> {
  await deps.store.releaseLock(payload.service, request.environment);
  await close(run, 'succeeded', {}, deps);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: 'deploy.succeeded', environment: request.environment, subject: run.id, detail: `${payload.service} ${payload.version}: ${outcome.message}` });
  await deps.notifier.status(request, rich`:white_check_mark: ${payload.service} ${payload.version} is running in ${request.environment}: ${outcome.message}`);
  if (!deps.hasSmokeTests(request.environment)) {
    await deps.notifier.progress(request, rich`:white_check_mark: Rolled out. ${request.environment} has no smoke tests, so there is no /verify to run.`);
    return;
  }
  await deps.notifier.progress(request, rich`:white_check_mark: Rolled out. Running /verify for ${request.environment}…`);
  await deps.verify(request);
}

async function failAndRollBack(request: ApprovalRequest, run: Run, payload: DeployPayload, outcome: RolloutOutcome, deps: DeployDeps): Promise<Run> {
  const why = describeOutcome(outcome);
  const failed = rich`:x: The rollout of ${payload.service} ${payload.version} to ${request.environment} failed — ${outcomeText(outcome)}`;
  if (!payload.previousImage) {
    await lockAfterFailure(request, payload, `${payload.version} failed (${outcome.kind}); there was no previous image to roll back to`, deps);
    await audit(request, run, 'deploy.failed', `${payload.service} ${payload.version}: ${why.split('\n', 1)[0]}`, deps);
    await deps.notifier.failure(request, failed);
    return close(run, 'failed', { outcome: outcome.kind, reason: why }, deps);
  }
  // Roll back first, then tell: the patch never waits for the store's bookkeeping or for chat.
  const rollbackToken = await workloadOf(request, payload, deps).revert(previousRevisionOf(payload)!);
  const next = await update(run, { detail: { ...run.detail, phase: 'rolling-back', reason: why.split('\n', 1)[0], outcome: outcome.kind, rollbackToken } }, deps);
  await audit(request, run, 'deploy.failed', `${payload.service} ${payload.version}: ${why.split('\n', 1)[0]}`, deps);
  await deps.notifier.failure(request, failed);
  await deps.notifier.progress(request, rich`:leftwards_arrow_with_hook: Rolling back to ${code(payload.previousImage)}`);
  return next;
}

function audit(request: ApprovalRequest, run: Run, action: string, detail: string, deps: DeployDeps): Promise<void> {
  return deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action, environment: request.environment, subject: run.id, detail });
}

async function finishRollback(request: ApprovalRequest, run: Run, payload: DeployPayload, deps: DeployDeps): Promise<void> {
  const outcome = await follow(request, payload, tokenOf(run, 'rollbackToken', 'rollbackGeneration'), 'rollback', deps);
  const previous = parseImageRef(payload.previousImage ?? '').tag ?? payload.previousImage;
  const rolledBack = outcome.kind === 'succeeded';
  const summary = rolledBack ? `rolled back to ${previous}` : `the rollback to ${previous} did not complete either: ${describeOutcome(outcome).split('\n', 1)[0]}`;
  await lockAfterFailure(request, payload, `${payload.version} failed (${String(run.detail.reason ?? run.detail.outcome)}); ${summary}`, deps);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: rolledBack ? 'deploy.rolled-back' : 'deploy.rollback-failed', environment: request.environment, subject: run.id, detail: summary });
  const icon: RichText = rolledBack ? rich`:leftwards_arrow_with_hook:` : rich`:rotating_light:`;
  await deps.notifier.failure(request, rich`${icon} ${payload.service} in ${request.environment}: ${summary}. Deploys of ${payload.service} there are locked until someone runs ${code(`/shipmate unlock ${payload.service} ${request.environment}`)}.`);
  await deps.notifier.status(request, rich`:x: Failed and ${summary}; ${payload.service} is locked in ${request.environment}`);
  await close(run, rolledBack ? 'rolled-back' : 'failed', {}, deps);
}

async function lockAfterFailure(request: ApprovalRequest, payload: DeployPayload, reason: string, deps: DeployDeps): Promise<void> {
  await deps.store.releaseLock(payload.service, request.environment);
  await deps.store.acquireLock({ service: payload.service, environment: request.environment, holder: 'shipmate', reason, at: deps.clock.now() });
}

/** Approved but never started (too late, or a gate refused it at start): the run ends `not-started` and the thread says so. */
async function notStarted(request: ApprovalRequest, run: Run, reason: RichValue, deps: DeployDeps): Promise<void> {
  await audit(request, run, 'deploy.not-started', plainTextOf(reason), deps);
  deps.metrics?.rolloutFinished('refused', 0);
  await update(run, { status: 'not-started', finishedAt: deps.clock.now(), detail: { ...run.detail, phase: 'done', reason: plainTextOf(reason) } }, deps);
  await deps.notifier.failure(request, rich`:no_entry: Not started: ${reason}`);
  await deps.notifier.status(request, rich`:no_entry: Not started: ${reason}`);
}

async function refuse(request: ApprovalRequest, run: Run, reason: string, deps: DeployDeps): Promise<void> {
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: 'deploy.refused', environment: request.environment, subject: run.id, detail: reason });
  await deps.notifier.failure(request, rich`:no_entry: Not deployed: ${reason}`);
  await deps.notifier.status(request, rich`:no_entry: Not deployed: ${reason}`);
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
