import type { CanaryGates } from '../deploys/canary-gate.js';
import type { DeployGuards } from '../guards/deploy-guards.js';
import type { ShipmateConfig } from '../../config/schema.js';
import type { ReleasePlan } from '../../domain/releases/release-payload.js';
import type { ReleasePorts } from '../../domain/releases/release-ports.js';
import type { RichText } from '../../domain/text/rich-text.js';
import type { Clock } from '../../ports/clock.port.js';
import type { HttpClientPort } from '../../ports/http-client.port.js';
import type { ApprovalRequest, StorePort } from '../../ports/store.port.js';
import type { BuildCardContent } from '../builds/build-request-payload.js';
import type { DeployNotifier } from '../deploys/deploy-notifier.js';

/** What a release request stores: its plan and its card. */
export type ReleaseRequestPayload = ReleasePlan & { card: BuildCardContent };

export const releasePayloadOf = (request: ApprovalRequest): ReleaseRequestPayload => request.payload as unknown as ReleaseRequestPayload;

export interface ReleaseDeps {
  config: ShipmateConfig;
  store: StorePort;
  clock: Clock;
  portsFor(environment: string): ReleasePorts;
  /** The release's thread, the card's status line (the checklist), failures broadcast. */
  notifier: DeployNotifier;
  /** Smoke tests of verify stages. */
  http: HttpClientPort;
  log(message: string, error?: unknown): void;
  /** Aborted when this process hands the release over: the run stays as the store has it for the next follower. */
  signal?: AbortSignal;
  /** Gates checked again when the release starts (policy, freeze, locks): the line that refuses it, if any. */
  gateAtStart?(request: ApprovalRequest): Promise<RichText | undefined>;
  /** An approved release not started within this long after its approval is not started any more. */
  startWithinMs?: number;
  /** The longest one rollout is followed. */
  rolloutTimeoutMs: number;
  /** How often CodeBuild builds and RDS snapshots are looked at (defaults 5 s). */
  buildPollMs?: number;
  snapshotPollMs?: number;
  /** How often the card's checklist may be edited (SPEC §8: at most once per 3 s). */
  checklistEditMs?: number;
  /** Promote / Abort for canaries (Argo Rollouts) in deploy stages; without them a paused canary waits for kubectl. */
  canaries?: CanaryGates;
  /** Metric guards of the services a deploy stage deployed, watched once their rollouts succeeded (guard-stage.ts); none when left out. */
  guards?: DeployGuards;
}
