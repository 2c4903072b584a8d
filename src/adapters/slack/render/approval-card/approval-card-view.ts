import type { ApprovalRequest } from '../../../../ports/store.port.js';

export type PreflightStatus = 'pass' | 'warn' | 'fail' | 'error';

export interface PreflightLine {
  status: PreflightStatus;
  /** e.g. "quota \"Concurrently running builds for Linux/Small environment\" 20, 2 running: 18 free" */
  text: string;
}

/**
 * Everything the approval card shows, as plain data. Text is plain (the
 * renderer escapes it; `code spans` and user mentions like <@U0BOB> are kept).
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
  policyLine: string;
  /** What happened after the decision, e.g. "Build started: 3 builds" or "Failed to start: …". */
  outcome?: string;
}
