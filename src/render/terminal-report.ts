import type { CheckResult, ReadinessReport } from '../domain/readiness/report.js';

export interface TerminalStyle {
  color: boolean;
}

const ORDER = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 } as const;
const LABEL = { fail: 'FAIL ', error: 'ERROR', warn: 'WARN ', skip: 'SKIP ', pass: 'PASS ' } as const;
const ANSI = { red: 31, yellow: 33, green: 32, magenta: 35, dim: 2, bold: 1 } as const;
const TONE = { fail: 'red', error: 'magenta', warn: 'yellow', skip: 'dim', pass: 'green' } as const;
const VERDICT_TONE = { ready: 'green', 'at-risk': 'yellow', blocked: 'red' } as const;

/** The report as a person reads it in a terminal: problems first, each with its fix; passing checks as a count. */
export function renderTerminalReport(report: ReadinessReport, style: TerminalStyle): string {
  const paint = (tone: keyof typeof ANSI, text: string) => (style.color ? `\x1b[${ANSI[tone]}m${text}\x1b[0m` : text);
  const problems = report.checks
    .filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
  const serviceWidth = Math.max(7, ...problems.map((c) => c.service.length));
  const idWidth = Math.max(10, ...problems.map((c) => c.id.length));
  const lines = [
    paint('bold', `shipmate readiness · ${report.environment} · ${report.version ? `version ${report.version}` : 'deployed versions'}`),
    `Score ${report.score}/100 · ${paint(VERDICT_TONE[report.verdict], report.verdict.toUpperCase())}`,
    '',
  ];
  for (const check of problems) {
    lines.push(
      `${paint(TONE[check.status], LABEL[check.status])}  ${check.service.padEnd(serviceWidth)}  ${check.id.padEnd(idWidth)}  ${check.finding}`,
    );
    if (check.fix) lines.push(`${' '.repeat(7 + serviceWidth + 2 + idWidth + 2)}${paint('dim', `fix: ${check.fix}`)}`);
  }
  if (problems.length > 0) lines.push('');
  lines.push(summaryLine(report.checks, report.durationMs));
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
