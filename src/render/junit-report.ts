import type { CheckResult, ReadinessReport } from '../domain/readiness/report.js';

/**
 * The report as JUnit XML, so a CI system lists each check of each service as a test case:
 * one testsuite per service, a testcase per check (name: the stable check id, so CI test history
 * follows it), `failure` for fail, `error` for error, `skipped` for skip. JUnit has no warning:
 * a warning is a passing testcase whose system-out carries the finding, since a failure would make
 * reporters fail a job the gate lets through.
 */
export function renderJunitReport(report: ReadinessReport): string {
  const services = [...new Set(report.checks.map((c) => c.service))];
  const suites = services.map((service) => testsuite(report, service, report.checks.filter((c) => c.service === service)));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name: `shipmate readiness ${report.environment}`, ...counts(report.checks), time: seconds(report.durationMs) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testsuite(report: ReadinessReport, service: string, checks: readonly CheckResult[]): string {
  const time = seconds(Math.max(0, ...checks.map((c) => c.durationMs)));
  const properties = {
    environment: report.environment,
    version: report.version ?? 'deployed',
    score: String(report.score),
    verdict: report.verdict,
  };
  return [
    `  <testsuite ${attributes({ name: `${report.environment}/${service}`, ...counts(checks), time })}>`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property ${attributes({ name, value })}/>`),
    '    </properties>',
    ...checks.map((check) => testcase(report.environment, check)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(environment: string, check: CheckResult): string {
  const open = `    <testcase ${attributes({ name: check.id, classname: `shipmate.${environment}.${check.service}`, time: seconds(check.durationMs) })}`;
  const detail = check.fix ? `${check.finding}\nfix: ${check.fix}` : check.finding;
  switch (check.status) {
    case 'pass':
      return `${open}/>`;
    case 'warn':
      return `${open}>\n      <system-out>${text(`WARN ${detail}`)}</system-out>\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped ${attributes({ message: check.finding })}/>\n    </testcase>`;
    case 'fail':
    case 'error': {
      const element = check.status === 'fail' ? 'failure' : 'error';
      return `${open}>\n      <${element} ${attributes({ message: check.finding, type: check.status })}>${text(detail)}</${element}>\n    </testcase>`;
    }
  }
}

function counts(checks: readonly CheckResult[]) {
  const count = (status: CheckResult['status']) => String(checks.filter((c) => c.status === status).length);
  return { tests: String(checks.length), failures: count('fail'), errors: count('error'), skipped: count('skip') };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attributes(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${text(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;')}"`)
    .join(' ');
}

/** Escapes markup, and drops what XML 1.0 cannot carry at all (most control characters, lone surrogates). */
function text(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
