import { formatClock } from '../../../domain/approvals/format-clock.js';
import type { ApprovalRequest } from '../../../ports/store.port.js';
import type { ActionsBlock, Block } from '../blocks/block-kit.js';
import { actions, button, confirmDialog, context, header, section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { fitLines } from '../blocks/fit-lines.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncate } from '../blocks/truncate.js';
import { richOrSentence, toMrkdwn } from '../blocks/to-mrkdwn.js';
import { truncateMrkdwn } from '../blocks/truncate-mrkdwn.js';
import type { ApprovalCardView, PreflightStatus } from './approval-card/approval-card-view.js';
import { approvalsSoFar, decisionLines, STATUS_LABEL } from './approval-card/decision-lines.js';

export type { ApprovalCardView, PreflightLine, PreflightStatus } from './approval-card/approval-card-view.js';

/*
 * Bounds that keep the whole card under Block Kit's 12,000-character text
 * budget however long the lists are: two lists, decisions, outcome and footer.
 */
const LINE_MAX = 400;
const LIST_BUDGET = 2800;
const DECISIONS_BUDGET = 2000;
const OUTCOME_MAX = 1000;
const FOOTER_MAX = 600;
const TITLE_MAX = 150;

const PREFLIGHT_EMOJI: Record<PreflightStatus, string> = {
  pass: ':white_check_mark:',
  warn: ':warning:',
  fail: ':x:',
  error: ':grey_question:',
};

/** The action ids the approval listener answers to; the button's value is the request id. */
export const APPROVE_ACTION_ID = 'approve';
export const REJECT_ACTION_ID = 'reject';
export const approvalBlockId = (requestId: string): string => `approval:${requestId}`;

/**
 * The approval card (SPEC §4): who asked, what will change, the preflight
 * result and who may approve; Approve and Reject while pending (Approve
 * confirmed in a protected environment); afterwards the same card without
 * buttons, a line per decision and the outcome.
 */
export function renderApprovalCard(view: ApprovalCardView): SlackMessage {
  const { request } = view;
  const blocks: Block[] = [header(view.title), section(statusText(view))];
  if (view.changes.length > 0) {
    blocks.push(section(listText('*What will change*', view.changes.map((line) => `• ${plain(line)}`))));
  }
  if (view.preflight.length > 0) {
    blocks.push(section(listText('*Preflight*', view.preflight.map((p) => `${PREFLIGHT_EMOJI[p.status]} ${plain(p.text)}`))));
  }
  const decisions = decisionLines(request);
  if (decisions.length > 0) blocks.push(section(fitLines(decisions[0]!, decisions.slice(1), DECISIONS_BUDGET, more)));
  if (view.outcome) blocks.push(section(toMrkdwn(richOrSentence(view.outcome), OUTCOME_MAX)));
  blocks.push(context(toMrkdwn(richOrSentence(view.policyLine, { mentions: true }), FOOTER_MAX), footerText(view)));
  if (request.status === 'pending') blocks.push(approvalButtons(view));
  return { text: fallbackText(view), blocks };
}

function statusText(view: ApprovalCardView): string {
  const { request } = view;
  const asked = `asked by <@${request.requestedBy}> at ${formatClock(request.requestedAt)}`;
  if (request.status !== 'pending') return `${STATUS_LABEL[request.status]} · ${asked}`;
  const waiting = request.action === 'promote' ? ':hourglass_flowing_sand: *Waiting for Promote or Abort*' : STATUS_LABEL.pending;
  const lines = [`${waiting} · ${asked} · expires at ${formatClock(request.expiresAt, request.requestedAt)}`];
  if (request.requiredApprovals > 1 || request.approvals.length > 0) lines.push(approvalsSoFar(request));
  if (view.protected) lines.push(`:lock: *${escapeMrkdwn(request.environment)}* is protected: ${labelsOf(request).approve} asks you to confirm.`);
  return lines.join('\n');
}

function listText(head: string, lines: readonly string[]): string {
  return fitLines(head, lines.map((line) => truncateMrkdwn(line, LINE_MAX)), LIST_BUDGET, more);
}

function footerText(view: ApprovalCardView): string {
  const id = `\`${escapeMrkdwn(view.request.id)}\``;
  // A pause is ended with its buttons (Abort), not withdrawn by id.
  return view.request.status === 'pending' && view.request.action !== 'promote' ? `request ${id} · \`/shipmate cancel ${escapeMrkdwn(view.request.id)}\` withdraws it` : `request ${id}`;
}

/** A canary's pause (SPEC §11) is decided with Promote and Abort; everything else with Approve and Reject. */
const BUTTON_LABELS = {
  approval: { approve: 'Approve', reject: 'Reject' },
  promote: { approve: 'Promote', reject: 'Abort' },
} as const;

const labelsOf = (request: ApprovalRequest) => BUTTON_LABELS[request.action === 'promote' ? 'promote' : 'approval'];

function approvalButtons(view: ApprovalCardView): ActionsBlock {
  const { request } = view;
  const labels = labelsOf(request);
  const confirm = view.protected
    ? confirmDialog(
        `${labels.approve} in ${request.environment}?`,
        `${labels.approve} ${lowerFirst(plain(truncate(view.title, TITLE_MAX)))}? *${escapeMrkdwn(request.environment)}* is a protected environment.`,
        labels.approve,
        'Go back',
        'primary',
      )
    : undefined;
  const approve = button(labels.approve, APPROVE_ACTION_ID, { value: request.id, style: 'primary', ...(confirm ? { confirm } : {}) });
  const reject = button(labels.reject, REJECT_ACTION_ID, { value: request.id, style: 'danger' });
  return { ...actions(approve, reject), block_id: approvalBlockId(request.id) };
}

/** The notification: "Approval needed: Build 1.1.0 of backend in production (asked by <@U0ALICE>)". */
function fallbackText(view: ApprovalCardView): string {
  const title = plain(truncate(view.title, TITLE_MAX));
  const { request } = view;
  if (request.status === 'pending' && request.action === 'promote') return `Promote or abort: ${title}`;
  if (request.status === 'pending') return `Approval needed: ${title} (asked by <@${request.requestedBy}>)`;
  const status = request.status.charAt(0).toUpperCase() + request.status.slice(1);
  return `${status}: ${title}`;
}

const plain = (text: string): string => toMrkdwn(richOrSentence(text, { mentions: true }));
const more = (left: number): string => `…and ${left} more`;
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
