import type { CheckResult, ReadinessReport } from '../domain/readiness/report.js';
import { summaryLine } from './terminal-report.js';

const ORDER = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 } as const;
const BADGE = { fail: '❌ fail', error: '⛔ error', warn: '⚠️ warn', skip: '⏭️ skip', pass: '✅ pass' } as const;
const VERDICT = { ready: '✅ READY', 'at-risk': '⚠️ AT-RISK', blocked: '❌ BLOCKED' } as const;

/**
 * The report as GitHub-flavoured Markdown for a pull-request comment or a job summary
 * ($GITHUB_STEP_SUMMARY): the verdict and score, a table of what needs attention, and the
 * passing and skipped checks folded away.
 */
export function renderMarkdownReport(report: ReadinessReport): string {
  const sorted = [...report.checks].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.service.localeCompare(b.service) || a.id.localeCompare(b.id),
  );
  const problems = sorted.filter((c) => c.status === 'fail' || c.status === 'error' || c.status === 'warn');
  const rest = sorted.filter((c) => c.status === 'pass' || c.status === 'skip');
  const lines = [
    `### shipmate readiness · ${cell(report.environment)} · ${report.version ? `version ${cell(report.version)}` : 'deployed versions'}`,
    '',
    `**${VERDICT[report.verdict]}** · score **${report.score}/100**`,
    '',
    summaryLine(report.checks, report.durationMs),
    '',
  ];
  if (problems.length > 0) lines.push(...table(problems, true), '');
  else lines.push('Nothing needs attention.', '');
  if (rest.length > 0) {
    lines.push('<details>', `<summary>Passed and skipped checks (${rest.length})</summary>`, '', ...table(rest, false), '', '</details>', '');
  }
  return lines.join('\n');
}

function table(checks: readonly CheckResult[], withFix: boolean): string[] {
  const header = withFix ? ['Status', 'Service', 'Check', 'Finding', 'Fix'] : ['Status', 'Service', 'Check', 'Finding'];
  const row = (c: CheckResult) => {
    const cells = [BADGE[c.status], cell(c.service), `\`${c.id}\``, cell(c.finding)];
    return withFix ? [...cells, cell(c.fix)] : cells;
  };
  return [header, header.map(() => '---'), ...checks.map(row)].map((cells) => `| ${cells.join(' | ')} |`);
}

/** Text safe inside a table cell: no row or column breaks, no HTML, no Markdown markup that would restyle it. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/([\\`*_|[\]])/g, '\\$1');
}
