import type { World, WorldBuild, WorldProject } from '../world.js';
import { arns } from './aws-arns.js';
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

/** A Build structure of BatchGetBuilds; `buildNumber` counts the project's builds from 1 in start order. */
export function buildView(world: World, build: WorldBuild, buildNumber: number): Record<string, unknown> {
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
    projectName: build.projectName,
    ...(project ? { source: { type: project.source.type, location: project.source.location } } : {}),
    environment: {
      type: build.environmentType ?? project?.environment.type,
      image: project?.environment.image,
      computeType: build.computeType ?? project?.environment.computeType,
      privilegedMode: project?.environment.privilegedMode ?? false,
      imagePullCredentialsType: 'CODEBUILD',
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
