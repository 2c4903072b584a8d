import type { GuardJudgement } from '../../../domain/guards/guard-judgement.js';
import type { Block } from '../blocks/block-kit.js';
import { section } from '../blocks/builders.js';
import { escapeEntities, escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';

const ICON: Record<GuardJudgement['outcome'], string> = { pass: '✅', breach: '❌', 'no-data': '❔', unjudged: '⚠️' };
const ROW_MAX = 160;
/** Rows shown; the rest are counted in one line (a section holds 3,000 characters). */
const ROWS_SHOWN = 15;

/**
 * /verify's metric guards (SPEC §11), below the smoke tests: one line that
 * counts them, then one row per guard with its value and threshold in a
 * code block. A breach fails /verify; no data and an unreachable Prometheus
 * are shown as such, never as a pass.
 */
export function guardBlocks(guards: readonly GuardJudgement[]): Block[] {
  if (guards.length === 0) return [];
  const rows = guards.slice(0, ROWS_SHOWN).map((g) => `${ICON[g.outcome]} ${cell(truncate(g.summary, ROW_MAX))}`);
  const more = guards.length > ROWS_SHOWN ? [`…and ${guards.length - ROWS_SHOWN} more`] : [];
  return [section(`${guardLine(guards)}\n\`\`\`\n${[...rows, ...more].join('\n')}\n\`\`\``)];
}

/** "1 metric guard breached", "2 metric guards hold", "1 metric guard not judged": for the title. */
export function guardHeadline(guards: readonly GuardJudgement[]): string {
  const breached = guards.filter((g) => g.outcome === 'breach').length;
  const unjudged = guards.filter((g) => g.outcome === 'no-data' || g.outcome === 'unjudged').length;
  if (breached > 0) return `${breached} ${noun(breached)} breached`;
  if (unjudged > 0) return `${unjudged} ${noun(unjudged)} not judged`;
  return `${guards.length} ${noun(guards.length)} ${guards.length === 1 ? 'holds' : 'hold'}`;
}

function guardLine(guards: readonly GuardJudgement[]): string {
  const count = (...outcomes: GuardJudgement['outcome'][]) => guards.filter((g) => outcomes.includes(g.outcome)).length;
  const breached = guards.find((g) => g.outcome === 'breach');
  const unjudged = count('no-data', 'unjudged');
  const parts = [count('breach') ? `${count('breach')} breached` : '', count('pass') ? `${count('pass')} ${count('pass') === 1 ? 'holds' : 'hold'}` : '', unjudged ? `${unjudged} could not be judged` : ''].filter(Boolean);
  const icon = breached ? ':x:' : unjudged ? ':grey_question:' : ':white_check_mark:';
  const first = breached ? `\nBreached: ${escapeMrkdwn(truncate(breached.summary, 300))}` : '';
  return `${icon} *Metric guards*: ${parts.join(', ')}.${first}`;
}

const noun = (n: number) => (n === 1 ? 'metric guard' : 'metric guards');

/** Text inside a code block: a backtick would close it, a newline break the row. */
function cell(text: string): string {
  return escapeEntities(text.replace(/`/g, "'").replace(/\n/g, ' '));
}
