import { describe, expect, it } from 'vitest';
import type { HeaderBlock, SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderReadinessCard } from '../../../src/adapters/slack/render/readiness-card.js';
import type { CheckResult } from '../../../src/domain/readiness/report.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';
import { reportOf, serviceChecks, thirtyServiceReport } from './readiness-reports.js';

const ENVIRONMENT = `env-${'x'.repeat(196)}`;

/** Findings of 10,000 characters, fixes of 5,000 (half of them `&`, which escaping makes five times longer). */
function absurdChecks(service: string): CheckResult[] {
  const outcome = (n: number) => ({
    status: 'fail' as const,
    finding: `${n}: ${'a&'.repeat(5000)}`,
    fix: `\`kubectl ${'<b>'.repeat(1700)}\``,
  });
  return serviceChecks(service, Object.fromEntries(['k8s.probes', 'k8s.secrets', 'ecr.tag', 'http.tls'].map((id, n) => [id, outcome(n)])));
}

describe('renderReadinessCard within Block Kit limits', () => {
  it('holds for 30 services that all fail many checks', () => {
    expectWithinBlockKitLimits(renderReadinessCard(thirtyServiceReport(), { fullReportHint: 'h'.repeat(5000) }));
  });

  it('holds for absurdly long findings, fixes, names and environment', () => {
    // given
    const report = reportOf(ENVIRONMENT, `1.0.0-${'r'.repeat(300)}`, [
      ...absurdChecks('s'.repeat(500)),
      ...absurdChecks('backend'),
      ...serviceChecks(`ok-${'o'.repeat(3000)}`),
    ]);
    // when
    const card = renderReadinessCard(report, { fullReportHint: '<'.repeat(5000) });
    // then
    expectWithinBlockKitLimits(card);
    const header = card.blocks[0] as HeaderBlock;
    expect(header.text.text).toHaveLength(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    const problems = card.blocks.filter((b): b is SectionBlock => b.type === 'section').slice(1);
    expect(problems).toHaveLength(2);
    for (const section of problems) expect(section.text!.text).toMatch(/\n…and \d+ more \(run `shipmate readiness --env env-x+… --version 1\.0\.0-r+…` for all\)$/);
  });

  it('holds with more services with problems than blocks allow', () => {
    // given 80 services with one short failure each: text fits, blocks do not
    const checks = Array.from({ length: 80 }, (_, n) =>
      serviceChecks(`svc-${String(n).padStart(2, '0')}`, { 'ecr.tag': { status: 'fail', finding: 'no tag', fix: 'build it' } }),
    ).flat();
    // when
    const card = renderReadinessCard(reportOf('staging', '1.0.0', checks));
    // then
    expectWithinBlockKitLimits(card);
    expect(card.blocks).toHaveLength(50);
    const last = card.blocks.at(-2) as SectionBlock;
    expect(last.text!.text).toMatch(/^…and 35 more services with problems: \*svc-45\*, \*svc-46\*/);
  });
});
