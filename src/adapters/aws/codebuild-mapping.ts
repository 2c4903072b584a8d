import type { Build, BuildPhase, Project } from '@aws-sdk/client-codebuild';
import type { BuildStatus, BuildSummary, CodeBuildProject } from '../../ports/codebuild.port.js';

/** The environment variable a build started by shipmate carries its run id in (readable by the buildspec too). */
export const RUN_ID_VARIABLE = 'SHIPMATE_RUN_ID';

const BUILD_STATUSES: readonly BuildStatus[] = ['SUCCEEDED', 'FAILED', 'FAULT', 'TIMED_OUT', 'IN_PROGRESS', 'STOPPED'];

export function toCodeBuildProject(project: Project): CodeBuildProject {
  const environment = project.environment;
  return {
    name: project.name ?? '',
    environmentType: environment?.type ?? '',
    computeType: environment?.computeType ?? '',
    privilegedMode: environment?.privilegedMode ?? false,
    ...(project.concurrentBuildLimit !== undefined ? { concurrentBuildLimit: project.concurrentBuildLimit } : {}),
    ...(project.source?.buildspec !== undefined ? { buildspec: project.source.buildspec } : {}),
  };
}

export function toBuildSummary(build: Build): BuildSummary {
  return {
    id: build.id ?? '',
    projectName: build.projectName ?? '',
    status: toBuildStatus(build.buildStatus),
    ...(build.currentPhase !== undefined ? { currentPhase: build.currentPhase } : {}),
    ...(build.sourceVersion !== undefined ? { sourceVersion: build.sourceVersion } : {}),
    ...(build.startTime !== undefined ? { startTime: build.startTime } : {}),
    ...(build.endTime !== undefined ? { endTime: build.endTime } : {}),
    ...(build.environment?.type !== undefined ? { environmentType: build.environment.type } : {}),
    ...(build.environment?.computeType !== undefined ? { computeType: build.environment.computeType } : {}),
    ...(build.logs?.deepLink !== undefined ? { logsUrl: build.logs.deepLink } : {}),
    ...failureOf(build.phases ?? []),
    ...(build.resolvedSourceVersion ? { resolvedSourceVersion: build.resolvedSourceVersion } : {}),
    ...runIdOf(build),
  };
}

/** BatchGetBuilds lists the build's environment variables, its StartBuild overrides included. */
function runIdOf(build: Build): Pick<BuildSummary, 'runId'> {
  const variable = build.environment?.environmentVariables?.find((v) => v.name === RUN_ID_VARIABLE && (v.type ?? 'PLAINTEXT') === 'PLAINTEXT');
  return variable?.value ? { runId: variable.value } : {};
}

/** Phase statuses that end a build unsuccessfully (CLIENT_ERROR is seen in the wild beside the modelled ones). */
const FAILED_PHASE_STATUSES = new Set(['FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED', 'CLIENT_ERROR']);

/** The first phase that did not succeed, and what CodeBuild said about it ("COMMAND_EXECUTION_ERROR: Error while executing …"). */
function failureOf(phases: BuildPhase[]): Pick<BuildSummary, 'failedPhase' | 'failureMessage'> {
  const failed = phases.find((phase) => phase.phaseStatus !== undefined && FAILED_PHASE_STATUSES.has(phase.phaseStatus));
  if (!failed?.phaseType) return {};
  const message = (failed.contexts ?? [])
    .map(({ statusCode, message }) => [statusCode, message].filter((part) => part !== undefined && part !== '').join(': '))
    .filter((line) => line !== '')
    .join('; ');
  return { failedPhase: failed.phaseType, ...(message ? { failureMessage: message } : {}) };
}

/** A status this code does not know yet is treated as still running: it has not reported an outcome. */
function toBuildStatus(status: string | undefined): BuildStatus {
  return BUILD_STATUSES.find((s) => s === status) ?? 'IN_PROGRESS';
}
