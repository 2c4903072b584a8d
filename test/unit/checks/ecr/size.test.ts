import { describe, expect, it } from 'vitest';
import { formatSize } from '../../../../src/domain/checks/ecr/format-size.js';
import { sizeCheck } from '../../../../src/domain/checks/ecr/size.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { NO_VERSION, anImage, ecrContext } from '../../../support/ecr-builders.js';

describe('ecr.size', () => {
  it('given an image within the budget, when run, then it passes showing both sizes', async () => {
    const outcome = await sizeCheck.run(ecrContext());
    expect(outcome).toEqual({ status: 'pass', finding: 'tag 1.1.0 is 178 MB, within the 1024 MB budget', fix: '' });
  });

  it('given a 3.4 GB image and a 1024 MB budget, when run, then it fails in GB with the slimming advice', async () => {
    const outcome = await sizeCheck.run(ecrContext({ image: anImage({ sizeBytes: 3_400_000_000 }) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('tag 1.1.0 is 3.2 GB, over the 1024 MB budget: slow pulls and slow pod starts');
    expect(outcome.fix).toContain('multi-stage build');
    expect(outcome.fix).toContain('.dockerignore');
  });

  it('given an image exactly at the budget, when run, then it passes; one byte more fails', async () => {
    const budget = 100 * 1024 * 1024;
    const settings = { imageSizeBudgetMb: 100 };
    expect((await sizeCheck.run(ecrContext({ image: anImage({ sizeBytes: budget }) }, { settings }))).status).toBe('pass');
    expect((await sizeCheck.run(ecrContext({ image: anImage({ sizeBytes: budget + 1 }) }, { settings }))).status).toBe('fail');
  });

  it('given ECR reports no size (or 0 bytes) for the image, when run, then it skips saying the size is unknown, never "0 MB"', async () => {
    // given
    const { sizeBytes: _, ...withoutSize } = anImage();
    // when
    const unknown = await sizeCheck.run(ecrContext({ image: withoutSize }));
    const zero = await sizeCheck.run(ecrContext({ image: anImage({ sizeBytes: 0 }) }));
    // then
    const expected = { status: 'skip', finding: 'tag 1.1.0: size unknown, ECR reports no size for it, so the 1024 MB budget cannot be checked', fix: '' };
    expect(unknown).toEqual(expected);
    expect(zero).toEqual(expected);
  });

  it('given no image to look at, when run, then it skips', async () => {
    expect((await sizeCheck.run(ecrContext({ image: undefined }))).status).toBe('skip');
    expect((await sizeCheck.run(ecrContext({}, { target: NO_VERSION }))).status).toBe('skip');
  });

  it('given DescribeImages fails, when run, then the port error propagates', async () => {
    const remote = new PortError('remote', 'ECR DescribeImages: internal error');
    await expect(sizeCheck.run(ecrContext({}, { ports: { ecr: { describeImage: () => Promise.reject(remote) } } }))).rejects.toBe(remote);
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 MB'],
    [187_000_000, '178 MB'],
    [1024 * 1024 * 1024, '1.0 GB'],
    [5 * 1024 * 1024 * 1024 + 512 * 1024 * 1024, '5.5 GB'],
  ])('given %d bytes, then it reads %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
