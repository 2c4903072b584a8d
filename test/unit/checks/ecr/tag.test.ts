import { describe, expect, it } from 'vitest';
import { tagCheck } from '../../../../src/domain/checks/ecr/tag.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { NO_VERSION, anImage, ecrContext } from '../../../support/ecr-builders.js';

describe('ecr.tag', () => {
  it('given the tag exists, when run, then it passes naming the short digest and push time', async () => {
    const outcome = await tagCheck.run(ecrContext());
    expect(outcome).toEqual({ status: 'pass', finding: 'tag 1.1.0 is sha256:4f9a1c2b3d4e, pushed 2026-11-20 09:06 UTC', fix: '' });
  });

  it('given an image without a push time, when run, then it passes without one', async () => {
    const outcome = await tagCheck.run(ecrContext({ image: anImage({ pushedAt: undefined }) }));
    expect(outcome.finding).toBe('tag 1.1.0 is sha256:4f9a1c2b3d4e');
  });

  it('given the tag is not in the repository, when run, then it fails suggesting /build and the tag template', async () => {
    const context = ecrContext({ image: undefined }, { target: { version: '1.2.0', ecr: { repository: 'shop/backend', platform: 'linux/amd64', tag: 'v1.2.0' } } });
    const outcome = await tagCheck.run(context);
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('tag v1.2.0 is not in shop/backend');
    expect(outcome.fix).toBe('run `/build 1.2.0 backend`, or check the tag template `services.backend.ecr.imageTag`');
  });

  it('given no version is known, when run, then it skips', async () => {
    const outcome = await tagCheck.run(ecrContext({}, { target: NO_VERSION }));
    expect(outcome).toEqual({ status: 'skip', finding: 'no version given and nothing deployed', fix: '' });
  });

  it('given the repository is missing, when run, then it skips without describing images', async () => {
    const context = ecrContext({ repository: undefined }, { ports: { ecr: { describeImage: () => Promise.reject(new Error('must not be asked')) } } });
    const outcome = await tagCheck.run(context);
    expect(outcome).toEqual({ status: 'skip', finding: 'repository shop/backend does not exist (see ecr.repository)', fix: '' });
  });

  it('given DescribeImages is throttled, when run, then the port error propagates', async () => {
    const throttled = new PortError('throttled', 'ECR DescribeImages: rate exceeded');
    await expect(tagCheck.run(ecrContext({}, { ports: { ecr: { describeImage: () => Promise.reject(throttled) } } }))).rejects.toBe(throttled);
  });
});
