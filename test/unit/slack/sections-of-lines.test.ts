import { describe, expect, it } from 'vitest';
import { sectionsOfLines } from '../../../src/adapters/slack/blocks/sections-of-lines.js';
import { renderHistory } from '../../../src/adapters/slack/render/history-reply.js';
import { renderStatus } from '../../../src/adapters/slack/render/status-reply.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';

describe('sectionsOfLines and the replies built on it', () => {
  it('packs lines in order into sections under the limit', () => {
    // given
    const lines = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(96)}`);
    // when
    const sections = sectionsOfLines(lines, 2900);
    // then
    const texts = sections.map((s) => s.text!.text);
    expect(texts.every((t) => t.length <= 2900)).toBe(true);
    expect(texts.join('\n').split('\n')).toEqual(lines);
    expect(sections.length).toBe(Math.ceil(100 / Math.floor(2901 / 101)));
  });

  it('keeps /shipmate history and status inside Block Kit limits for long logs', () => {
    const at = new Date('2026-11-22T10:00:00Z');
    const history = renderHistory(Array.from({ length: 15 }, (_, id) => ({ id, at, actor: 'U0BOB', action: 'deploy.succeeded', environment: 'production', subject: `r${id}-backend`, detail: 'd'.repeat(500) })));
    const status = renderStatus(
      Array.from({ length: 60 }, (_, i) => ({ environment: i % 2 ? 'staging' : 'production', service: `svc-${i}`, tag: '1.1.0', digest: `sha256:${'a'.repeat(64)}`, verdict: 'ready' })),
    );
    expect(validateBlocks(history.blocks)).toBeUndefined();
    expect(validateBlocks(status.blocks)).toBeUndefined();
    expect(JSON.stringify(status.blocks)).toContain('svc-59');
  });
});
