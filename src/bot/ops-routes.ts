import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** What /readyz tells about a dependency: a state, never an error's text (which could name a host, a user or a DSN). */
export type CheckState = 'ok' | 'failing' | 'not connected' | 'stopping';
const CHECK_STATES: ReadonlySet<string> = new Set<CheckState>(['ok', 'failing', 'not connected', 'stopping']);

export interface Readiness {
  ready: boolean;
  /** One state per dependency. */
  checks: Record<string, CheckState>;
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
          (r) => send(res, r.ready ? 200 : 503, 'application/json', JSON.stringify({ status: r.ready ? 'ready' : 'not ready', checks: statesOnly(r.checks) })),
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

/** Anything but a known state (a message slipped in) shows as "failing". */
function statesOnly(checks: Record<string, string>): Record<string, CheckState> {
  return Object.fromEntries(Object.entries(checks).map(([name, state]) => [name, CHECK_STATES.has(state) ? (state as CheckState) : 'failing']));
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
