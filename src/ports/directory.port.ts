/** Who is in a Slack user group (for policies that name "@release-managers"). */
export interface DirectoryPort {
  /** Member user ids of the group with that handle (without the @); empty when no such group. */
  usersInGroup(handle: string): Promise<string[]>;
}
