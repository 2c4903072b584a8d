import { randomUUID } from 'node:crypto';
import type { World, WorldBuild, WorldProject } from '../world.js';
import { arns } from './aws-arns.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall } from './aws-service.js';
import { startRefusal } from './codebuild-capacity.js';
import { failureContext } from './codebuild-failure.js';
import { settleBuilds } from './codebuild-live.js';
import { isPhaseType, type PhaseType } from './codebuild-phases.js';
import { codebuildRunsOf, type EnvironmentVariable, type SandboxRun } from './codebuild-runs.js';
import { buildsNewestFirst, buildView } from './codebuild-views.js';

const DEFAULT_PHASE_SECONDS = 0.2;
/** Documented: an idempotency token "is valid for 5 minutes". */
const IDEMPOTENCY_MS = 5 * 60_000;
const VARIABLE_TYPES = ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'] as const;

/**
 * StartBuild: refused when the project is unknown or a concurrency limit is
 * reached; a token repeated within five minutes answers the build it started
 * the first time (and a token reused with other parameters is refused).
 */
export function startBuild({ world, input, state, now }: AwsCall) {
  const projectName = input.string('projectName');
  const project = world.codebuild.projects.find((p) => p.name === projectName || arns.codebuildProject(world, p.name) === projectName);
  if (!project) throw new AwsError('ResourceNotFoundException', `Project cannot be found: ${arns.codebuildProject(world, projectName)}`);
  const sourceVersion = input.optionalString('sourceVersion');
  const environmentVariables = overridesOf(input);
  const idempotencyToken = input.optionalString('idempotencyToken');
  const runs = codebuildRunsOf(state);
  const earlier = idempotencyToken
    ? runs.all().find((r) => r.idempotencyToken === idempotencyToken && now - r.submittedAt < IDEMPOTENCY_MS)
    : undefined;
  if (earlier) {
    const asked = JSON.stringify([project.name, sourceVersion, environmentVariables]);
    if (asked !== JSON.stringify([earlier.projectName, earlier.sourceVersion, earlier.environmentVariables])) {
      throw input.invalid(`Idempotency token ${idempotencyToken} was already used with different parameters`);
    }
    return { build: viewOf(world, earlier) };
  }
  const refusal = startRefusal(world, project, runs.all());
  if (refusal) throw refusal;
  const run = newRun(world, project, { sourceVersion, environmentVariables, idempotencyToken, now });
  runs.add(run);
  world.codebuild.builds.push(recordOf(run));
  settleBuilds(state, now);
  return { build: viewOf(world, run) };
}

/** StopBuild: a running build ends STOPPED in the phase it was in; a finished one is answered as it is. */
export function stopBuild({ world, input, state, now }: AwsCall) {
  const id = input.string('id');
  const record = world.codebuild.builds.find((b) => b.id === id || arns.codebuildBuild(world, b.id) === id);
  if (!record) throw new AwsError('ResourceNotFoundException', `Build cannot be found: ${id}`);
  const run = codebuildRunsOf(state).byId.get(record.id);
  if (run) {
    if (run.state?.status === 'IN_PROGRESS') {
      run.stoppedAt = now;
      settleBuilds(state, now);
    }
    return { build: viewOf(world, run) };
  }
  if (record.buildStatus === 'IN_PROGRESS') {
    Object.assign(record, { buildStatus: 'STOPPED', currentPhase: 'COMPLETED', endTime: new Date(now).toISOString() });
  }
  const numbered = buildsNewestFirst(world).find((b) => b.build.id === record.id)!;
  return { build: buildView(world, record, numbered.buildNumber) };
}

export function viewOf(world: World, run: SandboxRun): Record<string, unknown> {
  const numbered = buildsNewestFirst(world).find((b) => b.build.id === run.id);
  return buildView(world, numbered?.build ?? recordOf(run), numbered?.buildNumber ?? 1, run);
}

function overridesOf(input: AwsInput): EnvironmentVariable[] {
  if (!input.has('environmentVariablesOverride')) return [];
  return input.objectList('environmentVariablesOverride', {}).map((variable) => ({
    name: variable.string('name'),
    value: variable.text('value'),
    type: variable.optionalEnum('type', VARIABLE_TYPES) ?? 'PLAINTEXT',
  }));
}

interface StartRequest {
  sourceVersion: string | undefined;
  environmentVariables: EnvironmentVariable[];
  idempotencyToken: string | undefined;
  now: number;
}

function newRun(world: World, project: WorldProject, request: StartRequest): SandboxRun {
  const behaviour = world.codebuild.behaviour;
  const failInPhase = failingPhase(behaviour?.failInPhase?.[project.name]);
  return {
    id: `${project.name}:${randomUUID()}`,
    projectName: project.name,
    ...(request.sourceVersion !== undefined ? { sourceVersion: request.sourceVersion } : {}),
    environmentVariables: request.environmentVariables,
    ...(request.idempotencyToken !== undefined ? { idempotencyToken: request.idempotencyToken } : {}),
    environmentType: project.environment.type,
    computeType: project.environment.computeType,
    submittedAt: request.now,
    phaseMs: (behaviour?.phaseSeconds ?? DEFAULT_PHASE_SECONDS) * 1000,
    ...(failInPhase ? { failInPhase, failure: failureContext(project, failInPhase, request.sourceVersion) } : {}),
    pushed: false,
  };
}

function failingPhase(name: string | undefined): PhaseType | undefined {
  if (name === undefined) return undefined;
  if (!isPhaseType(name) || name === 'COMPLETED') {
    throw new Error(`sandbox world: codebuild.behaviour.failInPhase names "${name}", which is not a phase a build can fail in`);
  }
  return name;
}

function recordOf(run: SandboxRun): WorldBuild {
  return {
    id: run.id,
    projectName: run.projectName,
    buildStatus: 'IN_PROGRESS',
    currentPhase: 'SUBMITTED',
    ...(run.sourceVersion !== undefined ? { sourceVersion: run.sourceVersion } : {}),
    startTime: new Date(run.submittedAt).toISOString(),
    environmentType: run.environmentType,
    computeType: run.computeType,
  };
}
