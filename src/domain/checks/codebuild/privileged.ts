import { fail, pass, skip, type Check } from '../check.js';
import { readBuildspec } from './buildspec.js';
import { findProject } from './find-project.js';
import { firstDockerCommand } from './runs-docker.js';
import { shortCommand } from './short-command.js';

export const privilegedCheck: Check = {
  id: 'codebuild.privileged',
  title: 'Privileged mode for Docker builds',
  severity: 'fail',
  run: async (context) => {
    const { project, skipped } = await findProject(context);
    if (skipped) return skipped;
    if (project.privilegedMode) return pass(`privileged mode is on for ${project.name}: Docker builds can run`);
    const buildspec = readBuildspec(project.buildspec);
    if (buildspec.kind === 'file') {
      return skip(
        `privileged mode is off for ${project.name}; its buildspec is a file in the source (${buildspec.path}), cannot tell if it runs Docker`,
      );
    }
    const docker = firstDockerCommand(buildspec.commands);
    if (!docker) return pass(`privileged mode is off for ${project.name} and its buildspec runs no Docker command`);
    return fail(
      `${project.name} runs \`${shortCommand(docker)}\` but privileged mode is off: the build fails with "Cannot connect to the Docker daemon"`,
      `enable privileged mode (console: Edit → Environment → Privileged) or \`aws codebuild update-project --name ${project.name} --environment type=${project.environmentType},computeType=${project.computeType},image=<its image>,privilegedMode=true\``,
    );
  },
};
