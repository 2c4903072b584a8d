import type { ScanSeverity } from '../../../ports/ecr.port.js';

/** Most severe first; INFORMATIONAL and UNDEFINED rank lowest together. */
export const SEVERITY_ORDER: readonly ScanSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

const RANK: Record<ScanSeverity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, INFORMATIONAL: 0, UNDEFINED: 0 };

export function atOrAbove(severity: ScanSeverity, threshold: ScanSeverity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** "2 CRITICAL, 3 HIGH" for the severities chosen, most severe first; empty when there are none. */
export function describeCounts(counts: Partial<Record<ScanSeverity, number>>, include: (s: ScanSeverity) => boolean): string {
  return SEVERITY_ORDER.filter((s) => include(s) && (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}
