import {
  BatchGetBuildsCommand,
  BatchGetProjectsCommand,
  CodeBuildClient,
  ListBuildsCommand,
  ListBuildsForProjectCommand,
  StartBuildCommand,
  StopBuildCommand,
  type Build,
} from '@aws-sdk/client-codebuild';
import type { BuildSummary, CodeBuildPort } from '../../ports/codebuild.port.js';
import { PortError } from '../../ports/port-error.js';
import { callAws, callAwsUnlessMissing } from './aws-call.js';
import { awsClientConfig, describeEndpoint, type AwsAdapterOptions } from './aws-client-options.js';
import { RUN_ID_VARIABLE, toBuildSummary, toCodeBuildProject } from './codebuild-mapping.js';

/** BatchGetBuilds takes at most 100 ids per call. */
const BUILDS_PER_BATCH = 100;

export function createCodeBuildPort(options: AwsAdapterOptions): CodeBuildPort {
  const client = new CodeBuildClient(awsClientConfig(options));
  const endpoint = describeEndpoint(options, 'CodeBuild');
  const call = (operation: string) => ({ system: 'CodeBuild', operation, endpoint });

  async function getBuilds(ids: string[]): Promise<BuildSummary[]> {
    const summaries: BuildSummary[] = [];
    for (let start = 0; start < ids.length; start += BUILDS_PER_BATCH) {
      const batch = ids.slice(start, start + BUILDS_PER_BATCH);
      const output = await callAws(call('BatchGetBuilds'), () => client.send(new BatchGetBuildsCommand({ ids: batch })));
      // BatchGetBuilds does not promise the order of the ids asked, so restore it.
      const byId = new Map((output.builds ?? []).map((b) => [b.id, b]));
      for (const id of batch) {
        const build = byId.get(id);
        if (build) summaries.push(toBuildSummary(build));
      }
    }
    return summaries;
  }

  /** StartBuild and StopBuild answer the build; an answer without one is CodeBuild breaking its own contract. */
  function summaryOf(build: Build | undefined, operation: string): BuildSummary {
    if (!build?.id) throw new PortError('remote', `CodeBuild ${operation}: the answer holds no build`);
    return toBuildSummary(build);
  }

  return {
    async startBuild(input) {
      const output = await callAws(call('StartBuild'), () =>
        client.send(
          new StartBuildCommand({
            projectName: input.projectName,
            sourceVersion: input.sourceVersion,
            environmentVariablesOverride: Object.entries({ ...input.environmentVariables, [RUN_ID_VARIABLE]: input.runId }).map(([name, value]) => ({
              name,
              value,
              type: 'PLAINTEXT',
            })),
            idempotencyToken: input.idempotencyToken,
          }),
        ),
      );
      return summaryOf(output.build, 'StartBuild');
    },

    async stopBuild(id) {
      const output = await callAws(call('StopBuild'), () => client.send(new StopBuildCommand({ id })));
      return summaryOf(output.build, 'StopBuild');
    },

    getBuilds: (ids) => getBuilds([...ids]),

    async getProject(name) {
      const output = await callAws(call('BatchGetProjects'), () => client.send(new BatchGetProjectsCommand({ names: [name] })));
      const project = output.projects?.find((p) => p.name === name);
      return project ? toCodeBuildProject(project) : undefined;
    },

    async lastBuild(projectName) {
      // No sortOrder: the documented default is newest first, and AWS rejects a sort order on projects with over 100 builds.
      const output = await callAwsUnlessMissing(call('ListBuildsForProject'), ['ResourceNotFoundException'], () =>
        client.send(new ListBuildsForProjectCommand({ projectName })),
      );
      const newest = output?.ids?.[0];
      if (!newest) return undefined;
      const [build] = await getBuilds([newest]);
      return build;
    },

    async listBuildIds(projectName, nextToken) {
      // No sortOrder, as in lastBuild: newest first is the default.
      const output = await callAwsUnlessMissing(call('ListBuildsForProject'), ['ResourceNotFoundException'], () =>
        client.send(new ListBuildsForProjectCommand({ projectName, ...(nextToken ? { nextToken } : {}) })),
      );
      return { ids: output?.ids ?? [], ...(output?.nextToken ? { nextToken: output.nextToken } : {}) };
    },

    async buildsInProgress() {
      // Running builds are the account's newest, so the first page of ListBuilds (its 100 most recent ids) holds them
      // unless over 100 builds were started since the oldest one still running — then the port's "among the most recent" applies.
      const output = await callAws(call('ListBuilds'), () => client.send(new ListBuildsCommand({ sortOrder: 'DESCENDING' })));
      const builds = await getBuilds(output.ids ?? []);
      return builds.filter((b) => b.status === 'IN_PROGRESS');
    },
  };
}
