import type { IncomingMessage } from 'node:http';

/** A page request's body is a small JSON object; anything larger is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A request the server refuses, with the status and the one line it answers (as JSON). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's JSON object body: 415 unless it says application/json, 413 past MAX_BODY_BYTES, 400 unless an object. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem(415, 'send the body as application/json');
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpProblem(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped: leaving the loop early would reset the connection before the 413 is sent.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new HttpProblem(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpProblem(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A string field of the body, required unless `optional`. */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (typeof value !== 'string') throw new HttpProblem(400, `"${name}" must be a string`);
  return value;
}

export function optionalStringField(body: Record<string, unknown>, name: string): string | undefined {
  return Object.hasOwn(body, name) && body[name] !== undefined ? stringField(body, name) : undefined;
}
