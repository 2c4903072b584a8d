import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * An error answered in the AWS JSON protocol's shape: `__type` names the
 * exception, as the SDKs read it, and the status is the one the service model
 * gives the exception (400 unless the model says otherwise).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function sendAwsResult(res: ServerResponse, body: unknown): void {
  send(res, 200, body, {});
}

/** Some services (Service Quotas) model the message member as `Message`, the others as `message`. */
export function sendAwsError(res: ServerResponse, error: AwsError, messageKey: 'message' | 'Message' = 'message'): void {
  send(res, error.status, { __type: error.code, [messageKey]: error.message }, { 'x-amzn-ErrorType': error.code });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': AWS_JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}
