import { readFileSync } from 'node:fs';
import { iamPolicyPath } from './deploy-files.js';

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  NotResource?: unknown;
  Condition?: unknown;
}

export const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

export function policyStatements(): PolicyStatement[] {
  const policy = JSON.parse(readFileSync(iamPolicyPath(), 'utf8')) as { Version?: string; Statement: PolicyStatement[] };
  if (policy.Version !== '2012-10-17') throw new Error('deploy/aws/iam-policy.json: Version must be 2012-10-17');
  return policy.Statement;
}

/**
 * The IAM actions deploy/aws/iam-policy.json allows. Only plain Allow
 * statements naming their actions one by one are accepted: a wildcard, a
 * NotAction or a Deny would make "exactly what shipmate calls" unprovable.
 */
export function allowedActions(): string[] {
  const actions = policyStatements().flatMap((statement) => {
    const name = statement.Sid ?? JSON.stringify(statement.Action);
    if (statement.Effect !== 'Allow') throw new Error(`iam-policy.json statement ${name}: only Allow statements are expected`);
    if (statement.NotAction !== undefined || statement.NotResource !== undefined) {
      throw new Error(`iam-policy.json statement ${name}: NotAction / NotResource grant more than they name`);
    }
    const listed = asList(statement.Action);
    const wildcard = listed.find((action) => action.includes('*'));
    if (wildcard) throw new Error(`iam-policy.json statement ${name}: the wildcard action ${wildcard} grants more than shipmate calls`);
    return listed;
  });
  return [...new Set(actions)].sort();
}
