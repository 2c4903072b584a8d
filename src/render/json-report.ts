import type { ReadinessReport } from '../domain/readiness/report.js';

/** The stable shape `shipmate readiness --json` prints (SPEC §3); CI pipelines parse it. */
export interface ReadinessJson {
  environment: string;
  version: string | null;
  score: number;
  verdict: ReadinessReport['verdict'];
  checks: { id: string; service: string; status: string; finding: string; fix: string }[];
}

export function toReadinessJson(report: ReadinessReport): ReadinessJson {
  return {
    environment: report.environment,
    version: report.version ?? null,
    score: report.score,
    verdict: report.verdict,
    checks: report.checks.map(({ id, service, status, finding, fix }) => ({ id, service, status, finding, fix })),
  };
}
