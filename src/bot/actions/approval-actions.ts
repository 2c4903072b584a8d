import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackMessage } from '../../adapters/slack/blocks/slack-message.js';
import { respondEphemeral } from '../respond-ephemeral.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../adapters/slack/render/approval-card.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import { renderRefusal } from '../../adapters/slack/render/refusal.js';
import { decideOnRequest } from '../../app/decide-on-request.js';
import { actorRefusal } from '../../app/identity/actor-refusal.js';
import { rich } from '../../domain/text/rich-text.js';
import type { ApprovalDecision } from '../../ports/metrics.port.js';
import type { BotDeps } from '../bot-deps.js';

/**
 * Approve and Reject on approval cards. The click is acked before anything
 * else (Slack's 3 s, SPEC §8's 100 ms); the decision is taken once in the
 * store; whoever may not decide, or clicks too late, is told why, only them.
 */
export function registerApprovalActions(app: App, deps: BotDeps): void {
  for (const [actionId, kind] of [
    [APPROVE_ACTION_ID, 'approve'],
    [REJECT_ACTION_ID, 'reject'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>({ action_id: actionId }, async ({ ack, body, action, client, respond }) => {
      await ack();
      const userId = body.user.id;
      // A click on the App Home tab has no response_url: tell the person in the app's own DM instead.
      const answer = body.response_url
        ? (message: SlackMessage) => respondEphemeral(respond, message)
        : async (message: SlackMessage) => {
            await client.chat.postMessage({ channel: userId, text: message.text });
          };
      try {
        // Only full members of the bot's own team decide: not bots, guests or Slack Connect members of another team.
        const actor = { userId, teamId: body.user.team_id ?? body.team?.id, viaBot: 'bot_id' in body.user };
        const untrusted = await actorRefusal(actor, `${kind} requests`, deps.directory);
        if (untrusted) {
          deps.metrics.approvalDecided(kind, 'refused');
          await answer(renderRefusal(untrusted));
          return;
        }
        const result = await decideOnRequest(action.value ?? '', { kind, userId }, deps);
        deps.metrics.approvalDecided(kind, result.ok && !result.refusal ? decisionOf(result.outcome) : 'refused');
        if (!result.ok) {
          await answer(renderRefusal(result.reason));
          return;
        }
        // The card itself is redrawn through the outbox (decideOnRequest). Its ts may not be stored yet (a click right
        // after it was posted): it is the message clicked, kept so the outbox finds the card.
        const clicked = body.container?.message_ts as string | undefined;
        if (result.request && !result.request.messageTs && clicked) await rememberCardTs(deps, result.request.id, clicked);
        if (result.refusal) await answer(renderRefusal(result.refusal));
        else if (result.outcome === 'approval-recorded') {
          const missing = result.request!.requiredApprovals - result.request!.approvals.length;
          await answer(renderNote(`:ballot_box_with_check: Your approval is recorded; it needs ${missing} more.`));
        }
      } catch (error) {
        deps.logger.error(`${kind} of ${action.value} by ${userId} failed:`, error);
        await answer(renderRefusal(rich`that did not go through: ${(error as Error).message.split('\n', 1)[0] ?? ''}`)).catch(() => undefined);
      }
    });
  }
}

function decisionOf(outcome: string | undefined): ApprovalDecision {
  if (outcome === 'approved' || outcome === 'approval-recorded' || outcome === 'rejected') return outcome;
  return 'refused';
}

async function rememberCardTs(deps: BotDeps, requestId: string, ts: string): Promise<void> {
  const current = await deps.store.getRequest(requestId);
  if (current && !current.messageTs) await deps.store.updateRequest({ ...current, messageTs: ts, version: current.version + 1 });
}
