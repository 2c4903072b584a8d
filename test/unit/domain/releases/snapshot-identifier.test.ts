import { describe, expect, it } from 'vitest';
import { SNAPSHOT_IDENTIFIER_MAX, snapshotIdentifier } from '../../../../src/domain/releases/snapshot-identifier.js';

/** RDS's DB snapshot identifier rule: a letter first, letters/digits/hyphens, no trailing or doubled hyphen, 1-255. */
const RDS_RULE = /^[a-z](-?[a-z0-9])*$/;

describe('snapshotIdentifier', () => {
  it('given an environment, a version and a request id, when named, then shipmate-<env>-<version with hyphens>-<request id>', () => {
    expect(snapshotIdentifier('staging', '1.2.0', 'b7k2q9')).toBe('shipmate-staging-1-2-0-b7k2q9');
  });

  it('given the same request twice, when named, then the same identifier (a resumed release finds its snapshot); another request, another one', () => {
    expect(snapshotIdentifier('staging', '1.2.0', 'b7k2q9')).toBe(snapshotIdentifier('staging', '1.2.0', 'b7k2q9'));
    expect(snapshotIdentifier('staging', '1.2.0', 'b7k2q9')).not.toBe(snapshotIdentifier('staging', '1.2.0', 'c8m3r4'));
  });

  it.each([
    ['Prod_EU', '2024.06.1-RC1', 'AB12cd', 'shipmate-prod-eu-2024-06-1-rc1-ab12cd'],
    ['staging', '1..2--3', 'b7k2q9', 'shipmate-staging-1-2-3-b7k2q9'],
    ['staging', '_1.0.', 'b7k2q9', 'shipmate-staging-1-0-b7k2q9'],
    ['staging', '1.2.0', '-b7k2q9-', 'shipmate-staging-1-2-0-b7k2q9'],
    ['staging', '...', 'b7k2q9', 'shipmate-staging-b7k2q9'],
    ['_', '1.2.0', 'b7k2q9', 'shipmate-1-2-0-b7k2q9'],
    ['staging', '1.2.0', '', 'shipmate-staging-1-2-0'],
  ])('given %s / %s / %s, when named, then %s: lower case, other characters one hyphen, none doubled or trailing', (environment, version, requestId, expected) => {
    const identifier = snapshotIdentifier(environment, version, requestId);
    expect(identifier).toBe(expected);
    expect(identifier).toMatch(RDS_RULE);
  });

  it('given a version too long for RDS, when named, then 255 characters that still end with the request id', () => {
    const identifier = snapshotIdentifier('staging', '9'.repeat(300), 'b7k2q9');
    expect(identifier).toHaveLength(SNAPSHOT_IDENTIFIER_MAX);
    expect(identifier.startsWith('shipmate-staging-999')).toBe(true);
    expect(identifier.endsWith('9-b7k2q9')).toBe(true);
    expect(identifier).toMatch(RDS_RULE);
  });

  it('given a long version cut where a hyphen falls, when named, then no doubled hyphen before the request id', () => {
    // 248 characters are left before '-b7k2q9'; after 'shipmate-prod-' (14) the 248th is a hyphen, dropped.
    const identifier = snapshotIdentifier('prod', 'a.'.repeat(200), 'b7k2q9');
    expect(identifier).toHaveLength(SNAPSHOT_IDENTIFIER_MAX - 1);
    expect(identifier).toMatch(RDS_RULE);
    expect(identifier.endsWith('a-b7k2q9')).toBe(true);
  });

  it('given a version too long for RDS and no request id, when named, then all 255 characters are the name', () => {
    const identifier = snapshotIdentifier('staging', '9'.repeat(300), '');
    expect(identifier).toHaveLength(SNAPSHOT_IDENTIFIER_MAX);
    expect(identifier).toMatch(RDS_RULE);
  });

  it('given a long version and no request id, when named, then 255 characters without a trailing hyphen', () => {
    // After 'shipmate-staging-' (17) the 255th character is a hyphen, dropped.
    const identifier = snapshotIdentifier('staging', 'a.'.repeat(200), '');
    expect(identifier).toHaveLength(SNAPSHOT_IDENTIFIER_MAX - 1);
    expect(identifier).toMatch(RDS_RULE);
  });

  it.each(['staging', 'prod-eu', 'QA_2'])('given the environment %s and every version shape a deploy takes, when named, then within RDS rules under shipmate-', (environment) => {
    for (const version of ['1.1.0', '2024.06.1-rc1', 'A_b.C-d', '1.0.0-', '0', '_x']) {
      const identifier = snapshotIdentifier(environment, version, 'b7k2q9');
      expect(identifier).toMatch(RDS_RULE);
      expect(identifier.startsWith('shipmate-')).toBe(true);
    }
  });
});
