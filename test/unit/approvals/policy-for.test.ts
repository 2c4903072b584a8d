import { describe, expect, it } from 'vitest';
import { configSchema, type PolicyConfig } from '../../../src/config/schema.js';
import { policyFor } from '../../../src/domain/approvals/policy-for.js';

const policyOf = (policy: unknown): PolicyConfig =>
  configSchema.parse({
    environments: {
      staging: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop' } },
      production: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop' } },
    },
    services: { backend: { ecr: { repository: 'shop/backend' }, kubernetes: { deployment: 'backend' } } },
    policy,
  }).policy;

describe('policyFor', () => {
  it('takes the rule of the environment itself before the "*" rule', () => {
    // given
    const policy = policyOf({
      build: { '*': { approvals: 1 }, production: { approvers: ['@release-managers', 'U0BOB'], approvals: 2 } },
    });
    // when
    const rule = policyFor(policy, 'build', 'production');
    // then
    expect(rule).toEqual({ approvers: ['@release-managers', 'U0BOB'], approvals: 2, selfApproval: false });
  });

  it('falls back to the "*" rule for an environment without its own', () => {
    const policy = policyOf({ build: { '*': { requesters: ['U0ALICE'], approvals: 1, selfApproval: true } } });
    expect(policyFor(policy, 'build', 'staging')).toEqual({ requesters: ['U0ALICE'], approvals: 1, selfApproval: true });
  });

  it('defaults to anyone may request, anyone but the requester may approve, one approval', () => {
    // given a policy for deploys only
    const policy = policyOf({ deploy: { production: { approvals: 2 } } });
    // when
    const rule = policyFor(policy, 'build', 'production');
    // then
    expect(rule).toEqual({ approvals: 1, selfApproval: false });
    expect(rule.requesters).toBeUndefined();
    expect(rule.approvers).toBeUndefined();
  });

  it('keeps the rules of different actions apart', () => {
    const policy = policyOf({ build: { production: { approvals: 1 } }, deploy: { production: { approvals: 3 } } });
    expect(policyFor(policy, 'deploy', 'production').approvals).toBe(3);
    expect(policyFor(policy, 'build', 'production').approvals).toBe(1);
  });

  it('hands out a copy, so a caller cannot change the configuration', () => {
    // given
    const policy = policyOf({ build: { production: { approvals: 2 } } });
    // when
    policyFor(policy, 'build', 'production').approvals = 9;
    // then
    expect(policyFor(policy, 'build', 'production').approvals).toBe(2);
  });

  it('lets whoever may request a deploy lock, unlock, cancel and verify there, unless a rule of their own says otherwise', () => {
    // given
    const policy = policyOf({
      deploy: { production: { requesters: ['@engineers'], approvers: ['U0BOB'], approvals: 2 } },
      verify: { production: { requesters: ['U0CAROL'] } },
    });
    // when / then
    expect(policyFor(policy, 'lock', 'production')).toEqual({ requesters: ['@engineers'], approvals: 1, selfApproval: false });
    expect(policyFor(policy, 'cancel', 'production').requesters).toEqual(['@engineers']);
    expect(policyFor(policy, 'verify', 'production').requesters).toEqual(['U0CAROL']);
    expect(policyFor(policy, 'lock', 'staging').requesters).toBeUndefined();
  });

  it('puts release, promote and rollback under the deploy rule unless they have their own', () => {
    const policy = policyOf({ deploy: { '*': { approvers: ['U0BOB'], approvals: 2 } }, rollback: { staging: { approvals: 1 } } });
    expect(policyFor(policy, 'promote', 'production')).toEqual({ approvers: ['U0BOB'], approvals: 2, selfApproval: false });
    expect(policyFor(policy, 'rollback', 'staging')).toEqual({ approvals: 1, selfApproval: false });
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('reads no rule for the environment name %s from Object.prototype', (name) => {
    // given: only production restricts who may ask
    const policy = policyOf({ deploy: { '*': { requesters: ['U0ALICE'] } } });
    // when
    const rule = policyFor(policy, 'deploy', name);
    // then: the "*" rule, not {}
    expect(rule.requesters).toEqual(['U0ALICE']);
  });
});

