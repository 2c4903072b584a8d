import { RELEASE_AUDIT } from '../../domain/releases/release-audit.js';
import { stageSummary } from '../../domain/releases/release-checklist.js';
import { stageLabel } from '../../domain/releases/release-payload.js';
import { plainTextOf, rich, type RichText, type RichValue } from '../../domain/text/rich-text.js';
import { isStoreOutage } from '../../ports/port-error.js';
import type { ApprovalRequest, Run } from '../../ports/store.port.js';
import { DEFAULT_START_WITHIN_MS } from '../deploys/run-deploy.js';
import { ChecklistEditor } from './checklist-editor.js';
import { releasePayloadOf, type ReleaseDeps } from './release-deps.js';
import { audit, releaseLockHolder, showChecklist, type ReleaseContext } from './release-context.js';
import { finishFailedRelease } from './release-failure.js';
import { newReleaseRun, RunJournal } from './release-progress.js';
import { runStage } from './stages/run-stage.js';

/** The release's run, created in phase `starting` unless it exists: whichever replica follows it starts from there. */
export async function recordReleaseRun(request: ApprovalRequest, deps: Pick<ReleaseDeps, 'store' | 'clock'>): Promise<Run> {
  const existing = await deps.store.getRun(newReleaseRun(request, deps.clock.now()).id);
  if (existing) return existing;
  const run = newReleaseRun(request, deps.clock.now());
  await deps.store.createRun(run);
  return run;
}

/**
 * A release, picked up where its run is: started (gates again, the tags
 * still at the approved digests, the services' locks taken), then its stages
 * in order, each recorded as it ends so a restart resumes at the stage in
 * progress; a failure rolls back and locks (release-failure.ts).
 */
export async function continueRelease(request: ApprovalRequest, run: Run, deps: ReleaseDeps): Promise<void> {
  const plan = releasePayloadOf(request);
  const journal = new RunJournal(run, deps.store);
  const card = new ChecklistEditor((line) => deps.notifier.status(request, line), deps.clock, deps.checklistEditMs ?? 3_000, deps.log, deps.signal);
  const context: ReleaseContext = {
    request,
    plan,
    journal,
    deps,
    ports: deps.portsFor(request.environment),
    say: (text: RichValue) => deps.notifier.progress(request, text),
    card,
    header: () => rich`Release ${plan.version} to ${request.environment}`,
  };
  try {
    if (journal.run.status === 'starting' && !(await startOrSayWhyNot(context))) return;
    if (journal.progress.phase === 'running') await runStages(context);
    if (journal.progress.phase === 'rolling-back') await finishFailedRelease(context);
  } catch (error) {
    if (deps.signal?.aborted) return;
    if (isStoreOutage(error)) {
      // The run lives in the store: with it away nothing can be recorded; the next follower continues from what it holds.
      deps.log(`release ${request.id}: the store did not answer; the next follower continues it`, error);
      throw error;
    }
    deps.log(`release ${request.id} failed unexpectedly`, error);
    if (journal.progress.phase !== 'running') throw error;
    await failStage(context, journal.progress.stage, `${(error as Error).message.split('\n', 1)[0]}`);
    await finishFailedRelease(context);
  }
}

/** A start that fails before any stage (ECR or the store's locks not answering) is a release not started: nothing was changed, nothing is locked. */
async function startOrSayWhyNot(context: ReleaseContext): Promise<boolean> {
  try {
    return await start(context);
  } catch (error) {
    if (context.deps.signal?.aborted || isStoreOutage(error)) throw error;
    return notStarted(context, `it could not start: ${(error as Error).message.split('\n', 1)[0]}; nothing was changed, ask again`);
  }
}

async function start(context: ReleaseContext): Promise<boolean> {
  const { request, plan, journal, deps, ports } = context;
  const approvedAt = (request.decidedAt ?? journal.run.startedAt).getTime();
  if (deps.clock.now().getTime() - approvedAt > (deps.startWithinMs ?? DEFAULT_START_WITHIN_MS)) {
    await notStarted(context, `it was approved at ${request.decidedAt?.toISOString() ?? '?'} and not started in time; starting it now would surprise people. Ask again if it is still wanted`);
    return false;
  }
  const gate = await deps.gateAtStart?.(request);
  if (gate) return notStarted(context, gate);
  for (const target of plan.services.filter((s) => s.digest && (s.deployed || plan.stages.slice(plan.from).some((st) => st.type === 'migrate' && st.service === s.service)))) {
    const now = await ports.ecr.describeImage(target.repository, target.tag);
    if (now?.digest !== target.digest) {
      return notStarted(context, `the tag ${target.repository}:${target.tag} moved since approval (approved ${target.digest}; ${now ? `it is now ${now.digest}` : 'the tag is gone'}): nothing was changed, ask again`);
    }
  }
  const taken: string[] = [];
  for (const target of plan.services.filter((s) => s.deployed)) {
    const lock = await deps.store.acquireLock({ service: target.service, environment: request.environment, holder: releaseLockHolder(request.id), reason: `releasing ${plan.version} (request ${request.id})`, at: deps.clock.now() });
    if (!lock.acquired && lock.lock.holder !== releaseLockHolder(request.id)) {
      for (const service of taken) await deps.store.releaseLock(service, request.environment);
      return notStarted(context, `${target.service} in ${request.environment} is locked by ${lock.lock.holder}: ${lock.lock.reason}`);
    }
    taken.push(target.service);
  }
  await journal.save((p) => p, { status: 'running' });
  await audit(context, RELEASE_AUDIT.started, `${plan.version}: ${plan.stages.slice(plan.from).map(stageSummary).join(' → ')}`);
  const skipped = plan.from > 0 ? `, from stage ${stageLabel(plan.stages, plan.from)} (${plan.from} skipped)` : '';
  await context.say(rich`:rocket: ${context.header()} started: ${plan.stages.length - plan.from} stages${skipped}`);
  return true;
}

async function runStages(context: ReleaseContext): Promise<void> {
  const { plan, journal } = context;
  for (let index = journal.progress.stage; index < plan.stages.length; index++) {
    if (journal.progress.announced !== index) {
      await journal.save((p) => ({ ...p, stage: index, announced: index }));
      await audit(context, RELEASE_AUDIT.stageStarted, `${plan.version}: stage ${stageLabel(plan.stages, index)}`);
      context.card.show(rich`:hourglass_flowing_sand: ${context.header()}: stage ${index + 1} of ${plan.stages.length}\n${showChecklist(context)}`);
      await context.say(rich`:arrow_forward: Stage ${index + 1}: ${stageSummary(plan.stages[index]!)}`);
    }
    const result = await runStage(plan.stages[index]!, { ...context, index });
    if (!result.ok) {
      await failStage(context, index, result.reason, result.detail);
      return;
    }
    await journal.save((p) => ({ ...p, stage: index + 1 }));
    await audit(context, RELEASE_AUDIT.stageSucceeded, `${plan.version}: stage ${stageLabel(plan.stages, index)}: ${plainTextOf(result.summary).split('\n', 1)[0]}`);
    await context.say(rich`:white_check_mark: Stage ${index + 1} ${plan.stages[index]!.type}: ${result.summary}`);
  }
  await succeed(context);
}

async function succeed(context: ReleaseContext): Promise<void> {
  const { plan, journal, deps } = context;
  await releaseOwnLocks(context);
  const seconds = Math.round((deps.clock.now().getTime() - journal.run.startedAt.getTime()) / 1000);
  await journal.save((p) => ({ ...p, phase: 'done' }), { status: 'succeeded', finishedAt: deps.clock.now() });
  await audit(context, RELEASE_AUDIT.succeeded, `${plan.version}: ${plan.stages.length - plan.from} stages in ${seconds} s`);
  await context.say(rich`:tada: ${context.header()} is done: every stage passed in ${seconds} s.`);
  await context.card.settle(rich`:white_check_mark: ${context.header()} succeeded\n${showChecklist(context, true)}`);
}

/** Records the failure; the rollback and the telling follow (finishFailedRelease), also after a restart. */
async function failStage(context: ReleaseContext, index: number, reason: string, detail?: RichText): Promise<void> {
  const { plan, journal } = context;
  await journal.save((p) => ({ ...p, phase: 'rolling-back', failure: { stage: index, reason } }));
  await audit(context, RELEASE_AUDIT.stageFailed, `${plan.version}: stage ${stageLabel(plan.stages, index)}: ${reason}`);
  await context.deps.notifier.failure(context.request, rich`:x: ${context.header()} failed at stage ${index + 1} (${stageSummary(plan.stages[index]!)}): ${reason}${detail ?? rich``}`);
  context.card.show(rich`:x: ${context.header()} failed at stage ${index + 1}; rolling back\n${showChecklist(context)}`);
}

/** The locks this release's run holds (taken at its start, perhaps by a replica that crashed there). */
async function releaseOwnLocks({ plan, request, deps }: ReleaseContext): Promise<void> {
  for (const target of plan.services.filter((s) => s.deployed)) {
    const lock = await deps.store.getLock(target.service, request.environment);
    if (lock?.holder === releaseLockHolder(request.id)) await deps.store.releaseLock(target.service, request.environment);
  }
}

async function notStarted(context: ReleaseContext, reason: RichValue): Promise<false> {
  const { journal, deps, plan } = context;
  await releaseOwnLocks(context);
  await audit(context, RELEASE_AUDIT.notStarted, `${plan.version}: ${plainTextOf(reason)}`);
  await journal.save((p) => ({ ...p, phase: 'done' }), { status: 'not-started', finishedAt: deps.clock.now() });
  await deps.notifier.failure(context.request, rich`:no_entry: Not started: ${reason}`);
  await context.card.settle(rich`:no_entry: Not started: ${reason}`);
  return false;
}
