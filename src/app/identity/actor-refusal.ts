import type { DirectoryPort } from '../../ports/directory.port.js';
import { Refusal } from '../../usage-error.js';

/** Who clicked or asked, as Slack's payload says: the user id, and the team the payload names for them. */
export interface Actor {
  userId: string | undefined;
  /** The team the payload puts the user in (a click's user.team_id, a command's team_id). */
  teamId?: string;
  /** Set when the payload came from a bot (a bot_id, or no user at all). */
  viaBot?: boolean;
}

/**
 * Why this actor may not approve, request, lock, unlock, cancel or verify, or
 * undefined when they may (SPEC §4): only full members of the team the bot is
 * installed in count. Bots, guests (users.info is_restricted /
 * is_ultra_restricted) and Slack Connect members of another team are refused,
 * and so is anyone when Slack cannot say who they are: a lookup that fails
 * refuses, it never allows.
 */
export async function actorRefusal(actor: Actor, what: string, directory: DirectoryPort): Promise<string | undefined> {
  if (!actor.userId || actor.viaBot) return `bots may not ${what}`;
  let info: Awaited<ReturnType<DirectoryPort['userInfo']>>;
  let home: Awaited<ReturnType<DirectoryPort['homeTeam']>>;
  try {
    [info, home] = await Promise.all([directory.userInfo(actor.userId), directory.homeTeam()]);
  } catch (error) {
    return `cannot tell who you are right now (${firstLine(error)}), so you may not ${what}; try again in a minute`;
  }
  if (info.isBot) return `bots may not ${what}`;
  const ours = (teamId: string | undefined, enterpriseId?: string) =>
    teamId === home.teamId || (home.enterpriseId !== undefined && (teamId === home.enterpriseId || enterpriseId === home.enterpriseId));
  const foreignPayload = actor.teamId !== undefined && !ours(actor.teamId);
  const foreignAccount = !ours(info.teamId, info.enterpriseId);
  if (foreignPayload || foreignAccount) return `members of another Slack team (Slack Connect) may not ${what}`;
  if (info.isGuest) return `guest accounts may not ${what}`;
  return undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!.slice(0, 200);
}

/** The same rule for a command: a refusal is a UsageError (an ephemeral line, audited, nothing else happens). */
export async function requireTrustedActor(actor: Actor, what: string, directory: DirectoryPort): Promise<void> {
  const refusal = await actorRefusal(actor, what, directory);
  if (refusal) throw new Refusal(refusal);
}
