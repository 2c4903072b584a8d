import { fail, pass, type Check } from '../check.js';
import { findInlineBuildspec } from './inline-buildspec.js';
import { firstLoadingBuild } from './loads-into-docker.js';
import { shortCommand } from './short-command.js';

export const buildspecLoadCheck: Check = {
  id: 'codebuild.buildspec-load',
  title: 'Buildspec pushes images instead of loading them',
  severity: 'fail',
  run: async (context) => {
    const { inline, skipped } = await findInlineBuildspec(context);
    if (skipped) return skipped;
    const loading = firstLoadingBuild(inline.commands);
    if (!loading) return pass(`buildspec of ${inline.project.name} does not build with \`--load\``);
    const why = loading.multiPlatform
      ? 'buildx refuses to load a multi-platform build into the Docker engine, so the build fails'
      : 'it exports into the build host\'s Docker engine, which fails in CodeBuild, instead of the registry';
    return fail(
      `buildspec of ${inline.project.name} runs \`${shortCommand(loading.command)}\`: ${why}`,
      'replace `--load` with `--push` so buildx pushes every platform to ECR (`docker buildx build --platform linux/amd64,linux/arm64 -t $IMAGE_REPO:$VERSION --push .`), or build one platform with plain `docker build` and `docker push`',
    );
  },
};
