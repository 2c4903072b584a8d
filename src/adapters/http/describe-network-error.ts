/** Node and undici error codes that mean the TLS handshake or the peer's certificate failed. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

interface ErrorWithCode extends Error {
  code?: string;
  /** OpenSSL's short reason ("wrong version number"), where the message is its long form. */
  reason?: string;
  cause?: unknown;
  errors?: unknown[];
}

/**
 * One line saying why no response arrived. fetch wraps the socket's error as
 * `TypeError: fetch failed` with the real one in `cause` (an AggregateError
 * when several addresses were tried).
 */
export function describeNetworkError(error: unknown): string {
  const root = rootCause(error);
  const code = root.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset by the server';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed out connecting';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host unreachable (${code})`;
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return `TLS: ${root.reason ?? firstLine(root.message)} (${code})`;
  }
  return code ? `${firstLine(root.message)} (${code})` : firstLine(root.message);
}

function rootCause(error: unknown): ErrorWithCode {
  let current = asError(error);
  for (let depth = 0; depth < 5; depth++) {
    const aggregated = current.errors?.[0];
    if (!current.code && aggregated !== undefined) current = asError(aggregated);
    else if (current.cause !== undefined) current = asError(current.cause);
    else break;
  }
  return current;
}

function asError(value: unknown): ErrorWithCode {
  return value instanceof Error ? value : new Error(String(value));
}

function firstLine(text: string): string {
  return (text.split('\n', 1)[0] ?? '').slice(0, 200) || 'unknown network error';
}
