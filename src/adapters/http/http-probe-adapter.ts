import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';
import type { HttpProbePort, ProbeResult } from '../../ports/http-probe.port.js';
import { describeNetworkError } from './describe-network-error.js';

export interface HttpProbe extends HttpProbePort {
  /** Closes the connections kept alive between probes. */
  close(): Promise<void>;
}

/**
 * GETs a URL once and reports the status, never following redirects, and how
 * long the whole answer took. A network failure is a result, not an exception.
 * `ca` (PEM) is trusted in addition to the public roots, for private CAs.
 */
export function createHttpProbe(options: { ca?: string } = {}): HttpProbe {
  // One TLS context for every connection. Given `ca` instead, each new connection would parse the ~150
  // public roots into a context of its own, native memory that lingers until a major GC (bench:memory).
  const agent = new Agent(options.ca ? { connect: { secureContext: createSecureContext({ ca: [...rootCertificates, options.ca] }) } } : {});
  return {
    get: (url, { timeoutMs }) => probe(agent, url, timeoutMs),
    close: () => agent.close(),
  };
}

async function probe(agent: Agent, url: string, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      dispatcher: agent,
      redirect: 'manual',
      signal,
      headers: { accept: 'application/json, */*', 'user-agent': 'shipmate-readiness' },
    });
    // Read the body so the latency covers the whole answer and the connection can be reused.
    await response.arrayBuffer();
    return { status: response.status, latencyMs: elapsed() };
  } catch (error) {
    if (signal.aborted) return { latencyMs: elapsed(), error: `timed out after ${timeoutMs} ms` };
    if (error instanceof TypeError && /invalid url|failed to parse url/i.test(error.message)) {
      return { latencyMs: elapsed(), error: `invalid URL ${url}` };
    }
    return { latencyMs: elapsed(), error: describeNetworkError(error) };
  }
}
