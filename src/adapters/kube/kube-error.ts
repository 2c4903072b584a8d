import { ApiException } from '@kubernetes/client-node';
import { PortError } from '../../ports/port-error.js';

export interface KubeCall {
  /** What was attempted, e.g. "get deployment shop-staging/backend". */
  operation: string;
  /** The API server's URL, without credentials. */
  server: string;
  timeoutMs: number;
}

/** The fields of a `Status` body the adapter reads. */
interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  details?: { name?: string; kind?: string; retryAfterSeconds?: number };
}

/** Network failures reported by node-fetch: the request never got an HTTP answer. */
const NETWORK_ERROR_TYPES = new Set(['system', 'request-timeout']);

/**
 * One PortError with a one-line message for whatever a client-node call threw.
 * 401/403/429 keep the API server's meaning; a 403 quotes its Status message,
 * which names the user, verb and resource: what an RBAC fix needs. Never
 * includes the request's headers, so no token.
 */
export function toPortError(error: unknown, call: KubeCall): PortError {
  if (error instanceof PortError) return error;
  if (error instanceof ApiException) return fromApiException(error, call);
  const failure = error as { name?: string; type?: string; code?: string; errno?: string; message?: string } | undefined;
  if (failure?.name === 'AbortError') {
    const reason = `no answer within ${call.timeoutMs} ms`;
    return new PortError('unreachable', `Kubernetes API unreachable at ${call.server}: ${reason} (${call.operation})`);
  }
  if (failure?.type && NETWORK_ERROR_TYPES.has(failure.type)) {
    const reason = failure.code ?? failure.errno ?? oneLine(failure.message ?? 'network error');
    return new PortError('unreachable', `Kubernetes API unreachable at ${call.server}: ${reason} (${call.operation})`);
  }
  return new PortError('remote', `Kubernetes ${call.operation} failed: ${oneLine(failure?.message ?? String(error))}`);
}

/** Whether the error is the API server saying that this very object does not exist (not that the path is unknown). */
export function isNotFoundOf(error: unknown, name: string): boolean {
  if (!(error instanceof ApiException) || error.code !== 404) return false;
  const status = statusBodyOf(error);
  return status?.reason === 'NotFound' && status.details?.name === name;
}

function fromApiException(error: ApiException<unknown>, call: KubeCall): PortError {
  const status = statusBodyOf(error);
  const said = status?.message ? oneLine(status.message) : undefined;
  switch (error.code) {
    case 401:
      return new PortError(
        'unauthorized',
        `Kubernetes ${call.operation} unauthorized: the API server at ${call.server} rejected the credentials (401); ` +
          'check the kubeconfig user or service account token',
      );
    case 403:
      return new PortError('forbidden', `Kubernetes ${call.operation} forbidden: ${said ?? 'the API server answered 403 Forbidden'}`);
    case 429: {
      const retryAfter = status?.details?.retryAfterSeconds ?? headerOf(error, 'retry-after');
      const wait = retryAfter !== undefined ? `; retry after ${retryAfter}s` : '';
      return new PortError('throttled', `Kubernetes ${call.operation} throttled by the API server at ${call.server} (429)${wait}`);
    }
    default: {
      const reason = status?.reason ? ` ${status.reason}` : '';
      return new PortError('remote', `Kubernetes ${call.operation} failed: HTTP ${error.code}${reason}${said ? `: ${said}` : ''}`);
    }
  }
}

/** client-node hands the error body over as the raw response text (or undefined for a 401). */
function statusBodyOf(error: ApiException<unknown>): StatusBody | undefined {
  const { body } = error;
  if (typeof body === 'object' && body !== null) return body as StatusBody;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null && (parsed as StatusBody).kind === 'Status' ? (parsed as StatusBody) : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(error: ApiException<unknown>, name: string): string | undefined {
  const headers = error.headers as Record<string, string> | undefined;
  return headers?.[name];
}

const MAX_MESSAGE = 400;

/** Collapses whitespace to one line, bounds its length, and masks anything shaped like a bearer token. */
function oneLine(text: string): string {
  const line = text.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]').replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
