import type { World } from '../world.js';
import { arns } from './aws-arns.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall, AwsService } from './aws-service.js';
import { codebuildRunsOf } from './codebuild-runs.js';
import { startBuild, stopBuild } from './codebuild-start.js';
import { buildsNewestFirst, buildView, projectView, type NumberedBuild } from './codebuild-views.js';
import { pageOf } from './paging.js';

/** ListBuilds and ListBuildsForProject hand out at most 100 ids per call and take no page size. */
const BUILD_IDS_PER_PAGE = 100;
const SORT_ORDERS = ['ASCENDING', 'DESCENDING'] as const;

function batchGetProjects({ world, input }: AwsCall) {
  const names = input.stringList('names', { min: 1, max: 100 });
  const projects = [];
  const projectsNotFound = [];
  for (const name of names) {
    // Projects may be named by name or by ARN.
    const project = world.codebuild.projects.find((p) => p.name === name || arns.codebuildProject(world, p.name) === name);
    if (project) projects.push(projectView(world, project));
    else projectsNotFound.push(name);
  }
  return { projects, projectsNotFound };
}

function listBuildsForProject({ world, input }: AwsCall) {
  const projectName = input.string('projectName');
  const project = world.codebuild.projects.find((p) => p.name === projectName);
  if (!project) throw new AwsError('ResourceNotFoundException', `Project cannot be found: ${arns.codebuildProject(world, projectName)}`);
  // Documented: "If the project has more than 100 builds, setting the sort order will result in an error."
  const builds = world.codebuild.builds.filter((b) => b.projectName === projectName).length;
  if (input.has('sortOrder') && builds > BUILD_IDS_PER_PAGE) {
    throw input.invalid(`Cannot set sortOrder for project ${projectName} because it has more than ${BUILD_IDS_PER_PAGE} builds`);
  }
  return listIds(input, `ListBuildsForProject:${projectName}`, (b) => b.build.projectName === projectName, world);
}

/**
 * The documentation says ListBuilds sorts "by build ID"; ids are PROJECT:UUID,
 * so the order users see is by start time, which is what this sorts by.
 */
function listBuilds({ world, input }: AwsCall) {
  return listIds(input, 'ListBuilds', () => true, world);
}

function listIds(input: AwsInput, listing: string, include: (b: NumberedBuild) => boolean, world: World) {
  // Both operations list newest first when no order is given.
  const sortOrder = input.optionalEnum('sortOrder', SORT_ORDERS) ?? 'DESCENDING';
  const newestFirst = buildsNewestFirst(world).filter(include);
  const ordered = sortOrder === 'DESCENDING' ? newestFirst : newestFirst.reverse();
  const page = pageOf(
    ordered.map((b) => b.build.id),
    { nextToken: input.optionalString('nextToken'), pageSize: BUILD_IDS_PER_PAGE, scope: `${listing}:${sortOrder}` },
    () => input.invalid('Invalid next token'),
  );
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

function batchGetBuilds({ world, input, state }: AwsCall) {
  const ids = input.stringList('ids', { min: 1, max: 100 });
  const runs = codebuildRunsOf(state).byId;
  const byId = new Map(buildsNewestFirst(world).map((b) => [b.build.id, b]));
  const builds = [];
  const buildsNotFound = [];
  for (const id of ids) {
    const found = byId.get(id) ?? [...byId.values()].find((b) => arns.codebuildBuild(world, b.build.id) === id);
    if (found) builds.push(buildView(world, found.build, found.buildNumber, runs.get(found.build.id)));
    else buildsNotFound.push(id);
  }
  return { builds, buildsNotFound };
}

export const codebuildApi: AwsService = {
  targetPrefix: 'CodeBuild_20161006',
  system: 'codebuild',
  signingName: 'codebuild',
  iamPrefix: 'codebuild',
  messageKey: 'message',
  validationCode: 'InvalidInputException',
  accessDenied: { code: 'AccessDeniedException', status: 400 },
  throttling: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: {
    BatchGetProjects: batchGetProjects,
    ListBuildsForProject: listBuildsForProject,
    ListBuilds: listBuilds,
    BatchGetBuilds: batchGetBuilds,
    StartBuild: startBuild,
    StopBuild: stopBuild,
  },
  resourceArn(operation, input, world) {
    if (operation === 'ListBuildsForProject' || operation === 'StartBuild') {
      return arns.codebuildProject(world, input.optionalString('projectName') ?? '*');
    }
    // IAM authorizes StopBuild on the build's project; a build id is PROJECT:UUID.
    if (operation === 'StopBuild') return arns.codebuildProject(world, (input.optionalString('id') ?? '*').split(':')[0]!);
    if (operation === 'BatchGetProjects') {
      const first = input.optionalStringList('names', {})?.[0];
      if (first) return first.startsWith('arn:') ? first : arns.codebuildProject(world, first);
    }
    return '*';
  },
};
