import { RELEASE_AUDIT } from '../../domain/releases/release-audit.js';
import { stageLabel } from '../../domain/releases/release-payload.js';
import { code, joinRich, rich, type RichText } from '../../domain/text/rich-text.js';
import { audit, releaseLockHolder, showChecklist, type ReleaseContext } from './release-context.js';
import { rollBackRelease } from './roll-back-release.js';

/**
 * After a failed stage (also when resumed after a restart): every service
 * the release patched is rolled back, last first; every service it deploys
 * is locked; then the thread is told what happened, what cannot be undone
 * (a migration that may have run), the snapshot to restore from, and how to
 * resume after a fix. Rollback first, telling after (SPEC §13).
 */
export async function finishFailedRelease(context: ReleaseContext): Promise<void> {
  const { request, plan, journal, deps } = context;
  await rollBackRelease(context);
  const failure = journal.progress.failure ?? { stage: journal.progress.stage, reason: 'unknown' };
  const reason = `${plan.version} failed at stage ${stageLabel(plan.stages, failure.stage)}`;
  const locked = plan.services.filter((s) => s.deployed).map((s) => s.service);
  for (const service of locked) {
    const lock = await deps.store.getLock(service, request.environment);
    if (lock && lock.holder !== releaseLockHolder(request.id) && lock.holder !== 'shipmate') continue;
    if (lock) await deps.store.releaseLock(service, request.environment);
    await deps.store.acquireLock({ service, environment: request.environment, holder: 'shipmate', reason: `release ${reason} (request ${request.id})`, at: deps.clock.now() });
  }
  if (!failure.told) {
    const { rolledBack, unrolled } = journal.progress;
    const outcome = unrolled.length > 0 ? RELEASE_AUDIT.rollbackFailed : RELEASE_AUDIT.rolledBack;
    await audit(context, RELEASE_AUDIT.failed, `${plan.version}: stage ${stageLabel(plan.stages, failure.stage)} failed: ${failure.reason}`);
    if (journal.progress.patched.length > 0) {
      const undone = unrolled.map((u) => `${u.service} (${u.why})`);
      await audit(context, outcome, `${plan.version}: rolled back ${rolledBack.join(', ') || 'nothing'}${undone.length ? `; not rolled back: ${undone.join('; ')}` : ''}`);
    }
    await deps.notifier.failure(request, summary(context, locked));
    await journal.save((p) => ({ ...p, ...(p.failure ? { failure: { ...p.failure, told: true } } : {}) }));
  }
  await journal.save((p) => ({ ...p, phase: 'done' }), { status: 'failed', finishedAt: deps.clock.now() });
  await context.card.settle(rich`:x: ${context.header()} failed at stage ${failure.stage + 1}${journal.progress.patched.length ? '; rolled back' : ''}\n${showChecklist(context)}`);
}

function summary(context: ReleaseContext, locked: readonly string[]): RichText {
  const { request, plan, journal } = context;
  const { rolledBack, unrolled, migration, snapshot, failure } = journal.progress;
  const env = request.environment;
  const lines: RichText[] = [rich`:x: ${context.header()} stopped at stage ${stageLabel(plan.stages, failure?.stage ?? 0)}: ${failure?.reason ?? 'unknown'}`];
  if (rolledBack.length > 0) lines.push(rich`:leftwards_arrow_with_hook: Rolled back, in this order: ${rolledBack.join(', ')}.`);
  for (const u of unrolled) lines.push(rich`:rotating_light: ${u.service} was NOT rolled back: ${u.why}. Roll it back by hand.`);
  if (journal.progress.patched.length === 0) lines.push(rich`Nothing was deployed.`);
  if (locked.length > 0) lines.push(rich`:lock: Locked in ${env}: ${locked.join(', ')}, until someone runs ${code(`/shipmate unlock <service> ${env}`)} for each.`);
  if (migration) {
    const ran = migration.succeeded ? 'ran' : 'was started and may have changed the database';
    lines.push(rich`:warning: Cannot be undone: the migration ${code(migration.command.join(' '))} of ${migration.service} (Job ${migration.jobName}) ${ran}; the rolled-back services run against the migrated schema.`);
  }
  if (snapshot?.available) lines.push(rich`:floppy_disk: To restore the database: the snapshot ${code(snapshot.identifier)} of ${snapshot.database}.`);
  else if (snapshot) {
    const untouched = migration ? '' : '; no migration ran, so the database is as it was';
    lines.push(rich`:floppy_disk: The snapshot ${code(snapshot.identifier)} of ${snapshot.database} did not become available${untouched}.`);
  }
  lines.push(rich`:repeat: After a fix: ${code(`/release ${plan.version} ${env} --from ${resumeFrom(context) + 1}`)} (it asks for approval again).`);
  return joinRich(lines, '\n');
}

/** Where a fixed release should start again: the first stage whose work was undone or never finished. */
function resumeFrom(context: ReleaseContext): number {
  const { plan, journal } = context;
  const failed = journal.progress.failure?.stage ?? journal.progress.stage;
  const undone = new Set(journal.progress.rolledBack);
  const firstUndone = plan.stages.findIndex((s, i) => i >= plan.from && i < failed && s.type === 'deploy' && s.services.some((x) => undone.has(x)));
  return firstUndone >= 0 ? firstUndone : failed;
}
