import { describe, expect, it } from 'vitest';
import { repositoryCheck } from '../../../../src/domain/checks/ecr/repository.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { ecrContext } from '../../../support/ecr-builders.js';

describe('ecr.repository', () => {
  it('given the repository exists, when run, then it passes naming its URI', async () => {
    const outcome = await repositoryCheck.run(ecrContext());
    expect(outcome).toEqual({ status: 'pass', finding: 'ECR repository 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend exists', fix: '' });
  });

  it('given the repository does not exist, when run, then it fails with the create-repository command', async () => {
    const outcome = await repositoryCheck.run(ecrContext({ repository: undefined }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('ECR repository shop/backend does not exist in this account and region');
    expect(outcome.fix).toContain('aws ecr create-repository --repository-name shop/backend --image-scanning-configuration scanOnPush=true');
    expect(outcome.fix).toContain('services.backend.ecr.repository');
  });

  it('given ECR denies DescribeRepositories, when run, then the port error propagates', async () => {
    const denied = new PortError('forbidden', 'ECR DescribeRepositories: access denied');
    await expect(repositoryCheck.run(ecrContext({}, { ports: { ecr: { getRepository: () => Promise.reject(denied) } } }))).rejects.toBe(denied);
  });
});
