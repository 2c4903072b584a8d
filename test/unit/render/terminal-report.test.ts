import { describe, expect, it } from 'vitest';
import type { CheckResult, ReadinessReport } from '../../../src/domain/readiness/report.js';
import { renderTerminalReport } from '../../../src/render/terminal-report.js';
import { wrapText } from '../../../src/render/wrap-text.js';

const ANSI_ESCAPE = /\x1b\[/;

function check(overrides: Partial<CheckResult>): CheckResult {
  return {
    id: 'k8s.probes',
    service: 'backend',
    title: 'Probes',
    severity: 'fail',
    status: 'pass',
    finding: 'ok',
    fix: '',
    durationMs: 1,
    ...overrides,
  };
}

function report(checks: CheckResult[]): ReadinessReport {
  return { environment: 'staging', score: 60, verdict: 'blocked', checks, durationMs: 1200 };
}

const sameFindingOnThree = ['backend', 'worker', 'frontend'].map((service) =>
  check({ id: 'ecr.scan-on-push', service, status: 'fail', finding: 'The repository does not scan images on push.', fix: 'Turn on scan on push.' }),
);

describe('renderTerminalReport', () => {
  it('shows the same finding on several services once, naming them', () => {
    // given: one failing check saying the same on three services, and one saying something else
    const checks = [...sameFindingOnThree, check({ id: 'ecr.scan-on-push', service: 'api', status: 'fail', finding: 'No repository.', fix: 'Create it.' })];
    // when
    const out = renderTerminalReport(report(checks), { color: false });
    // then
    expect(out.match(/The repository does not scan images on push\./g)).toHaveLength(1);
    expect(out).toContain('FAIL   ecr.scan-on-push · backend, worker, frontend\n');
    expect(out).toContain('FAIL   ecr.scan-on-push · api\n');
    expect(out.match(/fix: Turn on scan on push\./g)).toHaveLength(1);
  });

  it('wraps every line to the width it is given, continuation lines indented', () => {
    // given: a long finding and fix
    const long = 'word '.repeat(60).trim();
    const checks = [check({ status: 'warn', finding: long, fix: long })];
    // when
    const out = renderTerminalReport(report(checks), { color: false, width: 50 });
    // then
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(50);
    expect(lines.filter((l) => l.startsWith('       word')).length).toBeGreaterThan(10);
    expect(out.replace(/\s+/g, ' ')).toContain(`fix: ${long}`);
  });

  it('wraps at 80 columns when no width is given', () => {
    const out = renderTerminalReport(report([check({ status: 'fail', finding: 'x '.repeat(200) })]), { color: false });
    const widths = out.split('\n').map((l) => l.length);
    expect(Math.max(...widths)).toBeLessThanOrEqual(80);
    expect(Math.max(...widths)).toBeGreaterThan(70);
  });

  it('folds passing and skipped checks into counts, and lists them with verbose', () => {
    // given
    const checks = [
      check({ id: 'k8s.probes', service: 'backend' }),
      check({ id: 'k8s.probes', service: 'worker', finding: 'probes on port 9000' }),
      check({ id: 'iam.least-privilege', service: 'backend', status: 'skip', finding: 'No role configured.' }),
      check({ id: 'ecr.tag-immutability', service: 'worker', status: 'fail', finding: 'Tags are mutable.' }),
    ];
    // when
    const quiet = renderTerminalReport(report(checks), { color: false });
    const verbose = renderTerminalReport(report(checks), { color: false, verbose: true });
    // then
    expect(quiet).not.toContain('PASS');
    expect(quiet).not.toContain('SKIP');
    expect(quiet).toContain('2 passed · 1 failing · 0 warnings · 0 errors · 1 skipped — 2 services in 1.2 s');
    expect(verbose).toContain('PASS   k8s.probes · backend, worker\n');
    expect(verbose).toContain('SKIP   iam.least-privilege · backend\n       No role configured.\n');
    expect(verbose.indexOf('FAIL')).toBeLessThan(verbose.indexOf('SKIP'));
    expect(verbose.indexOf('SKIP')).toBeLessThan(verbose.indexOf('PASS'));
  });

  it('writes no ANSI escape when colour is off, and colours labels when it is on', () => {
    const checks = [...sameFindingOnThree, check({}), check({ status: 'skip', id: 'x.y' })];
    expect(renderTerminalReport(report(checks), { color: false, verbose: true })).not.toMatch(ANSI_ESCAPE);
    expect(renderTerminalReport(report(checks), { color: true, verbose: true })).toContain('\x1b[31mFAIL \x1b[0m');
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width, keeps an over-long word whole, indents continuations', () => {
    expect(wrapText('aaa bbb ccc ddd', 7, '  ')).toEqual(['aaa bbb', '  ccc', '  ddd']);
    expect(wrapText('short', 80)).toEqual(['short']);
    expect(wrapText('https://example.invalid/a/very/long/path tail', 10)).toEqual(['https://example.invalid/a/very/long/path', 'tail']);
  });
});
