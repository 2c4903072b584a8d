import { startCompiledBot } from '../../scripts/run-compiled-bot.js';
import { createPrometheusAdapter } from '../../src/adapters/prometheus/prometheus-adapter.js';
import { judgeGuard } from '../../src/app/guards/judge-guard.js';
import { startSandboxSession } from '../../src/sandbox/sandbox-session.js';
import type { Scenario } from '../../src/sandbox/scenarios.js';
import type { DeployHarness } from './deploy-harness.js';
import { startPrometheus, type TestPrometheus } from './prometheus.js';
import { waitUntil } from './wait-until.js';

/**
 * The sandbox of `scenario`, a real Prometheus scraping its /metrics, and the
 * compiled bot started once every one of `ratios` (PromQL) holds below 1 % —
 * rate() needs two scrapes, so the guards judge from their first evaluation.
 * The scenario's config reads the URL from SHIPMATE_PROMETHEUS_URL, as a real
 * deployment's would.
 */
export async function startGuardedBot(h: DeployHarness, scenario: Scenario, ratios: readonly string[]): Promise<TestPrometheus> {
  h.session = await startSandboxSession(scenario);
  const prometheus = await startPrometheus({ sandbox: `${h.session.sandbox.url}/metrics` });
  const port = createPrometheusAdapter({ url: prometheus.url });
  const holds = async (query: string) => (await judgeGuard({ name: query, query, threshold: { below: 0.01 }, windowMinutes: 1 }, port)).outcome === 'pass';
  await waitUntil(async () => (await Promise.all(ratios.map(holds))).every(Boolean), 60_000, 'the error ratios in Prometheus');
  h.session.env.SHIPMATE_PROMETHEUS_URL = prometheus.url;
  h.bot = await startCompiledBot(h.session, 'http', h.env);
  return prometheus;
}
