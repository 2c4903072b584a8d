import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/adapters/slack/blocks/block-kit.js';
import { renderAppHome, type AppHomeView, type HomeEnvironment, type HomeRelease } from '../../../src/adapters/slack/render/app-home.js';
import { findHomeViewProblem } from '../../../src/sandbox/slack/validate-home-view.js';

const at = new Date('2026-11-20T14:02:00Z');
const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

function environment(name: string, services: number): HomeEnvironment {
  return {
    name,
    readiness: { verdict: 'at-risk', score: 87, at },
    services: Array.from({ length: services }, (_, i) => ({ name: `svc-${String(i).padStart(2, '0')}`, imageTag: `1.${i}.0`, digest, verdict: i % 3 === 0 ? 'blocked' : 'ready' })),
  };
}

function view(overrides: Partial<AppHomeView> = {}): AppHomeView {
  return {
    viewerId: 'U0ALICE',
    generatedAt: at,
    environments: [environment('staging', 30), environment('production', 30)],
    pendingApprovals: [{ requestId: 'req-1', title: 'Deploy 1.1.0 of backend to production', requestedBy: 'U0BOB', environment: 'production', expiresAt: at, protected: true }],
    activeLocks: [{ environment: 'production', service: 'ml', lockedBy: 'shipmate', since: at, reason: 'rollback after failed deploy' }],
    recentDeploys: [{ service: 'backend', environment: 'staging', version: '1.1.0', outcome: 'succeeded', by: 'U0BOB', at }],
    ...overrides,
  };
}

/** Every mrkdwn text in the blocks (plain_text is never parsed for mentions or links), joined. */
function allMrkdwn(blocks: readonly Block[]): string {
  const texts: string[] = [];
  JSON.stringify(blocks, (_key, value: unknown) => {
    const object = value as { type?: unknown; text?: unknown } | null;
    if (object && object.type === 'mrkdwn' && typeof object.text === 'string') texts.push(object.text);
    return value;
  });
  return texts.join('\n');
}

function sectionTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []));
}

describe('renderAppHome', () => {
  it('given 30 services in 2 environments, when rendered, then the home view is within 100 blocks and passes the sandbox’s Block Kit rules', () => {
    const home = renderAppHome(view());

    expect(home.type).toBe('home');
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(findHomeViewProblem(home)).toBeUndefined();
  });

  it('given 30 services in 2 environments, when rendered, then every service of each environment is listed with its tag, short digest and verdict', () => {
    const texts = sectionTexts(renderAppHome(view()).blocks).join('\n');

    for (let i = 0; i < 30; i++) expect(texts).toContain(`*svc-${String(i).padStart(2, '0')}* \`1.${i}.0\``);
    expect(texts.match(/`sha256:0123456789ab`/g)).toHaveLength(60);
    expect(texts).toContain('*staging*');
    expect(texts).toContain(':warning: at risk · score 87/100');
    expect(texts.match(/:no_entry: blocked/g)).toHaveLength(20);
  });

  it('given a fleet far past the limits, when rendered, then it stays within 100 blocks and folds what does not fit into count lines', () => {
    const many = view({
      environments: Array.from({ length: 9 }, (_, i) => environment(`env-${i}`, 55)),
      pendingApprovals: Array.from({ length: 14 }, (_, i) => ({ requestId: `req-${i}`, title: `Deploy ${i}`, requestedBy: 'U0BOB', environment: 'staging', expiresAt: at })),
      activeLocks: Array.from({ length: 80 }, (_, i) => ({ environment: 'staging', service: `svc-${i}`, lockedBy: 'U0BOB', since: at, reason: 'x'.repeat(150) })),
      recentDeploys: Array.from({ length: 40 }, () => view().recentDeploys[0]!),
    });

    const home = renderAppHome(many);

    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(findHomeViewProblem(home)).toBeUndefined();
    const texts = sectionTexts(home.blocks).join('\n');
    expect(texts).toContain('…and 3 more environments not shown');
    expect(texts.match(/…and 15 more services not shown/g)).toHaveLength(6);
    expect(texts).toContain('…and 4 more waiting for your approval');
    expect(texts).toMatch(/…and \d+ more/);
    expect(home.blocks.filter((b) => b.type === 'actions')).toHaveLength(10);
  });

  it('given a pending approval, when rendered, then Approve and Reject carry the request id with the approval card’s action ids, Approve confirmed in a protected environment', () => {
    const actions = renderAppHome(view()).blocks.filter((b) => b.type === 'actions');

    expect(actions).toHaveLength(1);
    const [approve, reject] = actions[0]!.type === 'actions' ? actions[0]!.elements : [];
    expect(approve).toMatchObject({ action_id: 'approve', value: 'req-1', style: 'primary' });
    expect(approve?.confirm?.title.text).toBe('Approve in production?');
    expect(reject).toMatchObject({ action_id: 'reject', value: 'req-1', style: 'danger' });
    expect(reject?.confirm).toBeUndefined();
    expect(actions[0]!.block_id).toBe('home-approval:req-1');
  });

  it('given a paused canary waiting for the viewer, when rendered, then its buttons say Promote (confirmed in a protected environment) and Abort', () => {
    // given
    const base = view();
    const promote = { ...base.pendingApprovals[0]!, requestId: 'd4p1oy-s2', promote: true };
    // when
    const actions = renderAppHome({ ...base, pendingApprovals: [promote] }).blocks.filter((b) => b.type === 'actions');
    // then
    const [yes, no] = actions[0]!.type === 'actions' ? actions[0]!.elements : [];
    expect(yes).toMatchObject({ action_id: 'approve', value: 'd4p1oy-s2', text: { text: 'Promote' } });
    expect(yes?.confirm?.title.text).toBe('Promote in production?');
    expect(no).toMatchObject({ action_id: 'reject', value: 'd4p1oy-s2', text: { text: 'Abort' } });
  });

  it('given empty lists, when rendered, then each part says so in one line and no buttons are shown', () => {
    const home = renderAppHome(view({ environments: [], pendingApprovals: [], activeLocks: [], recentDeploys: [] }));

    const texts = sectionTexts(home.blocks);
    expect(texts).toEqual(
      expect.arrayContaining(['No environments configured.', 'Nothing is waiting for your approval.', 'No locks: every environment is open for deploys.', 'No deploys yet.']),
    );
    expect(home.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(findHomeViewProblem(home)).toBeUndefined();
  });

  it('given locks and deploys, when rendered, then who, since when and why are shown, user ids as mentions', () => {
    const texts = sectionTexts(renderAppHome(view()).blocks).join('\n');

    expect(texts).toContain(':lock: *ml* in *production* · by shipmate since 2026-11-20 14:02 UTC · “rollback after failed deploy”');
    expect(texts).toContain(':white_check_mark: succeeded · *backend* `1.1.0` to *staging* by <@U0BOB> · 2026-11-20 14:02 UTC');
    expect(texts).toContain('For <@U0ALICE>');
  });

  it('given hostile names, reasons and titles, when rendered, then mentions, links and formatting stay text', () => {
    const hostile = '<!channel> *bold* <https://evil.example|click> & `tick';
    const home = renderAppHome(
      view({
        environments: [{ name: hostile, services: [{ name: hostile, imageTag: `1.0\`<!here>`, digest: hostile }] }],
        pendingApprovals: [{ requestId: 'req-9', title: hostile, requestedBy: '<!everyone>', environment: hostile, expiresAt: at, protected: true }],
        activeLocks: [{ environment: hostile, lockedBy: hostile, since: at, reason: hostile }],
        recentDeploys: [{ service: hostile, environment: hostile, version: hostile, outcome: 'failed', by: hostile, at }],
      }),
    );

    const text = allMrkdwn(home.blocks);
    expect(text).toContain('&lt;https://evil.example|click&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<!everyone>');
    expect(text).not.toContain('<https://evil.example');
    expect(text).toContain('&lt;!channel&gt;');
    const outsideCode = text.replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toMatch(/[^\u200b]\*bold\*/);
    expect(outsideCode).not.toContain('`');
    expect(findHomeViewProblem(home)).toBeUndefined();
  });

  it('given releases, when rendered, then a "Recent releases" section lists the newest ten, one line each with version, environment, outcome, who and when', () => {
    const release = (i: number, outcome: HomeRelease['outcome'], over: Partial<HomeRelease> = {}): HomeRelease => {
      const started = new Date(at.getTime() + i * 60_000);
      return { runId: `r${i}-release`, requestId: `r${i}`, environment: 'production', version: `1.${i}.0`, requestedBy: 'U0CAROL', at: started, lastAt: started, outcome, ...over };
    };
    const releases = [
      ...Array.from({ length: 10 }, (_, i) => release(i, 'succeeded')),
      release(10, 'rolled-back', { environment: 'staging', reason: 'stage 3 deploy failed: frontend crash-looping' }),
      release(11, 'not-started', { requestedBy: undefined }),
    ];

    const home = renderAppHome(view({ recentReleases: releases }));

    expect(findHomeViewProblem(home)).toBeUndefined();
    const headers = home.blocks.flatMap((b) => (b.type === 'header' ? [b.text.text] : []));
    expect(headers.slice(-2)).toEqual(['Recent releases', 'Recent deploys']);
    const lines = sectionTexts(home.blocks).find((t) => t.includes('release `'))!.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(':heavy_multiplication_x: not started · release `1.11.0` to *production* · 2026-11-20 14:13 UTC');
    expect(lines[1]).toBe(':leftwards_arrow_with_hook: rolled back · release `1.10.0` to *staging* by <@U0CAROL> · 2026-11-20 14:12 UTC · stage 3 deploy failed: frontend crash-looping');
    expect(lines[9]).toBe(':white_check_mark: succeeded · release `1.2.0` to *production* by <@U0CAROL> · 2026-11-20 14:04 UTC');
  });

  it('given no releases, when rendered, then there is no releases section', () => {
    for (const recentReleases of [undefined, []]) {
      const home = renderAppHome(view({ recentReleases }));
      expect(home.blocks.some((b) => b.type === 'header' && b.text.text === 'Recent releases')).toBe(false);
    }
  });

  it('given a fleet far past the limits and many releases, when rendered, then it stays within 100 blocks', () => {
    const hostile = '<!channel> *bold* <https://evil.example|click> & `tick';
    const release = (i: number): HomeRelease => ({
      runId: `r${i}-release`, requestId: `r${i}`, environment: hostile.repeat(5), version: hostile.repeat(5), requestedBy: hostile, at, lastAt: at, outcome: 'rollback-failed', reason: hostile.repeat(20),
    });
    const home = renderAppHome(
      view({
        environments: Array.from({ length: 9 }, (_, i) => environment(`env-${i}`, 55)),
        pendingApprovals: Array.from({ length: 14 }, (_, i) => ({ requestId: `req-${i}`, title: `Deploy ${i}`, requestedBy: 'U0BOB', environment: 'staging', expiresAt: at })),
        activeLocks: Array.from({ length: 80 }, (_, i) => ({ environment: 'staging', service: `svc-${i}`, lockedBy: 'U0BOB', since: at, reason: 'x'.repeat(150) })),
        recentDeploys: Array.from({ length: 40 }, () => view().recentDeploys[0]!),
        recentReleases: Array.from({ length: 40 }, (_, i) => release(i)),
      }),
    );

    expect(home.blocks.length).toBeLessThanOrEqual(65);
    expect(findHomeViewProblem(home)).toBeUndefined();
    expect(home.blocks.some((b) => b.type === 'header' && b.text.text === 'Recent deploys')).toBe(true);
    const text = allMrkdwn(home.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
  });
});
