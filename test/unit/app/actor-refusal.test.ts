import { describe, expect, it } from 'vitest';
import { actorRefusal } from '../../../src/app/identity/actor-refusal.js';
import { fakeDirectory, HOME_TEAM } from '../../support/fake-directory.js';

const directory = fakeDirectory({
  users: {
    U0GUEST: { isGuest: true },
    U0BOTTY: { isBot: true },
    U0EXTERNAL: { teamId: 'T0OTHER' },
    U0NOTEAM: { teamId: undefined },
  },
});

describe('actorRefusal (who may approve, request, lock, unlock, cancel, verify)', () => {
  it('lets a full member of the home team through', async () => {
    expect(await actorRefusal({ userId: 'U0ALICE', teamId: HOME_TEAM }, 'approve', directory)).toBeUndefined();
  });

  it.each([
    ['a guest', { userId: 'U0GUEST', teamId: HOME_TEAM }, 'guest accounts may not approve'],
    ['a bot user', { userId: 'U0BOTTY', teamId: HOME_TEAM }, 'bots may not approve'],
    ['a payload from a bot', { userId: 'U0ALICE', viaBot: true }, 'bots may not approve'],
    ['a payload without a user', { userId: undefined }, 'bots may not approve'],
    ['a member of another team (users.info)', { userId: 'U0EXTERNAL', teamId: HOME_TEAM }, 'members of another Slack team (Slack Connect) may not approve'],
    ['a member of another team (the payload)', { userId: 'U0ALICE', teamId: 'T0OTHER' }, 'members of another Slack team (Slack Connect) may not approve'],
    ['an account users.info names no team for', { userId: 'U0NOTEAM' }, 'members of another Slack team (Slack Connect) may not approve'],
  ])('refuses %s', async (_who, actor, refusal) => {
    expect(await actorRefusal(actor, 'approve', directory)).toBe(refusal);
  });

  it('refuses when Slack cannot say who it is, rather than letting them in', async () => {
    // given
    const failing = fakeDirectory({ failing: true });
    // when
    const refusal = await actorRefusal({ userId: 'U0ALICE', teamId: HOME_TEAM }, 'lock deploys', failing);
    // then
    expect(refusal).toBe('cannot tell who you are right now (Slack users.info: cannot reach Slack (ECONNREFUSED)), so you may not lock deploys; try again in a minute');
  });

  it('counts another workspace of the same Enterprise Grid organization as home', async () => {
    const grid = { ...fakeDirectory({ users: { U0SIBLING: { teamId: 'T0SIBLING', enterpriseId: 'E0ORG' } } }), homeTeam: async () => ({ teamId: HOME_TEAM, enterpriseId: 'E0ORG' }) };
    expect(await actorRefusal({ userId: 'U0SIBLING', teamId: 'E0ORG' }, 'approve', grid)).toBeUndefined();
  });
});
