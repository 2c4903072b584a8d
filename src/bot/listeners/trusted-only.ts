import { requireTrustedActor } from '../../app/identity/actor-refusal.js';
import type { BotDeps } from '../bot-deps.js';
import type { SlashHandler } from './slash-listener.js';

/** A command only full members of the bot's own team may run (not guests, bots or Slack Connect members); others get a usage line. */
export function trustedOnly<Args>(what: string, handler: SlashHandler<Args>, deps: Pick<BotDeps, 'directory'>): SlashHandler<Args> {
  return async (context) => {
    await requireTrustedActor({ userId: context.userId, teamId: context.teamId }, what, deps.directory);
    await handler(context);
  };
}
