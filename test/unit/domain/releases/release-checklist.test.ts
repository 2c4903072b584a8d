import { describe, expect, it } from 'vitest';
import { toMrkdwn } from '../../../../src/adapters/slack/blocks/to-mrkdwn.js';
import type { ReleaseStage } from '../../../../src/config/release-schema.js';
import { checklist, stageStates, stageSummary } from '../../../../src/domain/releases/release-checklist.js';

const STAGES: ReleaseStage[] = [
  { type: 'build', services: ['backend', 'frontend'] },
  { type: 'snapshot', kind: 'instance', identifier: 'shop-db' },
  { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 },
  { type: 'deploy', services: ['backend'] },
  { type: 'verify', smokeTests: ['health', 'login'] },
];

describe('stageSummary: what a stage does, in a few words', () => {
  it('given each type of stage, when summed up, then it names what the stage acts on', () => {
    expect(STAGES.map(stageSummary)).toEqual(['build backend, frontend', 'snapshot shop-db', 'migrate backend: alembic upgrade head', 'deploy backend', 'verify health, login']);
  });
});

describe('stageStates: where the release is, stage by stage', () => {
  it('given a release at stage 3 of 5, when drawn, then the stages before are done, stage 3 runs and the rest wait', () => {
    expect(stageStates(STAGES, { from: 0, stage: 2, finished: false })).toEqual(['done', 'done', 'running', 'waiting', 'waiting']);
  });

  it('given --from 3, when drawn, then stages 1 and 2 are skipped, not done', () => {
    expect(stageStates(STAGES, { from: 2, stage: 3, finished: false })).toEqual(['skipped', 'skipped', 'done', 'running', 'waiting']);
  });

  it('given stage 4 failed, when drawn, then it is failed, the stages before done, none running and the rest waiting', () => {
    expect(stageStates(STAGES, { from: 0, stage: 3, failed: 3, finished: false })).toEqual(['done', 'done', 'done', 'failed', 'waiting']);
  });

  it('given a failed release that has finished, when drawn, then the stages after the failure still wait (they never ran)', () => {
    expect(stageStates(STAGES, { from: 1, stage: 2, failed: 2, finished: true })).toEqual(['skipped', 'done', 'failed', 'waiting', 'waiting']);
  });

  it('given a release that succeeded, when drawn, then every stage from --from on is done', () => {
    expect(stageStates(STAGES, { from: 1, stage: 5, finished: true })).toEqual(['skipped', 'done', 'done', 'done', 'done']);
  });
});

describe('checklist: one line per stage, icons as markup, stage texts as plain text', () => {
  it('given each state, when drawn, then each line has its icon, its number and its summary, skipped ones marked', () => {
    const lines = String(checklist(STAGES, ['skipped', 'done', 'running', 'failed', 'waiting'])).split('\n');
    expect(lines).toEqual([
      ':heavy_minus_sign: 1. build backend, frontend (skipped)',
      ':white_check_mark: 2. snapshot shop-db',
      ':hourglass_flowing_sand: 3. migrate backend: alembic upgrade head',
      ':x: 4. deploy backend',
      ':white_square: 5. verify health, login',
    ]);
  });

  it('given a smoke test named *bold* and a command with marks, when rendered for Slack, then the icon is an emoji and the names stay text (not bold, no mention, no code)', () => {
    // given
    const stages: ReleaseStage[] = [
      { type: 'verify', smokeTests: ['*bold*', '<!channel>'] },
      { type: 'migrate', service: 'backend', command: ['sh', '-c', 'echo `id` _y_'], timeoutMinutes: 3 },
    ];
    // when
    const mrkdwn = toMrkdwn(checklist(stages, ['done', 'failed']));
    // then
    const [verify, migrate] = mrkdwn.split('\n');
    expect(verify!.startsWith(':white_check_mark: 1. verify ')).toBe(true);
    expect(verify).not.toContain('*bold*');
    expect(verify).toContain('bold');
    expect(verify).not.toContain('<!channel>');
    expect(verify).toContain('&lt;!channel&gt;');
    expect(migrate!.startsWith(':x: 2. migrate backend: ')).toBe(true);
    expect(migrate).not.toContain('`');
    expect(migrate).not.toContain(' _y_');
  });

  it('given fewer states than stages, when drawn, then the stages without one wait', () => {
    expect(String(checklist(STAGES.slice(0, 2), ['done']))).toBe(':white_check_mark: 1. build backend, frontend\n:white_square: 2. snapshot shop-db');
  });
});
