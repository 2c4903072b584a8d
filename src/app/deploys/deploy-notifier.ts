import type { RolloutOutcome } from '../../domain/deploys/watch-rollout.js';
import { joinRich, plainTextOf, rich, type RichText, type RichValue } from '../../domain/text/rich-text.js';
import type { VerifyRun } from '../../domain/verify/run-smoke-tests.js';
import type { ApprovalRequest } from '../../ports/store.port.js';

/**
 * Where a deploy's progress goes: a thread under its approval card, the card's status line, the channel for failures.
 * Messages are RichText (`rich\`:x: The rollout of ${service} failed — ${outcomeText(outcome)}\``): markup from the
 * template, every value plain text. A string is still taken while callers move over, as a sentence shipmate wrote:
 * its <@U…> mentions and `code spans` are kept, everything else is shown as text.
 */
export interface DeployNotifier {
  /** A line in the card's thread. */
  progress(request: ApprovalRequest, text: RichValue): Promise<void>;
  /** The card's own status line (edited, at most once per 3 s by the caller). */
  status(request: ApprovalRequest, line: RichValue): Promise<void>;
  /** A failure: in the thread and broadcast to the channel. */
  failure(request: ApprovalRequest, text: RichValue): Promise<void>;
  /** The /verify table after a deploy, in the thread; with a rollback offer when it failed. */
  verified(request: ApprovalRequest, run: VerifyRun, rollbackRequest?: ApprovalRequest): Promise<void>;
}

/**
 * Why a rollout ended, in the cluster's words (reason, termination message, last
 * events), every one of them plain text. `firstLine` keeps only "reason: message".
 */
export function outcomeText(outcome: RolloutOutcome, options: { firstLine?: boolean } = {}): RichText {
  switch (outcome.kind) {
    case 'succeeded':
    case 'deadline':
    case 'timeout':
      return rich`${options.firstLine ? outcome.message.split('\n', 1)[0]! : outcome.message}`;
    case 'failed': {
      const head = rich`${outcome.reason}: ${options.firstLine ? outcome.message.split('\n', 1)[0]! : outcome.message}`;
      if (options.firstLine || outcome.events.length === 0) return head;
      return rich`${head}\nLast events:\n${joinRich(outcome.events.map((event) => rich`• ${event}`), '\n')}`;
    }
  }
}

/** The same as plain text, for logs and the terminal. Deprecated for chat: use outcomeText. */
export function describeOutcome(outcome: RolloutOutcome): string {
  return plainTextOf(outcomeText(outcome));
}
