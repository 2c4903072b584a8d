import type { ApprovalRequest, Approval, AuditEntry, DigestRecord, Lock, NewOutboxEntry, OutboxEntry, Run, StoredAuditEntry } from '../../ports/store.port.js';

/**
 * Between the port's objects and table rows, for both dialects. Writing, a
 * dialect says how it stores a Date (SQLite: epoch milliseconds, PostgreSQL:
 * an ISO string for timestamptz); JSON is always written as text. Reading
 * accepts what either driver returns (numbers or Dates, text or parsed JSON,
 * int8 as a string).
 */
export type StoredValue = string | number | null;
export type DateWriter = (date: Date) => string | number;
type Row = Record<string, unknown>;

export const REQUEST_COLUMNS = [
  'id',
  'action',
  'environment',
  'requested_by',
  'requested_at',
  'expires_at',
  'status',
  'required_approvals',
  'approvals',
  'decided_by',
  'decided_at',
  'reason',
  'payload',
  'channel_id',
  'message_ts',
  'version',
] as const;

export const RUN_COLUMNS = [
  'id',
  'request_id',
  'kind',
  'environment',
  'service',
  'status',
  'external_id',
  'phase',
  'started_at',
  'finished_at',
  'channel_id',
  'message_ts',
  'detail',
  'version',
] as const;

export const AUDIT_COLUMNS = ['occurred_at', 'actor', 'action', 'environment', 'subject', 'detail'] as const;
export const LOCK_COLUMNS = ['service', 'environment', 'holder', 'reason', 'locked_at', 'held_until'] as const;

export function requestValues(r: ApprovalRequest, date: DateWriter): StoredValue[] {
  const row: Record<(typeof REQUEST_COLUMNS)[number], StoredValue> = {
    id: r.id,
    action: r.action,
    environment: r.environment,
    requested_by: r.requestedBy,
    requested_at: date(r.requestedAt),
    expires_at: date(r.expiresAt),
    status: r.status,
    required_approvals: r.requiredApprovals,
    approvals: JSON.stringify(r.approvals.map((a) => ({ userId: a.userId, at: a.at.toISOString() }))),
    decided_by: r.decidedBy ?? null,
    decided_at: r.decidedAt ? date(r.decidedAt) : null,
    reason: r.reason ?? null,
    payload: JSON.stringify(r.payload),
    channel_id: r.channelId,
    message_ts: r.messageTs ?? null,
    version: r.version,
  };
  return REQUEST_COLUMNS.map((column) => row[column]);
}

export function requestFromRow(row: Row): ApprovalRequest {
  return {
    id: text(row.id),
    action: text(row.action) as ApprovalRequest['action'],
    environment: text(row.environment),
    requestedBy: text(row.requested_by),
    requestedAt: readDate(row.requested_at),
    expiresAt: readDate(row.expires_at),
    status: text(row.status) as ApprovalRequest['status'],
    requiredApprovals: Number(row.required_approvals),
    approvals: readJson<{ userId: string; at: string }[]>(row.approvals).map((a): Approval => ({ userId: a.userId, at: new Date(a.at) })),
    ...optional('decidedBy', row.decided_by, text),
    ...optional('decidedAt', row.decided_at, readDate),
    ...optional('reason', row.reason, text),
    payload: readJson<Record<string, unknown>>(row.payload),
    channelId: text(row.channel_id),
    ...optional('messageTs', row.message_ts, text),
    version: Number(row.version),
  };
}

export function runValues(r: Run, date: DateWriter): StoredValue[] {
  const row: Record<(typeof RUN_COLUMNS)[number], StoredValue> = {
    id: r.id,
    request_id: r.requestId,
    kind: r.kind,
    environment: r.environment,
    service: r.service,
    status: r.status,
    external_id: r.externalId ?? null,
    phase: r.phase ?? null,
    started_at: date(r.startedAt),
    finished_at: r.finishedAt ? date(r.finishedAt) : null,
    channel_id: r.channelId,
    message_ts: r.messageTs ?? null,
    detail: JSON.stringify(r.detail),
    version: r.version,
  };
  return RUN_COLUMNS.map((column) => row[column]);
}

export function runFromRow(row: Row): Run {
  return {
    id: text(row.id),
    requestId: text(row.request_id),
    kind: text(row.kind) as Run['kind'],
    environment: text(row.environment),
    service: text(row.service),
    status: text(row.status) as Run['status'],
    ...optional('externalId', row.external_id, text),
    ...optional('phase', row.phase, text),
    startedAt: readDate(row.started_at),
    ...optional('finishedAt', row.finished_at, readDate),
    channelId: text(row.channel_id),
    ...optional('messageTs', row.message_ts, text),
    detail: readJson<Record<string, unknown>>(row.detail),
    version: Number(row.version),
  };
}

export function auditValues(e: AuditEntry, date: DateWriter): StoredValue[] {
  return [date(e.at), e.actor, e.action, e.environment ?? null, e.subject ?? null, e.detail];
}

export function auditFromRow(row: Row): StoredAuditEntry {
  return {
    id: Number(row.id),
    at: readDate(row.occurred_at),
    actor: text(row.actor),
    action: text(row.action),
    ...optional('environment', row.environment, text),
    ...optional('subject', row.subject, text),
    detail: text(row.detail),
  };
}

export function lockValues(l: Lock, date: DateWriter): StoredValue[] {
  return [l.service, l.environment, l.holder, l.reason, date(l.at), l.until ? date(l.until) : null];
}

export function lockFromRow(row: Row): Lock {
  return {
    service: text(row.service),
    environment: text(row.environment),
    holder: text(row.holder),
    reason: text(row.reason),
    at: readDate(row.locked_at),
    ...optional('until', row.held_until, readDate),
  };
}

export const DIGEST_COLUMNS = ['environment', 'slot', 'posted_at', 'late', 'score', 'failing', 'channel_id'] as const;

/** `late` is written as 1 or 0: an SQLite INTEGER, and a valid boolean literal for PostgreSQL. */
export function digestValues(d: DigestRecord, date: DateWriter): StoredValue[] {
  return [d.environment, d.slot ? date(d.slot) : null, date(d.postedAt), d.late ? 1 : 0, d.score, JSON.stringify(d.failing), d.channelId];
}

export function digestFromRow(row: Row): DigestRecord {
  return {
    environment: text(row.environment),
    ...optional('slot', row.slot, readDate),
    postedAt: readDate(row.posted_at),
    late: row.late === true || Number(row.late) === 1,
    score: Number(row.score),
    failing: readJson<unknown[]>(row.failing).map(text),
    channelId: text(row.channel_id),
  };
}

export const OUTBOX_COLUMNS = [
  'stream',
  'method',
  'channel_id',
  'thread_ts',
  'thread_key',
  'broadcast',
  'ts',
  'ts_key',
  'key',
  'text',
  'blocks',
  'created_at',
  'status',
  'attempts',
  'next_attempt_at',
] as const;

/** A new entry: pending, never tried, due at once (its next attempt is its creation). */
export function outboxValues(e: NewOutboxEntry, date: DateWriter): StoredValue[] {
  const row: Record<(typeof OUTBOX_COLUMNS)[number], StoredValue> = {
    stream: e.stream,
    method: e.method,
    channel_id: e.channelId,
    thread_ts: e.threadTs ?? null,
    thread_key: e.threadKey ?? null,
    broadcast: e.broadcast ? 1 : 0,
    ts: e.ts ?? null,
    ts_key: e.tsKey ?? null,
    key: e.key ?? null,
    text: e.text,
    blocks: e.blocks ? JSON.stringify(e.blocks) : null,
    created_at: date(e.createdAt),
    status: 'pending',
    attempts: 0,
    next_attempt_at: date(e.createdAt),
  };
  return OUTBOX_COLUMNS.map((column) => row[column]);
}

/** `broadcast` is there only when true, like the other optional fields only when set. */
export function outboxFromRow(row: Row): OutboxEntry {
  return {
    id: Number(row.id),
    stream: text(row.stream),
    method: text(row.method) as OutboxEntry['method'],
    channelId: text(row.channel_id),
    ...optional('threadTs', row.thread_ts, text),
    ...optional('threadKey', row.thread_key, text),
    ...(row.broadcast === true || Number(row.broadcast) === 1 ? { broadcast: true } : {}),
    ...optional('ts', row.ts, text),
    ...optional('tsKey', row.ts_key, text),
    ...optional('key', row.key, text),
    text: text(row.text),
    ...optional('blocks', row.blocks, (value) => readJson<unknown[]>(value)),
    createdAt: readDate(row.created_at),
    status: text(row.status) as OutboxEntry['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: readDate(row.next_attempt_at),
    ...optional('resultTs', row.result_ts, text),
    ...optional('error', row.error, text),
  };
}

function readDate(value: unknown): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(typeof value === 'string' ? value : Number(value));
  if (Number.isNaN(date.getTime())) throw new Error(`stored time is not a time: ${String(value)}`);
  return date;
}

function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function text(value: unknown): string {
  return String(value);
}

/** `{ key: read(value) }`, or nothing at all when the column is NULL, so absent fields stay absent. */
function optional<K extends string, T>(key: K, value: unknown, read: (value: unknown) => T): { [P in K]?: T } {
  return value === null || value === undefined ? {} : ({ [key]: read(value) } as { [P in K]?: T });
}
