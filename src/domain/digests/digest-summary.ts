import type { Digest } from './digest.js';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The digest's one line: all a quiet digest says, the headline of the others. */
export function digestSummary(d: Omit<Digest, 'summary'>): string {
  const failing = d.failing.length === 0 ? 'no failing checks' : `${count(d.failing.length, 'failing check')}`;
  if (d.quiet) return `Nothing new in ${d.environment} since the last digest: score ${d.score} (${d.verdict}), ${failing}.`;
  const trend = !d.trend ? 'first digest' : d.trend.delta === 0 ? 'unchanged' : `${d.trend.delta > 0 ? '+' : '−'}${Math.abs(d.trend.delta)} since the last digest`;
  const parts = [`${d.environment}: score ${d.score} (${trend}), ${d.verdict}, ${failing}`];
  if (d.startedFailing.length > 0) parts.push(`${d.startedFailing.length} started failing`);
  if (d.stoppedFailing.length > 0) parts.push(`${d.stoppedFailing.length} stopped failing`);
  const activity = [count(d.builds.length, 'build'), count(d.deploys.length, 'deploy'), ...(d.releases.length > 0 ? [count(d.releases.length, 'release')] : [])];
  parts.push(`${activity.slice(0, -1).join(', ')} and ${activity.at(-1)} since ${d.trend ? 'the last digest' : 'last week'}`);
  return `${parts.join('; ')}.`;
}
