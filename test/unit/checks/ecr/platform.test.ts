import { describe, expect, it } from 'vitest';
import { platformCheck } from '../../../../src/domain/checks/ecr/platform.js';
import { platformMatches } from '../../../../src/domain/checks/ecr/platform-match.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { NO_VERSION, ecrContext } from '../../../support/ecr-builders.js';

const requiring = (platform: string) => ({ target: { ecr: { repository: 'shop/backend', platform, tag: '1.1.0' } } });

describe('ecr.platform', () => {
  it('given a manifest list with linux/amd64, when run, then it passes listing the platforms', async () => {
    const outcome = await platformCheck.run(ecrContext());
    expect(outcome).toEqual({ status: 'pass', finding: 'tag 1.1.0 has linux/amd64 (linux/amd64, linux/arm64)', fix: '' });
  });

  it('given an arm64-only image and a cluster on amd64, when run, then it fails quoting the pull error and the buildx fix', async () => {
    const outcome = await platformCheck.run(ecrContext({ platforms: ['linux/arm64'] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      'tag 1.1.0 is linux/arm64 only; the cluster needs linux/amd64 — pods fail with `no match for platform in manifest`',
    );
    expect(outcome.fix).toContain(
      'docker buildx build --platform linux/amd64,linux/arm64 -t 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0 --push .',
    );
  });

  it('given several platforms without the required one, when run, then it fails naming them all', async () => {
    const outcome = await platformCheck.run(ecrContext({ platforms: ['linux/arm64', 'linux/arm/v7'] }));
    expect(outcome.finding).toContain('tag 1.1.0 is linux/arm64, linux/arm/v7 but not linux/amd64');
  });

  it('given the service requires linux/arm64/v8 and the image has linux/arm64, when run, then it passes', async () => {
    const outcome = await platformCheck.run(ecrContext({ platforms: ['linux/amd64', 'linux/arm64'] }, requiring('linux/arm64/v8')));
    expect(outcome.status).toBe('pass');
  });

  it('given the service requires linux/arm64 and the image is linux/arm/v7 only, when run, then it fails with a single-platform build', async () => {
    const outcome = await platformCheck.run(ecrContext({ platforms: ['linux/arm/v7'] }, requiring('linux/arm64')));
    expect(outcome.status).toBe('fail');
    expect(outcome.fix).toContain('--platform linux/arm64 -t');
  });

  it('given the tag names no platform, when run, then it fails', async () => {
    const outcome = await platformCheck.run(ecrContext({ platforms: [] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('tag 1.1.0 names no platform');
  });

  it('given the tag is missing, the repository is missing or no version is known, when run, then it skips', async () => {
    expect((await platformCheck.run(ecrContext({ image: undefined }))).finding).toBe('tag 1.1.0 is not in shop/backend (see ecr.tag)');
    expect((await platformCheck.run(ecrContext({ repository: undefined }))).status).toBe('skip');
    expect((await platformCheck.run(ecrContext({}, { target: NO_VERSION }))).status).toBe('skip');
  });

  it('given the manifest cannot be read, when run, then the port error propagates', async () => {
    const denied = new PortError('forbidden', 'ECR BatchGetImage: access denied');
    await expect(platformCheck.run(ecrContext({}, { ports: { ecr: { imagePlatforms: () => Promise.reject(denied) } } }))).rejects.toBe(denied);
  });
});

describe('platformMatches', () => {
  it.each([
    ['linux/amd64', 'linux/amd64', true],
    ['linux/amd64', 'linux/arm64', false],
    ['linux/amd64', 'windows/amd64', false],
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm64/v8', 'linux/arm64', true],
    ['linux/arm/v7', 'linux/arm/v6', false],
    ['linux/arm/v7', 'linux/arm/v7', true],
    ['linux/amd64', 'linux/amd64/v3', true],
  ])('given %s is required and %s offered, then it matches: %s', (required, offered, matches) => {
    expect(platformMatches(required, offered)).toBe(matches);
  });
});
