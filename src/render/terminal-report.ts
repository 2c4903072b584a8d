import type { CheckResult, ReadinessReport } from '../domain/readiness/report.js';
import { groupFindings } from './group-findings.js';
import { wrapText } from './wrap-text.js';

export interface TerminalStyle {
  color: boolean;
  /** Columns to wrap at (the terminal's width); 80 when left out. */
  width?: number;
  /** List passing and skipped checks too, not only their counts. */
  verbose?: boolean;
}

const ORDER = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 } as const;
const LABEL = { fail: 'FAIL ', error: 'ERROR', warn: 'WARN ', skip: 'SKIP ', pass: 'PASS ' } as const;
const ANSI = { red: 31, yellow: 33, green: 32, magenta: 35, dim: 2, bold: 1 } as const;
const TONE = { fail: 'red', error: 'magenta', warn: 'yellow', skip: 'dim', pass: 'green' } as const;
const VERDICT_TONE = { ready: 'green', 'at-risk': 'yellow', blocked: 'red' } as const;
const INDENT = ' '.repeat(7);
const MIN_WIDTH = 40;

/** The report as a person reads it in a terminal: problems first, each with its fix; passing checks as a count (listed with verbose). */
export function renderTerminalReport(report: ReadinessReport, style: TerminalStyle): string {
  const paint = (tone: keyof typeof ANSI, text: string) => (style.color ? `\x1b[${ANSI[tone]}m${text}\x1b[0m` : text);
  const width = Math.max(MIN_WIDTH, style.width ?? 80);
  const shown = report.checks.filter((c) => style.verbose || c.status === 'fail' || c.status === 'warn' || c.status === 'error');
  // a passing check says much the same everywhere: list it once per id, naming the services
  const groups = groupFindings(shown.map((c) => (c.status === 'pass' ? { ...c, finding: '', fix: '' } : c))).sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.id.localeCompare(b.id) || a.services[0]!.localeCompare(b.services[0]!),
  );
  const lines = [
    ...wrapText(`shipmate readiness · ${report.environment} · ${report.version ? `version ${report.version}` : 'deployed versions'}`, width, INDENT).map((l) => paint('bold', l)),
    `Score ${report.score}/100 · ${paint(VERDICT_TONE[report.verdict], report.verdict.toUpperCase())}`,
    '',
  ];
  for (const group of groups) {
    const [head = '', ...rest] = wrapText(`${group.id} · ${group.services.join(', ')}`, width - INDENT.length, '');
    lines.push(`${paint(TONE[group.status], LABEL[group.status])}  ${head}`, ...rest.map((l) => INDENT + l));
    if (group.finding) lines.push(...wrapText(group.finding, width - INDENT.length).map((l) => INDENT + l));
    if (group.fix) lines.push(...wrapText(`fix: ${group.fix}`, width - INDENT.length).map((l) => INDENT + paint('dim', l)));
  }
  if (groups.length > 0) lines.push('');
  lines.push(...wrapText(summaryLine(report.checks, report.durationMs), width));
  return lines.join('\n') + '\n';
}

export function summaryLine(checks: readonly CheckResult[], durationMs: number): string {
  const count = (status: CheckResult['status']) => checks.filter((c) => c.status === status).length;
  const services = new Set(checks.map((c) => c.service)).size;
  return (
    `${count('pass')} passed · ${count('fail')} failing · ${count('warn')} warnings · ${count('error')} errors · ` +
    `${count('skip')} skipped — ${services} service${services === 1 ? '' : 's'} in ${(durationMs / 1000).toFixed(1)} s`
  );
}
