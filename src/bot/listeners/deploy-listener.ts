import type { DeployArgs } from '../../../commands/deploy.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import { createDeployRequest, validateDeploy } from '../../app/deploys/request-deploy.js';
import type { BotDeps } from '../bot-deps.js';
import { postApprovalCard } from '../post-approval-card.js';
import type { SlashHandler } from './slash-listener.js';

/**
 * /deploy <service> <version> [env] [--override]: checked without any AWS or
 * Kubernetes call (arguments, policy, lock, freeze window), acked, then the
 * preflight runs on the image and the approval card is posted.
 */
export function deployListener(deps: BotDeps): SlashHandler<DeployArgs> {
  return async ({ args, ack, post, userId, channelId }) => {
    const plan = await validateDeploy(args, userId, deps);
    await ack(renderNote(`:mag: Checking ${plan.service} ${plan.version} for ${plan.environment} before asking for approval…`));
    const request = await createDeployRequest(plan, userId, channelId, deps);
    await postApprovalCard(request, post, deps);
  };
}
