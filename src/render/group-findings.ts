import type { CheckResult } from '../domain/readiness/report.js';

export interface GroupedFinding {
  status: CheckResult['status'];
  id: string;
  finding: string;
  fix: string;
  services: string[];
}

/** The same check saying the same thing on several services becomes one entry naming them all, in first-seen order. */
export function groupFindings(checks: readonly CheckResult[]): GroupedFinding[] {
  const groups = new Map<string, GroupedFinding>();
  for (const c of checks) {
    const key = JSON.stringify([c.status, c.id, c.finding, c.fix]);
    const group = groups.get(key);
    if (group) {
      if (!group.services.includes(c.service)) group.services.push(c.service);
    } else groups.set(key, { status: c.status, id: c.id, finding: c.finding, fix: c.fix, services: [c.service] });
  }
  return [...groups.values()];
}
