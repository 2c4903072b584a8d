import type { Digest } from '../../../../domain/digests/digest.js';
import { VERDICT_TEXT } from '../app-home/home-text.js';

/** The score line: score out of 100 in bold, trend arrow and delta, verdict, how many checks fail. */
export function scoreText(digest: Digest): string {
  const failing = digest.failing.length;
  const failingText = failing === 0 ? 'no failing checks' : `${failing} failing check${failing === 1 ? '' : 's'}`;
  return `*Score ${digest.score}*/100 · ${trendText(digest)} · ${VERDICT_TEXT[digest.verdict]} · ${failingText}`;
}

/** ▲ +n, ▼ −n or = 0 against the previous digest; "first digest" without one. */
export function trendText(digest: Pick<Digest, 'trend'>): string {
  const trend = digest.trend;
  if (!trend) return 'first digest';
  const arrow = trend.delta > 0 ? `▲ +${trend.delta}` : trend.delta < 0 ? `▼ −${Math.abs(trend.delta)}` : '= 0';
  return `${arrow} since the last digest (${trend.previous})`;
}
