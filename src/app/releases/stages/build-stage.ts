import type { ReleaseStage } from '../../../config/release-schema.js';
import { findStartedBuild } from '../../../domain/builds/find-started-build.js';
import { TOKEN_TRUSTED_MS } from '../../../domain/builds/start-builds.js';
import { rich } from '../../../domain/text/rich-text.js';
import { fillVersion } from '../../../domain/version.js';
import type { BuildSummary } from '../../../ports/codebuild.port.js';
import type { StageContext, StageResult } from './stage-context.js';

const DEFAULT_POLL_MS = 5_000;

const buildRunId = (context: StageContext, service: string) => `${context.journal.run.id}-build-${service}`;

/**
 * CodeBuild builds of the stage's services, started once each (the start is
 * recorded before StartBuild; a resumed stage finds its build by token or by
 * run id), followed to their end, then each image looked up in ECR: its
 * digest is what later stages pin.
 */
export async function buildStage(stage: Extract<ReleaseStage, { type: 'build' }>, context: StageContext): Promise<StageResult> {
  const builds = await Promise.all(stage.services.map((service) => startOrFind(service, context)));
  const ended = await followToEnd(builds, context);
  await auditEnds(ended, stage.services, context);
  const failed = ended.filter((b) => b.status !== 'SUCCEEDED');
  if (failed.length > 0) {
    const why = failed.map((b) => `${b.projectName} ${b.status.toLowerCase()}${b.failedPhase ? ` in ${b.failedPhase}` : ''}${b.failureMessage ? `: ${b.failureMessage}` : ''}`);
    return { ok: false, reason: `the build of ${failed.map((b) => serviceOf(b, stage.services, context)).join(', ')} did not succeed (${why.join('; ')})` };
  }
  const landed: string[] = [];
  for (const service of stage.services) {
    const target = context.plan.services.find((s) => s.service === service)!;
    const image = await context.ports.ecr.describeImage(target.repository, target.tag);
    const repository = target.repositoryUri ?? (await context.ports.ecr.getRepository(target.repository))?.uri;
    if (!image || !repository) return { ok: false, reason: `${service} built, but ${target.repository}:${target.tag} is not in ECR` };
    const pinned = `${repository}:${target.tag}@${image.digest}`;
    await context.journal.save((p) => ({ ...p, images: [...p.images.filter((i) => i.service !== service), { service, digest: image.digest, image: pinned }] }));
    landed.push(`${service} ${target.tag}@${image.digest.slice(0, 19)}…`);
  }
  return { ok: true, summary: rich`built and in ECR: ${landed.join(', ')}` };
}

function serviceOf(build: BuildSummary, services: readonly string[], context: StageContext): string {
  return services.find((s) => build.runId === buildRunId(context, s)) ?? build.projectName;
}

async function startOrFind(service: string, context: StageContext): Promise<string> {
  const { journal, ports, deps } = context;
  const known = journal.progress.builds.find((b) => b.service === service);
  if (known?.buildId) return known.buildId;
  const runId = buildRunId(context, service);
  const config = deps.config.services[service]!;
  const project = config.codebuild!.project;
  if (known && deps.clock.now().getTime() - Date.parse(known.startedAt) >= TOKEN_TRUSTED_MS) {
    const found = await findStartedBuild(ports.codebuild, project, runId, new Date(known.startedAt));
    if (found.kind === 'found') return recordBuild(service, found.build.id, known.startedAt, context);
    if (found.kind === 'unsure') throw new Error(`a build of ${project} may have been started for this release before a restart; it is not among the ${found.looked} newest builds`);
  }
  const startedAt = known?.startedAt ?? deps.clock.now().toISOString();
  if (!known) await journal.save((p) => ({ ...p, builds: [...p.builds, { service, startedAt }] }));
  const build = await ports.codebuild.startBuild({
    projectName: project,
    sourceVersion: fillVersion(config.codebuild!.sourceVersion, context.plan.version),
    environmentVariables: { VERSION: context.plan.version },
    idempotencyToken: runId,
    runId,
  });
  const sourceVersion = fillVersion(config.codebuild!.sourceVersion, context.plan.version);
  // As a /build writes it (subject <request>-<service>): the digest pairs it with the release's end for lead time.
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actor: 'shipmate',
    action: 'build.started',
    environment: context.request.environment,
    subject: `${context.request.id}-${service}`,
    detail: `${project} ${sourceVersion} → ${build.id} (request ${context.request.id}, release ${context.plan.version})`,
  });
  await context.say(rich`Started the build of ${service} on ${project}: ${build.id}`);
  return recordBuild(service, build.id, startedAt, context);
}

async function recordBuild(service: string, buildId: string, startedAt: string, context: StageContext): Promise<string> {
  await context.journal.save((p) => ({ ...p, builds: [...p.builds.filter((b) => b.service !== service), { service, buildId, startedAt }] }));
  return buildId;
}

async function followToEnd(ids: readonly string[], context: StageContext): Promise<BuildSummary[]> {
  const { ports, deps } = context;
  for (;;) {
    const builds = await ports.codebuild.getBuilds(ids);
    if (builds.length === ids.length && builds.every((b) => b.status !== 'IN_PROGRESS')) return builds;
    await deps.clock.sleep(deps.buildPollMs ?? DEFAULT_POLL_MS, deps.signal);
    deps.signal?.throwIfAborted();
  }
}

/** build.succeeded / build.failed / build.stopped per service, as a /build's tracker writes them, for the digest's builds and figures. */
async function auditEnds(ended: readonly BuildSummary[], services: readonly string[], context: StageContext): Promise<void> {
  const { deps, request } = context;
  for (const build of ended) {
    const service = serviceOf(build, services, context);
    const state = build.status === 'SUCCEEDED' ? 'succeeded' : build.status === 'STOPPED' ? 'stopped' : 'failed';
    const why = build.failedPhase ? ` in ${build.failedPhase}${build.failureMessage ? `: ${build.failureMessage}` : ''}` : '';
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actor: 'shipmate',
      action: `build.${state}`,
      environment: request.environment,
      subject: `${request.id}-${service}`,
      detail: `${build.projectName}: ${build.status.toLowerCase()}${why} (release ${context.plan.version})`,
    });
  }
}
