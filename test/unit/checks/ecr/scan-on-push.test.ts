import { describe, expect, it } from 'vitest';
import { scanOnPushCheck } from '../../../../src/domain/checks/ecr/scan-on-push.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aRepository, ecrContext } from '../../../support/ecr-builders.js';

describe('ecr.scan-on-push', () => {
  it('given scan on push is on, when run, then it passes', async () => {
    const outcome = await scanOnPushCheck.run(ecrContext());
    expect(outcome).toEqual({ status: 'pass', finding: 'repository shop/backend scans every image on push', fix: '' });
  });

  it('given scan on push is off, when run, then it fails with the put-image-scanning-configuration command', async () => {
    const outcome = await scanOnPushCheck.run(ecrContext({ repository: aRepository({ scanOnPush: false }) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('repository shop/backend does not scan images on push: new tags have no findings until someone starts a scan');
    expect(outcome.fix).toBe(
      '`aws ecr put-image-scanning-configuration --repository-name shop/backend --image-scanning-configuration scanOnPush=true`',
    );
  });

  it('given the repository is missing, when run, then it skips pointing at ecr.repository', async () => {
    const outcome = await scanOnPushCheck.run(ecrContext({ repository: undefined }));
    expect(outcome).toEqual({ status: 'skip', finding: 'repository shop/backend does not exist (see ecr.repository)', fix: '' });
  });

  it('given no version is known, when run, then it still judges the repository', async () => {
    const context = ecrContext({ repository: aRepository({ scanOnPush: false }) }, { target: { version: undefined, ecr: { repository: 'shop/backend', platform: 'linux/amd64' } } });
    expect((await scanOnPushCheck.run(context)).status).toBe('fail');
  });

  it('given ECR denies the lookup, when run, then the port error propagates', async () => {
    const denied = new PortError('forbidden', 'ECR DescribeRepositories: access denied');
    await expect(scanOnPushCheck.run(ecrContext({}, { ports: { ecr: { getRepository: () => Promise.reject(denied) } } }))).rejects.toBe(denied);
  });
});
