import type { Build, Project } from '@aws-sdk/client-codebuild';
import type { BuildStatus, BuildSummary, CodeBuildProject } from '../../ports/codebuild.port.js';

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
  };
}

/** A status this code does not know yet is treated as still running: it has not reported an outcome. */
function toBuildStatus(status: string | undefined): BuildStatus {
  return BUILD_STATUSES.find((s) => s === status) ?? 'IN_PROGRESS';
}
