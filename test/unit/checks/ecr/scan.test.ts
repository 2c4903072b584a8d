import { describe, expect, it } from 'vitest';
import { scanCheck } from '../../../../src/domain/checks/ecr/scan.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { NO_VERSION, anImage, ecrContext } from '../../../support/ecr-builders.js';

describe('ecr.scan', () => {
  it('given findings only below the threshold, when run, then it passes showing the counts', async () => {
    const outcome = await scanCheck.run(ecrContext());
    expect(outcome).toEqual({ status: 'pass', finding: 'scan of tag 1.1.0 has 2 MEDIUM, 5 LOW, no findings at or above HIGH', fix: '' });
  });

  it('given a clean scan, when run, then it passes', async () => {
    const outcome = await scanCheck.run(ecrContext({ image: anImage({ findingCounts: {} }) }));
    expect(outcome.finding).toBe('scan of tag 1.1.0 has no findings at or above HIGH');
  });

  it('given CRITICAL and HIGH findings with threshold HIGH, when run, then it fails listing the blocking counts most severe first', async () => {
    const image = anImage({ findingCounts: { HIGH: 3, LOW: 1, CRITICAL: 2 } });
    const outcome = await scanCheck.run(ecrContext({ image }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('tag 1.1.0 has findings at or above HIGH: 2 CRITICAL, 3 HIGH');
    expect(outcome.fix).toContain('aws ecr describe-image-scan-findings --repository-name shop/backend --image-id imageTag=1.1.0');
  });

  it('given threshold MEDIUM, when run on MEDIUM findings, then it fails', async () => {
    const outcome = await scanCheck.run(ecrContext({}, { settings: { scanSeverity: 'MEDIUM' } }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('tag 1.1.0 has findings at or above MEDIUM: 2 MEDIUM');
  });

  it('given threshold CRITICAL, when run on HIGH findings, then it passes', async () => {
    const outcome = await scanCheck.run(ecrContext({ image: anImage({ findingCounts: { HIGH: 4 } }) }, { settings: { scanSeverity: 'CRITICAL' } }));
    expect(outcome.status).toBe('pass');
  });

  it('given an enhanced-scanning image that is ACTIVE, when run, then its findings are judged', async () => {
    const outcome = await scanCheck.run(ecrContext({ image: anImage({ scanStatus: 'ACTIVE', findingCounts: { CRITICAL: 1 } }) }));
    expect(outcome.status).toBe('fail');
  });

  it('given the image was never scanned, when run, then it warns with the start-image-scan command', async () => {
    const outcome = await scanCheck.run(ecrContext({ image: anImage({ scanStatus: undefined, findingCounts: {} }) }));
    expect(outcome).toEqual({
      status: 'warn',
      finding: 'tag 1.1.0 was never scanned',
      fix: '`aws ecr start-image-scan --repository-name shop/backend --image-id imageTag=1.1.0`',
    });
  });

  it('given the scan is in progress, when run, then it warns with the wait command', async () => {
    const outcome = await scanCheck.run(ecrContext({ image: anImage({ scanStatus: 'IN_PROGRESS' }) }));
    expect(outcome).toEqual({
      status: 'warn',
      finding: 'scan of tag 1.1.0 is still in progress',
      fix: 'wait for it: `aws ecr wait image-scan-complete --repository-name shop/backend --image-id imageTag=1.1.0`, then run readiness again',
    });
  });

  it('given the scan failed, when run, then it warns naming the status', async () => {
    const outcome = await scanCheck.run(ecrContext({ image: anImage({ scanStatus: 'FAILED' }) }));
    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toBe('scan of tag 1.1.0 did not complete (FAILED)');
    expect(outcome.fix).toBe(
      '`aws ecr start-image-scan --repository-name shop/backend --image-id imageTag=1.1.0`; an UNSUPPORTED_IMAGE needs enhanced scanning',
    );
  });

  it('given no image to look at, when run, then it skips', async () => {
    expect((await scanCheck.run(ecrContext({ image: undefined }))).status).toBe('skip');
    expect((await scanCheck.run(ecrContext({}, { target: NO_VERSION }))).status).toBe('skip');
  });

  it('given ECR is unreachable, when run, then the port error propagates', async () => {
    const down = new PortError('unreachable', 'ECR DescribeImages: connection refused');
    await expect(scanCheck.run(ecrContext({}, { ports: { ecr: { describeImage: () => Promise.reject(down) } } }))).rejects.toBe(down);
  });
});
