import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { rdsActionOf } from './aws/rds-handler.js';
import { RdsError, sendRdsError } from './aws/rds-query.js';

/** The three remote systems shipmate calls through the sandbox. */
export type FaultSystem = 'slack' | 'aws' | 'kubernetes';

/**
 * How a matching call fails:
 * - `status`: answered at once with this HTTP status (Slack 503, say), the call not applied;
 * - `hang`: never answered and not applied (a server that stopped responding);
 * - `hang-after`: applied, then never answered (the caller cannot tell whether it happened).
 */
export type FaultMode = { kind: 'status'; status: number } | { kind: 'hang' } | { kind: 'hang-after' };

export interface FaultRule {
  system: FaultSystem;
  /** Matched against the operation: a Slack method (chat.postMessage), an AWS operation (StartBuild), or Kubernetes `METHOD /path`. */
  operation: RegExp;
  mode: FaultMode;
  /** How many calls it hits (default: every call until removed). */
  times?: number;
}

/** A call the sandbox is about to serve, as faults see it. */
export interface FaultCall {
  system: FaultSystem | 'other';
  operation: string;
  /** Set for AWS's Query protocol (RDS), whose outage answer is XML. */
  protocol?: 'query';
}

/**
 * Faults injected while the sandbox runs, so tests can make Slack, AWS or the
 * cluster fail or hang at any step. Rules are tried in the order added; the
 * first that matches decides.
 */
export class Faults {
  private rules: Array<FaultRule & { left: number }> = [];
  /** Calls answered by a fault, for tests to wait on. */
  readonly hits: Array<FaultCall & { mode: FaultMode['kind']; at: number }> = [];

  /** Adds a rule; the returned function removes it. */
  add(rule: FaultRule): () => void {
    const entry = { ...rule, left: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(entry);
    return () => {
      this.rules = this.rules.filter((r) => r !== entry);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault this call meets, if any (consuming one of its `times`). */
  take(call: FaultCall): FaultMode | undefined {
    const rule = this.rules.find((r) => r.left > 0 && r.system === call.system && r.operation.test(call.operation));
    if (!rule) return undefined;
    rule.left -= 1;
    if (rule.left <= 0) this.rules = this.rules.filter((r) => r !== rule);
    this.hits.push({ ...call, mode: rule.mode.kind, at: Date.now() });
    return rule.mode;
  }
}

/** Which system and operation a request to the sandbox is, from its path and headers alone. */
export function faultCallOf(req: IncomingMessage, body?: Buffer): FaultCall {
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  if (path.startsWith('/slack/api/')) return { system: 'slack', operation: path.slice('/slack/api/'.length) };
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { system: 'aws', operation: target.slice(target.lastIndexOf('.') + 1) };
  const rdsAction = body ? rdsActionOf(req, body) : undefined;
  if (rdsAction !== undefined) return { system: 'aws', operation: rdsAction, protocol: 'query' };
  if (/^\/(api|apis)(\/|$)/.test(path)) return { system: 'kubernetes', operation: `${req.method ?? 'GET'} ${path}` };
  return { system: 'other', operation: `${req.method ?? 'GET'} ${path}` };
}

/** Answers a `status` fault the way the system answers an outage. */
export function sendFaultStatus(res: ServerResponse, call: FaultCall, status: number): void {
  if (call.protocol === 'query') return sendRdsError(res, new RdsError('ServiceUnavailable', 'Service Unavailable (sandbox fault)', status, 'Receiver'));
  const body =
    call.system === 'aws'
      ? JSON.stringify({ __type: 'ServiceUnavailableException', message: 'Service Unavailable (sandbox fault)' })
      : call.system === 'kubernetes'
        ? JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'service unavailable (sandbox fault)', reason: 'ServiceUnavailable', code: status })
        : 'Service Unavailable';
  const type = call.system === 'slack' ? 'text/plain' : call.system === 'aws' ? 'application/x-amz-json-1.1' : 'application/json';
  res.writeHead(status, { 'content-type': type }).end(body);
}

/** A response that goes nowhere: the call is applied by the handler, its answer dropped (`hang-after`). */
export function discardedResponse(res: ServerResponse): ServerResponse {
  const sink = new PassThrough();
  sink.resume();
  const fake = Object.create(res) as ServerResponse;
  let headersSent = false;
  Object.defineProperties(fake, {
    headersSent: { get: () => headersSent },
    writeHead: { value: (..._args: unknown[]) => ((headersSent = true), fake) },
    setHeader: { value: () => fake },
    write: { value: (chunk: unknown) => ((headersSent = true), sink.write(chunk as Buffer)) },
    end: { value: () => ((headersSent = true), fake) },
    on: { value: () => fake },
    once: { value: () => fake },
  });
  return fake;
}
