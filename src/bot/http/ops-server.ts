import { createServer, type RequestListener, type Server } from 'node:http';
import type { CustomRoute, Receiver } from '@slack/bolt';

/** Routes by exact path and method, as Bolt's receivers do for custom routes; 404 otherwise. */
export function routesListener(routes: readonly CustomRoute[]): RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? ''));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.handler(Object.assign(req, { params: {} }), res);
  };
}

export interface OpsServer {
  listen(): Promise<void>;
  close(): Promise<void>;
}

/** The operations routes (/healthz, /readyz, /metrics) on a port of their own (OPS_PORT), away from Slack's. */
export function opsServer(routes: readonly CustomRoute[], port: number): OpsServer {
  let server: Server | undefined;
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        const starting = createServer(routesListener(routes));
        starting.once('error', reject);
        starting.listen(port, () => {
          server = starting;
          resolve();
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
        server = undefined;
      }),
  };
}

/** Bolt's receiver with the operations server beside it: started before it, closed after it, by App.start and App.stop. */
export function withOpsServer(receiver: Receiver, ops: OpsServer): Receiver {
  return {
    init: (app) => receiver.init(app),
    start: async (...args: unknown[]) => {
      await ops.listen();
      return receiver.start(...args).catch(async (error: unknown) => {
        await ops.close();
        throw error;
      });
    },
    stop: async (...args: unknown[]) => {
      try {
        return await receiver.stop(...args);
      } finally {
        await ops.close();
      }
    },
  };
}
