import { describe, expect, it } from 'vitest';
import type { ReleaseStage } from '../../../../src/config/release-schema.js';
import { checklist, stageStates } from '../../../../src/domain/releases/release-checklist.js';
import { plainTextOf } from '../../../../src/domain/text/rich-text.js';

const STAGES: ReleaseStage[] = [
  { type: 'snapshot', kind: 'instance', identifier: 'shop-db' },
  { type: 'deploy', services: ['backend'] },
  { type: 'verify', smokeTests: ['health'] },
  { type: 'deploy', services: ['frontend'] },
];

describe('the checklist of a release that failed and rolled back', () => {
  it('marks the deploy stages it undid as rolled back, not done, and keeps the failed one failed', () => {
    // given: stage 4 failed; backend (stage 2) was rolled back
    const states = stageStates(STAGES, { from: 0, stage: 3, failed: 3, finished: false, undone: [1] });
    // then
    expect(states).toEqual(['done', 'rolled-back', 'done', 'failed']);
    expect(plainTextOf(checklist(STAGES, states)).split('\n')).toEqual([
      ':white_check_mark: 1. snapshot shop-db',
      ':leftwards_arrow_with_hook: 2. deploy backend (rolled back)',
      ':white_check_mark: 3. verify health',
      ':x: 4. deploy frontend',
    ]);
  });

  it('a stage both failed and undone shows as failed', () => {
    expect(stageStates(STAGES, { from: 0, stage: 1, failed: 1, finished: false, undone: [1] })[1]).toBe('failed');
  });
});
