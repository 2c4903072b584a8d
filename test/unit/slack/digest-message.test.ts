import { describe, expect, it } from 'vitest';
import type { Block, SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderDigest } from '../../../src/adapters/slack/render/digest-message.js';
import { formatLeadTime } from '../../../src/adapters/slack/render/digest-message/format-lead-time.js';
import type { DeliveryFigures } from '../../../src/domain/digests/delivery-figures.js';
import type { BuildActivityOutcome, DeployActivityOutcome, Digest, DigestActivity } from '../../../src/domain/digests/digest.js';
import type { ReleaseActivity } from '../../../src/domain/digests/release-activity.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

const figures = (overrides: Partial<DeliveryFigures> = {}): DeliveryFigures => ({
  environment: 'production',
  window: { from: at('2024-02-16T09:00:00Z'), to: at('2024-03-15T09:00:00Z') },
  deploys: 14,
  deploysPerWeek: 3.5,
  failedDeploys: 3,
  changeFailureRate: 3 / 14,
  medianLeadTimeMs: 125 * MINUTE,
  leadTimeSamples: 9,
  releases: 0,
  ...overrides,
});

const build = (i: number, outcome: BuildActivityOutcome = 'succeeded', over: Partial<DigestActivity<BuildActivityOutcome>> = {}): DigestActivity<BuildActivityOutcome> => ({
  runId: `b${i}-api`, requestId: `b${i}`, service: 'api', version: `1.${i}.0`, requestedBy: 'U0ALICE', at: new Date(at('2024-03-14T10:00:00Z').getTime() + i * MINUTE), outcome, ...over,
});
const deploy = (i: number, outcome: DeployActivityOutcome = 'succeeded', over: Partial<DigestActivity<DeployActivityOutcome>> = {}): DigestActivity<DeployActivityOutcome> => ({
  runId: `d${i}-web`, requestId: `d${i}`, service: 'web', version: `2.${i}.0`, requestedBy: 'U0BOB', at: new Date(at('2024-03-14T12:00:00Z').getTime() + i * MINUTE), outcome, ...over,
});

const releaseOf = (i: number, outcome: ReleaseActivity['outcome'] = 'succeeded', over: Partial<ReleaseActivity> = {}): ReleaseActivity => {
  const started = new Date(at('2024-03-14T15:00:00Z').getTime() + i * MINUTE);
  return { runId: `r${i}-release`, requestId: `r${i}`, environment: 'production', version: `3.${i}.0`, requestedBy: 'U0CAROL', startedAt: started, at: started, lastAt: started, outcome, ...over };
};

const digest = (overrides: Partial<Digest> = {}): Digest => ({
  environment: 'production',
  at: at('2024-03-15T09:00:00Z'),
  since: at('2024-03-14T09:00:00Z'),
  score: 72,
  verdict: 'blocked',
  trend: { previous: 80, delta: -8 },
  failing: ['api ecr.tag', 'web k8s.probes'],
  startedFailing: ['api ecr.tag'],
  stoppedFailing: ['web k8s.replicas'],
  builds: [build(1, 'succeeded'), build(2, 'failed', { requestedBy: 'shipmate' })],
  deploys: [deploy(1, 'rolled-back'), deploy(2, 'succeeded', { rollback: true, version: '1.4.0' })],
  releases: [],
  figures: figures(),
  quiet: false,
  summary: 'production: score 72 (−8 since the last digest), blocked, 2 failing checks; 1 started failing; 1 stopped failing; 2 builds and 2 deploys since the last digest.',
  ...overrides,
});

const texts = (blocks: readonly Block[]): string[] =>
  blocks.flatMap((b) =>
    b.type === 'header' ? [b.text.text] : b.type === 'section' ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)] : b.type === 'context' ? b.elements.map((e) => e.text) : [],
  );
const sectionWith = (blocks: readonly Block[], needle: string): SectionBlock => {
  const found = blocks.find((b): b is SectionBlock => b.type === 'section' && (b.text?.text.includes(needle) ?? false));
  if (!found) throw new Error(`no section with ${needle}`);
  return found;
};

describe('renderDigest', () => {
  it('given a full digest, when rendered, then it shows score, trend, changes, activity and figures within Block Kit limits', () => {
    const message = renderDigest(digest(), { late: false, scheduled: true });

    expect(validateBlocks(message.blocks)).toBeUndefined();
    expectWithinBlockKitLimits(message);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Readiness digest · production', emoji: true } });
    const score = sectionWith(message.blocks, 'Score');
    expect(score.text?.text).toBe('*Score 72*/100 · ▼ −8 since the last digest (80) · :no_entry: blocked · 2 failing checks');
    expect(sectionWith(message.blocks, 'Started failing').text?.text).toBe(':red_circle: *Started failing* (1)\n• *api* `ecr.tag`');
    expect(sectionWith(message.blocks, 'Stopped failing').text?.text).toBe(':large_green_circle: *Stopped failing* (1)\n• *web* `k8s.replicas`');

    const builds = sectionWith(message.blocks, 'Builds since').text!.text.split('\n');
    expect(builds[0]).toBe(':hammer_and_wrench: *Builds since 2024-03-14 09:00 UTC* (2)');
    expect(builds[1]).toBe('• :x: failed · *api* `1.2.0` by shipmate · 2024-03-14 10:02 UTC');
    expect(builds[2]).toBe('• :white_check_mark: succeeded · *api* `1.1.0` by <@U0ALICE> · 2024-03-14 10:01 UTC');
    const deploys = sectionWith(message.blocks, 'Deploys since').text!.text.split('\n');
    expect(deploys[1]).toBe('• :white_check_mark: running · *web* `1.4.0` (rollback) by <@U0BOB> · 2024-03-14 12:02 UTC');
    expect(deploys[2]).toBe('• :leftwards_arrow_with_hook: rolled back · *web* `2.1.0` by <@U0BOB> · 2024-03-14 12:01 UTC');

    const delivery = sectionWith(message.blocks, 'Delivery');
    expect(delivery.text?.text).toBe(':bar_chart: *Delivery, last 28 days*');
    expect(delivery.fields?.map((f) => f.text)).toEqual([
      '*Deploys per week*\n3.5 (14 in 28 days)',
      '*Change failure rate*\n21.4% (3 of 14 deploys)',
      '*Median build → running*\n2 h 5 min (over 9 releases)',
    ]);
    expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Scheduled digest · 2024-03-15 09:00 UTC' }] });
    expect(texts(message.blocks).join('\n')).not.toContain('posted late');
    expect(message.text).toBe(digest().summary);
    expect(message.text.length).toBeLessThanOrEqual(300);
  });

  it('given a first digest on demand without deploys, when rendered, then trend says first digest and the figures say no deploys yet', () => {
    const message = renderDigest(
      digest({ trend: undefined, deploys: [], builds: [], startedFailing: [], stoppedFailing: [], figures: figures({ deploys: 0, deploysPerWeek: 0, failedDeploys: 0, changeFailureRate: undefined, medianLeadTimeMs: undefined, leadTimeSamples: 0 }) }),
      { late: false, scheduled: false },
    );

    expect(validateBlocks(message.blocks)).toBeUndefined();
    expect(sectionWith(message.blocks, 'Score').text?.text).toContain('· first digest ·');
    expect(texts(message.blocks)).toContain('No builds, deploys or releases since 2024-03-14 09:00 UTC.');
    expect(sectionWith(message.blocks, 'Delivery').fields?.map((f) => f.text)).toEqual([
      '*Deploys per week*\n0.0 (0 in 28 days)',
      '*Change failure rate*\nno deploys yet',
      '*Median build → running*\nno deploys yet',
    ]);
    expect(texts(message.blocks).at(-1)).toBe('Asked for with `/shipmate digest` · 2024-03-15 09:00 UTC');
    expect(texts(message.blocks).join('\n')).not.toMatch(/Started failing|Stopped failing/);
  });

  it('given an unchanged score, when rendered, then the trend is "= 0"', () => {
    const message = renderDigest(digest({ trend: { previous: 72, delta: 0 } }), { late: false, scheduled: true });
    expect(sectionWith(message.blocks, 'Score').text?.text).toContain('· = 0 since the last digest (72) ·');
  });

  it('given a quiet digest, when rendered, then it is the one-line summary alone', () => {
    const summary = 'Nothing new in production since the last digest: score 90 (ready), no failing checks.';
    const message = renderDigest(digest({ quiet: true, summary, builds: [], deploys: [], startedFailing: [], stoppedFailing: [] }), { late: false, scheduled: true });

    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: summary } }]);
    expect(message.text).toBe(summary);
    expect(validateBlocks(message.blocks)).toBeUndefined();
  });

  it('given a late digest, when rendered, then a context line says when shipmate was down and the fallback says late', () => {
    const dueAt = at('2024-03-15T07:30:00Z');
    const message = renderDigest(digest(), { late: true, scheduled: true, dueAt });

    expect(message.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: ':alarm_clock: posted late: shipmate was down at 07:30 UTC' }] });
    expect(message.text.startsWith('(late) ')).toBe(true);
    expect(validateBlocks(message.blocks)).toBeUndefined();

    const quiet = renderDigest(digest({ quiet: true, summary: 'Nothing new in production.' }), { late: true, scheduled: true, dueAt });
    expect(texts(quiet.blocks)).toEqual(['Nothing new in production.', ':alarm_clock: posted late: shipmate was down at 07:30 UTC']);
  });

  it('given 200 builds, 200 deploys and 200 changed checks, when rendered, then lists fold into "…and N more" within Block Kit limits', () => {
    const many = Array.from({ length: 200 }, (_, i) => i);
    const message = renderDigest(
      digest({
        builds: many.map((i) => build(i, i % 2 === 0 ? 'succeeded' : 'failed')),
        deploys: many.map((i) => deploy(i, 'verify-failed')),
        startedFailing: many.map((i) => `service-${i} k8s.security-context`),
        stoppedFailing: many.map((i) => `service-${i} ecr.scan`),
      }),
      { late: true, scheduled: true, dueAt: at('2024-03-15T09:00:00Z') },
    );

    expectWithinBlockKitLimits(message);
    for (const head of ['Builds since', 'Deploys since', 'Started failing', 'Stopped failing']) {
      const lines = sectionWith(message.blocks, head).text!.text.split('\n');
      const shown = lines.filter((l) => l.startsWith('• ')).length;
      const more = /^…and (\d+) more$/.exec(lines.at(-1)!);
      expect(more, head).not.toBeNull();
      expect(shown).toBeGreaterThan(5);
      expect(shown + Number(more![1])).toBe(200);
    }
    // newest first: the last build is shown, the first one folded away
    const builds = sectionWith(message.blocks, 'Builds since').text!.text;
    expect(builds).toContain('`1.199.0`');
    expect(builds).not.toContain('`1.0.0`');
  });

  it('given releases, when rendered, then each is one line beside builds and deploys, newest first, with how it ended and why', () => {
    const message = renderDigest(
      digest({
        releases: [
          releaseOf(1, 'succeeded'),
          releaseOf(2, 'rolled-back', { reason: 'stage 4 deploy failed: frontend\ncrash-looping' }),
          releaseOf(3, 'running', { requestedBy: undefined }),
          releaseOf(4, 'rollback-failed', { reason: 'could not roll back backend' }),
          releaseOf(5, 'not-started', { startedAt: undefined }),
          releaseOf(6, 'failed', { reason: 'stage 2 migrate failed: exit 1' }),
        ],
        figures: figures({ releases: 2 }),
      }),
      { late: false, scheduled: true },
    );

    expectWithinBlockKitLimits(message);
    const order = message.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text.split('\n')[0]] : []));
    expect(order.findIndex((t) => t?.includes('Deploys since'))).toBeLessThan(order.findIndex((t) => t?.includes('Releases since')));
    expect(sectionWith(message.blocks, 'Releases since').text!.text.split('\n')).toEqual([
      ':package: *Releases since 2024-03-14 09:00 UTC* (6)',
      '• :x: failed · release `3.6.0` by <@U0CAROL> · 2024-03-14 15:06 UTC · stage 2 migrate failed: exit 1',
      '• :heavy_multiplication_x: not started · release `3.5.0` by <@U0CAROL> · 2024-03-14 15:05 UTC',
      '• :rotating_light: rollback failed · release `3.4.0` by <@U0CAROL> · 2024-03-14 15:04 UTC · could not roll back backend',
      '• :hourglass_flowing_sand: running · release `3.3.0` · 2024-03-14 15:03 UTC',
      '• :leftwards_arrow_with_hook: rolled back · release `3.2.0` by <@U0CAROL> · 2024-03-14 15:02 UTC · stage 4 deploy failed: frontend crash-looping',
      '• :white_check_mark: succeeded · release `3.1.0` by <@U0CAROL> · 2024-03-14 15:01 UTC',
    ]);
    expect(sectionWith(message.blocks, 'Delivery').fields?.[0]?.text).toBe('*Deploys per week*\n3.5 (14 in 28 days, 2 of them releases)');
    expect(renderDigest(digest({ figures: figures({ releases: 1 }) }), { late: false, scheduled: true }).blocks.flatMap((b) => (b.type === 'section' ? (b.fields ?? []).map((f) => f.text) : []))[0]).toBe(
      '*Deploys per week*\n3.5 (14 in 28 days, 1 of them a release)',
    );
  });

  it('given 200 releases beside 200 builds and deploys and 200 changed checks, when rendered, then the releases fold too and the message stays within Block Kit limits', () => {
    const many = Array.from({ length: 200 }, (_, i) => i);
    const message = renderDigest(
      digest({
        builds: many.map((i) => build(i)),
        deploys: many.map((i) => deploy(i)),
        releases: many.map((i) => releaseOf(i, 'rollback-failed', { reason: 'x'.repeat(500), version: `3.${i}.0-${'y'.repeat(60)}` })),
        startedFailing: many.map((i) => `service-${i} k8s.security-context`),
        stoppedFailing: many.map((i) => `service-${i} ecr.scan`),
      }),
      { late: true, scheduled: true, dueAt: at('2024-03-15T09:00:00Z') },
    );

    expectWithinBlockKitLimits(message);
    const lines = sectionWith(message.blocks, 'Releases since').text!.text.split('\n');
    const more = /^…and (\d+) more$/.exec(lines.at(-1)!);
    expect(more).not.toBeNull();
    expect(lines.filter((l) => l.startsWith('• ')).length + Number(more![1])).toBe(200);
  });

  it('given a hostile release, when rendered, then its version, requester and reason stay text', () => {
    const message = renderDigest(
      digest({ releases: [releaseOf(1, 'failed', { version: '1`<!channel>`', requestedBy: '<@U0EVE>', reason: '*boom* <!here> <https://evil|x> & `tick' })] }),
      { late: false, scheduled: true },
    );

    expect(validateBlocks(message.blocks)).toBeUndefined();
    const line = sectionWith(message.blocks, 'Releases since').text!.text;
    expect(line).not.toMatch(/<!channel>|<!here>|<https:|<@U0EVE>/);
    expect(line).toContain('&lt;!here&gt;');
    expect(line).toContain('&amp;');
  });

  it('given hostile names, when rendered, then every text is escaped and only Slack user ids become mentions', () => {
    const message = renderDigest(
      digest({
        environment: '<!channel> prod',
        startedFailing: ['*api* <https://evil|x>'],
        builds: [build(1, 'succeeded', { service: '_web_ & <!here>', version: '1.0`<!everyone>`', requestedBy: '<@U0EVE>' })],
        deploys: [deploy(1, 'failed', { requestedBy: 'U0BOB' })],
        summary: '<!channel> prod: score 72',
      }),
      { late: false, scheduled: true },
    );

    expect(validateBlocks(message.blocks)).toBeUndefined();
    const mrkdwn = texts(message.blocks.slice(1)).join('\n');
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<!everyone>|<https:|<@U0EVE>/);
    expect(mrkdwn).toContain('&lt;!here&gt;');
    expect(mrkdwn).toContain('&amp;');
    expect(mrkdwn).toContain('by <@U0BOB>');
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Readiness digest · <!channel> prod' } });
  });
});

describe('formatLeadTime', () => {
  it('given durations, when formatted, then minutes, hours and days read as people write them', () => {
    expect(formatLeadTime(125 * MINUTE)).toBe('2 h 5 min');
    expect(formatLeadTime(42 * MINUTE)).toBe('42 min');
    expect(formatLeadTime(120 * MINUTE)).toBe('2 h');
    expect(formatLeadTime(20_000)).toBe('under 1 min');
    expect(formatLeadTime(26 * 60 * MINUTE)).toBe('1 d 2 h');
  });
});
