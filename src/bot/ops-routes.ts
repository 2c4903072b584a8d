import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

export interface Readiness {
  ready: boolean;
  /** One line per dependency: "ok" or what is wrong. */
  checks: Record<string, string>;
}

export interface OpsEndpoints {
  readiness(): Promise<Readiness>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

/**
 * The routes an orchestrator and a scraper use: /healthz (the process
 * answers), /readyz (the store answers and Slack is connected; 503 while
 * stopping), /metrics (Prometheus text format).
 */
export function opsRoutes(endpoints: OpsEndpoints): CustomRoute[] {
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => send(res, 200, 'application/json', '{"status":"ok"}') },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        endpoints.readiness().then(
          (r) => send(res, r.ready ? 200 : 503, 'application/json', JSON.stringify({ status: r.ready ? 'ready' : 'not ready', checks: r.checks })),
          () => send(res, 503, 'application/json', '{"status":"not ready"}'),
        );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        endpoints.metrics().then(
          (m) => send(res, 200, m.contentType, m.body),
          () => send(res, 500, 'text/plain', 'metrics could not be collected\n'),
        );
      },
    },
  ];
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
