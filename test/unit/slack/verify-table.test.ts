import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderVerifyTable } from '../../../src/adapters/slack/render/verify-table.js';
import type { SmokeTestResult } from '../../../src/domain/verify/smoke-test-result.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

const result = (overrides: Partial<SmokeTestResult> = {}): SmokeTestResult => ({
  name: 'health',
  method: 'GET',
  url: 'https://shop.test/health',
  status: 200,
  latencyMs: 84,
  latencyBudgetMs: 500,
  outcome: 'pass',
  problems: [],
  ...overrides,
});

const tableText = (blocks: readonly unknown[]): string =>
  (blocks as SectionBlock[])
    .filter((b) => b.type === 'section' && b.text?.text.startsWith('```'))
    .map((b) => b.text!.text)
    .join('\n');

const fiveSteps = (): SmokeTestResult[] => [
  result({ name: 'login', method: 'POST' }),
  result({ name: 'me', status: 500, outcome: 'fail', problems: ['status 500, expected 2xx'] }),
  result({ name: 'orders', status: undefined, latencyMs: 0, outcome: 'skip', problems: ['needs me, which failed'] }),
  result({ name: 'catalog', latencyMs: 40 }),
  result({ name: 'search', latencyMs: 12, latencyBudgetMs: undefined }),
];

describe('renderVerifyTable', () => {
  it('given five steps with a failure and a skip, when rendering, then the header counts passes and each row shows icon, status, latency and problem', () => {
    // when
    const message = renderVerifyTable({ environment: 'staging', results: fiveSteps(), durationMs: 1_240 });

    // then
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Verify · staging · 3/5 passed' } });
    const rows = tableText(message.blocks).split('\n');
    expect(rows.find((r) => r.includes('login'))).toMatch(/^✅ login\s+POST\s+200\s+84\/500 ms$/);
    expect(rows.find((r) => r.includes(' me '))).toMatch(/^❌ me\s+GET\s+500\s+84\/500 ms\s+status 500, expected 2xx$/);
    expect(rows.find((r) => r.includes('orders'))).toMatch(/^⏭️ orders\s+GET\s+–\s+–\s+needs me, which failed$/);
    expect(rows.find((r) => r.includes('search'))).toMatch(/^✅ search\s+GET\s+200\s+12 ms$/);
    expect(message.text).toBe('Verify · staging · 3/5 passed: me: status 500, expected 2xx');
    expectWithinBlockKitLimits(message);
  });

  it('given every step passing, when rendering, then the summary says all passed', () => {
    const message = renderVerifyTable({ environment: 'production', results: [result(), result({ name: 'me' })], durationMs: 310 });

    expect(message.blocks[0]).toMatchObject({ text: { text: 'Verify · production · 2/2 passed' } });
    expect((message.blocks[1] as SectionBlock).text!.text).toBe(':white_check_mark: All 2 smoke tests passed in 310 ms.');
  });

  it('given 40 steps with long names and problems, when rendering, then every row is shown within Block Kit limits', () => {
    // given
    const results = Array.from({ length: 40 }, (_, i) =>
      result({
        name: `step-${i}-${'x'.repeat(80)}`,
        outcome: i % 3 === 0 ? 'fail' : 'pass',
        status: i % 3 === 0 ? 503 : 200,
        latencyMs: 99_999,
        latencyBudgetMs: 100_000,
        problems: i % 3 === 0 ? [`user.name is "${'<&>'.repeat(200)}", expected "smoke"`] : [],
      }),
    );

    // when
    const message = renderVerifyTable({ environment: 'staging', results, durationMs: 9_000 });

    // then
    expect(validateBlocks(message.blocks)).toBeUndefined();
    expectWithinBlockKitLimits(message);
    expect(tableText(message.blocks).split('\n').filter((r) => /^(✅|❌)/.test(r))).toHaveLength(40);
    expect(JSON.stringify(message.blocks)).not.toContain('not shown');
  });

  it('given far more steps than a message holds, when rendering, then the rest are counted in one line', () => {
    const results = Array.from({ length: 400 }, (_, i) => result({ name: `step-${i}-${'y'.repeat(30)}`, problems: ['x'.repeat(200)], outcome: 'fail' }));

    const message = renderVerifyTable({ environment: 'staging', results, durationMs: 9_000 });

    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message.blocks)).toMatch(/…and \d+ more steps not shown \(0\/400 passed overall\)/);
  });

  it('given a name with backticks and markup, when rendering, then it cannot close the code block or inject a mention', () => {
    const message = renderVerifyTable({ environment: 'staging', results: [result({ name: '```<!channel>' })], durationMs: 5 });

    const table = tableText(message.blocks);
    expect(table.match(/```/g)).toHaveLength(2);
    expect(table).toContain("'''&lt;!channel&gt;");
  });
});
