/** Names for the ids Slack text refers to, so mentions render as names as Slack shows them. */
export interface RenderContext {
  /** U0ALICE -> 'alice': <@U0ALICE> renders as "@alice". */
  users: Record<string, string>;
  /** C0RELEASES -> 'releases': <#C0RELEASES> renders as "#releases". */
  channels: Record<string, string>;
  /** S0RELEASE -> 'release-managers': <!subteam^S0RELEASE> renders as "@release-managers". */
  usergroups: Record<string, string>;
}

/** The name for an id, when the context has one (own properties only: "constructor" is not a user). */
export function nameIn(names: Record<string, string>, id: string): string | undefined {
  return Object.hasOwn(names, id) ? names[id] : undefined;
}
