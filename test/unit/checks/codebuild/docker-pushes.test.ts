import { describe, expect, it } from 'vitest';
import { dockerPushes, tagOf, tagsOfRepository } from '../../../../src/domain/checks/codebuild/docker-pushes.js';

const NOTHING = { pushed: [], tagged: [] };

describe('dockerPushes', () => {
  it('given a statement that does not run docker, when read, then it pushes and tags nothing', () => {
    expect(dockerPushes(['make', 'push', 'IMAGE=app:1'])).toEqual(NOTHING);
  });

  it('given docker push with its options after the reference, when read, then the reference is pushed', () => {
    expect(dockerPushes(['docker', 'push', '$R:$V', '--quiet'])).toEqual({ pushed: ['$R:$V'], tagged: [] });
  });

  it('given docker push without a reference, when read, then nothing is pushed', () => {
    expect(dockerPushes(['docker', 'push'])).toEqual(NOTHING);
    expect(dockerPushes(['docker', 'push', '--quiet'])).toEqual(NOTHING);
  });

  it('given docker push -a, when read, then every local tag of the repository is pushed', () => {
    expect(dockerPushes(['docker', 'push', '-a', '$R'])).toEqual({ pushed: [], tagged: [], pushedAllTagsOf: '$R' });
  });

  it('given docker tag with only the source, when read, then nothing is tagged', () => {
    expect(dockerPushes(['docker', 'tag', '$R:latest'])).toEqual(NOTHING);
  });

  it('given docker buildx imagetools create, when read, then its -t references are pushed', () => {
    // given
    const words = ['docker', 'buildx', 'imagetools', 'create', '-t', '$R:$V', '--tag=$R:latest', '$R:amd64', '$R:arm64'];
    // when / then
    expect(dockerPushes(words)).toEqual({ pushed: ['$R:$V', '$R:latest'], tagged: [] });
  });

  it('given other buildx imagetools subcommands, when read, then nothing is pushed', () => {
    expect(dockerPushes(['docker', 'buildx', 'imagetools', 'inspect', '-t', '$R:$V'])).toEqual(NOTHING);
  });

  it.each([
    [['--push=true']],
    [['-o', 'type=registry']],
    [['--output', 'type=image, push=true , compression=zstd']],
    [['--output=type=image,name=$R:$V,push=true']],
  ])('given a build that pushes by %j, when read, then its tags are pushed', (push) => {
    expect(dockerPushes(['docker', 'buildx', 'build', '-t', '$R:$V', ...push, '.'])).toEqual({ pushed: ['$R:$V'], tagged: [] });
  });

  it.each([[['--output', 'type=image,push=false']], [['--output', 'type=registryish']], [['--output', 'type=local,dest=out']]])(
    'given a build whose output %j does not push, when read, then its tags stay local',
    (output) => {
      expect(dockerPushes(['docker', 'buildx', 'build', '-t', '$R:$V', ...output, '.'])).toEqual({ pushed: [], tagged: ['$R:$V'] });
    },
  );
});

describe('tagOf', () => {
  it.each([
    ['$R:$(date +%H:%M)', '$(date +%H:%M)'],
    ['$(cat repo.txt):$(git rev-parse HEAD)', '$(git rev-parse HEAD)'],
    ['${REPO}}:$VERSION', '$VERSION'],
    ['${IMAGE_URI}', '${IMAGE_URI}'],
    ['$REGISTRY/backend', undefined],
    ['backend-$ENV', undefined],
    ['${1}', undefined],
  ])('given %s, then the tag is %s', (ref, tag) => {
    expect(tagOf(ref)).toBe(tag);
  });
});

describe('tagsOfRepository', () => {
  it('given local tags of several repositories, when asked for one, then only its own references are returned', () => {
    // given
    const tagged = ['$R:1', '$R2:1', 'mirror/$R:2', '$R:latest'];
    // when / then
    expect(tagsOfRepository('$R', tagged)).toEqual(['$R:1', '$R:latest']);
  });
});
