import type { WorldSlack } from '../world.js';

/** The Slack workspace of the sandbox: its channels and users, what the bot did, and a way to act as Slack towards the bot. */
export class SlackWorkspace {
  constructor(readonly world: WorldSlack) {}
}
