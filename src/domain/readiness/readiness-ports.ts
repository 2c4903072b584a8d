import type { ArgoRolloutsPort } from '../../ports/argo-rollouts.port.js';
import type { ClusterPort } from '../../ports/cluster.port.js';
import type { CodeBuildPort } from '../../ports/codebuild.port.js';
import type { EcrPort } from '../../ports/ecr.port.js';
import type { EcsPort, SecretsPort } from '../../ports/ecs.port.js';
import type { HttpProbePort } from '../../ports/http-probe.port.js';
import type { QuotasPort } from '../../ports/quotas.port.js';
import type { CheckResult } from './report.js';

/** Everything the read-only checks talk to, for one environment. */
export interface ReadinessPorts {
  codebuild: CodeBuildPort;
  ecr: EcrPort;
  quotas: QuotasPort;
  cluster: ClusterPort;
  /** The environment's Argo Rollouts (services of kind: Rollout), through the same cluster credentials. */
  rollouts: ArgoRolloutsPort;
  http: HttpProbePort;
  /** The environment's ECS services (runtime: ecs). */
  ecs: EcsPort;
  /** Where an ECS task definition's secrets live (Secrets Manager). */
  secrets: SecretsPort;
  /** Told of every check result as it comes in (metrics). */
  observe?: (result: CheckResult) => void;
}
