import type { IncomingMessage } from 'node:http';
import type { World } from '../world.js';
import { AwsError } from './aws-json.js';
import type { AwsService } from './aws-service.js';

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/**
 * The checks AWS makes before it looks at the call: a SigV4 Authorization
 * header scoped to this service and region. The signature itself is not
 * verified — the sandbox has no secrets to verify it with.
 */
export function checkAuthorization(req: IncomingMessage, service: Pick<AwsService, 'signingName'>, world: World): void {
  const header = req.headers.authorization;
  if (!header) throw new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new AwsError('IncompleteSignatureException', `Authorization header requires the AWS4-HMAC-SHA256 algorithm.`);
  }
  const credential = CREDENTIAL.exec(header);
  if (!credential || !header.includes('SignedHeaders=') || !header.includes('Signature=')) {
    throw new AwsError(
      'IncompleteSignatureException',
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
    );
  }
  const [, , , region, signingName] = credential;
  if (signingName !== service.signingName) {
    throw new AwsError('InvalidSignatureException', `Credential should be scoped to correct service: '${service.signingName}'.`);
  }
  if (region !== world.region) {
    throw new AwsError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'.`);
  }
}
