import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import { truncate } from '../../blocks/truncate.js';
import type { ReadinessReport } from '../../../../domain/readiness/report.js';

/** "`shipmate readiness --env production --version 1.2.0`" as inline code: the command that prints every check. */
export function fullReportCommand(report: Pick<ReadinessReport, 'environment' | 'version'>): string {
  const version = report.version ? ` --version ${truncate(report.version, 60)}` : '';
  return escapeMrkdwn(`\`shipmate readiness --env ${truncate(report.environment, 80)}${version}\``);
}
