import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../src/sandbox/json-patch.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';
import { blockActionsPayload } from '../../../src/sandbox/slack/block-actions-payload.js';
import { slashCommandPayload } from '../../../src/sandbox/slack/slash-command-payload.js';

const world = applyPatch(loadScenario('healthy').world, [{ op: 'add', path: '/slack/users/-', value: { id: 'U0EXTERNAL', name: 'eve', teamId: 'T0PARTNER' } }]).slack;

const click = (userId: string) =>
  blockActionsPayload({
    world,
    userId,
    channelId: 'C0RELEASES',
    messageTs: '1700000000.000100',
    clicked: { button: { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'b7k2q9' }, blockId: 'actions' },
    responseUrl: 'http://127.0.0.1:1/slack/response/x',
    actionTs: '1700000001.000200',
  } as Parameters<typeof blockActionsPayload>[0]) as { user: { team_id: string }; team: { id: string } };

describe('the sandbox\'s payloads for a Slack Connect member of another team', () => {
  it('name the member\'s own team in a click (user.team_id and team.id) and a slash command (team_id)', () => {
    // given / when
    const theirs = click('U0EXTERNAL');
    const ours = click('U0ALICE');
    const command = slashCommandPayload(world, { command: '/verify', userId: 'U0EXTERNAL', channelId: 'C0RELEASES' }, 'http://127.0.0.1:1/r');
    // then
    expect(theirs.user.team_id).toBe('T0PARTNER');
    expect(theirs.team.id).toBe('T0PARTNER');
    expect(ours.user.team_id).toBe('T0SANDBOX');
    expect(ours.team.id).toBe('T0SANDBOX');
    expect(command.team_id).toBe('T0PARTNER');
    expect(slashCommandPayload(world, { command: '/verify', userId: 'U0ALICE', channelId: 'C0RELEASES' }, 'http://127.0.0.1:1/r').team_id).toBe('T0SANDBOX');
  });
});
