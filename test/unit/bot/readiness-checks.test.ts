import { describe, expect, it } from 'vitest';
import { readinessChecks } from '../../../src/bot/readiness-checks.js';
import { createLogger } from '../../../src/logging/logger.js';

function sources(overrides: { ping?: () => Promise<void>; connected?: boolean; stopping?: boolean } = {}) {
  const log: string[] = [];
  return {
    log,
    readiness: readinessChecks({
      store: { ping: overrides.ping ?? (async () => undefined) },
      slackConnected: () => overrides.connected ?? true,
      stopping: () => overrides.stopping ?? false,
      logger: createLogger({ level: 'info', secrets: [], write: (line) => log.push(line) }),
    }),
  };
}

describe('readinessChecks', () => {
  it('is ready when the store answers, Slack is connected and nothing is stopping', async () => {
    expect(await sources().readiness()).toEqual({ ready: true, checks: { store: 'ok', slack: 'ok', shutdown: 'ok' } });
  });

  it('reports a failing store as "failing", and why only in the log, once while it keeps failing', async () => {
    // given
    const { readiness, log } = sources({ ping: () => Promise.reject(new Error('connect ECONNREFUSED db.internal:5432')) });
    // when
    const first = await readiness();
    const second = await readiness();
    // then
    expect(first).toEqual({ ready: false, checks: { store: 'failing', slack: 'ok', shutdown: 'ok' } });
    expect(second).toEqual(first);
    expect(JSON.stringify(first)).not.toContain('db.internal');
    expect(log.filter((line) => line.includes('db.internal'))).toHaveLength(1);
  });

  it('reports Slack not connected and a shutdown under way as states', async () => {
    expect(await sources({ connected: false, stopping: true }).readiness()).toEqual({
      ready: false,
      checks: { store: 'ok', slack: 'not connected', shutdown: 'stopping' },
    });
  });
});
