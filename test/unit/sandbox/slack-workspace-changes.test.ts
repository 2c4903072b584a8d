import { describe, expect, it } from 'vitest';
import { homeViewsOf } from '../../../src/sandbox/slack/home-views.js';
import { SlackWorkspace } from '../../../src/sandbox/slack/slack-workspace.js';
import type { WorldSlack } from '../../../src/sandbox/world.js';

const world: WorldSlack = {
  teamId: 'T0SANDBOX',
  teamDomain: 'shop-sandbox',
  appId: 'A0SHIPMATE',
  botUserId: 'U0SHIPMATE',
  botId: 'B0SHIPMATE',
  channels: [{ id: 'C0RELEASES', name: 'releases', botIsMember: true }],
  users: [{ id: 'U0ALICE', name: 'alice' }],
};

/** What the playground's live page subscribes to: every change of the channel and of the Home tabs, until it unsubscribes. */
describe("the sandbox workspace's change subscriptions", () => {
  it('calls a subscriber after each post, edit and removal, and no more once it unsubscribed', () => {
    // given
    const slack = new SlackWorkspace(world);
    const seen: number[] = [];
    const unsubscribe = slack.onChange(() => seen.push(slack.messages.length));

    // when
    const message = slack.postAsPerson('C0RELEASES', 'U0ALICE', 'hello');
    slack.edit(message, { text: 'hello again' }, 'api');
    slack.remove(message);
    unsubscribe();
    slack.postAsPerson('C0RELEASES', 'U0ALICE', 'unseen');

    // then
    expect(seen).toEqual([1, 1, 1]);
  });

  it('calls a Home tab subscriber after each publish, until it unsubscribed', () => {
    // given
    const views = homeViewsOf(new SlackWorkspace(world));
    let calls = 0;
    const unsubscribe = views.onPublish(() => (calls += 1));

    // when
    views.publish('U0ALICE', { type: 'home', blocks: [] }, 0);
    unsubscribe();
    views.publish('U0ALICE', { type: 'home', blocks: [] }, 1);

    // then
    expect(calls).toBe(1);
    expect(views.of('U0ALICE')?.publishedAt).toBe(1);
  });
});
