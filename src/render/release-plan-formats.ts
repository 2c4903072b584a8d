import type { BuildCardContent } from '../app/builds/build-request-payload.js';
import type { ReleasePlan } from '../domain/releases/release-payload.js';
import { toReleasePlanJson } from './release-plan-json.js';
import { renderReleasePlanMarkdown } from './release-plan-markdown.js';
import { renderReleasePlanTerminal } from './release-plan-terminal.js';

export const RELEASE_PLAN_FORMATS = ['terminal', 'json', 'markdown'] as const;
export type ReleasePlanFormat = (typeof RELEASE_PLAN_FORMATS)[number];

export const isReleasePlanFormat = (value: string): value is ReleasePlanFormat => (RELEASE_PLAN_FORMATS as readonly string[]).includes(value);

/** The plan and the approval card it makes (its lines, as Slack would show them). */
export interface ReleasePlanView {
  plan: ReleasePlan;
  card: BuildCardContent;
}

/** One renderer per `--format` of `shipmate release plan`; each a pure function of the plan. */
export function renderReleasePlan(view: ReleasePlanView, format: ReleasePlanFormat, style: { color: boolean; width?: number }): string {
  switch (format) {
    case 'terminal':
      return renderReleasePlanTerminal(view, style);
    case 'json':
      return JSON.stringify(toReleasePlanJson(view.plan), null, 2) + '\n';
    case 'markdown':
      return renderReleasePlanMarkdown(view);
  }
}

/** The card's `changes` are its stage lines, then one line per service, then any note (the freeze window). */
export function cardSections(view: ReleasePlanView): { stages: string[]; services: string[]; notes: string[] } {
  const { changes } = view.card;
  const stageCount = view.plan.stages.length;
  const serviceCount = view.plan.services.length;
  return {
    stages: changes.slice(0, stageCount),
    services: changes.slice(stageCount, stageCount + serviceCount),
    notes: changes.slice(stageCount + serviceCount),
  };
}
