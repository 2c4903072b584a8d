import type { BuildArgs } from '../../../commands/build.js';
import { createBuildRequest, validateBuild } from '../../app/builds/request-build.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import type { BotDeps } from '../bot-deps.js';
import { postApprovalCard } from '../post-approval-card.js';
import type { SlashHandler } from './slash-listener.js';

/**
 * /build <version> [service…|all] [env]: validated without any AWS call
 * (bad input is answered, and audited by the slash listener), acked, then the preflight
 * runs, the request is stored and the approval card posted.
 */
export function buildListener(deps: BotDeps): SlashHandler<BuildArgs> {
  return async ({ args, ack, post, userId, channelId }) => {
    const plan = await validateBuild(args, userId, deps);
    await ack(renderNote(`:hourglass_flowing_sand: Checking ${plan.payload.services.map((s) => s.service).join(', ')} before asking for approval…`));
    const request = await createBuildRequest(plan, userId, channelId, deps);
    await postApprovalCard(request, post, deps);
  };
}
