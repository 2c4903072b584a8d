import { randomBytes } from 'node:crypto';
import type { ActionKind, ApprovalRequest } from '../../ports/store.port.js';
import type { PolicyRule } from './policy-for.js';

/** 32 characters without the look-alikes 0/o and 1/l, so an id read aloud or retyped for /shipmate cancel survives. */
export const REQUEST_ID_ALPHABET = '23456789abcdefghijkmnpqrstuvwxyz';
const REQUEST_ID_LENGTH = 6;

/** e.g. "b7k2q9". 32 divides 256, so masking each random byte keeps every character equally likely. */
export function newRequestId(random: (size: number) => Uint8Array = randomBytes): string {
  return Array.from(random(REQUEST_ID_LENGTH), (byte) => REQUEST_ID_ALPHABET[byte & 31]!).join('');
}

export interface NewRequestInput {
  action: ActionKind;
  environment: string;
  requestedBy: string;
  payload: Record<string, unknown>;
  channelId: string;
  rule: PolicyRule;
  now: Date;
  ttlMinutes: number;
  id?: string;
}

/** A pending request that needs `rule.approvals` distinct approvals before it expires. */
export function newRequest(input: NewRequestInput): ApprovalRequest {
  return {
    id: input.id ?? newRequestId(),
    action: input.action,
    environment: input.environment,
    requestedBy: input.requestedBy,
    requestedAt: new Date(input.now),
    expiresAt: new Date(input.now.getTime() + input.ttlMinutes * 60_000),
    status: 'pending',
    requiredApprovals: input.rule.approvals,
    approvals: [],
    payload: input.payload,
    channelId: input.channelId,
    version: 1,
  };
}
