import { createHash } from 'node:crypto';
import { PortError } from '../../ports/port-error.js';
import { toPortError } from './aws-error.js';

const DOWNLOAD_TIMEOUT_MS = 10_000;

/**
 * Fetches a blob from the URL GetDownloadUrlForLayer handed out (a pre-signed
 * S3 URL: no credentials needed) and checks it is the blob asked for.
 */
export async function downloadBlob(url: string, digest: string): Promise<Buffer> {
  const call = { system: 'ECR', operation: 'layer download', endpoint: hostOf(url) };
  let bytes: Buffer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new PortError('remote', `ECR layer download: HTTP ${response.status} for ${digest}`);
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw toPortError(error, call);
  }
  const [algorithm, expected] = digest.split(':');
  if (algorithm === 'sha256' && createHash('sha256').update(bytes).digest('hex') !== expected) {
    throw new PortError('remote', `ECR layer download: the blob received does not match its digest ${digest}`);
  }
  return bytes;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the layer download URL';
  }
}
