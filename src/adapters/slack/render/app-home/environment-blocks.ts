import type { Block } from '../../blocks/block-kit.js';
import { context, section } from '../../blocks/builders.js';
import { fitLines } from '../../blocks/fit-lines.js';
import { truncate } from '../../blocks/truncate.js';
import { truncateMrkdwn } from '../../blocks/truncate-mrkdwn.js';
import type { HomeEnvironment, HomeService } from './app-home-view.js';
import { bold, codeSpan, shortDigest, utcMinute, VERDICT_TEXT } from './home-text.js';

/** At most this many environments get their own blocks; the rest fold into a count line. */
export const MAX_ENVIRONMENTS = 6;
/** Services per section, and sections per environment: 40 services shown, the rest folded. */
export const SERVICES_PER_SECTION = 10;
export const MAX_SERVICE_SECTIONS = 4;
const LINE_MAX = 280;
const SECTION_BUDGET = 3000;

/**
 * Per environment: a line with its readiness verdict and score, then its
 * services, ten to a section, with the image running. At most
 * 1 + MAX_ENVIRONMENTS × (1 + MAX_SERVICE_SECTIONS) blocks.
 */
export function environmentBlocks(environments: readonly HomeEnvironment[]): Block[] {
  const blocks: Block[] = [];
  for (const environment of environments.slice(0, MAX_ENVIRONMENTS)) {
    blocks.push(section(environmentLine(environment)));
    blocks.push(...serviceSections(environment.services));
  }
  const hidden = environments.length - MAX_ENVIRONMENTS;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more environment${hidden === 1 ? '' : 's'} not shown`));
  return blocks;
}

function environmentLine(environment: HomeEnvironment): string {
  const lock = environment.protected ? ' :lock:' : '';
  const name = `:package: ${bold(truncate(environment.name, 80))}${lock}`;
  const { readiness } = environment;
  const verdict = readiness
    ? `${VERDICT_TEXT[readiness.verdict]} · score ${readiness.score}/100 · checked ${utcMinute(readiness.at)}`
    : 'no readiness report yet';
  const count = `${environment.services.length} service${environment.services.length === 1 ? '' : 's'}`;
  return `${name} · ${verdict} · ${count}`;
}

function serviceSections(services: readonly HomeService[]): Block[] {
  if (services.length === 0) return [context('No services configured.')];
  const shown = services.slice(0, SERVICES_PER_SECTION * MAX_SERVICE_SECTIONS);
  const blocks: Block[] = [];
  for (let start = 0; start < shown.length; start += SERVICES_PER_SECTION) {
    const lines = shown.slice(start, start + SERVICES_PER_SECTION).map(serviceLine);
    const isLast = start + SERVICES_PER_SECTION >= shown.length;
    const hidden = services.length - shown.length;
    if (isLast && hidden > 0) lines.push(`…and ${hidden} more service${hidden === 1 ? '' : 's'} not shown`);
    blocks.push(section(fitLines(lines[0]!, lines.slice(1), SECTION_BUDGET, (left) => `…and ${left} more`)));
  }
  return blocks;
}

function serviceLine(service: HomeService): string {
  const image = service.imageTag ? codeSpan(truncate(service.imageTag, 80)) : '_not deployed_';
  const digest = service.digest ? ` · ${codeSpan(shortDigest(service.digest))}` : '';
  const verdict = service.verdict ? ` · ${VERDICT_TEXT[service.verdict]}` : '';
  return truncateMrkdwn(`• ${bold(truncate(service.name, 80))} ${image}${digest}${verdict}`, LINE_MAX);
}
