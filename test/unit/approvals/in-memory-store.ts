import type { ApprovalRequest, RequestStatus, StorePort } from '../../../src/ports/store.port.js';

/** Lets other calls run in between, as a real database round trip does. */
const roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The request half of StorePort in memory. Every call takes a round trip, so
 * concurrent callers interleave, and updateRequest is conditional on the
 * version exactly as the port says. The rest of the port is not used by
 * approvals and throws.
 */
export class InMemoryRequestStore implements StorePort {
  private readonly requests = new Map<string, ApprovalRequest>();
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
    const current = this.requests.get(next.id);
    if (!current || current.version !== next.version - 1) {
      this.conflicts++;
      return false;
    }
    this.requests.set(next.id, structuredClone(next));
    this.updates++;
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
}

async function unused(): Promise<never> {
  throw new Error('not used by approvals');
}
