import type { SlackMessage } from '../adapters/slack/blocks/slack-message.js';
import { renderApprovalCard, type PreflightLine } from '../adapters/slack/render/approval-card.js';
import type { BuildRequestPayload } from '../app/builds/build-request-payload.js';
import type { RichValue } from '../domain/text/rich-text.js';
import type { ApprovalRequest } from '../ports/store.port.js';

/** The approval card of a build request as it stands, drawn from what the request stores. */
export function approvalCardMessage(request: ApprovalRequest, outcome?: RichValue): SlackMessage {
  const { card } = request.payload as unknown as BuildRequestPayload;
  return renderApprovalCard({
    request,
    title: card.title,
    changes: card.changes,
    preflight: card.preflight.filter((p): p is PreflightLine => p.status !== 'skip'),
    protected: card.protected,
    policyLine: card.policyLine,
    ...(outcome ? { outcome } : {}),
  });
}
