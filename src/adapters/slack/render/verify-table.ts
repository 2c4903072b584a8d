import type { SmokeTestResult } from '../../../domain/verify/smoke-test-result.js';
import { summarizeVerify, type VerifySummary } from '../../../domain/verify/summarize-verify.js';
import type { GuardJudgement } from '../../../domain/guards/guard-judgement.js';
import { guardBlocks, guardHeadline } from './verify-guards.js';
import type { Block } from '../blocks/block-kit.js';
import { BLOCK_KIT_LIMITS as LIMIT } from '../blocks/block-kit-limits.js';
import { context, header, section } from '../blocks/builders.js';
import { escapeEntities, escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { toMrkdwn } from '../blocks/to-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';

export interface VerifyTableView {
  environment: string;
  results: readonly SmokeTestResult[];
  durationMs: number;
  /** The environment's metric guards, judged once (verify-guards.ts); a breach fails /verify. */
  guards?: readonly GuardJudgement[] | undefined;
}

const ICON: Record<SmokeTestResult['outcome'], string> = { pass: '✅', fail: '❌', skip: '⏭️', error: '⚠️' };
const NAME_WIDTH = 22;
const PROBLEM_MAX = 90;
const FENCE = '```';
/** Room per code-block section, under the 3,000 of a section's text with the fences and entities. */
const TABLE_SECTION_MAX = 2_700;
/** Blocks kept free after the table: the folded-rows line and the footer. */
const RESERVED_BLOCKS = 2;

/**
 * The /verify result (SPEC §2): one row per smoke-test step — ✅/❌, method,
 * status, latency against its budget, first problem — in monospace code
 * blocks split across sections, within Block Kit's limits for any number of
 * steps (rows past the message's room are counted in one line).
 */
export function renderVerifyTable(view: VerifyTableView): SlackMessage {
  const summary = summarizeVerify(view.results);
  const environment = truncate(view.environment, 60);
  const guards = view.guards ?? [];
  const title = `Verify · ${environment} · ${summary.headline}${guards.length > 0 ? ` · ${guardHeadline(guards)}` : ''}`;
  const top: Block[] = [header(title), section(summaryLine(summary, view.durationMs))];
  const footer = context(`${escapeMrkdwn(environment)} · ${summary.total} ${summary.total === 1 ? 'step' : 'steps'} in ${formatMs(view.durationMs)} · latency shown as taken/budget`);
  const guarded = guardBlocks(guards);

  const usedText = title.length + textOf(top[1]!) + textOf(footer) + guarded.reduce((n, block) => n + textOf(block), 0);
  const { sections, left } = tableSections(view.results, {
    blocks: LIMIT.blocksPerMessage - top.length - RESERVED_BLOCKS - guarded.length,
    text: LIMIT.messageTextBudget - usedText - 200,
  });
  const folded = left > 0 ? [context(`…and ${left} more ${left === 1 ? 'step' : 'steps'} not shown (${summary.headline} overall)`)] : [];
  return { text: fallbackText(title, summary), blocks: [...top, ...sections, ...folded, ...guarded, footer] };
}

function summaryLine(summary: VerifySummary, durationMs: number): string {
  if (summary.total === 0) return `:information_source: No smoke tests are configured for this environment (add \`smokeTests\` to it).`;
  if (summary.ok) return `:white_check_mark: All ${summary.total} smoke tests passed in ${formatMs(durationMs)}.`;
  const parts = [
    summary.failed ? `${summary.failed} failed` : '',
    summary.errored ? `${summary.errored} unreachable` : '',
    summary.skipped ? `${summary.skipped} skipped` : '',
  ].filter(Boolean);
  const first = summary.firstProblem ? `\nFirst problem: ${escapeMrkdwn(truncate(summary.firstProblem, 300))}` : '';
  return `:x: ${parts.join(', ')} — ${summary.headline} in ${formatMs(durationMs)}.${first}`;
}

function tableSections(results: readonly SmokeTestResult[], room: { blocks: number; text: number }): { sections: Block[]; left: number } {
  const sections: Block[] = [];
  let rows: string[] = [];
  let rowsLength = 0;
  let textLeft = room.text;
  let shown = 0;
  const flush = () => {
    if (rows.length === 0) return;
    const text = `${FENCE}\n${rows.join('\n')}\n${FENCE}`;
    sections.push(section(text));
    textLeft -= text.length;
    rows = [];
    rowsLength = 0;
  };
  for (const result of results) {
    const row = tableRow(result);
    if (rowsLength + row.length + 1 > TABLE_SECTION_MAX) flush();
    const opensSection = rows.length === 0;
    if (opensSection && sections.length >= room.blocks) break;
    if (rowsLength + row.length + (opensSection ? 2 * FENCE.length + 2 : 1) > textLeft) break;
    rows.push(row);
    rowsLength += row.length + 1;
    shown++;
  }
  flush();
  return { sections, left: results.length - shown };
}

function tableRow(result: SmokeTestResult): string {
  const name = cell(truncate(result.name, NAME_WIDTH)).padEnd(NAME_WIDTH);
  const method = result.method.padEnd(6);
  const status = (result.status === undefined ? '–' : String(result.status)).padEnd(4);
  const latency = latencyCell(result).padEnd(13);
  const problem = result.problems[0] ? cell(truncate(result.problems[0], PROBLEM_MAX)) : '';
  return `${ICON[result.outcome]} ${name} ${method} ${status} ${latency} ${problem}`.trimEnd();
}

function latencyCell(result: SmokeTestResult): string {
  if (result.outcome === 'skip') return '–';
  const budget = result.latencyBudgetMs;
  return budget === undefined ? `${result.latencyMs} ms` : `${result.latencyMs}/${budget} ms`;
}

/** Text for inside a code block: redacted and cleaned, with the entities Slack still needs; a backtick would close the block, a newline break the row. */
function cell(text: string): string {
  return escapeEntities(text.replace(/`/g, "'").replace(/\n/g, ' '));
}

function fallbackText(title: string, summary: VerifySummary): string {
  return toMrkdwn(truncate(summary.firstProblem && !summary.ok ? `${title}: ${summary.firstProblem}` : title, 500), 600);
}

function textOf(block: Block): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  if (block.type === 'context') return block.elements.reduce((n, e) => n + e.text.length, 0);
  return 0;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
