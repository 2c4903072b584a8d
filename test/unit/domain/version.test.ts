import { describe, expect, it } from 'vitest';
import { parseImageRef, repositoryPath } from '../../../src/domain/image-ref.js';
import { fillVersion, parseVersion } from '../../../src/domain/version.js';

describe('parseVersion', () => {
  it.each([
    ['v1.1.0', '1.1.0'],
    ['1.1.0', '1.1.0'],
    ['2024.06.1-rc1', '2024.06.1-rc1'],
    ['version_2', 'version_2'],
  ])('accepts %s as %s', (input, version) => {
    expect(parseVersion(input)).toEqual({ ok: true, version });
  });

  it.each(['', '-1', '.1', '1.0/../../x', '1.0;rm', 'a'.repeat(129), 'v1 .0'])('refuses %j with a reason', (input) => {
    const result = parseVersion(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('is not a valid version');
  });

  it('fills templates', () => {
    expect(fillVersion('refs/tags/v{version}', '1.1.0')).toBe('refs/tags/v1.1.0');
  });
});

describe('parseImageRef', () => {
  it('splits repository, tag and digest, keeping a registry port', () => {
    expect(parseImageRef('1.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0@sha256:abc')).toEqual({
      repository: '1.dkr.ecr.eu-west-1.amazonaws.com/shop/backend',
      tag: '1.1.0',
      digest: 'sha256:abc',
    });
    expect(parseImageRef('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app' });
    expect(parseImageRef('nginx@sha256:def')).toEqual({ repository: 'nginx', digest: 'sha256:def' });
    expect(repositoryPath('1.dkr.ecr.eu-west-1.amazonaws.com/shop/backend')).toBe('shop/backend');
    expect(repositoryPath('acme/backend')).toBe('acme/backend');
  });
});
