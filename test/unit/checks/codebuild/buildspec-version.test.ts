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

  it('given the pushed tag falls back to CODEBUILD_RESOLVED_SOURCE_VERSION, when run, then it passes', async () => {
    const buildspec = inlineBuildspec(
      ['docker buildx build -t $IMAGE_REPO:$TAG --push .'],
      ['TAG=${CODEBUILD_WEBHOOK_TRIGGER#tag/}', 'TAG=${TAG:-$CODEBUILD_RESOLVED_SOURCE_VERSION}'],
    );
    const outcome = await buildspecVersionCheck.run(codebuildContext({ project: aProject({ buildspec }) }));
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

/** A whole inline buildspec as a team would write it: ECR login, a version, a build and its pushes. */
const buildspecWith = (preBuild: string, build: string, postBuild = '') => `version: 0.2
env:
  variables:
    IMAGE_REPO: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend
phases:
  pre_build:
    commands:
      - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $IMAGE_REPO
${preBuild}
  build:
    commands:
${build}
${postBuild ? `  post_build:\n    commands:\n${postBuild}` : ''}`;
const runOn = (buildspec: string) => buildspecVersionCheck.run(codebuildContext({ project: aProject({ buildspec }) }));

describe('codebuild.buildspec-version decides from what the pushed version tag is assigned from', () => {
  it('given VERSION from the manual override with a webhook fallback and the commit as a second tag, when run, then it passes on the override', async () => {
    // given
    const buildspec = buildspecWith(
      `      - VERSION="\${VERSION:-\${CODEBUILD_WEBHOOK_TRIGGER#tag/}}"
      - COMMIT=$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7)`,
      '      - docker build -t $IMAGE_REPO:$VERSION -t $IMAGE_REPO:$COMMIT .',
      `      - docker push $IMAGE_REPO:$VERSION
      - docker push $IMAGE_REPO:$COMMIT`,
    );
    // when
    const outcome = await runOn(buildspec);
    // then
    expect(outcome).toEqual({ status: 'pass', finding: 'buildspec of backend-build takes the version from $VERSION, so manual builds and /build keep their tag', fix: '' });
  });

  it('given VERSION from the git tag with a webhook fallback, when run, then it passes on the git tag', async () => {
    // given
    const buildspec = buildspecWith(
      '      - VERSION=$(git describe --tags --exact-match 2>/dev/null || echo "${CODEBUILD_WEBHOOK_TRIGGER#tag/}")',
      '      - docker buildx build --platform linux/amd64,linux/arm64 -t "$IMAGE_REPO:$VERSION" -t "$IMAGE_REPO:$CODEBUILD_RESOLVED_SOURCE_VERSION" --push .',
    );
    // when
    const outcome = await runOn(buildspec);
    // then
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('buildspec of backend-build takes the version from the git tag (`git describe`), which manual builds of a tag have too');
  });

  it('given the webhook trigger is read only inside an if that VERSION survives, when run, then it passes on the override', async () => {
    // given: a block scalar, as YAML's `|` gives it
    const buildspec = buildspecWith(
      `      - |
        if [ -n "$CODEBUILD_WEBHOOK_TRIGGER" ]; then
          VERSION="\${CODEBUILD_WEBHOOK_TRIGGER#tag/}"
        fi`,
      '      - docker buildx build -t $IMAGE_REPO:$VERSION --push .',
    );
    // when / then
    expect((await runOn(buildspec)).finding).toContain('takes the version from $VERSION');
  });

  it('given the version only from the webhook trigger and CODEBUILD_RESOLVED_SOURCE_VERSION only as a second tag, when run, then it fails', async () => {
    // given: the resolved source version is in the buildspec, but not in the version tag
    const buildspec = buildspecWith(
      '      - TAG=${CODEBUILD_WEBHOOK_TRIGGER#tag/}',
      '      - docker buildx build --platform linux/amd64,linux/arm64 -t $IMAGE_REPO:$TAG -t $IMAGE_REPO:$CODEBUILD_RESOLVED_SOURCE_VERSION --push .',
    );
    // when
    const outcome = await runOn(buildspec);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      'buildspec of backend-build derives the version only from CODEBUILD_WEBHOOK_TRIGGER: builds started by hand or by /build (VERSION override) lose their version tag',
    );
  });

  it('given the AWS-sample style build, tag and push with VERSION overwritten from the webhook and the commit hash as a second tag, when run, then it fails', async () => {
    // given
    const buildspec = buildspecWith(
      `      - VERSION=$(echo $CODEBUILD_WEBHOOK_TRIGGER | sed 's/tag\\///')
      - COMMIT_HASH=$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7)`,
      `      - docker build -t $IMAGE_REPO:latest .
      - docker tag $IMAGE_REPO:latest $IMAGE_REPO:$VERSION
      - docker tag $IMAGE_REPO:latest $IMAGE_REPO:$COMMIT_HASH`,
      `      - docker push $IMAGE_REPO:$VERSION
      - docker push $IMAGE_REPO:$COMMIT_HASH`,
    );
    // when / then
    expect((await runOn(buildspec)).status).toBe('fail');
  });

  it('given `docker push --all-tags` of a build tagged from the webhook and the resolved source version, when run, then it fails', async () => {
    // given
    const buildspec = buildspecWith(
      '      - export TAG=${CODEBUILD_WEBHOOK_TRIGGER#tag/}',
      `      - docker build --tag $IMAGE_REPO:$TAG --tag $IMAGE_REPO:$CODEBUILD_RESOLVED_SOURCE_VERSION .
      - docker push --all-tags $IMAGE_REPO`,
    );
    // when / then
    expect((await runOn(buildspec)).status).toBe('fail');
  });

  it('given the webhook trigger is only echoed and the pushed tag is $VERSION, when run, then it passes: no pushed tag depends on the webhook', async () => {
    // given
    const buildspec = buildspecWith('      - echo "started by ${CODEBUILD_WEBHOOK_TRIGGER:-hand}"', '      - docker buildx build -t $IMAGE_REPO:$VERSION --push .');
    // when
    const outcome = await runOn(buildspec);
    // then
    expect(outcome).toEqual({ status: 'pass', finding: 'buildspec of backend-build reads CODEBUILD_WEBHOOK_TRIGGER but does not tag the images it pushes from it', fix: '' });
  });

  it('given a script pushes the image, when run, then the variables handed to it decide: a webhook-only tag fails, one with the override passes', async () => {
    // given
    const webhookOnly = buildspecWith('      - TAG=${CODEBUILD_WEBHOOK_TRIGGER#tag/}', '      - ./scripts/release.sh "$TAG"');
    const withOverride = buildspecWith('      - TAG=${VERSION:-${CODEBUILD_WEBHOOK_TRIGGER#tag/}}', '      - ./scripts/release.sh "$TAG"');
    // when / then
    expect((await runOn(webhookOnly)).status).toBe('fail');
    expect((await runOn(withOverride)).status).toBe('pass');
  });

  it('given VERSION is tested then assigned from the webhook with &&, when run, then it passes: the override survives', async () => {
    // given
    const buildspec = buildspecWith('      - \'[ -z "$VERSION" ] && VERSION=${CODEBUILD_WEBHOOK_TRIGGER#tag/}\'', '      - docker buildx build -t $IMAGE_REPO:$VERSION --push .');
    // when / then
    expect((await runOn(buildspec)).finding).toContain('takes the version from $VERSION');
  });
});
