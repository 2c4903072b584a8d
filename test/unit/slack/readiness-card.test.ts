import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderReadinessCard } from '../../../src/adapters/slack/render/readiness-card.js';
import { expectGolden } from './expect-golden.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';
import { brokenReport, healthyReport, reportOf, serviceChecks, thirtyServiceReport } from './readiness-reports.js';

const HINT = { fullReportHint: '`shipmate readiness --env production` prints every check' };
const sectionTexts = (blocks: readonly { type: string }[]) =>
  blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');

describe('renderReadinessCard: golden files', () => {
  it('renders the healthy report', () => {
    expectGolden('readiness-card-healthy', renderReadinessCard(healthyReport(), HINT));
  });

  it('renders the broken release', () => {
    expectGolden('readiness-card-broken', renderReadinessCard(brokenReport(), HINT));
  });

  it('renders 30 services that all fail many checks', () => {
    expectGolden('readiness-card-thirty-services', renderReadinessCard(thirtyServiceReport(), HINT));
  });
});

describe('renderReadinessCard', () => {
  it('shows an all-pass report as header, score, the passing services and the footer', () => {
    // when
    const card = renderReadinessCard(healthyReport(), HINT);
    // then
    expect(card.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'context']);
    expect(card.blocks[0]).toMatchObject({ text: { text: 'Readiness · staging · deployed versions' } });
    expect(sectionTexts(card.blocks)[0]).toBe(':large_green_circle: *Ready* · score *100*/100\n_nothing fails or warns_');
    expect(card.blocks[2]).toMatchObject({ elements: [{ text: ':white_check_mark: backend, frontend, ml: all checks pass' }] });
    expect(card.blocks[3]).toMatchObject({
      elements: [{ text: '72 checks on 3 services in 1.2 s' }, { text: '`shipmate readiness --env production` prints every check' }],
    });
    expect(card.text).toBe('Readiness staging: 100/100, ready — 0 failing, 0 warnings, 72 passed');
  });

  it('counts each status in the score section', () => {
    const [, summary] = renderReadinessCard(brokenReport()).blocks;
    expect((summary as SectionBlock).fields?.map((f) => f.text)).toEqual([
      '*Passed*\n80',
      '*Failing*\n11',
      '*Warnings*\n3',
      '*Errors*\n1',
      '*Skipped*\n1',
    ]);
  });

  it('lists problems per service, gravest service first, failures before errors before warnings, each with its fix', () => {
    // when
    const [backend, ml, frontend] = sectionTexts(renderReadinessCard(brokenReport()).blocks).slice(1);
    // then
    expect(backend).toMatch(/^\*backend\* · 9 failing, 3 warnings\n:x: `codebuild.quota` quota /);
    expect(backend).toContain(
      ':x: `k8s.secrets` deployment/backend references missing Secret: backend-db (env DATABASE_URL of container backend)\n' +
        '      ↳ _fix:_ kubectl -n shop-production create secret generic backend-db --from-env-file=&lt;file&gt;',
    );
    expect(ml).toMatch(/^\*ml\* · 1 failing, 1 error\n:x: `codebuild.quota` [^\n]+\n[^\n]+\n:grey_question: `k8s.network-policy` /);
    expect(frontend).toMatch(/^\*frontend\* · 1 failing\n/);
  });

  it('cuts a service that does not fit at a problem boundary and says how to see the rest', () => {
    // when
    const [backend] = sectionTexts(renderReadinessCard(brokenReport()).blocks).slice(1);
    // then
    expect(backend!.length).toBeLessThanOrEqual(3000);
    expect(backend).toMatch(/\n      ↳ _fix:_ [^\n]+\n…and 3 more \(run `shipmate readiness --env production --version 1\.2\.0` for all\)$/);
    expect(backend).not.toContain('k8s.replicas');
  });

  it('folds services without problems into one line, counting their skipped checks', () => {
    const card = renderReadinessCard(brokenReport());
    expect(card.blocks.at(-2)).toMatchObject({ type: 'context', elements: [{ text: ':white_check_mark: docs: nothing fails or warns (1 skipped)' }] });
  });

  it('keeps the notification text short', () => {
    expect(renderReadinessCard(brokenReport()).text).toBe(
      'Readiness production 1.2.0: 84/100, blocked — 11 failing, 3 warnings, 1 error, 80 passed',
    );
  });

  it('escapes what a finding or fix could inject', () => {
    // given
    const report = reportOf('staging', undefined, serviceChecks('web', {
      'http.health': { status: 'fail', finding: 'body was <script>alert(1)</script> & *bold* <!channel>', fix: 'see <https://x|y> _now_' },
    }));
    // when
    const [problems] = sectionTexts(renderReadinessCard(report).blocks).slice(1);
    // then
    expect(problems).toContain('body was &lt;script&gt;alert(1)&lt;/script&gt; &amp; \u200b*\u200bbold\u200b*\u200b &lt;!channel&gt;');
    expect(problems).toContain('↳ _fix:_ see &lt;https://x|y&gt; \u200b_\u200bnow\u200b_\u200b');
    expect(problems).not.toMatch(/<|\*bold\*/);
  });

  it('folds services past what fits into one last section naming them', () => {
    // when
    const card = renderReadinessCard(thirtyServiceReport(), HINT);
    // then
    expectWithinBlockKitLimits(card);
    const sections = sectionTexts(card.blocks).slice(1);
    const shown = sections.filter((s) => s.startsWith('*service-'));
    const folded = sections.at(-1)!;
    const match = /^…and (\d+) more services with problems: (.*) \(run `shipmate readiness --env production --version 2\.0\.0` for all\)$/.exec(folded);
    expect(match).not.toBeNull();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length + Number(match![1])).toBe(30);
    expect(match![2]).toContain(`*service-${shown.length + 1}*`);
    expect(match![2]).toContain('*service-30*');
  });

  it('lists a service with only warnings after those with failures', () => {
    const report = reportOf('staging', undefined, [
      ...serviceChecks('a-warned', { 'ecr.size': { status: 'warn', finding: 'big', fix: 'slim it' } }),
      ...serviceChecks('b-failed', { 'ecr.tag': { status: 'fail', finding: 'no tag', fix: 'build it' } }),
    ]);
    const names = sectionTexts(renderReadinessCard(report).blocks).slice(1).map((s) => s.split(' ')[0]);
    expect(names).toEqual(['*b-failed*', '*a-warned*']);
  });

  it('renders an empty report without problem sections', () => {
    const card = renderReadinessCard(reportOf('staging', '1.0.0', []));
    expect(card.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expectWithinBlockKitLimits(card);
  });
});
