import { checklist, stageStates } from '../../domain/releases/release-checklist.js';
import type { RichText } from '../../domain/text/rich-text.js';
import type { ChecklistEditor } from './checklist-editor.js';
import type { StageContext } from './stages/stage-context.js';

/** The lock a running release holds on each service it deploys, so no /deploy slips in between its stages. */
export const releaseLockHolder = (requestId: string): string => `release ${requestId}`;

/** What every step of one release shares. */
export type ReleaseContext = Omit<StageContext, 'index'> & { card: ChecklistEditor; header(): RichText };

export function showChecklist(context: ReleaseContext, finished = false): RichText {
  const { plan, journal } = context;
  const failed = journal.progress.failure?.stage;
  const rolledBack = new Set(journal.progress.rolledBack);
  const undone = plan.stages.flatMap((s, i) => (s.type === 'deploy' && i !== failed && s.services.some((x) => rolledBack.has(x)) ? [i] : []));
  const states = stageStates(plan.stages, { from: plan.from, stage: journal.progress.stage, finished, undone, ...(failed !== undefined ? { failed } : {}) });
  return checklist(plan.stages, states);
}

export function audit(context: Pick<ReleaseContext, 'request' | 'journal' | 'deps'>, action: string, detail: string): Promise<void> {
  const { deps, request, journal } = context;
  return deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action, environment: request.environment, subject: journal.run.id, detail });
}
