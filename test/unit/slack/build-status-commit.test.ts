import { describe, expect, it } from 'vitest';
import { renderBuildStatus, type ServiceBuildView } from '../../../src/adapters/slack/render/build-status.js';

const T0 = new Date('2026-11-20T14:10:00.000Z');
const SHA = '3f9a1c27e5b04d8f9e6a2b1c0d7e8f9a0b1c2d3e';

function rendered(service: ServiceBuildView): string {
  const message = renderBuildStatus({ version: '1.1.0', environment: 'staging', requestId: 'b7k2q9', services: [service], now: new Date(T0.getTime() + 60_000) });
  return JSON.stringify(message.blocks);
}

describe('build status: the commit CodeBuild resolved', () => {
  it('shows a git sha as its first 7 characters on the service line', () => {
    // given
    const service: ServiceBuildView = { service: 'backend', project: 'backend-build', state: 'succeeded', startedAt: T0, finishedAt: new Date(T0.getTime() + 42_000), commit: SHA };
    // when
    const blocks = rendered(service);
    // then
    expect(blocks).toContain('commit `3f9a1c2`');
    expect(blocks).not.toContain(SHA);
  });

  it('shows another revision cut short and inert', () => {
    // given: a CodePipeline revision nobody checked
    const service: ServiceBuildView = { service: 'backend', project: 'backend-build', state: 'running', phase: 'BUILD', startedAt: T0, commit: '<!channel> ' + 'x'.repeat(80) };
    // when
    const blocks = rendered(service);
    // then
    expect(blocks).toContain('commit `');
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).not.toContain('x'.repeat(41));
  });

  it('says nothing of a commit before CodeBuild has resolved one', () => {
    const blocks = rendered({ service: 'backend', project: 'backend-build', state: 'running', phase: 'PROVISIONING', startedAt: T0 });
    expect(blocks).not.toContain('commit');
  });
});
