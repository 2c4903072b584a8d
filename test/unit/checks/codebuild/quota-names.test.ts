import { describe, expect, it } from 'vitest';
import { findConcurrencyQuota } from '../../../../src/domain/checks/codebuild/find-concurrency-quota.js';
import { quotaEnvironment } from '../../../../src/domain/checks/codebuild/quota-environment.js';
import { quota } from '../../../support/codebuild-builders.js';

describe('quotaEnvironment for compute types it does not know', () => {
  it.each([
    'ATTRIBUTE_BASED_COMPUTE',
    'CUSTOM_BUILD_GENERAL1_SMALL',
    'BUILD_GENERAL1_SMALL-PREVIEW',
    'BUILD_GENERAL_SMALL',
    'CUSTOM_BUILD_LAMBDA_1GB',
    'BUILD_LAMBDA_1GB_ARM',
  ])('given %s, when named, then the size is the compute type as given, so a warning names what the project uses', (computeType) => {
    expect(quotaEnvironment('LINUX_CONTAINER', computeType)).toEqual({ platform: 'Linux', size: computeType });
  });

  it('given a later generation of general compute, when named, then its size still reads as the quota spells it', () => {
    expect(quotaEnvironment('MAC_ARM', 'BUILD_GENERAL12_LARGE')).toEqual({ platform: 'macOS', size: 'Large' });
  });
});

describe('findConcurrencyQuota with untidy names', () => {
  it('given quota names with whitespace around them, when matched, then they still match', () => {
    const perEnvironment = [quota(' Concurrently running builds for Linux/Small environment\n', 7, 'LS')];
    expect(findConcurrencyQuota(perEnvironment, { platform: 'Linux', size: 'Small' })?.code).toBe('LS');
    const accountWide = [quota('  Concurrently running builds ', 60, 'ALL')];
    expect(findConcurrencyQuota(accountWide, { platform: 'Linux', size: 'Small' })?.code).toBe('ALL');
  });

  it('given separators in runs, when matched, then they compare like none', () => {
    const quotas = [quota('Concurrently running builds for Windows  Server__2019/Medium environment', 2, 'W19')];
    expect(findConcurrencyQuota(quotas, { platform: 'Windows Server 2019', size: 'Medium' })?.code).toBe('W19');
  });
});
