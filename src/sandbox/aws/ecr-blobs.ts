import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../sandbox-state.js';
import { repositoryContent } from './ecr-manifests.js';

const BLOB_PATH = '/ecr-blobs/';

/** Where GetDownloadUrlForLayer sends the caller: this sandbox, standing in for ECR's pre-signed S3 URLs. */
export function blobDownloadUrl(baseUrl: string, repository: string, digest: string): string {
  return `${baseUrl}${BLOB_PATH}${repository}/${digest}`;
}

export function isEcrBlobRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://sandbox').pathname.startsWith(BLOB_PATH);
}

/**
 * Serves the layer and config blobs of the world's repositories at
 * /ecr-blobs/<repository>/<digest>. Like a pre-signed URL, it needs no
 * signature. Returns false for any other path.
 */
export function serveEcrBlob(req: IncomingMessage, res: ServerResponse, state: SandboxState): boolean {
  const rawPath = new URL(req.url ?? '/', 'http://sandbox').pathname;
  if (!rawPath.startsWith(BLOB_PATH)) return false;
  const path = safelyDecoded(rawPath);
  state.record('ecr', `${req.method} ${path}`);
  const rest = path.slice(BLOB_PATH.length);
  const slash = rest.lastIndexOf('/');
  const repositoryName = rest.slice(0, Math.max(0, slash));
  const digest = rest.slice(slash + 1);
  const repository = state.world.ecr.repositories.find((r) => r.name === repositoryName);
  const blob = repository ? repositoryContent(repository).blobs.get(digest) : undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    answer(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  } else if (!blob) {
    answer(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  } else {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': blob.length });
    res.end(req.method === 'HEAD' ? undefined : blob);
  }
  return true;
}

/** S3's XML error shape, which is what a pre-signed URL answers with. */
function answer(res: ServerResponse, status: number, code: string, message: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function safelyDecoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
