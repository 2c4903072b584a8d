import type { Permission } from '../../src/sandbox/sandbox-state.js';
import { manifestObjects } from './deploy-files.js';

export interface RoleRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Role {
  namespace: string;
  rules: RoleRule[];
}

/** "get deployments.apps", "list pods": a verb on a resource, as the API server's 403 messages name them. */
export const grantKey = (verb: string, group: string, resource: string): string => `${verb} ${resource}${group ? `.${group}` : ''}`;

export const permissionKey = (permission: Extract<Permission, { system: 'kubernetes' }>): string =>
  grantKey(permission.verb, permission.group, permission.resource);

/** The Roles of deploy/kubernetes/role.yaml, one per target namespace. */
export function roles(): Role[] {
  return manifestObjects('role.yaml').map((object) => {
    if (object.kind !== 'Role') throw new Error(`role.yaml: expected only Roles, found a ${object.kind}`);
    if (!object.metadata.namespace) throw new Error(`role.yaml: Role ${object.metadata.name} has no namespace`);
    return { namespace: object.metadata.namespace, rules: (object.rules as RoleRule[] | undefined) ?? [] };
  });
}

/**
 * Every verb-on-resource a rule grants. Wildcards are refused: with them
 * the Role would grant more than any ledger could show shipmate uses.
 */
export function ruleGrants(rule: RoleRule, where: string): string[] {
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  const all = [...groups, ...resources, ...rule.verbs];
  if (all.includes('*')) throw new Error(`${where}: a wildcard grants more than shipmate uses`);
  if (rule.nonResourceURLs) throw new Error(`${where}: nonResourceURLs belong in a ClusterRole, and shipmate needs none`);
  return groups.flatMap((group) => resources.flatMap((resource) => rule.verbs.map((verb) => grantKey(verb, group, resource))));
}

export function roleGrants(role: Role): string[] {
  return [...new Set(role.rules.flatMap((rule, i) => ruleGrants(rule, `role.yaml ${role.namespace} rule ${i + 1}`)))].sort();
}
