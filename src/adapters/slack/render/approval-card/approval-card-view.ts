import type { RichValue } from '../../../../domain/text/rich-text.js';
import type { ApprovalRequest } from '../../../../ports/store.port.js';

export type PreflightStatus = 'pass' | 'warn' | 'fail' | 'error';

export interface PreflightLine {
  status: PreflightStatus;
  /** e.g. "quota \"Concurrently running builds for Linux/Small environment\" 20, 2 running: 18 free" */
  text: string;
}

/**
 * Everything the approval card shows, as plain data. A string is a domain
 * sentence (plain text but its `code spans`; the title, changes, preflight
 * and policy line keep <@U0BOB> mentions too, see sentenceWithMentionsToRich);
 * text holding anything a user or a cluster wrote is RichText.
 */
export interface ApprovalCardView {
  request: ApprovalRequest;
  /** e.g. "Build 1.1.0 of backend, frontend in staging" */
  title: string;
  /** What will change, one line each: project, source version, current latest image per service. */
  changes: readonly string[];
  /** Preflight results, e.g. the quota headroom from readiness. */
  preflight: readonly PreflightLine[];
  /** The environment is protected: Approve asks for confirmation. */
  protected: boolean;
  /** Who may approve and how many, e.g. from policyLine(). */
  policyLine: RichValue;
  /** What happened after the decision, e.g. "Build started: 3 builds" or "Failed to start: …". */
  outcome?: RichValue;
}
