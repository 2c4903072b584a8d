import { describe, expect, it } from 'vitest';
import type { ActionsBlock, Block, SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderApprovalCard, type ApprovalCardView } from '../../../src/adapters/slack/render/approval-card.js';
import { sentenceWithMentionsToRich, toMrkdwn } from '../../../src/adapters/slack/blocks/to-mrkdwn.js';
import { mention, rich } from '../../../src/domain/text/rich-text.js';
import { renderRefusal } from '../../../src/adapters/slack/render/refusal.js';
import type { ApprovalRequest } from '../../../src/ports/store.port.js';
import { expectGolden } from './expect-golden.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

const at = (hhmm: string): Date => new Date(`2026-11-20T${hhmm}:00.000Z`);

function request(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'b7k2q9',
    action: 'build',
    environment: 'staging',
    requestedBy: 'U0ALICE',
    requestedAt: at('14:00'),
    expiresAt: at('14:30'),
    status: 'pending',
    requiredApprovals: 1,
    approvals: [],
    payload: { version: '1.1.0' },
    channelId: 'C0RELEASES',
    version: 1,
    ...overrides,
  };
}

function view(overrides: Partial<ApprovalCardView> = {}): ApprovalCardView {
  return {
    request: request(),
    title: 'Build 1.1.0 of backend, frontend in staging',
    changes: [
      'backend: CodeBuild `shop-backend` from `refs/tags/v1.1.0`, VERSION=1.1.0; latest image 1.0.3',
      'frontend: CodeBuild `shop-frontend` from `refs/tags/v1.1.0`, VERSION=1.1.0; latest image 1.0.3',
    ],
    preflight: [
      { status: 'pass', text: 'account-wide quota 20, 2 running: 18 free' },
      { status: 'warn', text: 'last build of shop-frontend FAILED (shop-frontend:4f1c)' },
    ],
    protected: false,
    policyLine: 'Builds in staging need 1 approval from anyone but the requester.',
    ...overrides,
  };
}

const production = (overrides: Partial<ApprovalRequest> = {}): Partial<ApprovalCardView> => ({
  request: request({ environment: 'production', requiredApprovals: 2, ...overrides }),
  title: 'Build 1.1.0 of backend, frontend in production',
  protected: true,
  policyLine: 'Builds in production need 2 distinct approvals from @release-managers or <@U0BOB>, not counting the requester.',
});

const actionsOf = (blocks: readonly Block[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions');
const texts = (blocks: readonly Block[]) => blocks.flatMap((b) => (b.type === 'section' ? [(b as SectionBlock).text?.text ?? ''] : []));

describe('renderApprovalCard: golden files', () => {
  const cards: Record<string, ApprovalCardView> = {
    'approval-card-pending': view(),
    'approval-card-pending-protected': view(production({ approvals: [{ userId: 'U0BOB', at: at('14:02') }], version: 2 })),
    'approval-card-approved': view({
      ...production({
        status: 'approved',
        approvals: [{ userId: 'U0BOB', at: at('14:02') }, { userId: 'U0CAROL', at: at('14:05') }],
        decidedBy: 'U0CAROL',
        decidedAt: at('14:05'),
        version: 3,
      }),
      outcome: ':rocket: Build started: 2 builds',
    }),
    'approval-card-rejected': view({
      request: request({ status: 'rejected', decidedBy: 'U0BOB', decidedAt: at('14:07'), reason: 'not during the sale', version: 2 }),
    }),
    'approval-card-expired': view(production({ status: 'expired', approvals: [{ userId: 'U0BOB', at: at('14:02') }], decidedAt: at('14:30'), version: 3 })),
    'approval-card-cancelled': view({ request: request({ status: 'cancelled', decidedBy: 'U0ALICE', decidedAt: at('14:01'), version: 2 }) }),
    'promote-card-pending-protected': view({
      request: request({ id: 'd4p1oy-s2', action: 'promote', environment: 'production', expiresAt: new Date(at('14:00').getTime() + 24 * 3600_000) }),
      title: 'The canary of checkout 1.1.0 in production, paused at step 2/5',
      changes: [
        'Now: Step 2/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)',
        'Promote: the canary goes on to its next step.',
        'Abort: back to shop/checkout:1.0.0, and checkout is locked in production.',
      ],
      preflight: [],
      protected: true,
      policyLine: 'Promotes in production need 1 approval from <@U0BOB>, not counting the requester.',
    }),
  };
  for (const [name, card] of Object.entries(cards)) {
    it(`renders ${name} within Block Kit's limits`, () => {
      const message = renderApprovalCard(card);
      expectWithinBlockKitLimits(message);
      expectGolden(name, message);
    });
  }
});

describe('renderApprovalCard: a canary\'s pause', () => {
  it('keeps a mention written by the cluster (an AnalysisRun\'s message) as text', async () => {
    // given
    const { newPromoteRequest } = await import('../../../src/app/deploys/promote-request.js');
    const deploy = request({ id: 'd4p1oy', action: 'deploy', status: 'approved', payload: { service: 'checkout', version: '1.1.0' } });
    const canary = { stepIndex: 1, stepCount: 5, setWeight: 20, paused: true, awaitingPromotion: true, line: 'Paused (<@U0EVE> <!channel>)', analysis: 'error-rate <@U0EVE>' };
    const promote = newPromoteRequest(deploy, { service: 'checkout', version: '1.1.0' }, canary, { policy: {} as never, environments: {} as never }, at('14:00'));
    const { card } = promote.payload as unknown as { card: ApprovalCardView & { changes: string[] } };
    // when
    const message = renderApprovalCard({ ...view(), request: promote, title: card.title, changes: card.changes, policyLine: card.policyLine, protected: false });
    // then
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain('<@U0EVE>');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('<@U0ALICE>');
  });

  it('offers Promote (confirmed in a protected environment) and Abort, carrying the promote request id', () => {
    // given
    const card = view({ ...production({ id: 'd4p1oy-s2', action: 'promote' }), title: 'The canary of checkout 1.1.0 in production, paused at step 2/5' });
    // when
    const [buttons] = actionsOf(renderApprovalCard(card).blocks);
    // then
    const [promote, abort] = buttons!.elements as { text: { text: string }; action_id: string; value: string; confirm?: { title: { text: string }; confirm: { text: string } } }[];
    expect([promote!.text.text, promote!.action_id, promote!.value]).toEqual(['Promote', 'approve', 'd4p1oy-s2']);
    expect(promote!.confirm).toMatchObject({ title: { text: 'Promote in production?' }, confirm: { text: 'Promote' } });
    expect([abort!.text.text, abort!.action_id, abort!.value]).toEqual(['Abort', 'reject', 'd4p1oy-s2']);
  });
});

describe('renderApprovalCard: a pending request', () => {
  it('offers Approve and Reject carrying the request id, in a block named after it', () => {
    // when
    const [buttons] = actionsOf(renderApprovalCard(view()).blocks);
    // then
    expect(buttons).toEqual({
      type: 'actions',
      block_id: 'approval:b7k2q9',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Approve', emoji: true }, action_id: 'approve', value: 'b7k2q9', style: 'primary' },
        { type: 'button', text: { type: 'plain_text', text: 'Reject', emoji: true }, action_id: 'reject', value: 'b7k2q9', style: 'danger' },
      ],
    });
  });

  it('puts a confirm dialog on Approve in a protected environment, and none on Reject', () => {
    // when
    const [buttons] = actionsOf(renderApprovalCard(view(production())).blocks);
    // then
    expect(buttons!.elements[0]!.confirm).toEqual({
      title: { type: 'plain_text', text: 'Approve in production?', emoji: true },
      text: { type: 'mrkdwn', text: 'Approve build 1.1.0 of backend, frontend in production? *production* is a protected environment.' },
      confirm: { type: 'plain_text', text: 'Approve', emoji: true },
      deny: { type: 'plain_text', text: 'Go back', emoji: true },
      style: 'primary',
    });
    expect(buttons!.elements[1]!.confirm).toBeUndefined();
  });

  it('asks for no confirmation outside protected environments', () => {
    const [buttons] = actionsOf(renderApprovalCard(view()).blocks);
    expect(buttons!.elements.every((b) => b.confirm === undefined)).toBe(true);
  });

  it('says who asked, until when, and how many approvals it has of how many', () => {
    // when
    const [status] = texts(renderApprovalCard(view(production({ approvals: [{ userId: 'U0BOB', at: at('14:02') }] }))).blocks);
    // then
    expect(status).toBe(
      ':hourglass_flowing_sand: *Waiting for approval* · asked by <@U0ALICE> at 14:00 UTC · expires at 14:30 UTC\n' +
        '1 of 2 approvals: <@U0BOB>\n' +
        ':lock: *production* is protected: Approve asks you to confirm.',
    );
  });

  it('notifies with the title and the requester', () => {
    expect(renderApprovalCard(view()).text).toBe('Approval needed: Build 1.1.0 of backend, frontend in staging (asked by <@U0ALICE>)');
  });
});

describe('renderApprovalCard: a decided request', () => {
  it('has no buttons once approved, and a line per approval', () => {
    // when
    const card = renderApprovalCard(
      view({
        request: request({
          status: 'approved',
          requiredApprovals: 2,
          approvals: [{ userId: 'U0BOB', at: at('14:02') }, { userId: 'U0CAROL', at: at('14:05') }],
          decidedBy: 'U0CAROL',
          decidedAt: at('14:05'),
        }),
        outcome: 'Build started: 2 builds',
      }),
    );
    // then
    expect(actionsOf(card.blocks)).toEqual([]);
    expect(texts(card.blocks)).toContain(':white_check_mark: Approved by <@U0BOB> at 14:02 UTC\n:white_check_mark: Approved by <@U0CAROL> at 14:05 UTC');
    expect(texts(card.blocks)).toContain('Build started: 2 builds');
    expect(card.text).toBe('Approved: Build 1.1.0 of backend, frontend in staging');
  });

  it('says who rejected, when and why', () => {
    const card = renderApprovalCard(view({ request: request({ status: 'rejected', decidedBy: 'U0BOB', decidedAt: at('14:07'), reason: 'not during the sale' }) }));
    expect(actionsOf(card.blocks)).toEqual([]);
    expect(texts(card.blocks)).toContain(':x: Rejected by <@U0BOB> at 14:07 UTC — not during the sale');
  });

  it('says when it expired and the approvals it had gathered', () => {
    const card = renderApprovalCard(view(production({ status: 'expired', approvals: [{ userId: 'U0BOB', at: at('14:02') }], decidedAt: at('14:30') })));
    expect(actionsOf(card.blocks)).toEqual([]);
    expect(texts(card.blocks)).toContain('1 of 2 approvals: <@U0BOB>\n:alarm_clock: Expired at 14:30 UTC without enough approvals');
  });

  it('says who cancelled it', () => {
    const card = renderApprovalCard(view({ request: request({ status: 'cancelled', decidedBy: 'U0ALICE', decidedAt: at('14:01') }) }));
    expect(texts(card.blocks)).toContain(':heavy_multiplication_x: Cancelled by <@U0ALICE> at 14:01 UTC');
  });

  it('dates a decision made on a later day than the request', () => {
    const card = renderApprovalCard(view({ request: request({ status: 'rejected', decidedBy: 'U0BOB', decidedAt: new Date('2026-11-21T09:15:00Z') }) }));
    expect(texts(card.blocks)).toContain(':x: Rejected by <@U0BOB> at 2026-11-21 09:15 UTC');
  });
});

describe('renderApprovalCard: untrusted and oversized input', () => {
  it('escapes what a change, a preflight line, a reason or an outcome could inject, keeping user mentions', () => {
    // given
    const card = renderApprovalCard(
      view({
        request: request({ status: 'rejected', decidedBy: 'U0BOB', decidedAt: at('14:07'), reason: '<!channel> see <https://evil|here>' }),
        changes: ['backend & <!here> *now*'],
        preflight: [{ status: 'fail', text: 'quota <https://x|y>' }],
        outcome: rich`Failed to start: ${'<!everyone> <@U0EVE>'} asked ${mention('U0CAROL')}`,
      }),
    );
    // when
    const all = texts(card.blocks).join('\n');
    // then
    expect(all).toContain('• backend &amp; &lt;!here&gt; \u200b*\u200bnow\u200b*\u200b');
    expect(all).toContain(':x: quota &lt;https://x|y&gt;');
    expect(all).toContain('— &lt;!channel&gt; see &lt;https://evil|here&gt;');
    expect(all).toContain('Failed to start: &lt;!everyone&gt; &lt;@U0EVE&gt; asked <@U0CAROL>');
    expect(all).not.toMatch(/<!|<https/);
  });

  it('folds long lists and stays within Block Kit limits', () => {
    // given
    const long = 'x'.repeat(1000);
    const card = renderApprovalCard(
      view({
        title: 'T'.repeat(500),
        changes: Array.from({ length: 200 }, (_, i) => `service-${i}: ${long}`),
        preflight: Array.from({ length: 200 }, (_, i) => ({ status: 'fail' as const, text: `check ${i} ${long}` })),
        policyLine: long,
        protected: true,
      }),
    );
    // then
    expectWithinBlockKitLimits(card);
    const [, changes, preflight] = texts(card.blocks);
    expect(changes).toMatch(/^\*What will change\*\n• service-0: x+…\n/);
    expect(changes).toMatch(/\n…and \d+ more$/);
    expect(preflight).toMatch(/\n…and \d+ more$/);
  });
});

describe('renderRefusal', () => {
  it('answers with one line behind :no_entry:, mentions kept and anything else escaped', () => {
    expect(renderRefusal('already approved by <@U0BOB> at 14:02 UTC')).toEqual({
      text: ':no_entry: already approved by <@U0BOB> at 14:02 UTC',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':no_entry: already approved by <@U0BOB> at 14:02 UTC' } }],
    });
    expect(renderRefusal('no request <!here>').text).toBe(':no_entry: no request &lt;!here&gt;');
  });

  it('keeps a very long reason within a section', () => {
    const message = renderRefusal('y'.repeat(5000));
    expectWithinBlockKitLimits(message);
    expect(message.text.length).toBeLessThanOrEqual(1011);
  });
});

describe('sentenceWithMentionsToRich', () => {
  it('keeps only user mentions as markup', () => {
    expect(toMrkdwn(sentenceWithMentionsToRich('<@U0BOB> & <@W0CAROL> but not <@here> or <#C123>'))).toBe('<@U0BOB> &amp; <@W0CAROL> but not &lt;@here&gt; or &lt;#C123&gt;');
  });
});
