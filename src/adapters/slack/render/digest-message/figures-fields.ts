import type { DeliveryFigures } from '../../../../domain/digests/delivery-figures.js';
import type { Block } from '../../blocks/block-kit.js';
import { fieldsSection } from '../../blocks/builders.js';
import { formatLeadTime } from './format-lead-time.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_DEPLOYS = 'no deploys yet';

/** Deploys per week (a release is one), change failure rate and median build-to-running, over the figures' window. */
export function figuresBlock(figures: DeliveryFigures): Block {
  const days = Math.round((figures.window.to.getTime() - figures.window.from.getTime()) / DAY_MS);
  return fieldsSection(
    [
      `*Deploys per week*\n${figures.deploysPerWeek.toFixed(1)} (${figures.deploys} in ${days} days${releasesText(figures.releases)})`,
      `*Change failure rate*\n${changeFailureRate(figures)}`,
      `*Median build → running*\n${figures.medianLeadTimeMs === undefined ? NO_DEPLOYS : `${formatLeadTime(figures.medianLeadTimeMs)} (${samples(figures.leadTimeSamples)})`}`,
    ],
    `:bar_chart: *Delivery, last ${days} days*`,
  );
}

/** "25% (1 of 4 deploys)". */
export function changeFailureRate(figures: DeliveryFigures): string {
  if (figures.changeFailureRate === undefined) return NO_DEPLOYS;
  const percent = Math.round(figures.changeFailureRate * 1000) / 10;
  return `${percent}% (${figures.failedDeploys} of ${figures.deploys} deploy${figures.deploys === 1 ? '' : 's'})`;
}

/** ", 2 of them releases": a release counts as one deploy however many services it rolls out. */
const releasesText = (n: number): string => (n === 0 ? '' : n === 1 ? ', 1 of them a release' : `, ${n} of them releases`);

const samples = (n: number): string => `over ${n} release${n === 1 ? '' : 's'}`;
