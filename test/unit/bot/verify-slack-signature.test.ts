import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../src/bot/http/verify-slack-signature.js';
import { signSlackRequest } from '../../../src/sandbox/slack/sign-slack-request.js';

const SECRET = 'unit-test-signing-secret';
const NOW_MS = Date.parse('2026-12-06T09:00:00Z');
const NOW_S = NOW_MS / 1000;
const BODY = 'command=%2Fshipmate&text=help';

function signed(timestamp: number, body = BODY, secret = SECRET) {
  return { timestamp: String(timestamp), signature: signSlackRequest(secret, timestamp, body), rawBody: Buffer.from(body) };
}

describe('verifySlackSignature', () => {
  it.each([
    ['now', 0],
    ['5 minutes ago, at the edge', -300],
    ['5 minutes ahead, at the edge', 300],
  ])('accepts a correct signature dated %s', (_, offset) => {
    // when
    const verdict = verifySlackSignature(signed(NOW_S + offset), SECRET, NOW_MS);
    // then
    expect(verdict).toEqual({ ok: true, signature: signSlackRequest(SECRET, NOW_S + offset, BODY), timestampSeconds: NOW_S + offset });
  });

  it.each([
    ['stale', -301],
    ['stale', -3600],
    ['future', 301],
    ['future', 360],
    ['future', 86_400],
  ])('refuses a correctly signed request outside the window as %s (%i s)', (reason, offset) => {
    expect(verifySlackSignature(signed(NOW_S + offset), SECRET, NOW_MS)).toEqual({ ok: false, reason });
  });

  it.each([
    ['another secret', { ...signed(NOW_S, BODY, 'not-the-secret') }, 'mismatch'],
    ['another body', { ...signed(NOW_S), rawBody: Buffer.from(`${BODY}&x=1`) }, 'mismatch'],
    ['another timestamp', { ...signed(NOW_S), timestamp: String(NOW_S + 1) }, 'mismatch'],
    ['no signature', { ...signed(NOW_S), signature: undefined }, 'unsigned'],
    ['no timestamp', { ...signed(NOW_S), timestamp: undefined }, 'unsigned'],
    ['two signature headers', { ...signed(NOW_S), signature: ['v0=aa', 'v0=bb'] }, 'malformed'],
    ['a v1 signature', { ...signed(NOW_S), signature: signSlackRequest(SECRET, NOW_S, BODY).replace('v0=', 'v1=') }, 'malformed'],
    ['a short signature', { ...signed(NOW_S), signature: 'v0=abc' }, 'malformed'],
    ['an uppercase signature', { ...signed(NOW_S), signature: signSlackRequest(SECRET, NOW_S, BODY).toUpperCase() }, 'malformed'],
    ['a fractional timestamp', { ...signed(NOW_S), timestamp: `${NOW_S}.5` }, 'malformed'],
    ['a negative timestamp', { ...signed(NOW_S), timestamp: `-${NOW_S}` }, 'malformed'],
  ])('refuses %s', (_, request, reason) => {
    expect(verifySlackSignature(request, SECRET, NOW_MS)).toEqual({ ok: false, reason });
  });
});
