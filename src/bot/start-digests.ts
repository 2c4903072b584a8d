import type { WebClient } from '@slack/web-api';
import { scheduleCron, type CronJob } from '../adapters/schedule/cron-scheduler.js';
import { renderDigest } from '../adapters/slack/render/digest-message.js';
import { runScheduledDigest, type DigestDeps } from '../app/digests/digests.js';
import type { Logger } from '../logging/logger.js';

/** Digest posting into Slack; a channel the bot is not in is logged with what to do, and nothing else stops. */
export function slackDigestPublisher(client: () => WebClient): DigestDeps['publish'] {
  return async (channelId, digest, options) => {
    const message = renderDigest(digest, options);
    await client().chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks });
  };
}

/**
 * One node-cron job per environment with a digest, in its time zone; every
 * tick (and the start itself, to post a slot missed while the bot was down)
 * asks the store whether the slot still needs a digest, so a restart or a
 * second replica never posts twice.
 */
export function startDigests(deps: DigestDeps, logger: Logger): { stop(): Promise<void> } {
  const jobs: CronJob[] = [];
  const look = async (environment: string, atStart = false) => {
    try {
      const outcome = await runScheduledDigest(environment, deps);
      if (outcome === 'posted') logger.info(`digest of ${environment} posted`);
      else if (atStart) logger.info(`digest of ${environment}: ${outcome === 'not-due' ? 'nothing due at start-up' : 'already posted by another replica'}`);
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      const channel = deps.config.environments[environment]?.digest?.channel;
      const hint = code === 'not_in_channel' || code === 'channel_not_found' ? ` — invite shipmate to ${channel} (/invite @shipmate)` : '';
      logger.error(`digest of ${environment} could not be posted to ${channel}:`, error, hint);
    }
  };
  for (const [environment, env] of Object.entries(deps.config.environments)) {
    if (!env.digest) continue;
    void look(environment, true);
    jobs.push(scheduleCron(env.digest.schedule, env.digest.timezone, () => look(environment), { name: `digest-${environment}` }));
  }
  return {
    stop: async () => {
      await Promise.all(jobs.map((job) => job.stop()));
    },
  };
}
