import type { ReleaseArgs } from '../../../commands/release.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import { createReleaseRequest, validateRelease } from '../../app/releases/request-release.js';
import type { BotDeps } from '../bot-deps.js';
import { postApprovalCard } from '../post-approval-card.js';
import type { SlashHandler } from './slash-listener.js';

/**
 * /release <version> [env] [--from <stage>] [--override]: checked without any
 * call (environment, release, --from, policy), acked, then planned (images,
 * preflight, locks, freeze) and the one approval card posted.
 */
export function releaseListener(deps: BotDeps): SlashHandler<ReleaseArgs> {
  return async ({ args, ack, post, userId, channelId }) => {
    const ask = await validateRelease(args, userId, deps);
    await ack(renderNote(`:mag: Planning release ${args.version} for ${ask.environment} before asking for approval…`));
    const request = await createReleaseRequest(ask, userId, channelId, deps);
    await postApprovalCard(request, post, deps);
  };
}
