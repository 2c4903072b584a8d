/** What an approved build will do, stored with the approval request so a restart knows it too. */
export interface PlannedServiceBuild {
  service: string;
  project: string;
  sourceVersion: string;
  repository: string;
  platform: string;
  tag: string;
}

export interface BuildPayload {
  version: string;
  services: PlannedServiceBuild[];
}

export function isBuildPayload(value: unknown): value is BuildPayload {
  const v = value as BuildPayload;
  return typeof v?.version === 'string' && Array.isArray(v.services) && v.services.every((s) => typeof s?.project === 'string');
}
