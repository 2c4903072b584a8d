import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';

/** A user mention as Slack writes it, <@U0BOB> (W… for Enterprise Grid users). Nothing else passes through. */
const USER_MENTION = /(<@[UW][A-Z0-9]+>)/;

/**
 * escapeMrkdwn for text the domain wrote with user mentions in it ("only
 * @release-managers or <@U0BOB> may approve …"): the mentions stay mentions,
 * everything else — <!channel>, links, formatting — is escaped.
 */
export function escapeKeepingMentions(text: string): string {
  return text
    .split(USER_MENTION)
    .map((part, index) => (index % 2 === 1 ? part : escapeMrkdwn(part)))
    .join('');
}
