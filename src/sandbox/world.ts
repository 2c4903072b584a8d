/**
 * The state of the sandbox's fake AWS account, cluster and web endpoints.
 * Scenarios are data files of this shape (scenarios/*.yml); the sandbox serves
 * them over the real wire protocols.
 */

import type { WorldEcs, WorldSecretsManager } from './aws/ecs-world.js';
import type { WorldMetrics } from './metrics/metrics-world.js';

export type ScanSeverityName = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED';

export interface WorldProject {
  name: string;
  environment: { type: string; computeType: string; privilegedMode: boolean; image: string };
  source: { type: string; location?: string; buildspec?: string };
  concurrentBuildLimit?: number;
}

export interface WorldBuild {
  id: string;
  projectName: string;
  buildStatus: 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'IN_PROGRESS' | 'STOPPED';
  currentPhase?: string;
  sourceVersion?: string;
  /** ISO 8601 */
  startTime: string;
  endTime?: string;
  /** Defaults to the project's environment. */
  environmentType?: string;
  computeType?: string;
}

export interface WorldImage {
  tags: string[];
  sizeBytes: number;
  pushedAt?: string;
  /** `index`: a manifest list / OCI index with one entry per platform; `manifest`: a single image. */
  kind: 'index' | 'manifest';
  /** os/arch[/variant]; exactly one for `manifest`. */
  platforms: string[];
  /** BuildKit attestation entries (unknown/unknown) in the index. */
  attestations?: boolean;
  scan?: { status: string; findings: Partial<Record<ScanSeverityName, number>> };
}

export interface WorldRepository {
  name: string;
  scanOnPush: boolean;
  images: WorldImage[];
}

export type PodFailure = 'crash-loop' | 'image-pull' | 'config-error' | 'oom-killed' | 'never-ready';

/** How the sandbox's rollout controller moves Deployments, ReplicaSets and Pods. */
export interface WorldRolloutBehaviour {
  /** Seconds a new pod takes to become ready (default 0.3). */
  podReadySeconds?: number;
  /** Per image tag (e.g. "1.3.0") or full image reference: how its pods fail. */
  failures?: Record<string, PodFailure>;
  /**
   * What a crashing or OOM-killed container writes to its termination message
   * (lastState.terminated.message), also repeated in a Warning event: free text
   * from inside the cluster.
   */
  terminationMessage?: string;
  /** Real seconds per second of progressDeadlineSeconds (default 1/60: 600 s pass in 10 s). */
  deadlineScale?: number;
}

/**
 * How a container of an image runs when it is meant to finish (a Job's pod):
 * keyed in `kubernetes.images` by full image reference, the reference without
 * its digest, the digest (sha256:…) or the tag, as `failures` are.
 */
export interface WorldImageRun {
  /** Milliseconds from the container's start to its exit (default 200). */
  runMs?: number;
  /** The exit code (default 0: the pod succeeds). */
  exitCode?: number;
  /** lastState/state.terminated.reason (default Completed for exit code 0, Error otherwise). */
  reason?: string;
  /** What the container writes to stdout, one entry a line: what pods/log answers. */
  log?: string[];
}

export interface WorldNamespace {
  /** Raw apps/v1 Deployment objects, as `kubectl get -o yaml` shows them. */
  deployments: Record<string, unknown>[];
  /** Names of the Secrets that exist. */
  secrets: string[];
  /** Raw networking.k8s.io/v1 NetworkPolicy objects. */
  networkPolicies: Record<string, unknown>[];
  /** Raw argoproj.io/v1alpha1 Rollout objects (canary strategy), run by the sandbox's Argo Rollouts controller. */
  rollouts?: Record<string, unknown>[];
}

/** What an AnalysisRun's metric measures, keyed in `kubernetes.analysis` by AnalysisTemplate name (or metric name). */
export interface WorldAnalysis {
  /** One value per measurement, in order; the metric's count is their number. */
  values: number[];
  /** A value above it is a Failed measurement (default 1). */
  maxValue?: number;
  /** Failed measurements tolerated before the metric fails (default 0). */
  failureLimit?: number;
  /** The metric's name when it is not the template's. */
  metric?: string;
  /** Seconds between measurements (default 0.2). */
  intervalSeconds?: number;
  /** The PromQL shown in the AnalysisRun's spec. */
  query?: string;
}

export interface WorldEndpoint {
  /** Path on the sandbox's web server, e.g. /health/staging/backend */
  path: string;
  /** Default GET; another method on the same path is a different endpoint. */
  method?: string;
  /** The request must carry this header with this value, else 401. */
  requireHeader?: { name: string; value: string };
  status: number;
  delayMs?: number;
  body?: unknown;
}

/** How a build started in the sandbox moves through CodeBuild's phases. */
export interface WorldBuildBehaviour {
  /** Seconds each phase takes (default 0.2 s each, so tests stay fast). */
  phaseSeconds?: number;
  /** Per project: the phase in which its builds fail, e.g. BUILD. */
  failInPhase?: Record<string, string>;
  /** Per project: the image tag pushed to ECR when a build succeeds (default: the VERSION override), with its platforms. */
  pushPlatforms?: Record<string, string[]>;
}

export interface WorldFaults {
  /** Calls answered with an access-denied error: "codebuild:BatchGetProjects", "ecr:DescribeImages", "k8s:get:secrets", "k8s:list:networkpolicies", ... */
  deny?: string[];
  /** Ends every access-denied message instead of the usual "because no identity-based policy allows …": free text from AWS. */
  denyReason?: string;
  /** Calls answered with a throttling error. */
  throttle?: string[];
  /** Added to every AWS and Kubernetes answer, in ms. */
  latencyMs?: number;
}

export interface WorldSlackChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the bot was invited; posting elsewhere answers not_in_channel. */
  botIsMember: boolean;
}

/** A person (or bot) of the workspace, or a Slack Connect member of another team. */
export interface WorldSlackUser {
  id: string;
  name: string;
  /** Another team's id for a Slack Connect member; the workspace's own when left out. */
  teamId?: string;
  /** A multi-channel guest. */
  isRestricted?: boolean;
  /** A single-channel guest. */
  isUltraRestricted?: boolean;
  isBot?: boolean;
}

/** The Slack workspace the bot is installed in. */
export interface WorldSlack {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  channels: WorldSlackChannel[];
  users: WorldSlackUser[];
  /** User groups, for policies that name @handle. */
  usergroups?: { id: string; handle: string; users: string[] }[];
}

export interface World {
  /** Sandbox account id, used in ARNs and ECR URIs. */
  accountId: string;
  region: string;
  codebuild: { projects: WorldProject[]; builds: WorldBuild[]; behaviour?: WorldBuildBehaviour };
  quotas: { codebuild: { code: string; name: string; value: number }[] };
  ecr: { repositories: WorldRepository[] };
  kubernetes: {
    namespaces: Record<string, WorldNamespace>;
    behaviour?: WorldRolloutBehaviour;
    /** How containers of each image run to an end (Jobs) and what they log; images not listed exit 0 after 200 ms, logging nothing. */
    images?: Record<string, WorldImageRun>;
    /** Measurements of canary analysis steps' metrics (analysis-run-controller.ts). */
    analysis?: Record<string, WorldAnalysis>;
  };
  http: { endpoints: WorldEndpoint[] };
  slack: WorldSlack;
  faults?: WorldFaults;
  /** RDS instances and Aurora clusters a release snapshots; none when left out. */
  rds?: WorldRds;
  /** ECS clusters, services and task definitions (src/sandbox/aws/ecs-world.ts); none when left out. */
  ecs?: WorldEcs;
  /** Secrets Manager's secrets, by name; none when left out. */
  secretsManager?: WorldSecretsManager;
  /** Request counters served at /metrics for Prometheus, by service (src/sandbox/metrics/metrics-world.ts); no /metrics when left out. */
  metrics?: WorldMetrics;
}

/** An RDS DB instance, as DescribeDBInstances shows it. */
export interface WorldDbInstance {
  identifier: string;
  engine: string;
  engineVersion: string;
  /** Default `available`; CreateDBSnapshot needs `available` or `storage-optimization`. */
  status?: string;
  allocatedStorageGb?: number;
  port?: number;
}

/** An Aurora DB cluster, as DescribeDBClusters shows it. */
export interface WorldDbCluster {
  identifier: string;
  engine: string;
  engineVersion: string;
  /** Default `available`; CreateDBClusterSnapshot needs `available`. */
  status?: string;
  port?: number;
}

export interface WorldRds {
  instances: WorldDbInstance[];
  clusters: WorldDbCluster[];
  behaviour?: {
    /** Seconds a manual snapshot stays `creating` before it is `available` (default 0.5). */
    snapshotSeconds?: number;
    /** Instances and clusters whose snapshots end `failed` instead of `available`. */
    failSnapshotsOf?: string[];
  };
}
