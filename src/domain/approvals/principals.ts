import type { DirectoryPort } from '../../ports/directory.port.js';
import { joinRich, mention, plain, rich, type RichText } from '../text/rich-text.js';

/** Member ids per group handle, shared by lookups that belong together (one decision, one request). */
export type GroupCache = Map<string, Promise<string[]>>;

/**
 * Whether `userId` is one of `principals` (undefined means anyone). User ids
 * are compared directly, before any group is looked up; "@handle" entries are
 * resolved through the directory, each handle once per cache.
 */
export async function isMember(
  principals: readonly string[] | undefined,
  userId: string,
  directory: DirectoryPort,
  groups: GroupCache = new Map(),
): Promise<boolean> {
  if (principals === undefined) return true;
  if (principals.includes(userId)) return true;
  const handles = [...new Set(principals.filter(isGroupHandle).map((p) => p.slice(1)))];
  for (const handle of handles) {
    let members = groups.get(handle);
    if (!members) {
      members = directory.usersInGroup(handle);
      groups.set(handle, members);
    }
    if ((await members).includes(userId)) return true;
  }
  return false;
}

export const isGroupHandle = (principal: string): boolean => principal.startsWith('@');

/** "@release-managers or <@U0BOB>": how people are named in Slack mrkdwn (groups by handle, users as mentions). */
export function describePrincipals(principals: readonly string[]): string {
  const names = principals.map((p) => (isGroupHandle(p) ? p : `<@${p}>`));
  // Stryker disable next-line StringLiteral: one name or none has no separator to join with
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The same as describePrincipals, as rich text: users as mentions, group handles as plain text. */
export function principalsText(principals: readonly string[]): RichText {
  const names = principals.map((p) => (isGroupHandle(p) ? plain(p) : mention(p)));
  // Stryker disable next-line StringLiteral: one name or none has no separator to join with
  if (names.length <= 1) return joinRich(names, '');
  return rich`${joinRich(names.slice(0, -1), ', ')} or ${names.at(-1)!}`;
}
