import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderVerifyTable } from '../../../src/adapters/slack/render/verify-table.js';
import type { GuardJudgement } from '../../../src/domain/guards/guard-judgement.js';
import type { SmokeTestResult } from '../../../src/domain/verify/smoke-test-result.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

const health: SmokeTestResult = { name: 'health', method: 'GET', url: 'https://shop.test/health', status: 200, latencyMs: 84, outcome: 'pass', problems: [] };
const pass = (service: string): GuardJudgement => ({ outcome: 'pass', guard: `${service} error-ratio`, value: 0.001, labels: {}, summary: `${service} error-ratio: 0.001, threshold below 0.01` });
const breach: GuardJudgement = { outcome: 'breach', guard: 'backend error-ratio', value: 0.2, labels: {}, summary: 'backend error-ratio: 0.2, threshold below 0.01 — breached' };
const noData: GuardJudgement = { outcome: 'no-data', guard: 'ml latency', summary: 'ml latency: no data, the query returned no series' };
const down: GuardJudgement = { outcome: 'unjudged', guard: 'ml cpu', summary: 'ml cpu: could not be judged, Prometheus at prom:9090: query failed: connection refused' };

const guardText = (blocks: readonly unknown[]): string =>
  (blocks as SectionBlock[]).filter((b) => b.type === 'section' && b.text?.text.includes('*Metric guards*')).map((b) => b.text!.text).join('\n');

describe('/verify with metric guards', () => {
  it('given a breached guard beside passing smoke tests, when rendering, then the title and a guard section say it was breached, quoting the value', () => {
    // when
    const message = renderVerifyTable({ environment: 'staging', results: [health], durationMs: 300, guards: [breach, pass('frontend')] });
    // then
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Verify · staging · 1/1 passed · 1 metric guard breached' } });
    expect(guardText(message.blocks)).toBe(
      ':x: *Metric guards*: 1 breached, 1 holds.\nBreached: backend error-ratio: 0.2, threshold below 0.01 — breached\n```\n❌ backend error-ratio: 0.2, threshold below 0.01 — breached\n✅ frontend error-ratio: 0.001, threshold below 0.01\n```',
    );
    expect(message.text).toContain('1 metric guard breached');
    expect(validateBlocks(message.blocks)).toBeUndefined();
  });

  it('given guards without data or without an answer, when rendering, then they are shown as not judged, never as holding', () => {
    // when
    const message = renderVerifyTable({ environment: 'staging', results: [health], durationMs: 300, guards: [pass('backend'), noData, down] });
    // then
    expect(message.blocks[0]).toMatchObject({ text: { text: 'Verify · staging · 1/1 passed · 2 metric guards not judged' } });
    const text = guardText(message.blocks);
    expect(text.split('\n')[0]).toBe(':grey_question: *Metric guards*: 1 holds, 2 could not be judged.');
    expect(text).toContain('❔ ml latency: no data, the query returned no series');
    expect(text).toContain('⚠️ ml cpu: could not be judged, Prometheus at prom:9090: query failed: connection refused');
  });

  it('given guards that all hold and no guards at all, when rendering, then the first says so and the second shows no guard section', () => {
    // when
    const held = renderVerifyTable({ environment: 'staging', results: [health], durationMs: 300, guards: [pass('backend'), pass('frontend')] });
    const none = renderVerifyTable({ environment: 'staging', results: [health], durationMs: 300 });
    // then
    expect(held.blocks[0]).toMatchObject({ text: { text: 'Verify · staging · 1/1 passed · 2 metric guards hold' } });
    expect(guardText(held.blocks).split('\n')[0]).toBe(':white_check_mark: *Metric guards*: 2 hold.');
    expect(guardText(none.blocks)).toBe('');
    expect(none.blocks[0]).toMatchObject({ text: { text: 'Verify · staging · 1/1 passed' } });
  });

  it('given 200 steps and 30 guards with hostile text, when rendering, then the message stays within Block Kit limits and counts the guards not shown', () => {
    // given
    const steps = Array.from({ length: 200 }, (_, i) => ({ ...health, name: `step-${i}` }));
    const guards = Array.from({ length: 30 }, (_, i): GuardJudgement => ({ ...noData, summary: `g${i} \`<!channel>\` ${'x'.repeat(300)}` }));
    // when
    const message = renderVerifyTable({ environment: 'staging', results: steps, durationMs: 300, guards });
    // then
    expectWithinBlockKitLimits(message);
    expect(validateBlocks(message.blocks)).toBeUndefined();
    const text = guardText(message.blocks);
    expect(text).toContain('…and 15 more');
    expect(text).not.toContain('<!channel>');
  });
});
