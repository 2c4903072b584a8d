import { describe, expect, it } from 'vitest';
import { buildspecLoadCheck } from '../../../../src/domain/checks/codebuild/buildspec-load.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aProject, codebuildContext, inlineBuildspec } from '../../../support/codebuild-builders.js';

const withBuild = (...commands: string[]) => codebuildContext({ project: aProject({ buildspec: inlineBuildspec(commands) }) });

describe('codebuild.buildspec-load', () => {
  it('given the buildspec pushes with buildx, when run, then it passes', async () => {
    const outcome = await buildspecLoadCheck.run(codebuildContext());
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('buildspec of backend-build does not build with `--load`');
  });

  it('given a multi-platform buildx build with --load, when run, then it fails saying buildx refuses it and suggests --push', async () => {
    const outcome = await buildspecLoadCheck.run(withBuild('docker buildx build --platform linux/amd64,linux/arm64 --load -t $IMAGE_REPO:$VERSION .'));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('docker buildx build --platform linux/amd64,linux/arm64 --load');
    expect(outcome.finding).toContain('refuses to load a multi-platform build');
    expect(outcome.fix).toContain('replace `--load` with `--push`');
  });

  it.each([
    ['--load after the context', 'docker buildx build -t app:1 . --load'],
    ['--output type=docker', 'docker buildx build --output type=docker -t app:1 .'],
    ['--output=type=docker,name=app', 'docker buildx build --output=type=docker,name=app .'],
    ['-o type=docker', 'docker buildx build -o type=docker .'],
    ['plain docker build --load', 'docker build --load -t app:1 .'],
    ['a continued line', 'docker buildx build \\\n  --platform linux/amd64 \\\n  --load -t app:1 .'],
    ['after &&', 'cd app && docker buildx build --load .'],
    ['--load=true', 'docker buildx build --load=true -t app:1 .'],
    ['a quoted --output="type=docker"', 'docker buildx build --output="type=docker" -t app:1 .'],
    ['one platform with a stray comma', 'docker buildx build --platform linux/amd64, --load .'],
  ])('given %s, when run, then it fails', async (_, command) => {
    const outcome = await buildspecLoadCheck.run(withBuild(command));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain("exports into the build host's Docker engine");
  });

  it.each([
    ['an image exported to a tarball', 'docker buildx build --output type=docker,dest=image.tar .'],
    ['a registry output', 'docker buildx build --output type=registry .'],
    ['--load outside a build', 'echo --load && docker buildx build --push .'],
  ])('given %s, when run, then it passes', async (_, command) => {
    expect((await buildspecLoadCheck.run(withBuild(command))).status).toBe('pass');
  });

  it('given a buildspec that is not valid YAML but has phases, when run, then its text is read line by line', async () => {
    const buildspec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - docker buildx build --load .\n   bad: [indent';
    const outcome = await buildspecLoadCheck.run(codebuildContext({ project: aProject({ buildspec }) }));
    expect(outcome.status).toBe('fail');
  });

  it('given the buildspec is a file in the source, when run, then it skips saying it cannot be read from the API', async () => {
    const outcome = await buildspecLoadCheck.run(codebuildContext({ project: aProject({ buildspec: 'buildspecs/release.yml' }) }));
    expect(outcome).toEqual({
      status: 'skip',
      finding: 'buildspec is a file in the source repository (buildspecs/release.yml), not readable from the API',
      fix: '',
    });
  });

  it('given no project exists, when run, then it skips pointing at codebuild.project', async () => {
    const outcome = await buildspecLoadCheck.run(codebuildContext({ project: undefined }));
    expect(outcome).toEqual({ status: 'skip', finding: 'CodeBuild project backend-build does not exist (see codebuild.project)', fix: '' });
  });

  it('given CodeBuild denies the lookup, when run, then the port error propagates', async () => {
    const denied = new PortError('forbidden', 'CodeBuild BatchGetProjects: access denied');
    const context = codebuildContext({}, { ports: { codebuild: { getProject: () => Promise.reject(denied) } } });
    await expect(buildspecLoadCheck.run(context)).rejects.toBe(denied);
  });
});
