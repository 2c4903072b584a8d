import type { ReleasePorts } from '../../../domain/releases/release-ports.js';
import type { RichText, RichValue } from '../../../domain/text/rich-text.js';
import type { ApprovalRequest } from '../../../ports/store.port.js';
import type { ReleaseDeps, ReleaseRequestPayload } from '../release-deps.js';
import type { RunJournal } from '../release-progress.js';

/** What a stage of a running release works with. */
export interface StageContext {
  request: ApprovalRequest;
  plan: ReleaseRequestPayload;
  index: number;
  journal: RunJournal;
  deps: ReleaseDeps;
  ports: ReleasePorts;
  /** A line in the release's thread. */
  say(text: RichValue): Promise<void>;
}

/** How a stage ended: its line for the thread, or why it failed (one line) with what to quote. */
export type StageResult = { ok: true; summary: RichText } | { ok: false; reason: string; detail?: RichText };

/** The pinned image the release runs for `service`: planned at request time, or made by one of its build stages. */
export function releaseImageOf(context: Pick<StageContext, 'plan' | 'journal'>, service: string): string | undefined {
  return context.plan.services.find((s) => s.service === service)?.image ?? context.journal.progress.images.find((i) => i.service === service)?.image;
}

/** A watch's signal that also ends with the release's own (a hand-over). */
export function linkedAbort(parent: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}
