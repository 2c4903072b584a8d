import { PortError } from '../../ports/port-error.js';
import type { PrometheusPort, PromSample } from '../../ports/prometheus.port.js';
import { describeNetworkError } from '../http/describe-network-error.js';
import { readQueryResult } from './read-query-result.js';

export type PrometheusAuth = { bearerToken: string } | { username: string; password: string };

export interface PrometheusAdapterOptions {
  /** Where the API lives, with any path prefix: http://prometheus:9090 or https://host/prometheus. */
  url: string;
  auth?: PrometheusAuth;
  /** Bound on one query, from sending to the end of the answer. Default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

interface Envelope {
  status?: unknown;
  data?: unknown;
  errorType?: unknown;
  error?: unknown;
}

/**
 * PrometheusPort over Node's fetch: POST /api/v1/query with a form body (no
 * length limit on the expression, as the API allows). Messages name the
 * server by host only: never the credentials, in the URL or in auth.
 */
export function createPrometheusAdapter(options: PrometheusAdapterOptions): PrometheusPort {
  const base = new URL(options.url);
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/api/v1/query`, base.origin);
  const where = `Prometheus at ${base.host}`;
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...authHeader(base, options.auth) };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async query(expr: string, at?: Date): Promise<PromSample[]> {
      const form = new URLSearchParams({ query: expr });
      if (at) form.set('time', String(at.getTime() / 1000));
      const signal = AbortSignal.timeout(timeoutMs);
      let status: number;
      let text: string;
      try {
        const response = await fetch(endpoint, { method: 'POST', headers, body: form.toString(), signal, redirect: 'manual' });
        status = response.status;
        text = await response.text();
      } catch (error) {
        const why = signal.aborted ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
        throw new PortError('unreachable', `${where}: query failed: ${why}`);
      }
      const envelope = parseEnvelope(text);
      if (status >= 200 && status < 300 && envelope?.status === 'success') return readQueryResult(envelope.data);
      throw failure(where, status, envelope);
    },
  };
}

/** Credentials in the URL (https://user:pass@host) count as basic auth, and never reach a message. */
function authHeader(base: URL, auth: PrometheusAuth | undefined): Record<string, string> {
  if (auth && 'bearerToken' in auth) return { authorization: `Bearer ${auth.bearerToken}` };
  const user = auth ? { username: auth.username, password: auth.password } : { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };
  if (!user.username && !user.password) return {};
  return { authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` };
}

function parseEnvelope(text: string): Envelope | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

function failure(where: string, status: number, envelope: Envelope | undefined): PortError {
  const quoted = typeof envelope?.error === 'string' ? `: ${firstLine(envelope.error)}` : '';
  const kind = typeof envelope?.errorType === 'string' ? ` (${envelope.errorType})` : '';
  if (status === 400 || status === 422) return new PortError('invalid', `${where} rejected the query${kind}${quoted}`);
  if (status === 503 || status === 502 || status === 504) return new PortError('unreachable', `${where} could not answer the query, HTTP ${status}${kind}${quoted}`);
  if (status === 401) return new PortError('unauthorized', `${where} refused the credentials (HTTP 401)`);
  if (status === 403) return new PortError('forbidden', `${where} forbids the query (HTTP 403)`);
  if (status === 429) return new PortError('throttled', `${where} is rate limiting queries (HTTP 429)`);
  if (!envelope) return new PortError('remote', `${where} answered HTTP ${status} without Prometheus's JSON: is the URL the server's (with its path prefix)?`);
  return new PortError('remote', `${where} answered HTTP ${status}${kind}${quoted}`);
}

function firstLine(text: string): string {
  return (text.split('\n', 1)[0] ?? '').slice(0, 300);
}
