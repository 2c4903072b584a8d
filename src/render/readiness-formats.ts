import type { ReadinessReport } from '../domain/readiness/report.js';
import { toReadinessJson } from './json-report.js';
import { renderJunitReport } from './junit-report.js';
import { renderMarkdownReport } from './markdown-report.js';
import { renderTerminalReport, type TerminalStyle } from './terminal-report.js';

export const READINESS_FORMATS = ['terminal', 'json', 'junit', 'markdown'] as const;
export type ReadinessFormat = (typeof READINESS_FORMATS)[number];

export const isReadinessFormat = (value: string): value is ReadinessFormat => (READINESS_FORMATS as readonly string[]).includes(value);

/** One renderer per `--format`; each a pure function of the report. */
export function renderReadiness(report: ReadinessReport, format: ReadinessFormat, style: TerminalStyle): string {
  switch (format) {
    case 'terminal':
      return renderTerminalReport(report, style);
    case 'json':
      return JSON.stringify(toReadinessJson(report), null, 2) + '\n';
    case 'junit':
      return renderJunitReport(report);
    case 'markdown':
      return renderMarkdownReport(report);
  }
}
