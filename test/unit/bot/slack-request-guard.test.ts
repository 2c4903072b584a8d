import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardSlackRequests } from '../../../src/bot/http/slack-request-guard.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Clock } from '../../../src/ports/clock.port.js';
import { signSlackRequest } from '../../../src/sandbox/slack/sign-slack-request.js';

const SECRET = 'unit-test-signing-secret';
const NOW_MS = Date.parse('2026-12-06T09:00:00Z');
const NOW_S = NOW_MS / 1000;
const BODY = 'command=%2Fbuild&text=1.2.0+backend&user_id=U0ALICE';
const clock: Clock = { now: () => new Date(NOW_MS), sleep: async () => undefined };

/** The seen-signature cache as the store keeps it: true the first time, false after. */
function signatureCache(fail = false) {
  const seen = new Map<string, { seenAt: Date; expiresAt: Date }>();
  return {
    seen,
    rememberSignature: async (signature: string, seenAt: Date, expiresAt: Date) => {
      if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      if (seen.has(signature)) return false;
      seen.set(signature, { seenAt, expiresAt });
      return true;
    },
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** The guard in front of a stand-in for Bolt that records what reached it (and the rawBody it was handed). */
async function serve(signatures = signatureCache()) {
  const reached: Array<{ path: string; rawBody?: string }> = [];
  const log: string[] = [];
  const logger = createLogger({ level: 'warn', secrets: [], write: (line) => log.push(line) });
  const bolt = (req: IncomingMessage & { rawBody?: Buffer }, res: import('node:http').ServerResponse) => {
    reached.push({ path: req.url ?? '', ...(req.rawBody ? { rawBody: req.rawBody.toString() } : {}) });
    res.writeHead(200).end('handled');
  };
  const server = createServer(guardSlackRequests(bolt, { signingSecret: SECRET, signatures, clock, logger }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (headers: Record<string, string>, body = BODY, path = '/slack/events') => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    return { status: response.status, body: await response.text() };
  };
  return { base, post, reached, log, signatures };
}

const signedHeaders = (timestamp: number, body = BODY, extra: Record<string, string> = {}) => ({
  'x-slack-request-timestamp': String(timestamp),
  'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
  ...extra,
});

describe('guardSlackRequests', () => {
  it('hands a correctly signed request to Bolt with the body it read', async () => {
    // given
    const { post, reached } = await serve();
    // when
    const answer = await post(signedHeaders(NOW_S));
    // then
    expect(answer).toEqual({ status: 200, body: 'handled' });
    expect(reached).toEqual([{ path: '/slack/events', rawBody: BODY }]);
  });

  it('answers a request signed 6 minutes ahead with 401 and no body; Bolt never sees it', async () => {
    // given
    const { post, reached, log } = await serve();
    // when
    const answer = await post(signedHeaders(NOW_S + 360));
    // then
    expect(answer).toEqual({ status: 401, body: '' });
    expect(reached).toHaveLength(0);
    expect(log.join('')).toContain('a timestamp more than 5 minutes ahead');
  });

  it('answers the same signed request a second time with 401 (a replay); Bolt sees it once', async () => {
    // given
    const { post, reached, log, signatures } = await serve();
    const headers = signedHeaders(NOW_S - 10);
    // when
    const first = await post(headers);
    const replay = await post(headers);
    // then
    expect([first.status, replay.status]).toEqual([200, 401]);
    expect(reached).toHaveLength(1);
    expect(log.join('')).toContain('a signature already seen (a replay)');
    // remembered past the end of its window (timestamp + 5 min), with a margin for replicas' clocks
    expect([...signatures.seen.values()]).toEqual([{ seenAt: new Date(NOW_MS), expiresAt: new Date((NOW_S - 10 + 300) * 1000 + 60_000) }]);
  });

  it('lets a Slack retry through: it carries X-Slack-Retry-Num and a new timestamp, so a new signature', async () => {
    // given
    const { post, reached } = await serve();
    await post(signedHeaders(NOW_S - 3));
    // when
    const retry = await post(signedHeaders(NOW_S, BODY, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }));
    // then
    expect(retry.status).toBe(200);
    expect(reached).toHaveLength(2);
  });

  it('does not remember forged signatures (they cannot fill the cache or block the real request)', async () => {
    // given
    const { post, signatures } = await serve();
    const forged = { ...signedHeaders(NOW_S), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    // when
    const answer = await post(forged);
    // then
    expect(answer.status).toBe(401);
    expect(signatures.seen.size).toBe(0);
  });

  it('fails closed with 503 when the seen-signature cache cannot be written, without the error in the answer', async () => {
    // given
    const { post, reached } = await serve(signatureCache(true));
    // when
    const answer = await post(signedHeaders(NOW_S));
    // then
    expect(answer).toEqual({ status: 503, body: '' });
    expect(reached).toHaveLength(0);
  });

  it('passes Slack\'s unsigned SSL check through to Bolt, which answers it', async () => {
    // given
    const { post, reached } = await serve();
    // when
    const answer = await post({}, 'ssl_check=1&token=x');
    // then
    expect(answer.status).toBe(200);
    expect(reached).toHaveLength(1);
  });

  it('leaves other paths and methods to Bolt (its custom routes and 404s)', async () => {
    // given
    const { base, post, reached } = await serve();
    // when
    await fetch(`${base}/healthz`);
    await post({}, 'x', '/elsewhere');
    // then
    expect(reached.map((r) => r.path)).toEqual(['/healthz', '/elsewhere']);
  });
});
