import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/adapters/slack/blocks/block-kit.js';
import type { SlackMessage } from '../../../src/adapters/slack/blocks/slack-message.js';
import { renderAppHome } from '../../../src/adapters/slack/render/app-home.js';
import { renderHistory } from '../../../src/adapters/slack/render/history-reply.js';
import { renderNote } from '../../../src/adapters/slack/render/note.js';
import { renderRefusal } from '../../../src/adapters/slack/render/refusal.js';
import { renderStatus } from '../../../src/adapters/slack/render/status-reply.js';
import { renderUsageError } from '../../../src/adapters/slack/render/usage-reply.js';
import { renderVerifyTable } from '../../../src/adapters/slack/render/verify-table.js';
import { describeLock } from '../../../src/app/deploys/describe-lock.js';
import { outcomeText } from '../../../src/app/deploys/deploy-notifier.js';
import { rich } from '../../../src/domain/text/rich-text.js';
import type { Lock } from '../../../src/ports/store.port.js';
import { UsageError } from '../../../src/usage-error.js';
import { HOSTILE_STRINGS, liveMarkupIn } from '../../support/hostile-text.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

const AT = new Date('2026-12-06T10:00:00Z');
const SHIPMATE_MENTIONS = new Set(['U0ALICE']);

/** Every text Slack would read in a message: the notification text and each block's text. */
function textsOf(message: { text?: string; blocks: readonly Block[] }): string[] {
  const texts = message.text === undefined ? [] : [message.text];
  for (const block of message.blocks) {
    if (block.type === 'section') texts.push(...[block.text, ...(block.fields ?? [])].flatMap((t) => (t ? [t.text] : [])));
    if (block.type === 'context') texts.push(...block.elements.map((e) => e.text));
    if (block.type === 'header') texts.push(block.text.text);
  }
  return texts;
}

function expectNothingLive(message: SlackMessage | { text?: string; blocks: Block[] }): void {
  for (const text of textsOf(message)) expect(liveMarkupIn(text, SHIPMATE_MENTIONS)).toEqual([]);
}

const lockWith = (reason: string): Lock => ({ service: 'backend', environment: 'production', holder: 'U0ALICE', reason, at: AT });

/** Each message that carries free text, given the hostile text. */
const MESSAGES: readonly (readonly [string, (hostile: string) => SlackMessage | { text?: string; blocks: Block[] }])[] = [
  ['/shipmate lock reply', (h) => renderNote(rich`:lock: Deploys of backend to production are locked: ${h}.`)],
  ['lock refusal of a later /deploy', (h) => renderUsageError(new UsageError(describeLock(lockWith(h), AT)).text, '/deploy <service> <version> [env]')],
  ['usage error echoing input', (h) => renderUsageError(new UsageError(`version: "${h}" is not a valid version`).text, '/deploy <service> <version>')],
  ['refusal with an error line', (h) => renderRefusal(rich`that did not go through: ${h}`)],
  ['deploy failure in the thread', (h) => renderNote(rich`:x: The rollout of backend 1.2 failed — ${outcomeText({ kind: 'failed', reason: 'CrashLoopBackOff', message: h, events: [h, h] })}`)],
  ['/shipmate status', (h) => renderStatus([{ environment: 'production', service: 'backend', verdict: 'ready', tag: h, lock: lockWith(h), problem: h }])],
  ['/shipmate history', (h) => renderHistory([{ id: 1, at: AT, actor: 'U0ALICE', action: 'lock.acquired', environment: 'production', subject: h, detail: h }])],
  [
    'App Home locks',
    (h) => renderAppHome({ viewerId: 'U0ALICE', generatedAt: AT, environments: [], pendingApprovals: [], activeLocks: [{ environment: 'production', service: 'backend', lockedBy: 'U0ALICE', since: AT, reason: h }], recentDeploys: [] }),
  ],
  [
    '/verify table',
    (h) =>
      renderVerifyTable({
        environment: 'production',
        durationMs: 10,
        results: [{ name: h, method: 'GET', url: `https://user:pw@host/${h}?token=s3cr3t`, status: 500, latencyMs: 3, outcome: 'fail', problems: [`GET https://user:pw@host/health?token=s3cr3t answered ${h}`] }],
      }),
  ],
];

describe('free text in every Slack message', () => {
  for (const [message, render] of MESSAGES) {
    it.each(HOSTILE_STRINGS)(`${message}: nothing live of %s`, (_label, hostile) => {
      // when the message carries the hostile text
      const rendered = render(hostile);
      // then nothing of it is a mention, link or control character, and it fits Slack's limits
      expectNothingLive(rendered);
      if ('text' in rendered && rendered.text !== undefined) expectWithinBlockKitLimits(rendered as SlackMessage);
    });
  }

  it('keeps shipmate\'s own mention of the lock holder live', () => {
    const reply = renderUsageError(new UsageError(describeLock(lockWith('db migration'), AT)).text, '/deploy');
    expect(reply.text).toContain('locked by <@U0ALICE> since');
    expect(reply.text).toContain(': db migration until someone runs `/shipmate unlock`');
  });

  it('shows no secret of a smoke-test URL in the /verify table', () => {
    // given a step whose URL and problem hold credentials
    const table = renderVerifyTable({
      environment: 'production',
      durationMs: 10,
      results: [{ name: 'health', method: 'GET', url: 'https://user:pw@host/health?token=s3cr3t', latencyMs: 3, outcome: 'error', problems: ['GET https://user:pw@host/health?token=s3cr3t: connection refused'] }],
    });
    // then neither secret is anywhere in it
    const all = textsOf(table).join('\n');
    expect(all).not.toContain('s3cr3t');
    expect(all).not.toContain(':pw@');
    expect(all).toContain('https://user:[redacted]@host/health?token=[redacted]');
  });
});
