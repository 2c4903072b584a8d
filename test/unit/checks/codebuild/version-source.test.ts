import { describe, expect, it } from 'vitest';
import { versionSource } from '../../../../src/domain/checks/codebuild/version-source.js';

const FROM_WEBHOOK = '${CODEBUILD_WEBHOOK_TRIGGER#tag/}';
const WITH_OVERRIDE = `\${VERSION:-${FROM_WEBHOOK}}`;

describe('versionSource: only the pushed tags decide when the buildspec pushes', () => {
  it('given the pushed tag keeps the override and another, unpushed variable is webhook-only, when read, then the override decides', () => {
    const commands = [`VERSION=${WITH_OVERRIDE}`, `LABEL=${FROM_WEBHOOK}`, 'docker push $R:$VERSION'];
    expect(versionSource(commands)).toBe('override');
  });

  it('given two pushed tags from the webhook, one with the override and one without, when read, then the one without makes it webhook-only', () => {
    const commands = [`VERSION=${WITH_OVERRIDE}`, `TAG=${FROM_WEBHOOK}`, 'docker push $R:$VERSION', 'docker push $R:$TAG'];
    expect(versionSource(commands)).toBe('webhook-only');
  });

  it('given one pushed tag falls back to the override and another to the git tag, when read, then the best fallback any tag has is named', () => {
    const commands = [`VERSION=${WITH_OVERRIDE}`, `GIT=$(git describe --tags || echo ${FROM_WEBHOOK})`, 'docker push $R:$VERSION', 'docker push $R:$GIT'];
    expect(versionSource(commands)).toBe('override');
  });

  it('given an image pushed without a tag, when read, then it adds no tag and the assigned variables decide', () => {
    expect(versionSource([`TAG=${FROM_WEBHOOK}`, 'docker push $REGISTRY/app'])).toBe('webhook-only');
    expect(versionSource([`VERSION=${WITH_OVERRIDE}`, 'docker push $REGISTRY/app'])).toBe('override');
  });

  it('given the webhook value is handed to one command only (VAR=x cmd), when read, then it assigns nothing for later commands', () => {
    const commands = [`VERSION=${FROM_WEBHOOK} ./scripts/notify.sh`, 'docker push $R:$VERSION'];
    expect(versionSource(commands)).toBe('elsewhere');
  });
});

describe('versionSource: docker push --all-tags pushes what was tagged, as it was tagged', () => {
  it('given a tag with the override pushed by --all-tags and an unpushed webhook-only variable, when read, then the override decides', () => {
    const commands = [`TAG=${WITH_OVERRIDE}`, `LABEL=${FROM_WEBHOOK}`, 'docker build -t $R:$TAG -t other:$LABEL .', 'docker push --all-tags $R'];
    expect(versionSource(commands)).toBe('override');
  });

  it('given the tag variable changes after tagging, when pushed with --all-tags, then the value at tagging time counts', () => {
    const commands = [`TAG=${FROM_WEBHOOK}`, 'docker build -t $R:$TAG .', 'TAG=latest', 'docker push --all-tags $R'];
    expect(versionSource(commands)).toBe('webhook-only');
  });
});

describe('versionSource: which assignments are conditional', () => {
  it('given an if block closed before the assignment, when read, then the assignment is unconditional and loses the override', () => {
    const commands = [`if [ -n "$X" ]; then echo x; fi; VERSION=${FROM_WEBHOOK}`, 'docker push $R:$VERSION'];
    expect(versionSource(commands)).toBe('webhook-only');
  });

  it('given a leftover fi before an if, when read, then the assignment inside that if is still conditional', () => {
    const commands = [`fi; if [ -z "$VERSION" ]; then VERSION=${FROM_WEBHOOK}; fi`, 'docker push $R:$VERSION'];
    expect(versionSource(commands)).toBe('override');
  });

  it('given a test on its own line before the assignment (; not &&), when read, then the assignment is unconditional', () => {
    const commands = [`[ -z "$VERSION" ]; VERSION=${FROM_WEBHOOK}`, 'docker push $R:$VERSION'];
    expect(versionSource(commands)).toBe('webhook-only');
  });

  it('given an assignment after && of a command that is not a test, when read, then the assignment is unconditional', () => {
    const commands = [`echo start && VERSION=${FROM_WEBHOOK}`, 'docker push $R:$VERSION'];
    expect(versionSource(commands)).toBe('webhook-only');
  });
});

describe('versionSource: keywords before a statement', () => {
  it('given a push after then, when read, then the push counts, not the unpushed variables', () => {
    const commands = [`TAG=${WITH_OVERRIDE}`, `LABEL=${FROM_WEBHOOK}`, 'if [ -n "$TAG" ]; then docker push $R:$TAG; fi'];
    expect(versionSource(commands)).toBe('override');
  });

  it.each([
    [`declare -x TAG=${FROM_WEBHOOK}`],
    [`declare -rx TAG=${FROM_WEBHOOK}`],
    [`declare -- TAG=${FROM_WEBHOOK}`],
    [`export TAG=${FROM_WEBHOOK}-rc`],
  ])('given %s, when read, then it assigns TAG', (assignment) => {
    expect(versionSource([assignment, 'docker push $R:$TAG'])).toBe('webhook-only');
  });
});
