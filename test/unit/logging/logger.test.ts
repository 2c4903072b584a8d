import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger.js';

/** A logger writing into an array, and its lines parsed. */
function capture(options: { level?: string; secrets?: string[]; name?: string } = {}) {
  const lines: string[] = [];
  const logger = createLogger({ secrets: [], ...options, write: (l) => lines.push(l) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON line per call, at or above its level, with secrets redacted', () => {
    // given
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: ['s3cr3t-value'], write: (l) => lines.push(l) });
    // when
    logger.debug('hidden');
    logger.info('token', 's3cr3t-value', 'and', { auth: 'Bearer abcdefghijklmnop' });
    logger.error(new Error('xoxb-1234567890-leaked'));
    // then
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.level)).toEqual(['info', 'error']);
    expect(parsed[0].msg).toBe("token [redacted] and { auth: 'Bearer [redacted]' }");
    expect(parsed[1].msg).toBe('Error: [redacted]');
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
  });

  it('changes level as Bolt asks and ignores unknown levels', () => {
    const logger = createLogger({ secrets: [], write: () => undefined });
    logger.setLevel('debug');
    logger.setLevel('loud');
    expect(logger.getLevel()).toBe('debug');
  });

  it('given a call, when written, then the line carries level as a label, an ISO time, the name and msg, and nothing else', () => {
    const { logger, lines, parsed } = capture({ name: 'shipmate' });

    logger.info('started on port', 3000);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"level":"info"');
    const [line] = parsed();
    expect(Object.keys(line ?? {})).toEqual(['level', 'time', 'name', 'msg']);
    expect(line).toMatchObject({ level: 'info', name: 'shipmate', msg: 'started on port 3000' });
    expect(new Date(String(line?.time)).toISOString()).toBe(line?.time);
  });

  it('given an error call, when written, then the line greps as "level":"error"', () => {
    const { logger, lines } = capture();

    logger.error('stop failed:', new TypeError('socket closed'));

    expect(lines[0]).toMatch(/"level":"error"/);
    expect(JSON.parse(lines[0] ?? '').msg).toBe('stop failed: TypeError: socket closed');
  });

  it('given level warn, when every level logs, then only warn and error are written', () => {
    const { logger, parsed } = capture({ level: 'warn' });

    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');

    expect(parsed().map((p) => p.level)).toEqual(['warn', 'error']);
  });

  it('given no or an unknown level, when created, then it logs at info', () => {
    expect(capture().logger.getLevel()).toBe('info');
    expect(capture({ level: 'verbose' }).logger.getLevel()).toBe('info');
  });

  it('given setLevel, when called at run time, then the filter follows it both ways', () => {
    const { logger, parsed } = capture({ level: 'info' });

    logger.debug('before');
    logger.setLevel('debug');
    logger.debug('during');
    logger.setLevel('error');
    logger.warn('after');

    expect(parsed().map((p) => p.msg)).toEqual(['during']);
    expect(logger.getLevel()).toBe('error');
  });

  it('given setName, when logging afterwards, then the line carries the new name', () => {
    const { logger, parsed } = capture();

    logger.info('one');
    logger.setName('bolt-app');
    logger.info('two');

    expect(parsed().map((p) => p.name)).toEqual(['shipmate', 'bolt-app']);
  });

  it('given a known secret value, when it appears in a message, an Error, an object or a field, then no line holds it', () => {
    const secret = 'pg-pass-4f8a9c';
    const { logger, lines, parsed } = capture({ secrets: [secret] });

    logger.info(`connecting with ${secret}`);
    logger.error('query failed:', new Error(`password authentication failed for ${secret}`));
    logger.warn('config', { store: { url: `postgres://shipmate:${secret}@db/shipmate` } });
    logger.info({ dsn: `postgres://shipmate:${secret}@db` }, 'fields');

    expect(lines.join('')).not.toContain(secret);
    expect(parsed().map((p) => p.msg)).toEqual([
      'connecting with [redacted]',
      'query failed: Error: password authentication failed for [redacted]',
      "config { store: { url: 'postgres://shipmate:[redacted]@db/shipmate' } }",
      'fields',
    ]);
    expect(parsed()[3]?.dsn).toBe('postgres://shipmate:[redacted]@db');
  });

  it('given Slack and AWS token shapes nobody declared, when logged, then they are redacted', () => {
    const { logger, lines } = capture();

    logger.info('bot xoxb-2222-3333-abcdefABCDEF app xapp-1-A0123-456-abcdef key AKIAABCDEFGHIJKLMNOP');

    expect(JSON.parse(lines[0] ?? '').msg).toBe('bot [redacted] app [redacted] key [redacted]');
  });

  it('given a secret holding a quote and a backslash, when logged, then its JSON-escaped form is redacted too', () => {
    const secret = 'we"ird\\pa55';
    const { logger, lines } = capture({ secrets: [secret] });

    logger.info(`value ${secret}`);

    expect(JSON.parse(lines[0] ?? '').msg).toBe('value [redacted]');
  });

  it('given a leading object, when logged, then its fields join the line and credential fields are censored by path', () => {
    const { logger, parsed } = capture();

    logger.info(
      { service: 'backend', token: 'plain-token-value', headers: { authorization: 'Basic dXNlcjpwYXNz', accept: 'json' }, db: { password: 'hunter22' }, env: { SLACK_BOT_TOKEN: 'x' } },
      'calling',
    );

    expect(parsed()[0]).toMatchObject({
      service: 'backend',
      token: '[redacted]',
      headers: { authorization: '[redacted]', accept: 'json' },
      db: { password: '[redacted]' },
      env: { SLACK_BOT_TOKEN: '[redacted]' },
      msg: 'calling',
    });
  });

  it('given an object in the message, when printed, then credential-named fields are censored at any depth', () => {
    const { logger, lines } = capture();

    logger.info('request', { url: '/api', headers: { Authorization: 'Basic dXNlcjpwYXNz' }, nested: [{ client_secret: 'abc123def' }] });

    expect(JSON.parse(lines[0] ?? '').msg).toBe("request { url: '/api', headers: { Authorization: '[redacted]' }, nested: [ { client_secret: '[redacted]' } ] }");
  });

  it('given a leading object using a key the line owns, when logged, then it goes into msg and does not clobber level', () => {
    const { logger, lines } = capture();

    logger.error({ level: 'info', detail: 1 });

    const line = JSON.parse(lines[0] ?? '');
    expect(line.level).toBe('error');
    expect(line.msg).toBe("{ level: 'info', detail: 1 }");
  });

  it('given an Error, when the level is info, then no stack is written; at debug its scrubbed stack is under err', () => {
    const secret = 'stack-secret-991';
    const { logger, parsed } = capture({ secrets: [secret] });
    const error = new Error(`failed with ${secret}`);

    logger.error('at info:', error);
    logger.setLevel('debug');
    logger.error('at debug:', error);

    const [atInfo, atDebug] = parsed();
    expect(atInfo).not.toHaveProperty('err');
    const err = atDebug?.err as { type: string; stack: string };
    expect(err.type).toBe('Error');
    expect(err.stack).toMatch(/^Error: failed with \[redacted\]\n\s+at /);
    expect(JSON.stringify(atDebug)).not.toContain(secret);
  });

  it('given printf-like characters, when logged, then msg is kept verbatim', () => {
    const { logger, parsed } = capture();

    logger.info('100% of %s at %d', 'x');

    expect(parsed()[0]?.msg).toBe('100% of %s at %d x');
  });
});
