import type { App, CustomRoute, Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/run-compiled-bot.js';
import { opsServer, withOpsServer } from '../../../src/bot/http/ops-server.js';

const routes: CustomRoute[] = [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('ok') }];

/** A receiver that only notes what was asked of it. */
function recordingReceiver(startFails = false) {
  const calls: string[] = [];
  const receiver: Receiver = {
    init: () => calls.push('init'),
    start: async () => {
      calls.push('start');
      if (startFails) throw new Error('EADDRINUSE');
    },
    stop: async () => calls.push('stop'),
  };
  return { calls, receiver };
}

const status = (port: number, path: string) =>
  fetch(`http://127.0.0.1:${port}${path}`).then(
    (r) => r.status,
    () => 'refused',
  );

describe('withOpsServer', () => {
  it('serves the routes on their own port from the receiver\'s start until its stop', async () => {
    // given
    const port = await freePort();
    const { calls, receiver } = recordingReceiver();
    const wrapped = withOpsServer(receiver, opsServer(routes, port));
    wrapped.init({} as App);
    // when
    await wrapped.start(0);
    const whileRunning = [await status(port, '/healthz'), await status(port, '/readyz')];
    await wrapped.stop();
    // then
    expect(whileRunning).toEqual([200, 404]);
    expect(await status(port, '/healthz')).toBe('refused');
    expect(calls).toEqual(['init', 'start', 'stop']);
  });

  it('closes the operations port again when the receiver cannot start', async () => {
    // given
    const port = await freePort();
    const wrapped = withOpsServer(recordingReceiver(true).receiver, opsServer(routes, port));
    // when
    await expect(wrapped.start(0)).rejects.toThrow('EADDRINUSE');
    // then
    expect(await status(port, '/healthz')).toBe('refused');
  });
});
