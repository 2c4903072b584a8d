import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';
import type { HttpClientPort, HttpRequest, HttpResponse } from '../../ports/http-client.port.js';
import { describeNetworkError } from './describe-network-error.js';

/** Bodies past this are cut: a smoke test reads a few fields, not a download. */
const BODY_MAX_BYTES = 1024 * 1024;

export interface HttpClient extends HttpClientPort {
  /** Closes the connections kept alive between requests. */
  close(): Promise<void>;
}

/**
 * Sends one request and returns status, headers, body and how long the whole
 * answer took, never following redirects. A network failure is a result, not
 * an exception. `ca` (PEM) is trusted in addition to the public roots.
 */
export function createHttpClient(options: { ca?: string } = {}): HttpClient {
  // One TLS context for every connection. Given `ca` instead, each new connection would parse the ~150
  // public roots into a context of its own, native memory that lingers until a major GC (bench:memory).
  const agent = new Agent(options.ca ? { connect: { secureContext: createSecureContext({ ca: [...rootCertificates, options.ca] }) } } : {});
  return {
    request: (input) => send(agent, input),
    close: () => agent.close(),
  };
}

async function send(agent: Agent, input: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(input.timeoutMs);
  const failed = (error: string): HttpResponse => ({ headers: {}, body: '', latencyMs: elapsed(), error });
  try {
    const response = await fetch(input.url, {
      dispatcher: agent,
      method: input.method,
      redirect: 'manual',
      signal,
      headers: input.headers,
      ...(input.body !== undefined ? { body: input.body } : {}),
    });
    const body = await readBody(response);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body, latencyMs: elapsed() };
  } catch (error) {
    if (signal.aborted) return failed(`timed out after ${input.timeoutMs} ms`);
    if (error instanceof TypeError && /invalid url|failed to parse url/i.test(error.message)) return failed('invalid URL');
    return failed(describeNetworkError(error));
  }
}

async function readBody(response: Awaited<ReturnType<typeof fetch>>): Promise<string> {
  if (!response.body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= BODY_MAX_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, BODY_MAX_BYTES).toString('utf8');
}
