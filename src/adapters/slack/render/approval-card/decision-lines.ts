import { formatClock } from '../../../../domain/approvals/format-clock.js';
import type { ApprovalRequest } from '../../../../ports/store.port.js';
import { toMrkdwn } from '../../blocks/to-mrkdwn.js';

const REASON_MAX = 500;

/** The status in a few words with its emoji, for the card's first line and the notification. */
export const STATUS_LABEL = {
  pending: ':hourglass_flowing_sand: *Waiting for approval*',
  approved: ':white_check_mark: *Approved*',
  rejected: ':x: *Rejected*',
  cancelled: ':heavy_multiplication_x: *Cancelled*',
  expired: ':alarm_clock: *Expired*',
} as const;

/** "1 of 2 approvals: <@U0BOB>" while a request still needs more. */
export function approvalsSoFar(request: ApprovalRequest): string {
  const who = request.approvals.map((a) => `<@${a.userId}>`).join(', ');
  return `${request.approvals.length} of ${request.requiredApprovals} approvals${who ? `: ${who}` : ''}`;
}

/**
 * One line per decision on a decided request: each approval of an approved
 * one; otherwise the approvals it had gathered, then who ended it, when and why.
 */
export function decisionLines(request: ApprovalRequest): string[] {
  const at = (date: Date) => formatClock(date, request.requestedAt);
  const by = request.decidedBy ? `<@${request.decidedBy}>` : 'someone';
  const why = request.reason ? ` — ${toMrkdwn(request.reason, REASON_MAX)}` : '';
  if (request.action === 'promote' && request.status !== 'expired') return promoteLines(request, at, by, why);
  switch (request.status) {
    case 'pending':
      return [];
    case 'approved':
      return request.approvals.map((a) => `:white_check_mark: Approved by <@${a.userId}> at ${at(a.at)}`);
    case 'rejected':
      return [...gathered(request), `:x: Rejected by ${by} at ${at(request.decidedAt ?? request.expiresAt)}${why}`];
    case 'cancelled':
      return [...gathered(request), `:heavy_multiplication_x: Cancelled by ${by} at ${at(request.decidedAt ?? request.expiresAt)}${why}`];
    case 'expired':
      return [...gathered(request), `:alarm_clock: Expired at ${at(request.expiresAt)} without enough approvals`];
  }
}

function gathered(request: ApprovalRequest): string[] {
  return request.approvals.length > 0 ? [approvalsSoFar(request)] : [];
}

/** A canary's pause: the approvals are Promote clicks, a rejection or withdrawal is an Abort. */
function promoteLines(request: ApprovalRequest, at: (date: Date) => string, by: string, why: string): string[] {
  if (request.status === 'pending') return [];
  if (request.status === 'approved') return request.approvals.map((a) => `:fast_forward: Promoted by <@${a.userId}> at ${at(a.at)}`);
  return [...gathered(request), `:octagonal_sign: Aborted by ${by} at ${at(request.decidedAt ?? request.expiresAt)}${why}`];
}
