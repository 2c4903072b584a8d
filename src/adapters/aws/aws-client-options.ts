import { SHIPMATE_VERSION } from '../../shipmate-version.js';

export interface AwsAdapterOptions {
  region: string;
  /**
   * Where to send the calls, e.g. the sandbox. Left out, the SDK resolves the
   * endpoint itself, honouring AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.
   */
  endpoint?: string;
  /** Left out, the SDK's default provider chain finds them (environment, profile, SSO, IRSA, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Attempts per call, retries included (default 3). */
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;
/** Short enough that an unreachable endpoint is reported within seconds, not minutes. */
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** The configuration every AWS SDK client of shipmate is built with. */
export function awsClientConfig(options: AwsAdapterOptions) {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    customUserAgent: [['shipmate', SHIPMATE_VERSION]] as [string, string][],
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
}

/** How an error message names the endpoint when the SDK chose it. */
export function describeEndpoint(options: AwsAdapterOptions, service: string): string {
  if (options.endpoint) {
    try {
      return new URL(options.endpoint).host;
    } catch {
      return options.endpoint;
    }
  }
  return `the ${service} endpoint of ${options.region}`;
}
