import type { DirectoryPort, SlackUserInfo } from '../../src/ports/directory.port.js';

export const HOME_TEAM = 'T0SANDBOX';

/**
 * A directory of the home team: `groups` by handle, and everyone a full
 * member unless `users` says otherwise; `failing` makes users.info reject.
 */
export function fakeDirectory(
  options: { groups?: Record<string, string[]>; users?: Record<string, Partial<SlackUserInfo>>; failing?: boolean } = {},
): DirectoryPort & { userLookups: string[] } {
  const userLookups: string[] = [];
  return {
    userLookups,
    usersInGroup: async (handle) => options.groups?.[handle] ?? [],
    userInfo: async (userId) => {
      userLookups.push(userId);
      if (options.failing) throw new Error('Slack users.info: cannot reach Slack (ECONNREFUSED)');
      return { isGuest: false, isBot: false, teamId: HOME_TEAM, ...options.users?.[userId] };
    },
    homeTeam: async () => ({ teamId: HOME_TEAM }),
  };
}
