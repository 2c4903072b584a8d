import { renderBuildStatus, type ImageCheckView, type ServiceBuildView } from '../adapters/slack/render/build-status.js';
import type { BuildStatusSink } from '../domain/builds/build-deps.js';
import type { BuildProgress, ImageCheck, ServiceBuildProgress } from '../domain/builds/build-progress.js';
import type { Clock } from '../ports/clock.port.js';
import type { StorePort } from '../ports/store.port.js';
import type { ChatOutbox } from './outbox/chat-outbox.js';

/**
 * Build progress in Slack: one status message per request, posted once and
 * edited, through the outbox (builds never wait for Slack); the approval
 * card's outcome line at the end. The message is named by its outbox key
 * until Slack has given it a ts; runs store that key as their messageTs.
 */
export function slackBuildSink(outbox: ChatOutbox, store: StorePort, clock: Clock): BuildStatusSink {
  return {
    async show(progress, where) {
      const request = await store.getRequest(progress.requestId);
      const message = renderBuildStatus({
        version: progress.version,
        environment: progress.environment,
        requestId: progress.requestId,
        ...(request ? { requestedBy: request.requestedBy, approvedBy: request.approvals.map((a) => a.userId) } : {}),
        services: progress.services.map(serviceView),
        now: clock.now(),
      });
      const key = where.messageTs ?? `status:${progress.requestId}`;
      await outbox.upsert({ id: progress.requestId, channelId: where.channelId }, key, message, where.messageTs !== undefined);
      return { messageTs: key };
    },
    async finished(progress) {
      const request = await store.getRequest(progress.requestId);
      if (request) await outbox.updateCard(request, outcomeLine(progress));
    },
  };
}

function serviceView(s: ServiceBuildProgress): ServiceBuildView {
  return {
    service: s.service,
    project: s.project,
    state: s.state,
    ...(s.buildId ? { buildId: s.buildId } : {}),
    ...(s.phase ? { phase: s.phase } : {}),
    ...(s.startedAt ? { startedAt: new Date(s.startedAt) } : {}),
    ...(s.finishedAt ? { finishedAt: new Date(s.finishedAt) } : {}),
    ...(s.logsUrl ? { logsUrl: s.logsUrl } : {}),
    ...(s.commit ? { commit: s.commit } : {}),
    ...(s.failedPhase ? { failedPhase: s.failedPhase } : {}),
    ...(s.failureMessage ? { failureMessage: s.failureMessage } : {}),
    ...(s.refusal ? { refusal: s.refusal } : {}),
    ...(s.image ? { image: imageView(s.image) } : {}),
  };
}

function imageView(image: ImageCheck): ImageCheckView {
  const base = { reference: image.reference, requiredPlatform: image.requiredPlatform, platforms: image.platforms };
  if (!image.landed) return image.problem?.startsWith('could not check') ? { ...base, result: 'lookup-failed', problem: image.problem } : { ...base, result: 'tag-missing' };
  return { ...base, result: image.problem ? 'platform-missing' : 'present' };
}

function outcomeLine(progress: BuildProgress): string {
  const count = (state: string) => progress.services.filter((s) => s.state === state).length;
  const parts = [
    [count('succeeded'), 'succeeded'],
    [count('failed'), 'failed'],
    [count('stopped'), 'stopped'],
    [count('refused'), 'not started'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return `Builds finished: ${parts.join(', ')}`;
}
