/** Who someone is in Slack: the groups policies name ("@release-managers"), and what kind of account clicked or asked. */
export interface DirectoryPort {
  /** Member user ids of the group with that handle (without the @); empty when no such group. */
  usersInGroup(handle: string): Promise<string[]>;
  /** The account behind a user id (users.info); rejects when Slack cannot say. */
  userInfo(userId: string): Promise<SlackUserInfo>;
  /** The team (and Enterprise Grid organization) the bot is installed in (auth.test). */
  homeTeam(): Promise<SlackTeam>;
}

export interface SlackUserInfo {
  /** A guest: single-channel (ultra restricted) or multi-channel (restricted). */
  isGuest: boolean;
  /** A bot user or an app user. */
  isBot: boolean;
  /** The team the account belongs to; another one for a Slack Connect member. */
  teamId?: string;
  /** The Enterprise Grid organization of the account, when it belongs to one. */
  enterpriseId?: string;
}

export interface SlackTeam {
  teamId: string;
  enterpriseId?: string;
}
