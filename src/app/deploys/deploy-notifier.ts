import type { RolloutOutcome } from '../../domain/deploys/watch-rollout.js';
import type { VerifyRun } from '../../domain/verify/run-smoke-tests.js';
import type { ApprovalRequest } from '../../ports/store.port.js';

/** Where a deploy's progress goes: a thread under its approval card, the card's status line, the channel for failures. */
export interface DeployNotifier {
  /** A line in the card's thread. */
  progress(request: ApprovalRequest, text: string): Promise<void>;
  /** The card's own status line (edited, at most once per 3 s by the caller). */
  status(request: ApprovalRequest, line: string): Promise<void>;
  /** A failure: in the thread and broadcast to the channel. */
  failure(request: ApprovalRequest, text: string): Promise<void>;
  /** The /verify table after a deploy, in the thread; with a rollback offer when it failed. */
  verified(request: ApprovalRequest, run: VerifyRun, rollbackRequest?: ApprovalRequest): Promise<void>;
}

export function describeOutcome(outcome: RolloutOutcome): string {
  switch (outcome.kind) {
    case 'succeeded':
      return outcome.message;
    case 'failed':
      return `${outcome.reason}: ${outcome.message}${outcome.events.length ? `\nLast events:\n${outcome.events.map((e) => `• ${e}`).join('\n')}` : ''}`;
    case 'deadline':
    case 'timeout':
      return outcome.message;
  }
}
