import type { ReadinessArgs } from '../../commands/readiness.js';
import type { ShipmateConfig } from '../config/schema.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { ReadinessReport } from '../domain/readiness/report.js';
import { runReadiness } from '../domain/readiness/run-readiness.js';
import { resolveEnvironment } from './resolve-environment.js';

export interface ReadinessDeps {
  config: ShipmateConfig;
  /** Built only after the arguments are valid, so bad input makes no AWS or Kubernetes call. */
  portsFor(environment: string): ReadinessPorts;
  onCheckDone?: (done: number, total: number) => void;
}

export async function readinessFor(args: ReadinessArgs, deps: ReadinessDeps): Promise<ReadinessReport> {
  const environment = resolveEnvironment(deps.config, args.env);
  const request = { environment, ...(args.version ? { version: args.version } : {}), ...(deps.onCheckDone ? { onCheckDone: deps.onCheckDone } : {}) };
  return runReadiness(deps.config, request, deps.portsFor(environment));
}
