import { createHash } from 'node:crypto';
import type { World, WorldBuild, WorldProject } from '../world.js';
import { arns } from './aws-arns.js';
import type { TimedPhase } from './codebuild-phases.js';
import type { SandboxRun } from './codebuild-runs.js';
import { epochSeconds } from './epoch-seconds.js';

/** When every sandbox project was created: the world does not say, and a fixed date keeps answers stable. */
const PROJECTS_CREATED = epochSeconds('2026-01-05T10:00:00Z');

/** A Project structure of BatchGetProjects. */
export function projectView(world: World, project: WorldProject): Record<string, unknown> {
  return {
    name: project.name,
    arn: arns.codebuildProject(world, project.name),
    source: {
      type: project.source.type,
      ...(project.source.location !== undefined ? { location: project.source.location } : {}),
      ...(project.source.buildspec !== undefined ? { buildspec: project.source.buildspec } : {}),
      gitCloneDepth: 1,
      insecureSsl: false,
    },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: {
      type: project.environment.type,
      image: project.environment.image,
      computeType: project.environment.computeType,
      privilegedMode: project.environment.privilegedMode,
      environmentVariables: [],
      imagePullCredentialsType: 'CODEBUILD',
    },
    serviceRole: arns.codebuildServiceRole(world, project.name),
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    encryptionKey: `arn:aws:kms:${world.region}:${world.accountId}:alias/aws/s3`,
    created: PROJECTS_CREATED,
    lastModified: PROJECTS_CREATED,
    badge: { badgeEnabled: false },
    projectVisibility: 'PRIVATE',
    ...(project.concurrentBuildLimit !== undefined ? { concurrentBuildLimit: project.concurrentBuildLimit } : {}),
  };
}

/**
 * A Build structure of BatchGetBuilds; `buildNumber` counts the project's
 * builds from 1 in start order. A build the sandbox runs itself (`run`) also
 * shows its phases, its environment variable overrides and the commit its
 * source version resolved to.
 */
export function buildView(world: World, build: WorldBuild, buildNumber: number, run?: SandboxRun): Record<string, unknown> {
  const project = world.codebuild.projects.find((p) => p.name === build.projectName);
  const streamName = build.id.slice(build.id.indexOf(':') + 1);
  const groupName = `/aws/codebuild/${build.projectName}`;
  return {
    id: build.id,
    arn: arns.codebuildBuild(world, build.id),
    buildNumber,
    startTime: epochSeconds(build.startTime),
    ...(build.endTime !== undefined ? { endTime: epochSeconds(build.endTime) } : {}),
    ...(build.currentPhase !== undefined ? { currentPhase: build.currentPhase } : {}),
    buildStatus: build.buildStatus,
    ...(build.sourceVersion !== undefined ? { sourceVersion: build.sourceVersion } : {}),
    ...(run ? runDetails(run) : {}),
    projectName: build.projectName,
    ...(project ? { source: { type: project.source.type, location: project.source.location } } : {}),
    environment: {
      type: build.environmentType ?? project?.environment.type,
      image: project?.environment.image,
      computeType: build.computeType ?? project?.environment.computeType,
      privilegedMode: project?.environment.privilegedMode ?? false,
      imagePullCredentialsType: 'CODEBUILD',
      ...(run ? { environmentVariables: run.environmentVariables } : {}),
    },
    logs: {
      groupName,
      streamName,
      deepLink: `https://console.aws.amazon.com/cloudwatch/home?region=${world.region}#logEvent:group=${groupName};stream=${streamName}`,
    },
    serviceRole: arns.codebuildServiceRole(world, build.projectName),
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    buildComplete: build.buildStatus !== 'IN_PROGRESS',
    initiator: 'sandbox',
  };
}

function runDetails(run: SandboxRun): Record<string, unknown> {
  const phases = run.state?.phases ?? [];
  const sourceFetched = phases.some((p) => p.type === 'DOWNLOAD_SOURCE' && p.outcome === 'SUCCEEDED');
  return {
    phases: phases.map(phaseView),
    ...(sourceFetched ? { resolvedSourceVersion: resolvedCommit(run) } : {}),
  };
}

/** A BuildPhase: a phase still running has only its type and start; finished ones their status, end and duration. */
function phaseView(phase: TimedPhase): Record<string, unknown> {
  const finished = phase.end !== undefined && phase.outcome !== undefined;
  const blankContext = finished && phase.type !== 'SUBMITTED' && phase.type !== 'QUEUED';
  return {
    phaseType: phase.type,
    ...(finished ? { phaseStatus: phase.outcome } : {}),
    startTime: phase.start / 1000,
    ...(finished ? { endTime: phase.end! / 1000, durationInSeconds: Math.floor((phase.end! - phase.start) / 1000) } : {}),
    // CodeBuild lists an empty context for the phases that ran, and the reason for one that failed.
    ...(phase.contexts ? { contexts: phase.contexts } : blankContext ? { contexts: [{ statusCode: '', message: '' }] } : {}),
  };
}

/** A stable stand-in for the commit the source version pointed at. */
function resolvedCommit(run: SandboxRun): string {
  return createHash('sha1').update(`${run.projectName}@${run.sourceVersion ?? 'HEAD'}`).digest('hex');
}

export interface NumberedBuild {
  build: WorldBuild;
  buildNumber: number;
}

/** Every build with its number in its project, newest (latest start) first. */
export function buildsNewestFirst(world: World): NumberedBuild[] {
  const oldestFirst = [...world.codebuild.builds].sort((a, b) => epochSeconds(a.startTime) - epochSeconds(b.startTime));
  const counters = new Map<string, number>();
  const numbered = oldestFirst.map((build) => {
    const buildNumber = (counters.get(build.projectName) ?? 0) + 1;
    counters.set(build.projectName, buildNumber);
    return { build, buildNumber };
  });
  return numbered.reverse();
}
