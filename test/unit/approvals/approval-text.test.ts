import { describe, expect, it } from 'vitest';
import { formatClock } from '../../../src/domain/approvals/format-clock.js';
import { policyLine } from '../../../src/domain/approvals/policy-line.js';

describe('formatClock', () => {
  it('shows hours and minutes in UTC on the same day, and the date on another', () => {
    const at = new Date('2026-11-20T14:02:59.999Z');
    expect(formatClock(at)).toBe('14:02 UTC');
    expect(formatClock(at, new Date('2026-11-20T23:59:00Z'))).toBe('14:02 UTC');
    expect(formatClock(at, new Date('2026-11-21T00:00:00Z'))).toBe('2026-11-20 14:02 UTC');
  });
});

describe('policyLine', () => {
  it('says how many approvals from whom, and whether the requester counts', () => {
    expect(policyLine({ approvals: 1, selfApproval: false }, 'build', 'staging')).toBe('Builds in staging need 1 approval from anyone but the requester.');
    expect(policyLine({ approvals: 1, selfApproval: true }, 'deploy', 'dev')).toBe('Deploys in dev need 1 approval from anyone, the requester included.');
    expect(policyLine({ approvers: ['@release-managers', 'U0BOB'], approvals: 2, selfApproval: false }, 'build', 'production')).toBe(
      'Builds in production need 2 distinct approvals from @release-managers or <@U0BOB>, not counting the requester.',
    );
    expect(policyLine({ approvers: ['U0BOB'], approvals: 1, selfApproval: true }, 'build', 'production')).toBe(
      'Builds in production need 1 approval from <@U0BOB>, the requester included.',
    );
  });
});
