import type { ProbeResult } from '../../../ports/http-probe.port.js';
import type { CheckContext } from '../check.js';

/**
 * Long enough past the budget that a slow answer is seen as slow (a warning)
 * rather than as no answer at all.
 */
export const probeTimeoutMs = (healthBudgetMs: number): number => Math.max(3 * healthBudgetMs, healthBudgetMs + 2000);

/** GET the health URL once per run: http.health and http.tls share the answer through facts. */
export function probeHealthUrl({ facts, settings }: CheckContext, url: string): Promise<ProbeResult> {
  return facts.probe(url, probeTimeoutMs(settings.healthBudgetMs));
}
