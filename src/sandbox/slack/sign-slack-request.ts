import { createHmac } from 'node:crypto';

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * keyed with the app's signing secret, sent as X-Slack-Signature.
 */
export function signSlackRequest(secret: string, timestamp: number | string, body: string): string {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}
