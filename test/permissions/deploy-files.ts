import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { packageRoot } from '../../src/package-root.js';

export const kubernetesDir = (): string => join(packageRoot(), 'deploy', 'kubernetes');
export const iamPolicyPath = (): string => join(packageRoot(), 'deploy', 'aws', 'iam-policy.json');

/** A Kubernetes object as a manifest holds it; tests read it field by field. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Every document of deploy/kubernetes/<file>, failing on YAML errors rather than skipping them. */
export function manifestObjects(file: string): ManifestObject[] {
  const documents = parseAllDocuments(readFileSync(join(kubernetesDir(), file), 'utf8'));
  return documents.map((document) => {
    if (document.errors.length > 0) throw new Error(`deploy/kubernetes/${file}: ${document.errors[0]!.message}`);
    return document.toJS() as ManifestObject;
  });
}

/** The one object of that kind in the file. */
export function manifestObject(file: string, kind: string): ManifestObject {
  const found = manifestObjects(file).filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`deploy/kubernetes/${file}: expected one ${kind}, found ${found.length}`);
  return found[0]!;
}
