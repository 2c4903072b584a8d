import type { ReleaseStage } from '../../../config/release-schema.js';
import { runEcsMigration } from '../../../domain/releases/ecs-migration.js';
import type { ReleaseServiceTarget } from '../../../domain/releases/release-payload.js';
import type { ReleasePorts } from '../../../domain/releases/release-ports.js';
import { runMigration } from '../../../domain/releases/run-migration.js';
import { code, joinRich, rich } from '../../../domain/text/rich-text.js';
import type { EcsPort } from '../../../ports/ecs.port.js';
import { releaseImageOf, type StageContext, type StageResult } from './stage-context.js';

/** Job names are DNS labels of at most 63 characters; request ids are short lower-case words. */
export const migrationJobName = (requestId: string) => `shipmate-migrate-${requestId}`.slice(0, 63).replace(/-+$/, '');

type MigrateStage = Extract<ReleaseStage, { type: 'migrate' }>;
type Run = { stage: MigrateStage; target: ReleaseServiceTarget; image: string; jobName: string; say: (line: string) => void };

/**
 * The migration as a Kubernetes Job (or, for an ECS service, one ECS task)
 * of the service's release image, pinned: recorded before it is started
 * (once it may have run, it cannot be undone, and a failure says so),
 * started once (a resumed stage finds it by name), followed to its end; a
 * failed Job quotes its pod's last log lines.
 */
export async function migrateStage(stage: MigrateStage, context: StageContext): Promise<StageResult> {
  const { request, plan, journal, deps } = context;
  const target = plan.services.find((s) => s.service === stage.service)!;
  const image = releaseImageOf(context, stage.service);
  if (!image) return { ok: false, reason: `there is no release image of ${stage.service} to migrate with (it is neither in ECR nor built by this release)` };
  const jobName = journal.progress.migration?.jobName ?? migrationJobName(request.id);
  if (!journal.progress.migration) await journal.save((p) => ({ ...p, migration: { jobName, service: stage.service, command: stage.command } }));
  let last = '';
  const say = (line: string) => {
    if (line === last) return;
    last = line;
    void context.say(rich`${line}`).catch((e: unknown) => deps.signal?.aborted || deps.log('progress reply failed', e));
  };
  const run: Run = { stage, target, image, jobName, say };
  const what = target.runtime === 'ecs' ? 'task' : 'Job';
  const outcome = target.runtime === 'ecs' && target.ecs ? await onEcs(run, target.ecs, context) : await onKubernetes(run, context);
  if (outcome.kind === 'succeeded') {
    await journal.save((p) => ({ ...p, ...(p.migration ? { migration: { ...p.migration, succeeded: true } } : {}) }));
    return { ok: true, summary: rich`migration ${what} ${outcome.jobName} completed: ${outcome.message}` };
  }
  const tail = outcome.logTail.length > 0 ? rich`\nLast log lines of the Job:\n${joinRich(outcome.logTail.map((line) => code(line)), '\n')}` : rich``;
  return { ok: false, reason: `the migration ${what} ${outcome.jobName} failed (${outcome.reason}): ${outcome.message}`, detail: tail };
}

function onKubernetes({ stage, target, image, jobName, say }: Run, context: StageContext) {
  const { request, deps } = context;
  return runMigration(
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
    say,
  );
}

function onEcs({ stage, target, image, jobName, say }: Run, ecs: { cluster: string; service: string }, context: StageContext) {
  const { deps } = context;
  return runEcsMigration(
    { ...ecs, container: target.container, image, command: stage.command, timeoutMinutes: stage.timeoutMinutes, runName: jobName },
    { ecs: (context.ports as ReleasePorts & { ecs: EcsPort }).ecs, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}) },
    say,
  );
}
