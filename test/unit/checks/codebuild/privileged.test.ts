import { describe, expect, it } from 'vitest';
import { privilegedCheck } from '../../../../src/domain/checks/codebuild/privileged.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aProject, codebuildContext, inlineBuildspec } from '../../../support/codebuild-builders.js';

describe('codebuild.privileged', () => {
  it('given privileged mode is on, when run, then it passes', async () => {
    const outcome = await privilegedCheck.run(codebuildContext());
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toContain('privileged mode is on for backend-build');
  });

  it('given privileged mode is off and the buildspec runs docker buildx, when run, then it fails quoting the command and giving the update-project command', async () => {
    const outcome = await privilegedCheck.run(codebuildContext({ project: aProject({ privilegedMode: false }) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('backend-build runs `docker buildx build --platform linux/amd64,linux/arm64');
    expect(outcome.finding).toContain('Cannot connect to the Docker daemon');
    expect(outcome.fix).toContain(
      'aws codebuild update-project --name backend-build --environment type=LINUX_CONTAINER,computeType=BUILD_GENERAL1_SMALL,image=<its image>,privilegedMode=true',
    );
  });

  it.each([
    ['docker build -t app .'],
    ['DOCKER_BUILDKIT=1 docker build -t app .'],
    ['make image && docker push $REPO:$VERSION'],
    ['docker-compose run tests'],
    ['/usr/bin/docker run --rm app npm test'],
  ])('given privileged mode is off and the buildspec runs "%s", when run, then it fails', async (command) => {
    const project = aProject({ privilegedMode: false, buildspec: inlineBuildspec([command]) });
    expect((await privilegedCheck.run(codebuildContext({ project }))).status).toBe('fail');
  });

  it('given privileged mode is off and the buildspec runs no Docker command, when run, then it passes', async () => {
    const project = aProject({ privilegedMode: false, buildspec: inlineBuildspec(['npm ci', 'npm test', 'echo "docker is not used here"']) });
    const outcome = await privilegedCheck.run(codebuildContext({ project }));
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('privileged mode is off for backend-build and its buildspec runs no Docker command');
  });

  it('given privileged mode is off and the buildspec is a file in the source, when run, then it skips saying it cannot tell', async () => {
    const project = aProject({ privilegedMode: false, buildspec: 'ci/buildspec.yml' });
    const outcome = await privilegedCheck.run(codebuildContext({ project }));
    expect(outcome).toEqual({
      status: 'skip',
      finding: 'privileged mode is off for backend-build; its buildspec is a file in the source (ci/buildspec.yml), cannot tell if it runs Docker',
      fix: '',
    });
  });

  it('given privileged mode is off and no buildspec is set, when run, then it skips naming the default buildspec.yml', async () => {
    const outcome = await privilegedCheck.run(codebuildContext({ project: aProject({ privilegedMode: false, buildspec: undefined }) }));
    expect(outcome.status).toBe('skip');
    expect(outcome.finding).toContain('(buildspec.yml)');
  });

  it('given no project exists, when run, then it skips', async () => {
    expect((await privilegedCheck.run(codebuildContext({ project: undefined }))).status).toBe('skip');
  });

  it('given CodeBuild is unreachable, when run, then the port error propagates', async () => {
    const down = new PortError('unreachable', 'CodeBuild BatchGetProjects: connection refused');
    const context = codebuildContext({}, { ports: { codebuild: { getProject: () => Promise.reject(down) } } });
    await expect(privilegedCheck.run(context)).rejects.toBe(down);
  });
});
