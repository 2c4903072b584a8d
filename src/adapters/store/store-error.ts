import { redact } from '../../config/redact.js';
import { PortError, StorePortError, type PortErrorCode } from '../../ports/port-error.js';

/**
 * Turns what better-sqlite3 or pg throws into a PortError whose one-line
 * message names the store and the operation, with the connection URL's
 * password (and any token shape) taken out.
 */
export function toStorePortError(error: unknown, system: string, operation: string, secrets: readonly string[] = []): PortError {
  if (error instanceof PortError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const code = codeOf(error, reason);
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  return new StorePortError(code, redact(`${system}: ${operation} failed: ${oneLine}`, secrets));
}

const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

function codeOf(error: unknown, reason: string): PortErrorCode {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  // SQLite result codes (better-sqlite3 puts the extended name in `code`)
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'invalid';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'throttled';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return 'unreachable';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) return 'forbidden';
  // PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html)
  if (code.startsWith('23')) return 'invalid'; // integrity constraint violation
  if (code === '28P01' || code === '28000') return 'unauthorized';
  if (code === '42501') return 'forbidden';
  if (code === '53300' || code === '40001' || code === '40P01' || code === '55P03') return 'throttled';
  if (code === '57014') return 'throttled'; // statement_timeout (or an operator's cancel): the database is too busy
  if (code.startsWith('08') || code.startsWith('57P') || code === '3D000') return 'unreachable';
  // Node's network errors, and pg's own when a connection cannot be made or dies
  if (UNREACHABLE_ERRNOS.has(code)) return 'unreachable';
  if (/connection terminated|timeout exceeded when trying to connect|connection is not open|pool .*ended|store is closed|no answer from the server/i.test(reason)) return 'unreachable';
  return 'remote';
}
