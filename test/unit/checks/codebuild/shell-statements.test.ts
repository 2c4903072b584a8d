import { describe, expect, it } from 'vitest';
import { dockerPushes, tagOf } from '../../../../src/domain/checks/codebuild/docker-pushes.js';
import { shellStatements } from '../../../../src/domain/checks/codebuild/shell-statements.js';

describe('shellStatements', () => {
  it('given a command substitution with || and a pipe inside, when split, then it stays one word of one statement', () => {
    // given / when
    const statements = shellStatements('VERSION=$(git describe --tags 2>/dev/null || echo "${CODEBUILD_WEBHOOK_TRIGGER#tag/}" | cut -d/ -f2)');
    // then
    expect(statements).toEqual([{ words: ['VERSION=$(git describe --tags 2>/dev/null || echo "${CODEBUILD_WEBHOOK_TRIGGER#tag/}" | cut -d/ -f2)'] }]);
  });

  it('given quotes, operators, a comment and a block scalar, when split, then top-level quotes go and each statement knows its && or ||', () => {
    // given / when
    const statements = shellStatements('[ -z "$VERSION" ] && VERSION="a b"; echo x || exit 1 # done\nif true\nthen\n  TAG=1\nfi');
    // then
    expect(statements).toEqual([
      { words: ['[', '-z', '$VERSION', ']'] },
      { words: ['VERSION=a b'], joinedBy: '&&' },
      { words: ['echo', 'x'] },
      { words: ['exit', '1'], joinedBy: '||' },
      { words: ['if', 'true'] },
      { words: ['then'] },
      { words: ['TAG=1'] },
      { words: ['fi'] },
    ]);
  });
});

describe('dockerPushes and tagOf', () => {
  it('given the ways a buildspec pushes, when read, then it names the pushed and the only-tagged references', () => {
    expect(dockerPushes(['docker', 'buildx', 'build', '-t', '$R:$V', '--tag=$R:latest', '--push', '.'])).toEqual({ pushed: ['$R:$V', '$R:latest'], tagged: [] });
    expect(dockerPushes(['docker', 'build', '-t', '$R:$V', '--output', 'type=image,push=true', '.'])).toEqual({ pushed: ['$R:$V'], tagged: [] });
    expect(dockerPushes(['docker', 'build', '-t', '$R:$V', '.'])).toEqual({ pushed: [], tagged: ['$R:$V'] });
    expect(dockerPushes(['docker', 'tag', '$R:latest', '$R:$V'])).toEqual({ pushed: [], tagged: ['$R:$V'] });
    expect(dockerPushes(['docker', 'image', 'push', '-q', '$R:$V'])).toEqual({ pushed: ['$R:$V'], tagged: [] });
    expect(dockerPushes(['docker', 'push', '--all-tags', '$R'])).toEqual({ pushed: [], tagged: [], pushedAllTagsOf: '$R' });
    expect(dockerPushes(['echo', 'docker'])).toEqual({ pushed: [], tagged: [] });
  });

  it.each([
    ['$IMAGE_REPO:$VERSION', '$VERSION'],
    ['${IMAGE_REPO}:${VERSION:-latest}', '${VERSION:-latest}'],
    ['registry.local:5000/shop/backend', undefined],
    ['registry.local:5000/shop/backend:$TAG@sha256:abc', '$TAG'],
    ['$IMAGE_URI', '$IMAGE_URI'],
    ['111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend', undefined],
  ])('given %s, then the tag is %s', (ref, tag) => {
    expect(tagOf(ref)).toBe(tag);
  });
});
