import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's window: a request whose timestamp is further than this from our clock, either way, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export interface SignedRequest {
  /** X-Slack-Request-Timestamp (seconds), as sent. */
  timestamp: string | string[] | undefined;
  /** X-Slack-Signature (`v0=<hex HMAC-SHA256>`), as sent. */
  signature: string | string[] | undefined;
  rawBody: Buffer;
}

export type SignatureRefusal = 'unsigned' | 'malformed' | 'stale' | 'future' | 'mismatch';

export type SignatureVerdict = { ok: true; signature: string; timestampSeconds: number } | { ok: false; reason: SignatureRefusal };

const SIGNATURE_SHAPE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP_SHAPE = /^\d{1,12}$/;

/**
 * Slack's v0 request signature (docs.slack.dev, authentication/verifying-requests-from-slack):
 * HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with the signing secret,
 * compared in constant time; the timestamp within five minutes of `nowMs`,
 * behind or ahead.
 */
export function verifySlackSignature(request: SignedRequest, signingSecret: string, nowMs: number): SignatureVerdict {
  const { timestamp, signature } = request;
  if (timestamp === undefined || signature === undefined) return { ok: false, reason: 'unsigned' };
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'malformed' };
  if (!TIMESTAMP_SHAPE.test(timestamp) || !SIGNATURE_SHAPE.test(signature)) return { ok: false, reason: 'malformed' };
  const timestampSeconds = Number(timestamp);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (timestampSeconds < nowSeconds - SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  if (timestampSeconds > nowSeconds + SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'future' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(request.rawBody).digest();
  const given = Buffer.from(signature.slice('v0='.length), 'hex');
  if (!timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true, signature, timestampSeconds };
}
