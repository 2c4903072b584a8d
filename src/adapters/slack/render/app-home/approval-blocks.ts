import type { ActionsBlock, Block } from '../../blocks/block-kit.js';
import { actions, button, confirmDialog, context, section } from '../../blocks/builders.js';
import { truncate } from '../../blocks/truncate.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../approval-card.js';
import type { HomePendingApproval } from './app-home-view.js';
import { bold, inline, person, utcMinute } from './home-text.js';

/** Approvals shown with buttons (two blocks each); the rest fold into a count line. */
export const MAX_APPROVALS = 10;
const TITLE_MAX = 150;

/** The Home tab's block_id of a request's buttons: unique within the view, distinct from the card's. */
export const homeApprovalBlockId = (requestId: string): string => truncate(`home-approval:${requestId}`, 255);

/**
 * The requests the viewer may act on, each a line and Approve / Reject
 * buttons carrying the request id as the approval card's do. At most
 * 2 × MAX_APPROVALS + 1 blocks.
 */
export function approvalBlocks(approvals: readonly HomePendingApproval[]): Block[] {
  if (approvals.length === 0) return [context('Nothing is waiting for your approval.')];
  const blocks: Block[] = [];
  for (const approval of approvals.slice(0, MAX_APPROVALS)) {
    blocks.push(section(approvalLine(approval)), approvalButtons(approval));
  }
  const hidden = approvals.length - MAX_APPROVALS;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more waiting for your approval, on their cards in the channel`));
  return blocks;
}

function approvalLine(approval: HomePendingApproval): string {
  const title = bold(truncate(approval.title, TITLE_MAX));
  return `${title}\nasked by ${person(approval.requestedBy)} · expires ${utcMinute(approval.expiresAt)}`;
}

function approvalButtons(approval: HomePendingApproval): ActionsBlock {
  const [yes, no] = approval.promote ? ['Promote', 'Abort'] : ['Approve', 'Reject'];
  const confirm = approval.protected
    ? confirmDialog(
        `${yes} in ${approval.environment}?`,
        `${inline(truncate(approval.title, TITLE_MAX))}: ${bold(truncate(approval.environment, 60))} is a protected environment.`,
        yes,
        'Go back',
        'primary',
      )
    : undefined;
  const approve = button(yes, APPROVE_ACTION_ID, { value: approval.requestId, style: 'primary', ...(confirm ? { confirm } : {}) });
  const reject = button(no, REJECT_ACTION_ID, { value: approval.requestId, style: 'danger' });
  return { ...actions(approve, reject), block_id: homeApprovalBlockId(approval.requestId) };
}
