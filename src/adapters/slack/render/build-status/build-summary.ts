import type { BuildStatusView, ServiceBuildView } from './build-status-view.js';
import { formatDuration } from './format-duration.js';

const FINISHED = new Set(['succeeded', 'failed', 'stopped', 'refused']);

export interface BuildSummary {
  done: boolean;
  allGood: boolean;
  /** "2 running, 1 succeeded" / "1 failed, 1 refused, 2 succeeded (1 image problem)" */
  tally: string;
  /** From the first start to the last finish, or to now while running. */
  elapsed?: string;
}

/** Every build has an outcome and every successful one has its ECR answer. */
const settled = (b: ServiceBuildView): boolean => FINISHED.has(b.state) && !(b.state === 'succeeded' && b.image?.result === 'checking');
const imageProblem = (b: ServiceBuildView): boolean => b.state === 'succeeded' && !!b.image && b.image.result !== 'present' && b.image.result !== 'checking';

export function summarizeBuilds(view: BuildStatusView): BuildSummary {
  const services = view.services;
  const count = (state: string) => services.filter((b) => b.state === state).length;
  const done = services.length > 0 && services.every(settled);
  const problems = services.filter(imageProblem).length;
  const parts = [
    [count('starting') + count('running'), 'running'],
    [count('failed'), 'failed'],
    [count('refused'), 'refused'],
    [count('stopped'), 'stopped'],
    [count('succeeded'), 'succeeded'],
  ] as const;
  const tally = parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(', ');
  const imageNote = problems > 0 ? ` (${problems} image problem${problems === 1 ? '' : 's'})` : '';
  const allGood = done && count('succeeded') === services.length && problems === 0;
  const elapsed = overallElapsed(services, done ? undefined : view.now);
  return { done, allGood, tally: `${tally || 'nothing to build'}${imageNote}`, ...(elapsed ? { elapsed } : {}) };
}

function overallElapsed(services: readonly ServiceBuildView[], now: Date | undefined): string | undefined {
  const starts = services.flatMap((b) => (b.startedAt ? [b.startedAt.getTime()] : []));
  if (starts.length === 0) return undefined;
  const ends = now ? [now.getTime()] : services.flatMap((b) => (b.finishedAt ? [b.finishedAt.getTime()] : []));
  if (ends.length === 0) return undefined;
  return formatDuration(Math.max(...ends) - Math.min(...starts));
}
