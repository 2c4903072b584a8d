import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { readConfigDocument, validateConfig } from '../../../src/config/load-config.js';

const SANDBOX_ENV = { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443' };
const example = () => readConfigDocument('examples/sandbox.shipmate.yml') as Record<string, any>;

function problemsOf(doc: unknown): string[] {
  try {
    validateConfig(doc, 'shipmate.yml', SANDBOX_ENV);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  return [];
}

describe('policy configuration', () => {
  it('refuses a protected environment whose deploy policy names no approvers', () => {
    // given
    const doc = example();
    delete doc.policy.deploy.production;
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toContain(
      'shipmate.yml: environments.production.protected: a protected environment must name its approvers in policy.deploy.production (or policy.deploy."*")',
    );
  });

  it('accepts approvers named by the "*" rule for a protected environment', () => {
    const doc = example();
    delete doc.policy.deploy.production;
    doc.policy.deploy['*'] = { approvers: ['@release-managers'] };
    expect(problemsOf(doc)).toEqual([]);
  });

  it('takes lock, cancel, verify, release, promote and rollback rules of the same shape, for known environments only', () => {
    // given
    const doc = example();
    doc.policy.lock = { production: { requesters: ['@release-managers'] } };
    doc.policy.verify = { '*': { requesters: ['U0BOB'] } };
    doc.policy.cancel = { staging: { requesters: ['U0ALICE'] } };
    doc.policy.rollback = { prod: { approvals: 1 } };
    doc.policy.promote = { production: { approvals: 11 } };
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toEqual([
      'shipmate.yml: policy.promote.production.approvals: Too big: expected number to be <=10',
      'shipmate.yml: policy.rollback.prod: names no environment (known: staging, production, or *)',
    ]);
  });

  it('fills every action with no rule when the config names none', () => {
    const doc = example();
    doc.policy = { deploy: doc.policy.deploy };
    const config = validateConfig(doc, 'shipmate.yml', SANDBOX_ENV);
    for (const action of ['build', 'release', 'promote', 'rollback', 'verify', 'lock', 'cancel'] as const) expect(config.policy[action]).toEqual({});
  });
});
