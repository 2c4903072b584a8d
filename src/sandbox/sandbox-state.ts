import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Faults } from './faults.js';
import { SlackWorkspace } from './slack/slack-workspace.js';
import type { World } from './world.js';

export interface RecordedCall {
  /** codebuild, ecr, quotas, kubernetes, http */
  system: string;
  /** AWS operation name (BatchGetProjects) or Kubernetes verb and path (GET /apis/apps/v1/...). */
  operation: string;
  at: number;
}

/** What a call answered by the sandbox needed its caller to be allowed to do. */
export type Permission =
  /** An IAM action, e.g. `ecr:DescribeImages`, and for the services that name it the resource it was used on. */
  | { system: 'aws'; action: string; resource?: string }
  /**
   * A Kubernetes RBAC verb on a resource (`group` is '' for the core group).
   * `byName`: the request named its object — in the path, or for list and
   * watch with a `metadata.name` field selector — which RBAC needs in order
   * to allow it through a rule restricted by resourceNames.
   */
  | { system: 'kubernetes'; group: string; resource: string; verb: string; byName: boolean };

/** One line of the permission ledger: a permission shipmate used, or a test file that ran (so a reader can tell a whole suite from a part). */
export type LedgerEntry = { kind: 'permission'; permission: Permission } | { kind: 'test-file'; path: string };

/** Set to a folder, it makes every sandbox of the process write its permission ledger there. */
export const CALL_LEDGER_DIR_VARIABLE = 'SHIPMATE_CALL_LEDGER_DIR';

/** The sandbox's mutable state: the world it serves and a log of every call it answered. */
export class SandboxState {
  readonly calls: RecordedCall[] = [];
  /** The permissions shipmate's own calls needed, one per call (see isShipmateClient). */
  readonly permissions: Permission[] = [];
  /** The Slack side: what the bot posted, and the means to send it slash commands. */
  readonly slack: SlackWorkspace;
  /** Failures and hangs injected on demand (Slack 503s, a StartBuild applied but never answered, …). */
  readonly faults = new Faults();

  constructor(public world: World) {
    this.slack = new SlackWorkspace(world.slack);
  }

  record(system: string, operation: string): void {
    this.calls.push({ system, operation, at: Date.now() });
  }

  /** Notes the permission a call needed, if shipmate made it; and appends it to the ledger when one is being kept. */
  recordPermission(permission: Permission, userAgent: string | undefined): void {
    if (!isShipmateClient(userAgent)) return;
    this.permissions.push(permission);
    appendLedgerEntry({ kind: 'permission', permission });
  }

  callsTo(system: string): RecordedCall[] {
    return this.calls.filter((c) => c.system === system);
  }

  isDenied(action: string): boolean {
    return this.world.faults?.deny?.includes(action) ?? false;
  }

  isThrottled(action: string): boolean {
    return this.world.faults?.throttle?.includes(action) ?? false;
  }
}

/**
 * Whether shipmate's adapters made the request: they name themselves
 * `shipmate/<version>` in the User-Agent (the AWS SDK appends it to its own,
 * the Kubernetes adapter sends it alone). Tests that poke the sandbox as an
 * operator would, or drive an SDK directly to check the sandbox's fidelity,
 * are not shipmate and stay out of the ledger.
 */
export function isShipmateClient(userAgent: string | undefined): boolean {
  return userAgent !== undefined && /(?:^|\s)shipmate\/\S/.test(userAgent);
}

/** Lines this process already wrote, per folder: the ledger is a set, so each line is written once. */
const ledgerLines = new Set<string>();

/**
 * Appends the entry as one JSON line to `<folder>/<pid>.jsonl` when
 * SHIPMATE_CALL_LEDGER_DIR names a folder; does nothing otherwise. One file
 * per process, so parallel test workers never interleave; appendFileSync,
 * because workers can end without running exit hooks.
 */
export function appendLedgerEntry(entry: LedgerEntry, env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[CALL_LEDGER_DIR_VARIABLE];
  if (!dir) return;
  const line = JSON.stringify(entry);
  const key = `${dir}\0${line}`;
  if (ledgerLines.has(key)) return;
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${line}\n`);
  ledgerLines.add(key);
}
