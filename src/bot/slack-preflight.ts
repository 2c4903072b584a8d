import { WebClient, type Logger as SlackLogger, LogLevel } from '@slack/web-api';

/** Slack could not be reached, or refused our credentials, at start-up: `host` is where we tried, `cause` what went wrong (never a token). */
export class SlackStartError extends Error {
  override readonly name = 'SlackStartError';
  constructor(readonly host: string, readonly reason: string) {
    super(`cannot connect to Slack at ${host}: ${reason}`);
  }
}

/** The host of Slack's Web API: SLACK_API_URL's (without any user-info), or slack.com. */
export function slackHost(slackApiUrl: string | undefined): string {
  if (!slackApiUrl) return 'slack.com';
  try {
    return new URL(slackApiUrl).host || 'SLACK_API_URL';
  } catch {
    return 'SLACK_API_URL';
  }
}

/** A short cause from an error of @slack/web-api or Bolt: Slack's error code (invalid_auth), or the socket's (ECONNREFUSED). */
export function slackFailureCause(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown }; original?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof e?.data?.error === 'string') return e.data.error;
  if (e?.code === 'slack_webapi_http_error' && typeof e.statusCode === 'number') return `HTTP ${e.statusCode}`;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'rate limited';
  if (e?.original !== undefined) return networkCause(e.original);
  return networkCause(error);
}

/**
 * One auth.test with the bot token, without retries and within `timeoutMs`:
 * a Slack that cannot be reached, or a token it refuses, ends start-up at
 * once with a SlackStartError, rather than after Bolt's half hour of retries.
 */
export async function checkSlackConnection(options: { botToken: string; slackApiUrl?: string; timeoutMs: number }): Promise<void> {
  const client = new WebClient(options.botToken, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs,
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
  try {
    await client.auth.test();
  } catch (error) {
    throw new SlackStartError(slackHost(options.slackApiUrl), slackFailureCause(error));
  }
}

function networkCause(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; cause?: unknown; message?: unknown } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer in time';
  const inner = e?.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof inner?.code === 'string') return inner.code;
  if (typeof e?.code === 'string') return e.code;
  return typeof inner?.message === 'string' ? inner.message : typeof e?.message === 'string' ? e.message : String(error);
}

/** The failure becomes one line of ours; the client's own warnings would only repeat it. */
const silentLogger: SlackLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};
