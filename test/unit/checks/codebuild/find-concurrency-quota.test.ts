import { describe, expect, it } from 'vitest';
import { findConcurrencyQuota } from '../../../../src/domain/checks/codebuild/find-concurrency-quota.js';
import { quotaEnvironment } from '../../../../src/domain/checks/codebuild/quota-environment.js';
import { quota } from '../../../support/codebuild-builders.js';

describe('quotaEnvironment', () => {
  it.each([
    ['LINUX_CONTAINER', 'BUILD_GENERAL1_SMALL', 'Linux', 'Small'],
    ['ARM_CONTAINER', 'BUILD_GENERAL1_LARGE', 'ARM', 'Large'],
    ['LINUX_GPU_CONTAINER', 'BUILD_GENERAL1_XLARGE', 'Linux GPU', 'XLarge'],
    ['WINDOWS_SERVER_2019_CONTAINER', 'BUILD_GENERAL1_MEDIUM', 'Windows Server 2019', 'Medium'],
    ['WINDOWS_SERVER_2022_CONTAINER', 'BUILD_GENERAL1_2XLARGE', 'Windows Server 2022', '2XLarge'],
    ['WINDOWS_CONTAINER', 'BUILD_GENERAL1_MEDIUM', 'Windows', 'Medium'],
    ['LINUX_LAMBDA_CONTAINER', 'BUILD_LAMBDA_1GB', 'Linux Lambda', '1GB'],
    ['ARM_LAMBDA_CONTAINER', 'BUILD_LAMBDA_10GB', 'ARM Lambda', '10GB'],
  ])('given %s on %s, then the quota is named for %s/%s', (environmentType, computeType, platform, size) => {
    expect(quotaEnvironment(environmentType, computeType)).toEqual({ platform, size });
  });
});

describe('findConcurrencyQuota', () => {
  const linuxSmall = { platform: 'Linux', size: 'Small' };

  it('given names with other case, spacing and no "environment", when matched, then the right quota is found', () => {
    const quotas = [
      quota('Concurrently running builds for Linux GPU/Small environment', 1, 'GPU'),
      quota('concurrently running builds for linux / small', 7, 'LS'),
    ];
    expect(findConcurrencyQuota(quotas, linuxSmall)?.code).toBe('LS');
  });

  it('given "Linux Lambda/1GB" and a hyphenated "1-GB", when matched, then sizes compare without separators', () => {
    const quotas = [quota('Concurrently running builds for Linux Lambda/1-GB environment', 3, 'LL1')];
    expect(findConcurrencyQuota(quotas, { platform: 'Linux Lambda', size: '1GB' })?.code).toBe('LL1');
  });

  it('given Linux/Small is not listed but the account-wide quota is, when matched, then the account-wide quota is used', () => {
    const quotas = [quota('Concurrently running builds for Linux/Medium environment', 20, 'LM'), quota('Concurrently running builds', 60, 'ALL')];
    expect(findConcurrencyQuota(quotas, linuxSmall)?.code).toBe('ALL');
  });

  it('given only unrelated quotas, when matched, then nothing is found', () => {
    const quotas = [quota('Build projects', 5000), quota('Concurrently running builds for Linux/Medium environment', 20)];
    expect(findConcurrencyQuota(quotas, linuxSmall)).toBeUndefined();
  });
});
