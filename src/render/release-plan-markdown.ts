import { cell } from './markdown-report.js';
import { cardSections, type ReleasePlanView } from './release-plan-formats.js';

const BADGE = { fail: '❌ fail', error: '⛔ error', warn: '⚠️ warn', skip: '⏭️ skip', pass: '✅ pass' } as const;

/** The plan as GitHub-flavoured Markdown for a pull-request comment or a job summary. */
export function renderReleasePlanMarkdown(view: ReleasePlanView): string {
  const { plan, card } = view;
  const { stages, services, notes } = cardSections(view);
  const list = (items: readonly string[]) => items.map((text) => `- ${cell(text)}`);
  const lines = [
    `### shipmate release plan · ${cell(plan.environment)} · version ${cell(plan.version)}`,
    '',
    plan.blockers.length > 0 ? `**❌ BLOCKED** · ${plan.blockers.length} blocker${plan.blockers.length === 1 ? '' : 's'}` : '**✅ READY** · no blockers: it can be approved',
    '',
  ];
  if (plan.blockers.length > 0) lines.push('#### Blockers', '', ...list(plan.blockers), '');
  lines.push('#### Stages', '', ...stages.map((s, i) => `${i + 1}. ${cell(s.slice(s.indexOf(' ') + 1))}`), '');
  lines.push('#### Images (current → target)', '', ...list([...services, ...notes]), '');
  if (plan.preflight.length > 0) {
    lines.push('#### Preflight', '', '| Status | Service | Check |', '| --- | --- | --- |');
    lines.push(...plan.preflight.map((l) => `| ${BADGE[l.status]} | ${cell(l.service)} | ${cell(l.text)} |`), '');
  }
  lines.push(cell(card.policyLine), '');
  return lines.join('\n');
}
