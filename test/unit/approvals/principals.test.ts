import { describe, expect, it } from 'vitest';
import { describePrincipals, isMember, principalsText } from '../../../src/domain/approvals/principals.js';
import { plainTextOf } from '../../../src/domain/text/rich-text.js';
import type { DirectoryPort } from '../../../src/ports/directory.port.js';
import { fakeDirectory as memberDirectory } from '../../support/fake-directory.js';

/** A directory of user groups that counts its lookups. */
function fakeDirectory(groups: Record<string, string[]>): DirectoryPort & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    ...memberDirectory(),
    lookups,
    usersInGroup: async (handle) => {
      lookups.push(handle);
      return groups[handle] ?? [];
    },
  };
}

describe('isMember', () => {
  it('lets anyone in when no principals are configured, without asking the directory', async () => {
    const directory = fakeDirectory({});
    expect(await isMember(undefined, 'U0ANYONE', directory)).toBe(true);
    expect(directory.lookups).toEqual([]);
  });

  it('compares user ids directly and looks no group up when the id is listed', async () => {
    // given
    const directory = fakeDirectory({ 'release-managers': [] });
    // when
    const member = await isMember(['@release-managers', 'U0BOB'], 'U0BOB', directory);
    // then
    expect(member).toBe(true);
    expect(directory.lookups).toEqual([]);
  });

  it('finds a user through a user group handle', async () => {
    const directory = fakeDirectory({ 'release-managers': ['U0CAROL', 'U0DAVE'] });
    expect(await isMember(['U0BOB', '@release-managers'], 'U0CAROL', directory)).toBe(true);
    expect(directory.lookups).toEqual(['release-managers']);
  });

  it('refuses someone in neither the ids nor the groups, and an unknown group has no members', async () => {
    const directory = fakeDirectory({ 'release-managers': ['U0CAROL'] });
    expect(await isMember(['U0BOB', '@release-managers', '@nobody-here'], 'U0MALLORY', directory)).toBe(false);
    expect(directory.lookups).toEqual(['release-managers', 'nobody-here']);
  });

  it('looks each group up once per call, and once across calls that share a cache', async () => {
    // given
    const directory = fakeDirectory({ sre: ['U0SRE'] });
    const cache = new Map<string, Promise<string[]>>();
    // when
    await isMember(['@sre', '@sre'], 'U0X', directory);
    await isMember(['@sre'], 'U0X', directory, cache);
    await isMember(['@sre'], 'U0SRE', directory, cache);
    // then
    expect(directory.lookups).toEqual(['sre', 'sre']);
  });

  it('passes a directory failure on to the caller instead of letting someone in', async () => {
    const failing: DirectoryPort = { ...memberDirectory(), usersInGroup: async () => Promise.reject(new Error('Slack usergroups.users.list: ratelimited')) };
    await expect(isMember(['@sre'], 'U0X', failing)).rejects.toThrow('ratelimited');
  });
});

describe('describePrincipals', () => {
  it('names groups by handle and users as mentions', () => {
    expect(describePrincipals(['U0BOB'])).toBe('<@U0BOB>');
    expect(describePrincipals(['@release-managers', 'U0BOB'])).toBe('@release-managers or <@U0BOB>');
    expect(describePrincipals(['@sre', 'U0BOB', 'W0CAROL'])).toBe('@sre, <@U0BOB> or <@W0CAROL>');
  });
});

describe('principalsText', () => {
  it('names groups by handle and users as mentions, the last after "or"', () => {
    // when
    const one = principalsText(['U0BOB']);
    const three = principalsText(['@sre', 'U0BOB', 'W0CAROL']);
    // then
    expect(one.parts).toEqual([{ kind: 'mention', userId: 'U0BOB' }]);
    expect(three.parts).toEqual([
      { kind: 'plain', text: '@sre' },
      { kind: 'markup', text: ', ' },
      { kind: 'mention', userId: 'U0BOB' },
      { kind: 'markup', text: ' or ' },
      { kind: 'mention', userId: 'W0CAROL' },
    ]);
    expect(plainTextOf(principalsText(['@release-managers', 'U0BOB']))).toBe('@release-managers or @U0BOB');
  });
});
