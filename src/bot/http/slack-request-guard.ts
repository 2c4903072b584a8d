import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../ports/clock.port.js';
import type { StorePort } from '../../ports/store.port.js';
import { SIGNATURE_WINDOW_SECONDS, verifySlackSignature, type SignatureRefusal } from './verify-slack-signature.js';

export interface SlackRequestGuardOptions {
  signingSecret: string;
  /** The seen-signature cache: in the store, so replicas sharing a database refuse each other's replays. */
  signatures: Pick<StorePort, 'rememberSignature'>;
  clock: Clock;
  logger: Logger;
  /** Where Slack posts (Bolt's `endpoints`). */
  endpoints?: readonly string[];
  /** Bolt's own limit (4 MB). */
  bodyLimit?: number;
}

/** A signature is remembered a little past its window's end, so a replica whose clock runs behind still finds it. */
const REMEMBER_PAST_WINDOW_MS = 60_000;

/**
 * In front of Bolt's HTTPReceiver: a POST to a Slack endpoint reaches Bolt
 * (and so any listener) only when its signature is Slack's, its timestamp is
 * within five minutes either way, and its signature was not seen before;
 * otherwise 401 with no body. Slack signs each delivery when it sends it, so
 * a retry (X-Slack-Retry-Num) carries a new timestamp and signature and
 * passes. The body read here is handed to Bolt as `rawBody`, which Bolt
 * uses instead of reading the stream again (and verifies once more).
 */
export function guardSlackRequests(next: RequestListener, options: SlackRequestGuardOptions): RequestListener {
  const endpoints = options.endpoints ?? ['/slack/events'];
  const bodyLimit = options.bodyLimit ?? 4 * 1024 * 1024;
  const { logger } = options;
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) return next(req, res);
    void admit(req, options, bodyLimit)
      .catch((error: unknown) => ({ status: 400 as const, reason: `it could not be read (${(error as Error).message})` }))
      .then((verdict) => {
        if (verdict === 'admit') return next(req, res);
        logger.warn(`refused a request to ${path}: ${verdict.reason}`);
        refuse(res, verdict.status);
      })
      .catch((error: unknown) => {
        logger.error(`a request to ${path} failed:`, error);
        if (!res.headersSent) refuse(res, 500);
      });
  };
}

type Verdict = 'admit' | { status: 400 | 401 | 413 | 503; reason: string };

async function admit(req: IncomingMessage, options: SlackRequestGuardOptions, bodyLimit: number): Promise<Verdict> {
  const rawBody = await readBody(req, bodyLimit);
  if (rawBody === undefined) return { status: 413, reason: `body over ${bodyLimit} bytes` };
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
  // Slack's SSL check is unsigned; Bolt answers it with nothing but an empty 200 and strips anything smuggled beside it.
  if (isSslCheck(req, rawBody)) return 'admit';
  const now = options.clock.now();
  const verdict = verifySlackSignature(
    { timestamp: req.headers['x-slack-request-timestamp'], signature: req.headers['x-slack-signature'], rawBody },
    options.signingSecret,
    now.getTime(),
  );
  if (!verdict.ok) return { status: 401, reason: REFUSALS[verdict.reason] };
  const expiresAt = new Date((verdict.timestampSeconds + SIGNATURE_WINDOW_SECONDS) * 1000 + REMEMBER_PAST_WINDOW_MS);
  try {
    const first = await options.signatures.rememberSignature(verdict.signature, now, expiresAt);
    return first ? 'admit' : { status: 401, reason: REFUSALS.replayed };
  } catch (error) {
    // Fail closed: without the cache a replay cannot be told apart. Slack retries a 5xx with a fresh signature.
    options.logger.error('the seen-signature cache could not be written:', error);
    return { status: 503, reason: 'the seen-signature cache is unavailable' };
  }
}

const REFUSALS: Record<SignatureRefusal | 'replayed', string> = {
  unsigned: 'no signature',
  malformed: 'a malformed signature or timestamp',
  stale: 'a timestamp more than 5 minutes old',
  future: 'a timestamp more than 5 minutes ahead',
  mismatch: 'a signature that does not match',
  replayed: 'a signature already seen (a replay)',
};

/** The same test as Bolt's (parseAndVerifyHTTPRequest), so both let the same requests through unsigned. */
function isSslCheck(req: IncomingMessage, rawBody: Buffer): boolean {
  return req.headers['content-type'] === 'application/x-www-form-urlencoded' && parse(rawBody.toString()).ssl_check === '1';
}

/** The whole body, or undefined past `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
