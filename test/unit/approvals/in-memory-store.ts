import type { ApprovalRequest, AuditEntry, RequestStatus, Run, StorePort } from '../../../src/ports/store.port.js';
import { InMemoryOutboxAndSignatures } from '../../support/in-memory-outbox.js';

/** Lets other calls run in between, as a real database round trip does. */
const roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The request half of StorePort in memory. Every call takes a round trip, so
 * concurrent callers interleave, and updateRequest is conditional on the
 * version exactly as the port says, and so is decide (whose runs and audit
 * entries are kept in `runs` and `audit`). The outbox and signatures work as
 * in the SQL stores. The rest of the port is not used by approvals and throws.
 */
export class InMemoryRequestStore extends InMemoryOutboxAndSignatures implements StorePort {
  private readonly requests = new Map<string, ApprovalRequest>();
  readonly runs = new Map<string, Run>();
  readonly audit: AuditEntry[] = [];
  updates = 0;
  conflicts = 0;

  async migrate(): Promise<void> {}

  async createRequest(request: ApprovalRequest): Promise<void> {
    await roundTrip();
    if (this.requests.has(request.id)) throw new Error(`duplicate request ${request.id}`);
    this.requests.set(request.id, structuredClone(request));
  }

  async getRequest(id: string): Promise<ApprovalRequest | undefined> {
    await roundTrip();
    const request = this.requests.get(id);
    return request && structuredClone(request);
  }

  async updateRequest(next: ApprovalRequest): Promise<boolean> {
    await roundTrip();
    return this.replaceIfCurrent(next);
  }

  /** updateRequest, then the runs not yet there and the audit entries, all in one step. */
  async decide(next: ApprovalRequest, runs: readonly Run[], audit: readonly AuditEntry[]): Promise<boolean> {
    await roundTrip();
    if (!this.replaceIfCurrent(next)) return false;
    for (const run of runs) if (!this.runs.has(run.id)) this.runs.set(run.id, structuredClone(run));
    this.audit.push(...structuredClone(audit));
    return true;
  }

  async listRequests(filter: { status?: RequestStatus }): Promise<ApprovalRequest[]> {
    return [...this.requests.values()].filter((r) => !filter.status || r.status === filter.status).map((r) => structuredClone(r));
  }

  createRun = unused;
  updateRun = unused;
  getRun = unused;
  listActiveRuns = unused;
  runsOfRequest = unused;
  appendAudit = unused;
  recentAudit = unused;
  auditSince = unused;
  claimDigest = unused;
  recordDigest = unused;
  lastDigest = unused;
  acquireLock = unused;
  getLock = unused;
  releaseLock = unused;
  tryLease = unused;
  releaseLease = unused;
  ping = unused;
  async close(): Promise<void> {}

  private replaceIfCurrent(next: ApprovalRequest): boolean {
    const current = this.requests.get(next.id);
    if (!current || current.version !== next.version - 1) {
      this.conflicts++;
      return false;
    }
    this.requests.set(next.id, structuredClone(next));
    this.updates++;
    return true;
  }
}

async function unused(): Promise<never> {
  throw new Error('not used by approvals');
}
