import { PortError, type PortErrorCode } from '../../ports/port-error.js';

export interface AwsCallDescription {
  /** As users know it: CodeBuild, ECR, Service Quotas. */
  system: string;
  operation: string;
  /** Where the call went, for when the error itself does not say (host:port, or a description). */
  endpoint: string;
}

const FORBIDDEN = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError']);
const UNAUTHORIZED = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'AuthFailure',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ThrottledException',
  'SlowDown',
]);
const INVALID = new Set([
  'ValidationException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'InvalidInputException',
  'IllegalArgumentException',
  'InvalidPaginationTokenException',
  'InvalidRequestException',
  'SerializationException',
  // The request named something that does not exist (StartBuild of an unknown project).
  'ResourceNotFoundException',
]);
/** A quota or concurrency limit refused the call: CodeBuild's "Cannot have more than N builds in queue for the account". */
const LIMIT_EXCEEDED = new Set(['AccountLimitExceededException', 'LimitExceededException', 'ServiceQuotaExceededException']);

/** Socket-level failures: no answer came from AWS at all. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/;

interface ErrorFields {
  name?: string;
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
  cause?: unknown;
  errors?: unknown[];
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/**
 * Turns whatever an AWS SDK call threw into a PortError whose message is one
 * line — "<System> <Operation>: <reason>" — with AWS's own explanation where
 * it gives one (an access denial names the IAM action), and never a stack
 * trace or a credential.
 */
export function toPortError(error: unknown, call: AwsCallDescription): PortError {
  if (error instanceof PortError) return error;
  const prefix = `${call.system} ${call.operation}`;
  const network = networkFailure(error);
  if (network) return new PortError('unreachable', `${prefix}: cannot reach ${network.where ?? call.endpoint} (${network.reason})`);

  const fields = asFields(error);
  const name = fields.name ?? 'Error';
  const status = fields.$metadata?.httpStatusCode;
  const awsMessage = fields.message && fields.message !== 'UnknownError' ? fields.message : status ? `HTTP ${status}` : '';
  const detail = awsMessage ? `${name}: ${awsMessage}` : name;
  const [code, reason] = classify(name, status, awsMessage, detail, fields.$metadata?.attempts);
  return new PortError(code, `${prefix}: ${oneLine(reason)}`);
}

function classify(
  name: string,
  status: number | undefined,
  awsMessage: string,
  detail: string,
  attempts: number | undefined,
): [PortErrorCode, string] {
  if (name === 'CredentialsProviderError') return ['unauthorized', `no AWS credentials found (${awsMessage})`];
  if (UNAUTHORIZED.has(name) || status === 401) return ['unauthorized', `credentials rejected (${detail})`];
  if (FORBIDDEN.has(name) || status === 403) return ['forbidden', `access denied: ${awsMessage || name}`];
  if (THROTTLED.has(name) || status === 429) {
    const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
    return ['throttled', `throttled by AWS${tries} (${detail})`];
  }
  if (LIMIT_EXCEEDED.has(name)) return ['limit_exceeded', detail];
  if (INVALID.has(name)) return ['invalid', `request rejected (${detail})`];
  if (name === 'AbortError') return ['remote', 'call aborted'];
  return ['remote', detail];
}

function networkFailure(error: unknown): { reason: string; where?: string } | undefined {
  for (const fields of causeChain(error)) {
    const code = fields.code ?? '';
    const reason = NETWORK_REASONS[code] ?? (TLS_CODE.test(code) ? `TLS failure: ${code}` : undefined);
    const timedOut = fields.name === 'TimeoutError';
    if (!reason && !timedOut) continue;
    const where = fields.address ? `${fields.address}${fields.port ? `:${fields.port}` : ''}` : fields.hostname;
    return { reason: reason ?? 'timed out', ...(where ? { where } : {}) };
  }
  return undefined;
}

/** The error, its causes and, for an AggregateError (several addresses tried), its first inner error. */
function causeChain(error: unknown): ErrorFields[] {
  const chain: ErrorFields[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 6) {
    const fields = asFields(current);
    chain.push(fields);
    current = fields.cause ?? fields.errors?.[0];
  }
  return chain;
}

function asFields(error: unknown): ErrorFields {
  if (typeof error === 'object' && error !== null) return error as ErrorFields;
  return { message: String(error) };
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b/g;
const SIGNING_PARAMETER = /\b(Signature|X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Credential)=[^&\s,]+/gi;

/** One line of at most 400 characters, with anything shaped like a key or a signature blanked out. */
function oneLine(text: string): string {
  let line = text.replace(/\s+/g, ' ').trim();
  line = line.replace(ACCESS_KEY_ID, '[redacted]').replace(SIGNING_PARAMETER, '$1=[redacted]');
  return line.length > 400 ? `${line.slice(0, 399)}…` : line;
}
