import type { OutboxResult } from '../../ports/store.port.js';
import { OUTBOX_COLUMNS, type DateWriter, type StoredValue } from './row-mapping.js';

/**
 * The outbox's and seen signatures' statements, the same in both dialects:
 * written once with `?` placeholders (SQLite's); PostgreSQL's are numbered by
 * `numbered()`. Every statement that settles an entry touches only a pending
 * one, so a late or repeated settle never undoes a delivery.
 */
export const OUTBOX_SQL = {
  insert: `INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')}) VALUES (${OUTBOX_COLUMNS.map(() => '?').join(', ')})`,
  // The head of each stream (its lowest pending id), if its time has come: a later entry never
  // overtakes an earlier one that is waiting for a retry.
  due: `SELECT * FROM outbox
    WHERE id IN (SELECT min(id) FROM outbox WHERE status = 'pending' GROUP BY stream) AND next_attempt_at <= ?
    ORDER BY id LIMIT ?`,
  pendingOfStream: "SELECT * FROM outbox WHERE status = 'pending' AND stream = ? ORDER BY id",
  delivered: "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, result_ts = ?, settled_at = ? WHERE id = ? AND status = 'pending'",
  retry: "UPDATE outbox SET attempts = attempts + 1, error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'",
  failed: "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = ?, settled_at = ? WHERE id = ? AND status = 'pending'",
  tsOfKey: "SELECT result_ts FROM outbox WHERE key = ? AND status = 'delivered'",
  countPending: "SELECT count(*) AS pending FROM outbox WHERE status = 'pending'",
  prune: "DELETE FROM outbox WHERE status <> 'pending' AND settled_at < ?",
  // One atomic statement: a new signature is inserted; a known one is taken over only if it has
  // expired (not yet forgotten); a live one is left alone, so exactly one caller sees a change.
  rememberSignature: `INSERT INTO seen_signatures (signature, seen_at, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (signature) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at
    WHERE seen_signatures.expires_at <= excluded.seen_at`,
  forgetSignatures: 'DELETE FROM seen_signatures WHERE expires_at <= ?',
} as const;

/** Expired signatures are deleted at most this often per store (by the callers' clock), not on every request. */
export const FORGET_SIGNATURES_EVERY_MS = 60_000;

/** `?, ?, ?` → `$1, $2, $3` (none of these statements has a `?` anywhere else). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Which statement records an attempt's result, and its values before the entry's id (always the last one). */
export function settlement(result: OutboxResult, date: DateWriter): { statement: 'delivered' | 'retry' | 'failed'; values: StoredValue[] } {
  switch (result.status) {
    case 'delivered':
      return { statement: 'delivered', values: [result.ts, date(result.at)] };
    case 'retry':
      return { statement: 'retry', values: [result.error, date(result.nextAttemptAt)] };
    case 'failed':
      return { statement: 'failed', values: [result.error, date(result.at)] };
  }
}

/** Says when expired signatures are due to be deleted again: at most every FORGET_SIGNATURES_EVERY_MS, whichever way the clock moved. */
export class ForgetCadence {
  private last = Number.NEGATIVE_INFINITY;

  due(at: Date): boolean {
    if (Math.abs(at.getTime() - this.last) < FORGET_SIGNATURES_EVERY_MS) return false;
    this.last = at.getTime();
    return true;
  }
}
