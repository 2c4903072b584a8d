import { describe, expect, it } from 'vitest';
import { newPromoteRequest, promotePayloadOf, promoteRequestId } from '../../../../src/app/deploys/promote-request.js';
import type { ApprovalRequest } from '../../../../src/ports/store.port.js';
import { deployRequest } from '../deploy-fakes.js';
import { NOW, pausedAt } from './gate-world.js';

const PROMOTE_RULE = { approvers: ['U0DAVE'], approvals: 2, selfApproval: false };
const DEPLOY_RULE = { approvers: ['U0BOB'], approvals: 1, selfApproval: false };

describe('newPromoteRequest: the Promote / Abort request of a paused canary', () => {
  it('given a deploy paused at its second step with an analysis and a previous image, when asked, then the card says where it paused, what Promote and Abort do, under the promote rule', () => {
    // given
    const config = { policy: { promote: { production: PROMOTE_RULE }, deploy: { production: DEPLOY_RULE } } as never, environments: { production: { protected: true } } as never };
    // when
    const request = newPromoteRequest(deployRequest('d4p1oy'), { service: 'backend', version: '1.1.0', previousImage: 'shop/backend:1.0.0' }, { ...pausedAt(1), analysis: 'error-rate 0.2 Successful' }, config, NOW);
    // then
    expect(request).toMatchObject({ id: 'd4p1oy-s2', action: 'promote', environment: 'production', requestedBy: 'U0ALICE', channelId: 'C0RELEASES', status: 'pending', requiredApprovals: 2 });
    expect(request.expiresAt).toEqual(new Date('2026-12-07T12:00:00.000Z'));
    expect(promotePayloadOf(request)).toStrictEqual({
      deployRequestId: 'd4p1oy',
      service: 'backend',
      version: '1.1.0',
      stepIndex: 1,
      stepCount: 5,
      override: false,
      card: {
        title: 'The canary of backend 1.1.0 in production, paused at step 2/5',
        changes: [
          'Now: Step 2/5 · setWeight 20 · Paused (CanaryPauseStep)',
          'Analysis: error-rate 0.2 Successful',
          'Promote: the canary goes on to its next step.',
          'Abort: back to shop/backend:1.0.0, and backend is locked in production.',
        ],
        preflight: [],
        policyLine: 'Promotes in production need 2 distinct approvals from <@U0DAVE>, not counting the requester.',
        protected: true,
      },
    });
  });

  it('given a deploy asked with --override, when its canary pauses, then its Promote carries the override (a freeze window then asks one approval more instead of refusing)', () => {
    // given
    const config = { policy: { deploy: { production: DEPLOY_RULE } } as never, environments: {} as never };
    // when
    const request = newPromoteRequest(deployRequest('d4p1oy'), { service: 'backend', version: '1.1.0', override: true }, pausedAt(1), config, NOW);
    // then
    expect(promotePayloadOf(request).override).toBe(true);
  });

  it('given no promote rule, no analysis, no previous image and an environment not configured, when asked, then the deploy rule applies, Abort returns to the stable version and no confirmation is needed', () => {
    // given
    const config = { policy: { deploy: { staging: DEPLOY_RULE } } as never, environments: {} as never };
    const deploy: ApprovalRequest = { ...deployRequest('s7a9e1'), environment: 'staging' };
    // when
    const request = newPromoteRequest(deploy, { service: 'backend', version: '1.1.0' }, pausedAt(0, { stepCount: 3 }), config, NOW);
    // then
    expect(request.requiredApprovals).toBe(1);
    expect(promotePayloadOf(request).card).toStrictEqual({
      title: 'The canary of backend 1.1.0 in staging, paused at step 1/3',
      changes: ['Now: Step 1/5 · setWeight 20 · Paused (CanaryPauseStep)', 'Promote: the canary goes on to its next step.', 'Abort: back to the stable version, and backend is locked in staging.'],
      preflight: [],
      policyLine: 'Promotes in staging need 1 approval from <@U0BOB>, not counting the requester.',
      protected: false,
    });
  });

  it('given a status message and an analysis line that contain a mention, when carried on the card, then neither can ping anyone', () => {
    // given
    const canary = { ...pausedAt(1, { line: 'Step 2/5 · Paused (<@U0BOB> paused it)' }), analysis: 'error-rate <@U0CAROL> 0.2' };
    // when
    const request = newPromoteRequest(deployRequest('d4p1oy'), { service: 'backend', version: '1.1.0' }, canary, { policy: {} as never, environments: {} as never }, NOW);
    // then
    expect(promotePayloadOf(request).card.changes.slice(0, 2)).toEqual(['Now: Step 2/5 · Paused (<\u2060@U0BOB> paused it)', 'Analysis: error-rate <\u2060@U0CAROL> 0.2']);
  });

  it('given a deploy and a release, when their pauses are named, then a deploy\'s request is the deploy\'s id and 1-based step, a release\'s also names the service', () => {
    // given
    const release: ApprovalRequest = { ...deployRequest('r4t8m2'), action: 'release' };
    // when / then
    expect(promoteRequestId(deployRequest('d4p1oy'), 'backend', 1)).toBe('d4p1oy-s2');
    expect(promoteRequestId(release, 'checkout', 0)).toBe('r4t8m2-checkout-s1');
  });
});
