import { describe, expect, it } from 'vitest';
import { renderHistory } from '../../../src/adapters/slack/render/history-reply.js';
import type { AuditEntry, StoredAuditEntry } from '../../../src/ports/store.port.js';
import { HOSTILE_STRINGS, liveMarkupIn } from '../../support/hostile-text.js';
import { deployStarted, deploySucceeded, release, releaseRun } from '../digests/audit-history.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

/** What the store answers /shipmate history with: the newest entries first. */
const newestFirst = (entries: readonly AuditEntry[]): StoredAuditEntry[] =>
  entries.map((e, id) => ({ ...e, id })).sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
const linesOf = (entries: readonly AuditEntry[]): string[] =>
  renderHistory(newestFirst(entries)).blocks.flatMap((b) => (b.type === 'section' && b.text ? b.text.text.split('\n') : []));

describe('renderHistory', () => {
  it('given a release of two services among other entries, when rendered, then the release is one line where its newest entry is, and its request and approval keep theirs', () => {
    // given
    const audit = [
      deployStarted('2026-12-01T09:00:00Z', 'd1dddd', 'worker', 'production'),
      deploySucceeded('2026-12-01T09:05:00Z', 'd1dddd', 'worker', '1.4.0', 'production'),
      ...release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'rolled-back'),
    ].map((e) => ({ ...e, actor: e.actor.replace('U_', 'U0') }));

    // when
    const message = renderHistory(newestFirst(audit));
    const lines = linesOf(audit);

    // then
    expectWithinBlockKitLimits(message);
    expect(message.text).toBe(`Last ${audit.length} audit entries`);
    expect(lines).toEqual([
      '`2026-12-01 10:00` <@U0CAROL> *release* `1.5.0` · production — :leftwards_arrow_with_hook: rolled back: stage 3 verify failed: 2/3 smoke tests passed (run `r1aaaa-release`)',
      '`2026-12-01 09:55` <@U0DAN> *release.approved* `r1aaaa` · production — 1.5.0: approved (1 of 1)',
      '`2026-12-01 09:50` <@U0CAROL> *release.requested* `r1aaaa` · production — 1.5.0: release 1.5.0 to production (5 stages)',
      '`2026-12-01 09:05` shipmate *deploy.succeeded* `d1dddd-worker` · production — worker 1.4.0: deployment "worker" successfully rolled out',
      '`2026-12-01 09:00` shipmate *deploy.started* `d1dddd-worker` · production — worker/worker: repo/worker:old → repo/worker:new@sha256:abc, generation 4',
    ]);
  });

  it.each([
    ['running', ':hourglass_flowing_sand: running (run'],
    ['succeeded', ':white_check_mark: succeeded (run'],
    ['failed', ':x: failed: stage 2 verify failed: 2/3 smoke tests passed (run'],
    ['rollback-failed', ':rotating_light: rollback failed: stage 2 verify failed: 2/3 smoke tests passed (run'],
  ] as const)('given a release that is %s, when rendered, then its line says so', (end, says) => {
    // given
    const audit = release('2026-12-01T10:00:00Z', 'r1aaaa', '2.0.0', 'staging', ['backend'], end);

    // when
    const [line] = linesOf(audit);

    // then
    expect(line).toContain(`*release* \`2.0.0\` · staging — ${says} \`r1aaaa-release\`)`);
  });

  it('given only the end of a release that never started in the slice, when rendered, then the line names no one and says not started', () => {
    // given
    const audit = [releaseRun('2026-12-01T10:00:00Z', 'r9zzzz', 'not-started', '3.0.0', 'production', 'backend is locked by U0BOB')];

    // when / then
    expect(linesOf(audit)).toEqual(['`2026-12-01 10:00` *release* `3.0.0` · production — :heavy_multiplication_x: not started (run `r9zzzz-release`)']);
  });

  it.each(HOSTILE_STRINGS)('given a release whose texts hold %s, when rendered, then nothing of it is live', (_label, hostile) => {
    // given
    const audit = [
      { ...releaseRun('2026-12-01T09:50:00Z', 'r1aaaa', 'started', '1.0.0', hostile), actor: hostile },
      releaseRun('2026-12-01T10:00:00Z', 'r1aaaa', 'failed', '1.0.0', 'production', `stage 1 migrate failed: ${hostile}`),
      { at: new Date('2026-12-01T09:40:00Z'), actor: hostile, action: 'release.requested', environment: hostile, subject: 'r1aaaa', detail: `1.0.0: ${hostile}` },
    ];

    // when
    const message = renderHistory(newestFirst(audit));

    // then
    expectWithinBlockKitLimits(message);
    for (const block of message.blocks) if (block.type === 'section') expect(liveMarkupIn(block.text?.text ?? '')).toEqual([]);
  });
});
