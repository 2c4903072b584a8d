import type { SandboxHandler } from '../sandbox-handler.js';
import type { SandboxState } from '../sandbox-state.js';
import { runningWorkloads } from './running-workloads.js';
import type { WorldServiceMetrics } from './metrics-world.js';

/**
 * GET /metrics: Prometheus's text exposition format 0.0.4 with one counter,
 * http_requests_total{app, namespace | cluster, code}. Counters grow with the
 * time since the last scrape at the rate and 5xx share of the image each
 * workload runs now: monotonic, so rate() works as on a real service.
 */
export const metricsHandler: SandboxHandler = async (req, res, _body, state) => {
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  if (path !== '/metrics' || !state.world.metrics) return false;
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    res.end('method not allowed\n');
    return true;
  }
  state.record('http', `${method} ${path}`);
  const text = exposition(state, Date.now());
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(method === 'HEAD' ? undefined : text);
  return true;
};

interface Counter {
  at: number;
  ok: number;
  failed: number;
}

const countersOf = new WeakMap<SandboxState, Map<string, Counter>>();

/** The counters advanced to `now`, as exposition text. */
export function exposition(state: SandboxState, now: number): string {
  let counters = countersOf.get(state);
  if (!counters) countersOf.set(state, (counters = new Map()));
  const lines = ['# HELP http_requests_total Requests served, by answer code.', '# TYPE http_requests_total counter'];
  for (const [app, settings] of Object.entries(state.world.metrics ?? {})) {
    for (const workload of runningWorkloads(state, app, now)) {
      const labels = `app=${quote(app)},${workload.scope}=${quote(workload.where)}`;
      const counter = advance(counters, labels, now, settings, workload.tag);
      lines.push(`http_requests_total{${labels},code="200"} ${counter.ok.toFixed(3)}`);
      lines.push(`http_requests_total{${labels},code="500"} ${counter.failed.toFixed(3)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The time since the last scrape at the share of the image running now (the first scrape starts from 0). */
function advance(counters: Map<string, Counter>, key: string, now: number, settings: WorldServiceMetrics, tag: string | undefined): Counter {
  const counter = counters.get(key) ?? { at: now, ok: 0, failed: 0 };
  counters.set(key, counter);
  const requests = (Math.max(0, now - counter.at) / 1000) * (settings.requestsPerSecond ?? 50);
  const ratio = errorRatioOf(settings, tag);
  counter.failed += requests * ratio;
  counter.ok += requests * (1 - ratio);
  counter.at = Math.max(counter.at, now);
  return counter;
}

export function errorRatioOf(settings: WorldServiceMetrics, tag: string | undefined): number {
  const byTag = tag !== undefined && settings.byImageTag && Object.hasOwn(settings.byImageTag, tag) ? settings.byImageTag[tag] : undefined;
  return Math.min(1, Math.max(0, byTag ?? settings.errorRatio ?? 0));
}

/** A label value as the format escapes it: backslash, double quote and newline. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
