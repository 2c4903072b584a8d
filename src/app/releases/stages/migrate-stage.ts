import type { ReleaseStage } from '../../../config/release-schema.js';
import { runMigration } from '../../../domain/releases/run-migration.js';
import { code, joinRich, rich } from '../../../domain/text/rich-text.js';
import { releaseImageOf, type StageContext, type StageResult } from './stage-context.js';

/** Job names are DNS labels of at most 63 characters; request ids are short lower-case words. */
export const migrationJobName = (requestId: string) => `shipmate-migrate-${requestId}`.slice(0, 63).replace(/-+$/, '');

/**
 * The migration as a Kubernetes Job of the service's release image, pinned:
 * recorded before the Job is created (once it may have run, it cannot be
 * undone, and a failure says so), created once (a resumed stage finds it by
 * name), followed to its end; a failure quotes the pod's last log lines.
 */
export async function migrateStage(stage: Extract<ReleaseStage, { type: 'migrate' }>, context: StageContext): Promise<StageResult> {
  const { request, plan, journal, deps } = context;
  const target = plan.services.find((s) => s.service === stage.service)!;
  const image = releaseImageOf(context, stage.service);
  if (!image) return { ok: false, reason: `there is no release image of ${stage.service} to migrate with (it is neither in ECR nor built by this release)` };
  const jobName = journal.progress.migration?.jobName ?? migrationJobName(request.id);
  if (!journal.progress.migration) await journal.save((p) => ({ ...p, migration: { jobName, service: stage.service, command: stage.command } }));
  let last = '';
  const outcome = await runMigration(
    {
      namespace: target.namespace,
      jobName,
      labels: { 'app.kubernetes.io/managed-by': 'shipmate', 'shipmate/release': request.id },
      service: stage.service,
      deployment: target.deployment,
      container: target.container,
      image,
      command: stage.command,
      timeoutMinutes: stage.timeoutMinutes,
    },
    { cluster: context.ports.cluster, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}) },
    (line) => {
      if (line === last) return;
      last = line;
      void context.say(rich`${line}`).catch((e: unknown) => deps.signal?.aborted || deps.log('progress reply failed', e));
    },
  );
  if (outcome.kind === 'succeeded') {
    await journal.save((p) => ({ ...p, ...(p.migration ? { migration: { ...p.migration, succeeded: true } } : {}) }));
    return { ok: true, summary: rich`migration Job ${jobName} completed: ${outcome.message}` };
  }
  const tail = outcome.logTail.length > 0 ? rich`\nLast log lines of the Job:\n${joinRich(outcome.logTail.map((line) => code(line)), '\n')}` : rich``;
  return { ok: false, reason: `the migration Job ${jobName} failed (${outcome.reason}): ${outcome.message}`, detail: tail };
}
