import { ErrorCode, WebClient, type FetchFunction } from '@slack/web-api';
import type { OutboxSender, SendFailure } from '../../app/outbox/outbox-delivery.js';

/** Slack errors that no retry can fix. Anything else (fatal_error, internal_error, timeouts, 5xx) is tried again. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'thread_not_found',
]);

export interface SlackOutboxSenderOptions {
  botToken: string;
  slackApiUrl?: string;
  fetch?: FetchFunction;
  /** Longest one call may take before it counts as failed (and is retried). */
  timeoutMs?: number;
}

/**
 * chat.postMessage / chat.update for the outbox, on a WebClient of its own
 * that never retries by itself (no retries, 429s rejected, a per-call
 * timeout): the outbox decides when to try again, so nothing waits inside a
 * call for half an hour.
 */
export function slackOutboxSender(options: SlackOutboxSenderOptions): OutboxSender {
  const client = new WebClient(options.botToken, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
  });
  return {
    async send(entry, target) {
      const content = { channel: entry.channelId, text: entry.text, ...(entry.blocks ? { blocks: entry.blocks as never[] } : {}) };
      if (entry.method === 'update') {
        const edited = await client.chat.update({ ...content, ts: target.ts! });
        return edited.ts ?? target.ts!;
      }
      const thread = target.threadTs ? { thread_ts: target.threadTs, ...(entry.broadcast ? { reply_broadcast: true } : {}) } : {};
      const posted = await client.chat.postMessage({ ...content, ...thread });
      return posted.ts!;
    },
    classify,
  };
}

export function classify(error: unknown): SendFailure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'transient', error: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return PERMANENT.has(code) ? { kind: 'permanent', error: code } : { kind: 'transient', error: code };
    }
    case ErrorCode.HTTPError:
      return { kind: 'transient', error: `HTTP ${e.statusCode ?? '?'}` };
    default:
      return { kind: 'transient', error: (e.message ?? String(error)).split('\n', 1)[0]!.slice(0, 200) };
  }
}
