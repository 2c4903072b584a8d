import { describe, expect, it } from 'vitest';
import { buildspecVersionCheck } from '../../../../src/domain/checks/codebuild/buildspec-version.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aProject, codebuildContext, inlineBuildspec } from '../../../support/codebuild-builders.js';

const PUSH = 'docker buildx build -t $IMAGE_REPO:$VERSION --push .';
const withPreBuild = (...preBuild: string[]) =>
  codebuildContext({ project: aProject({ buildspec: inlineBuildspec([PUSH], preBuild) }) });

describe('codebuild.buildspec-version', () => {
  it('given VERSION falls back to the webhook trigger, when run, then it passes', async () => {
    const outcome = await buildspecVersionCheck.run(codebuildContext());
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('buildspec of backend-build takes the version from $VERSION, so manual builds and /build keep their tag');
  });

  it('given the tag comes only from CODEBUILD_WEBHOOK_TRIGGER, when run, then it fails with the fallback to write', async () => {
    const buildspec = inlineBuildspec(['docker buildx build -t $IMAGE_REPO:$TAG --push .'], ['TAG=${CODEBUILD_WEBHOOK_TRIGGER#tag/}']);
    const outcome = await buildspecVersionCheck.run(codebuildContext({ project: aProject({ buildspec }) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('derives the version only from CODEBUILD_WEBHOOK_TRIGGER');
    expect(outcome.fix).toContain('VERSION=${VERSION:-${CODEBUILD_WEBHOOK_TRIGGER#tag/}}');
  });

  it('given VERSION is overwritten from the webhook trigger before use, when run, then it fails: the override is lost', async () => {
    const outcome = await buildspecVersionCheck.run(withPreBuild('VERSION=$(echo $CODEBUILD_WEBHOOK_TRIGGER | cut -d/ -f2)'));
    expect(outcome.status).toBe('fail');
  });

  it('given VERSION is assigned only when empty, when run, then it passes', async () => {
    const outcome = await buildspecVersionCheck.run(withPreBuild('if [ -z "$VERSION" ]; then VERSION=${CODEBUILD_WEBHOOK_TRIGGER#tag/}; fi'));
    expect(outcome.status).toBe('pass');
  });

  it('given the version comes from CODEBUILD_RESOLVED_SOURCE_VERSION too, when run, then it passes', async () => {
    const outcome = await buildspecVersionCheck.run(
      withPreBuild('TAG=${CODEBUILD_WEBHOOK_TRIGGER#tag/}', 'TAG=${TAG:-$CODEBUILD_RESOLVED_SOURCE_VERSION}'),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toContain('CODEBUILD_SOURCE_VERSION');
  });

  it('given the buildspec never reads CODEBUILD_WEBHOOK_TRIGGER, when run, then it passes', async () => {
    const outcome = await buildspecVersionCheck.run(codebuildContext({ project: aProject({ buildspec: inlineBuildspec(['make release']) }) }));
    expect(outcome).toEqual({ status: 'pass', finding: 'buildspec of backend-build does not read CODEBUILD_WEBHOOK_TRIGGER', fix: '' });
  });

  it('given the buildspec is a file or the project is missing, when run, then it skips', async () => {
    expect((await buildspecVersionCheck.run(codebuildContext({ project: aProject({ buildspec: 'buildspec.yml' }) }))).status).toBe('skip');
    expect((await buildspecVersionCheck.run(codebuildContext({ project: undefined }))).status).toBe('skip');
  });

  it('given CodeBuild throttles, when run, then the port error propagates', async () => {
    const throttled = new PortError('throttled', 'CodeBuild BatchGetProjects: rate exceeded');
    const context = codebuildContext({}, { ports: { codebuild: { getProject: () => Promise.reject(throttled) } } });
    await expect(buildspecVersionCheck.run(context)).rejects.toBe(throttled);
  });
});
