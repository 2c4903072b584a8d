import Database from 'better-sqlite3';
import { join } from 'node:path';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { DeployHarness, isCard, RELEASES, textOf } from './deploy-harness.js';

/** A release scenario with pods ready in 0.2 s, patched further. */
export function releaseScenario(name = 'release', worldPatch: PatchOperation[] = []): Scenario {
  const loaded = loadScenario(name);
  const behaviour = (loaded.world.kubernetes as { behaviour?: Record<string, unknown> }).behaviour ?? {};
  return { ...loaded, world: applyPatch(loaded.world, [{ op: 'add', path: '/kubernetes/behaviour', value: { ...behaviour, podReadySeconds: 0.2 } }, ...worldPatch]) };
}

/** /release end to end on the compiled bot: the deploy harness plus what a release is judged by (calls made, the thread in order). */
export class ReleaseHarness extends DeployHarness {
  release(text: string, userId = 'U0ALICE') {
    return this.command(text, '/release', userId);
  }

  /** Asks for the release and waits for its card (not approved yet). */
  async releaseCard(text: string): Promise<PostedMessage> {
    const before = this.slack.messages.filter(isCard).length;
    await this.release(text);
    return this.slack.waitForMessage((m) => isCard(m) && this.slack.messages.filter(isCard).length > before && m === this.slack.messages.filter(isCard).at(-1), 20_000);
  }

  approve(card: PostedMessage, userId = 'U0BOB') {
    return this.slack.clickButton({ userId, channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, this.delivery());
  }

  /** How many calls of an AWS action (CreateDBSnapshot, StartBuild) or a Kubernetes method and path part ("POST jobs") the sandbox saw. */
  callCount(operation: string): number {
    const [method, part] = operation.split(' ');
    return this.session.sandbox.state.calls.filter((c) =>
      part === undefined ? c.system !== 'kubernetes' && c.operation === operation : c.system === 'kubernetes' && c.operation.startsWith(`${method} `) && c.operation.includes(`/${part}`),
    ).length;
  }

  /** The details of the audit entries of `action`, oldest first, from the bot's own SQLite file (read-only, beside it). */
  audited(action: string): string[] {
    const db = new Database(join(this.session.dir, 'shipmate.db'), { readonly: true });
    try {
      return db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[];
    } finally {
      db.close();
    }
  }

  /** Who holds each lock of an environment, by service, from the bot's own SQLite file (read-only). */
  lockHolders(environment: string): Record<string, string> {
    const db = new Database(join(this.session.dir, 'shipmate.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT service, holder FROM locks WHERE environment = ?').all(environment) as { service: string; holder: string }[];
      return Object.fromEntries(rows.map((r) => [r.service, r.holder]));
    } finally {
      db.close();
    }
  }

  /** The thread's texts, in order. */
  threadTexts(card: PostedMessage): string[] {
    return this.thread(card).map(textOf);
  }
}
