import { describe, expect, it } from 'vitest';
import type { Block, SectionBlock } from '../../../src/adapters/slack/blocks/block-kit.js';
import { formatDuration } from '../../../src/adapters/slack/render/build-status/format-duration.js';
import { renderBuildStatus, type BuildStatusView, type ServiceBuildView } from '../../../src/adapters/slack/render/build-status.js';
import { expectGolden } from './expect-golden.js';
import { expectWithinBlockKitLimits } from './expect-within-block-kit-limits.js';

const T0 = new Date('2026-11-20T14:10:00.000Z');
const after = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const ECR = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const LOGS = 'https://console.aws.amazon.com/codesuite/codebuild/111122223333/projects/shop-backend/build/shop-backend%3A7e1f/?region=eu-west-1';

function statusView(services: ServiceBuildView[], overrides: Partial<BuildStatusView> = {}): BuildStatusView {
  return { version: '1.1.0', environment: 'staging', requestId: 'b7k2q9', requestedBy: 'U0ALICE', approvedBy: ['U0BOB'], services, now: after(72), ...overrides };
}

const running: ServiceBuildView[] = [
  { service: 'backend', project: 'shop-backend', state: 'running', phase: 'PRE_BUILD', startedAt: T0, logsUrl: LOGS },
  { service: 'frontend', project: 'shop-frontend', state: 'running', phase: 'BUILD', startedAt: after(2) },
  { service: 'ml', project: 'shop-ml', state: 'starting' },
];

const succeeded = (service: string, result: 'present' | 'checking' = 'present'): ServiceBuildView => ({
  service,
  project: `shop-${service}`,
  state: 'succeeded',
  startedAt: T0,
  finishedAt: after(184),
  logsUrl: LOGS,
  image: { reference: `${ECR}/shop/${service}:1.1.0`, requiredPlatform: 'linux/amd64', result },
});

const withProblems: ServiceBuildView[] = [
  {
    service: 'backend',
    project: 'shop-backend',
    state: 'failed',
    startedAt: T0,
    finishedAt: after(130),
    logsUrl: LOGS,
    failedPhase: 'BUILD',
    failureMessage: 'Error while executing command: docker build -t shop/backend .\nReason: exit status 1',
  },
  { ...succeeded('frontend'), image: { reference: `${ECR}/shop/frontend:1.1.0`, requiredPlatform: 'linux/amd64', result: 'tag-missing' } },
  {
    ...succeeded('ml'),
    image: { reference: `${ECR}/shop/ml:1.1.0`, requiredPlatform: 'linux/amd64', result: 'platform-missing', platforms: ['linux/arm64'] },
  },
  {
    service: 'worker',
    project: 'shop-worker',
    state: 'refused',
    refusal: {
      message: 'AccountLimitExceededException: Cannot have more than 0 builds in queue for the account',
      quota: { name: 'Concurrently running builds for Linux/Small environment', code: 'L-ACCF6C0D', value: 0 },
      region: 'eu-west-1',
    },
  },
];

const sections = (blocks: readonly Block[]) => blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');

describe('renderBuildStatus: golden files', () => {
  const views: Record<string, BuildStatusView> = {
    'build-status-running': statusView(running),
    'build-status-succeeded': statusView([succeeded('backend'), succeeded('frontend')], { now: after(400) }),
    'build-status-problems': statusView(withProblems, { environment: 'production', now: after(400) }),
  };
  for (const [name, view] of Object.entries(views)) {
    it(`renders ${name} within Block Kit's limits`, () => {
      const message = renderBuildStatus(view);
      expectWithinBlockKitLimits(message);
      expectGolden(name, message);
    });
  }
});

describe('renderBuildStatus: builds in progress', () => {
  it('shows each service with an emoji for its state, its phase and the time it has run', () => {
    // when
    const [summary, backend, frontend, ml] = sections(renderBuildStatus(statusView(running)).blocks);
    // then
    expect(summary).toBe(':arrows_counterclockwise: *Building* · 3 running · 1m 12s');
    expect(backend).toBe(`:arrows_counterclockwise: *backend* · \`PRE_BUILD\` · 1m 12s · <${LOGS}|logs>`);
    expect(frontend).toBe(':arrows_counterclockwise: *frontend* · `BUILD` · 1m 10s');
    expect(ml).toBe(':hourglass_flowing_sand: *ml* · starting');
  });

  it('says who asked and approved, and how to stop it, in the footer', () => {
    const footer = renderBuildStatus(statusView(running)).blocks.at(-1);
    expect(footer).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'request `b7k2q9` · asked by <@U0ALICE> · approved by <@U0BOB> · `/shipmate cancel b7k2q9` stops it' }],
    });
  });

  it('is not done while an image is still being checked in ECR', () => {
    // when
    const message = renderBuildStatus(statusView([succeeded('backend', 'checking')]));
    // then
    expect(sections(message.blocks)[0]).toMatch(/^:arrows_counterclockwise: \*Building\* · 1 succeeded/);
    expect(sections(message.blocks)[1]).toContain(`:hourglass_flowing_sand: checking ECR for ${ECR}/shop/backend:1.1.0…`);
  });
});

describe('renderBuildStatus: finished builds', () => {
  it('shows duration, status, logs and the ECR check of a success', () => {
    // when
    const message = renderBuildStatus(statusView([succeeded('backend'), succeeded('frontend')], { now: after(400) }));
    // then
    const [summary, backend] = sections(message.blocks);
    expect(summary).toBe(':white_check_mark: *Done* · 2 succeeded · 3m 04s; every image is in ECR');
    expect(backend).toBe(
      `:white_check_mark: *backend* · SUCCEEDED in 3m 04s · <${LOGS}|logs>\n` +
        `:white_check_mark: ${ECR}/shop/backend:1.1.0 has linux/amd64`,
    );
    expect(message.text).toBe('Build 1.1.0 in staging: done, 2 succeeded');
    expect(message.blocks.at(-1)).toMatchObject({ elements: [{ text: 'request `b7k2q9` · asked by <@U0ALICE> · approved by <@U0BOB>' }] });
  });

  it('shows the failed phase and CodeBuild\'s message for a failure', () => {
    const [, backend] = sections(renderBuildStatus(statusView(withProblems)).blocks);
    expect(backend).toBe(
      `:x: *backend* · FAILED in \`BUILD\` after 2m 10s · <${LOGS}|logs>\n` +
        '> Error while executing command: docker build -t shop/backend . Reason: exit status 1',
    );
  });

  it('names CodeBuild\'s own status for a fault or a timeout', () => {
    const timedOut: ServiceBuildView = { service: 'ml', project: 'shop-ml', state: 'failed', buildStatus: 'TIMED_OUT', failedPhase: 'BUILD', startedAt: T0, finishedAt: after(3780) };
    expect(sections(renderBuildStatus(statusView([timedOut])).blocks)[1]).toBe(':x: *ml* · TIMED_OUT in `BUILD` after 1h 03m');
  });

  it('marks a successful build whose tag is not in ECR or lacks the platform as a problem', () => {
    // when
    const message = renderBuildStatus(statusView(withProblems, { now: after(400) }));
    const [summary, , frontend, ml] = sections(message.blocks);
    // then
    expect(summary).toBe(':x: *Finished with problems* · 1 failed, 1 refused, 2 succeeded (2 image problems) · 3m 04s');
    expect(frontend).toMatch(/^:x: \*frontend\* · SUCCEEDED in 3m 04s · <[^>]+\|logs>\n:x: tag 1\.1\.0 not in ECR \(111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/frontend\): /);
    expect(ml).toContain(`\n:x: no linux/amd64 in the image ${ECR}/shop/ml:1.1.0 (it has linux/arm64): the cluster would fail with \`no match for platform in manifest\``);
    expect(message.text).toBe('Build 1.1.0 in staging: 1 failed, 1 refused, 2 succeeded (2 image problems)');
  });

  it('says when ECR could not be asked', () => {
    const build = { ...succeeded('backend'), image: { reference: `${ECR}/shop/backend:1.1.0`, requiredPlatform: 'linux/amd64', result: 'lookup-failed' as const, problem: 'ECR DescribeImages: not authorized' } };
    expect(sections(renderBuildStatus(statusView([build])).blocks)[1]).toMatch(/^:warning: \*backend\*.*\n:warning: could not check ECR for .+: ECR DescribeImages: not authorized$/);
  });
});

describe('renderBuildStatus: a start refused by a limit', () => {
  const refused = (refusal: ServiceBuildView['refusal']): string =>
    sections(renderBuildStatus(statusView([{ service: 'worker', project: 'shop-worker', state: 'refused', ...(refusal ? { refusal } : {}) }])).blocks)[1]!;

  it('quotes CodeBuild, names the zero quota and gives the command that raises it', () => {
    expect(refused(withProblems[3]!.refusal)).toBe(
      ':no_entry: *worker* · CodeBuild refused to start it\n' +
        '> AccountLimitExceededException: Cannot have more than 0 builds in queue for the account\n' +
        'The quota "Concurrently running builds for Linux/Small environment" (L-ACCF6C0D) is 0 in this account, so every build is refused until it is raised. ' +
        'Request more: `aws service-quotas request-service-quota-increase --service-code codebuild --quota-code L-ACCF6C0D --desired-value 10 --region eu-west-1`, then run /build again.',
    );
  });

  it('says a quota is used up and asks for twice as much', () => {
    const text = refused({ message: 'AccountLimitExceededException: Cannot have more than 15 builds in queue', quota: { name: 'Concurrently running builds for Linux/Medium environment', code: 'L-2DC20C30', value: 15 } });
    expect(text).toContain('All 15 builds allowed by the quota "Concurrently running builds for Linux/Medium environment" (L-2DC20C30) are in use');
    expect(text).toContain('--quota-code L-2DC20C30 --desired-value 30`');
  });

  it('points at the project\'s own concurrent-build limit when that refused it', () => {
    const text = refused({ message: 'AccountLimitExceededException: Project shop-worker has reached its concurrent build limit of 1', projectLimit: 1 });
    expect(text).toContain('Project shop-worker allows 1 concurrent build: wait for the running one to finish, or raise its limit: `aws codebuild update-project --name shop-worker --concurrent-build-limit 2`');
  });

  it('tells how to find the quota when it is not known', () => {
    const text = refused({ message: 'AccountLimitExceededException: Cannot have more than 0 builds in queue for the account' });
    expect(text).toContain('`aws service-quotas list-service-quotas --service-code codebuild`');
    expect(text).toContain('--quota-code &lt;code&gt; --desired-value &lt;n&gt;`');
  });
});

describe('renderBuildStatus: untrusted and oversized input', () => {
  it('links only http(s) logs and keeps a URL from breaking out of its link', () => {
    // given
    const build = (logsUrl: string): ServiceBuildView => ({ service: 'backend', project: 'p', state: 'running', logsUrl });
    // when
    const [, evil, script] = sections(renderBuildStatus(statusView([build('https://x.test/a?b=1&c=2|<!channel>'), build('javascript:alert(1)')])).blocks);
    // then
    expect(evil).toBe(':arrows_counterclockwise: *backend* · running · <https://x.test/a?b=1&amp;c=2%7C%3C!channel%3E|logs>');
    expect(script).toBe(':arrows_counterclockwise: *backend* · running');
  });

  it('drops a logs link too long to fit rather than cutting it in half', () => {
    // given
    const services = Array.from({ length: 44 }, (_, i): ServiceBuildView => ({
      service: `s${i}`, project: 'p', state: 'running', logsUrl: `https://x.test/${'a'.repeat(400)}`,
    }));
    // when
    const message = renderBuildStatus(statusView(services));
    // then
    expectWithinBlockKitLimits(message);
    expect(sections(message.blocks)[1]).toBe(':arrows_counterclockwise: *s0* · running');
  });

  it('escapes what a failure message could inject', () => {
    const build: ServiceBuildView = { service: 'b', project: 'p', state: 'failed', failureMessage: '<!here> *boom* & <https://x|y>' };
    expect(sections(renderBuildStatus(statusView([build])).blocks)[1]).toContain('> &lt;!here&gt; \u200b*\u200bboom\u200b*\u200b &amp; &lt;https://x|y&gt;');
  });

  it('keeps 60 failing services with long messages within Block Kit limits, naming those that do not fit', () => {
    // given
    const services = Array.from({ length: 60 }, (_, i): ServiceBuildView => ({
      service: `service-${i}`,
      project: `project-${i}`,
      state: 'failed',
      failedPhase: 'BUILD',
      logsUrl: LOGS,
      failureMessage: 'x '.repeat(3000),
    }));
    // when
    const message = renderBuildStatus(statusView(services));
    // then
    expectWithinBlockKitLimits(message);
    expect(message.blocks).toHaveLength(48);
    expect(sections(message.blocks).at(-1)).toMatch(/^…and 16 more: service-44 \(failed\), service-45 \(failed\), /);
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes and seconds, or hours and minutes', () => {
    expect([0, 42_000, 60_000, 184_999, 3_599_000, 3_780_000].map(formatDuration)).toEqual(['0s', '42s', '1m 00s', '3m 04s', '59m 59s', '1h 03m']);
  });
});
