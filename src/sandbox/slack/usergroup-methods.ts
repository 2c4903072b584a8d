import type { WorldSlack } from '../world.js';
import { SlackApiError } from './slack-api-error.js';
import type { WebApiMethod } from './web-api-method.js';

type WorldUsergroup = NonNullable<WorldSlack['usergroups']>[number];

/** When every sandbox group was created and last changed (the world does not say). */
const CREATED_AT_SECONDS = 1_700_000_000;

/** The workspace's user groups, as usergroup objects; members only with include_users. */
export const usergroupsList: WebApiMethod = {
  token: 'bot',
  scope: 'usergroups:read',
  run({ workspace: { world }, args }) {
    const includeUsers = args.boolean('include_users');
    return { usergroups: (world.usergroups ?? []).map((group) => usergroupObject(group, world.teamId, includeUsers)) };
  },
};

/** The member ids of one group; no_such_subteam for an id the workspace does not have. */
export const usergroupsUsersList: WebApiMethod = {
  token: 'bot',
  scope: 'usergroups:read',
  run({ workspace: { world }, args }) {
    const id = args.string('usergroup');
    if (!id) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: usergroup'] } });
    const group = world.usergroups?.find((g) => g.id === id);
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },
};

function usergroupObject(group: WorldUsergroup, teamId: string, includeUsers: boolean): Record<string, unknown> {
  return {
    id: group.id,
    team_id: teamId,
    is_usergroup: true,
    is_subteam: true,
    name: friendlyName(group.handle),
    description: '',
    handle: group.handle,
    is_external: false,
    date_create: CREATED_AT_SECONDS,
    date_update: CREATED_AT_SECONDS,
    date_delete: 0,
    auto_type: null,
    created_by: group.users[0] ?? 'USLACKBOT',
    updated_by: group.users[0] ?? 'USLACKBOT',
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(includeUsers ? { users: [...group.users] } : {}),
    user_count: group.users.length,
  };
}

/** The world names groups by handle only: "release-managers" shows as "Release Managers". */
function friendlyName(handle: string): string {
  return handle
    .split(/[-_.]/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
