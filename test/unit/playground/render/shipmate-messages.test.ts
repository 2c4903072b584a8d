import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../../src/adapters/slack/blocks/slack-message.js';
import { sentenceWithMentionsToRich } from '../../../../src/adapters/slack/blocks/to-mrkdwn.js';
import { renderAppHome } from '../../../../src/adapters/slack/render/app-home.js';
import { renderApprovalCard, type ApprovalCardView } from '../../../../src/adapters/slack/render/approval-card.js';
import { renderDigest } from '../../../../src/adapters/slack/render/digest-message.js';
import { renderHelp } from '../../../../src/adapters/slack/render/help-reply.js';
import { renderHistory } from '../../../../src/adapters/slack/render/history-reply.js';
import { renderNote } from '../../../../src/adapters/slack/render/note.js';
import { renderReadinessCard, renderReadinessStarted } from '../../../../src/adapters/slack/render/readiness-card.js';
import { renderRefusal } from '../../../../src/adapters/slack/render/refusal.js';
import { renderStatus } from '../../../../src/adapters/slack/render/status-reply.js';
import { renderNotInChannelHint, renderUsageError } from '../../../../src/adapters/slack/render/usage-reply.js';
import { renderVerifyTable } from '../../../../src/adapters/slack/render/verify-table.js';
import { helpEntries } from '../../../../src/app/help-entries.js';
import { code, mention, rich } from '../../../../src/domain/text/rich-text.js';
import { renderBlocks, renderMrkdwn } from '../../../../src/playground/render/render-blocks.js';
import type { ApprovalRequest } from '../../../../src/ports/store.port.js';
import { deployStarted, deploySucceeded, release } from '../../digests/audit-history.js';
import { brokenReport } from '../../slack/readiness-reports.js';
import { ctx, expectEveryTextVisible, expectInertHtml, expectWordsInOrder, visibleText, wordsOf } from './render-test-support.js';

/*
 * Messages shipmate posts that are not golden files, built with the bot's own
 * renderers: each must draw with nothing unknown and every text visible.
 */

const at = (hhmm: string): Date => new Date(`2026-11-20T${hhmm}:00.000Z`);

const deployRequest = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'd4p1oy',
  action: 'deploy',
  environment: 'production',
  requestedBy: 'U0ALICE',
  requestedAt: at('14:00'),
  expiresAt: at('14:30'),
  status: 'pending',
  requiredApprovals: 1,
  approvals: [],
  payload: { service: 'backend', version: '1.1.0' },
  channelId: 'C0RELEASES',
  version: 1,
  ...overrides,
});

const deployCard = (overrides: Partial<ApprovalCardView> = {}): SlackMessage =>
  renderApprovalCard({
    request: deployRequest(),
    title: 'Deploy 1.1.0 of backend to production',
    changes: ['backend: `repo/backend:1.0.3` → `repo/backend:1.1.0`'],
    preflight: [{ status: 'pass', text: 'readiness of production 1.1.0: ready, score 96/100' }],
    protected: true,
    policyLine: sentenceWithMentionsToRich('Deploys in production need 1 approval from @release-managers or <@U0BOB>, not counting the requester.'),
    ...overrides,
  });

const smokeTest = { method: 'GET' as const, url: 'https://shop.test/health', status: 200, latencyMs: 84, latencyBudgetMs: 500, problems: [] as string[] };

const messages: [string, SlackMessage][] = [
  ['readiness started', renderReadinessStarted('production', '1.2.0')],
  ['readiness card with its full-report hint', renderReadinessCard(brokenReport(), { fullReportHint: 'Run `/readiness production 1.2.0 full` for every check.' })],
  ['deploy approval card, pending and protected', deployCard()],
  ['deploy approval card, approved and rolling out', deployCard({ request: deployRequest({ status: 'approved', approvals: [{ userId: 'U0BOB', at: at('14:05') }] }), outcome: rich`:hourglass_flowing_sand: Rolling out ${code('repo/backend:1.1.0')}…` })],
  ['deploy approval card, rolled back', deployCard({ request: deployRequest({ status: 'approved', approvals: [{ userId: 'U0BOB', at: at('14:05') }] }), outcome: rich`:leftwards_arrow_with_hook: Rolled back to ${code('repo/backend:1.0.3')}; backend in production is locked` })],
  ['refusal to the requester', renderRefusal(sentenceWithMentionsToRich('You asked for this deploy, so you cannot approve it: Deploys in production need 1 approval from @release-managers or <@U0BOB>, not counting the requester.'))],
  [
    'smoke-test table with metric guards',
    renderVerifyTable({
      environment: 'production',
      durationMs: 1_240,
      results: [
        { ...smokeTest, name: 'health', outcome: 'pass' },
        { ...smokeTest, name: 'orders', status: 500, outcome: 'fail', problems: ['status 500, expected 2xx'] },
        { ...smokeTest, name: 'search', status: undefined, latencyMs: 0, outcome: 'skip', problems: ['needs orders, which failed'] },
      ],
      guards: [{ outcome: 'breach', guard: 'backend error-ratio', value: 0.2, labels: {}, summary: 'backend error-ratio: 0.2, threshold below 0.01 — breached' }],
    }),
  ],
  ['help', renderHelp(helpEntries())],
  [
    'status',
    renderStatus([
      { environment: 'production', service: 'backend', image: 'repo/backend', tag: '1.0.3', digest: `sha256:${'ab'.repeat(32)}`, verdict: 'ready' },
      { environment: 'production', service: 'ml', verdict: 'blocked', problem: 'no deployment "ml"', lock: { service: 'ml', environment: 'production', holder: 'U0BOB', reason: 'rollback after failed deploy', at: at('13:00') } },
    ]),
  ],
  ['usage error', renderUsageError('unknown service "billing"', '/deploy <service> <version> [environment]')],
  ['not-in-channel hint', renderNotInChannelHint('releases')],
  [
    'history',
    renderHistory(
      [deployStarted('2026-12-01T09:00:00Z', 'd1dddd', 'worker', 'production'), deploySucceeded('2026-12-01T09:05:00Z', 'd1dddd', 'worker', '1.4.0', 'production'), ...release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'rolled-back')]
        .map((entry, id) => ({ ...entry, id }))
        .reverse(),
    ),
  ],
  [
    'digest',
    renderDigest(
      {
        environment: 'production',
        at: new Date('2024-03-15T09:00:00Z'),
        since: new Date('2024-03-14T09:00:00Z'),
        score: 72,
        verdict: 'blocked',
        trend: { previous: 80, delta: -8 },
        failing: ['api ecr.tag'],
        startedFailing: ['api ecr.tag'],
        stoppedFailing: ['web k8s.replicas'],
        builds: [],
        deploys: [{ runId: 'd1-web', requestId: 'd1', service: 'web', version: '2.1.0', requestedBy: 'U0BOB', at: new Date('2024-03-14T12:00:00Z'), outcome: 'rolled-back' }],
        releases: [],
        figures: { environment: 'production', window: { from: new Date('2024-02-16T09:00:00Z'), to: new Date('2024-03-15T09:00:00Z') }, deploys: 14, deploysPerWeek: 3.5, failedDeploys: 3, changeFailureRate: 3 / 14, medianLeadTimeMs: 7_500_000, leadTimeSamples: 9, releases: 0 },
        quiet: false,
        summary: 'production: score 72 (−8 since the last digest), blocked',
      },
      { late: false, scheduled: true },
    ),
  ],
];

/** Thread replies are notes: text only, no blocks (the page draws their text with renderMrkdwn). */
const notes: [string, SlackMessage][] = [
  ['rollout thread: patched', renderNote(rich`Patched deployment/backend to ${code('repo/backend:1.1.0')}`)],
  ['rollout thread: progress', renderNote(rich`${'Waiting for deployment "backend" rollout to finish: 1 of 3 updated replicas are available...'}`)],
  ['rollout thread: success', renderNote(rich`${'deployment "backend" successfully rolled out'}`)],
  ['rollout thread: verify next', renderNote(rich`:white_check_mark: Rolled out. Running /verify for ${'production'}…`)],
  ['rollout thread: failure', renderNote(rich`:x: The rollout of ${'backend'} failed — ${'CrashLoopBackOff: back-off 10s restarting failed container'}\nLast events:\n• ${'Back-off restarting failed container backend'}`)],
  ['rollout thread: rollback', renderNote(rich`:leftwards_arrow_with_hook: Rolling back to ${code('repo/backend:1.0.3')}`)],
  ['rollout thread: lock', renderNote(rich`:lock: ${'backend'} in ${'production'}: rolled back. Deploys of backend there are locked until someone runs ${code('/shipmate unlock backend production')}.`)],
  ['rollout thread: not started', renderNote(rich`:no_entry: Not started: ${'production is frozen until 18:00 UTC'} by ${mention('U0CAROL')}`)],
];

const home = renderAppHome({
  viewerId: 'U0BOB',
  generatedAt: at('14:02'),
  environments: [
    {
      name: 'production',
      readiness: { verdict: 'at-risk', score: 87, at: at('14:00') },
      services: [
        { name: 'backend', imageTag: '1.0.3', digest: `sha256:${'0123456789abcdef'.repeat(4)}`, verdict: 'ready' },
        { name: 'ml', imageTag: '0.9.0', digest: `sha256:${'fedcba9876543210'.repeat(4)}`, verdict: 'blocked' },
      ],
    },
  ],
  pendingApprovals: [{ requestId: 'd4p1oy', title: 'Deploy 1.1.0 of backend to production', requestedBy: 'U0ALICE', environment: 'production', expiresAt: at('14:30'), protected: true }],
  activeLocks: [{ environment: 'production', service: 'ml', lockedBy: 'shipmate', since: at('13:00'), reason: 'rollback after failed deploy' }],
  recentDeploys: [{ service: 'backend', environment: 'staging', version: '1.1.0', outcome: 'succeeded', by: 'U0BOB', at: at('13:30') }],
});

describe('renderBlocks on the messages shipmate posts', () => {
  it.each(messages)('given the %s message, when rendered, then nothing is unknown, every text is visible and the HTML is inert', (_name, message) => {
    // given
    expect(message.blocks.length).toBeGreaterThan(0);

    // when
    const rendered = renderBlocks(message.blocks, ctx);

    // then
    expect(rendered.unknown).toEqual([]);
    expectEveryTextVisible(message.blocks, rendered.html);
    expectInertHtml(rendered.html);
  });

  it('given the App Home view, when rendered, then nothing is unknown, every text and its Approve / Reject buttons are drawn', () => {
    // when
    const rendered = renderBlocks(home.blocks, ctx);

    // then
    expect(rendered.unknown).toEqual([]);
    expectEveryTextVisible(home.blocks, rendered.html);
    expectInertHtml(rendered.html);
    expect(rendered.html).toMatch(/<button type="button" class="sk-button sk-primary" data-action-id="[^"]+" data-block-id="home-approval:d4p1oy" data-value="d4p1oy" data-confirm="[^"]+">Approve<\/button>/);
    expect(visibleText(rendered.html)).toContain('@alice');
  });

  it.each(notes)('given the %s note, when its text is rendered, then every word is visible and the HTML is inert', (_name, note) => {
    // given
    expect(note.blocks).toEqual([]);

    // when
    const html = renderMrkdwn(note.text, ctx);

    // then
    expectWordsInOrder(visibleText(html), wordsOf(note.text));
    expectInertHtml(html);
  });

  it('given the rollout thread lines, when rendered, then the success line reads as in Slack and the lock names the unlock command as code', () => {
    // given
    const lines = Object.fromEntries(notes);

    // when
    const success = renderMrkdwn(lines['rollout thread: success']!.text, ctx);
    const lock = renderMrkdwn(lines['rollout thread: lock']!.text, ctx);
    const failure = renderMrkdwn(lines['rollout thread: failure']!.text, ctx);

    // then
    expect(visibleText(success)).toBe('deployment "backend" successfully rolled out');
    expect(lock).toContain('<span class="sk-emoji" role="img" aria-label=":lock:" title=":lock:">🔒</span> backend in production');
    expect(lock).toContain('<code class="sk-code">/shipmate unlock backend production</code>');
    expect(visibleText(failure)).toBe('❌ The rollout of backend failed — CrashLoopBackOff: back-off 10s restarting failed container\nLast events:\n• Back-off restarting failed container backend');
  });

  it('given the smoke-test table, when rendered, then its rows stay a preformatted block, one row a line', () => {
    // given
    const table = Object.fromEntries(messages)['smoke-test table with metric guards']!;

    // when
    const { html } = renderBlocks(table.blocks, ctx);

    // then
    const pre = /<pre class="sk-pre">([^<]*)<\/pre>/.exec(html);
    expect(pre).not.toBeNull();
    const rows = pre![1]!.split('\n');
    expect(rows.some((row) => /^✅ health\s+GET\s+200/.test(row))).toBe(true);
    expect(rows.some((row) => /^❌ orders\s+GET\s+500/.test(row))).toBe(true);
  });
});
