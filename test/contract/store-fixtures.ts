import type { AuditEntry, ApprovalRequest, Lock, Run, StorePort } from '../../src/ports/store.port.js';

/** One fresh, empty database. open() may be called again: a second replica, or the same one after a restart. */
export interface TestDatabase {
  open(): StorePort;
}

/** A migrated store on the test's database, closed after the test; each call is another connection (a replica). */
export type OpenStore = () => Promise<StorePort>;

export const at = (iso: string) => new Date(iso);

export function aRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'b7k2q9',
    action: 'build',
    environment: 'staging',
    requestedBy: 'U0REQUESTER',
    requestedAt: at('2025-03-04T05:06:07.089Z'),
    expiresAt: at('2025-03-04T05:36:07.089Z'),
    status: 'pending',
    requiredApprovals: 1,
    approvals: [],
    payload: { version: '1.1.0', services: ['backend', 'frontend'] },
    channelId: 'C0RELEASES',
    version: 1,
    ...overrides,
  };
}

export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'b7k2q9-backend',
    requestId: 'b7k2q9',
    kind: 'build',
    environment: 'staging',
    service: 'backend',
    status: 'starting',
    startedAt: at('2025-03-04T05:07:00.001Z'),
    channelId: 'C0RELEASES',
    detail: { sourceVersion: 'refs/tags/v1.1.0' },
    version: 1,
    ...overrides,
  };
}

export function aLock(overrides: Partial<Lock> = {}): Lock {
  return {
    service: 'backend',
    environment: 'production',
    holder: 'U0ALICE',
    reason: 'incident 42',
    at: at('2025-03-04T06:00:00.500Z'),
    ...overrides,
  };
}

export function anAuditEntry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2025, 2, 4, 7, 0, n, n)),
    actor: 'U0ALICE',
    action: 'build.requested',
    environment: 'staging',
    subject: `req${n}`,
    detail: `entry ${n}`,
    ...overrides,
  };
}
