import { describe, expect, it } from 'vitest';
import { CALL_LEDGER_DIR_VARIABLE, type Permission } from '../../src/sandbox/sandbox-state.js';
import { readLedger, type Ledger } from '../support/ledger.js';
import { allowedActions } from './iam-policy-actions.js';
import { permissionKey, roleGrants, roles, ruleGrants } from './role-grants.js';

/**
 * The permission ledger: every AWS action and Kubernetes verb shipmate's own
 * clients used against the sandbox, in any test of the suite (the sandbox
 * writes it; vitest runs this project after the suite). deploy/ must grant
 * exactly that set: nothing missing, nothing never used.
 *
 * It only means something for the whole suite. Run alone, or after part of
 * the suite, these tests fail and say so: a partial ledger would report
 * grants as unused that the rest of the suite does use.
 */

const WHOLE_SUITE = 'run the whole suite in one command: npm test, or npx vitest run without a file filter';

function wholeSuiteLedger(): Ledger {
  const dir = process.env[CALL_LEDGER_DIR_VARIABLE];
  const ledger = readLedger(dir);
  if (!ledger) throw new Error(`no permission ledger at ${dir ?? `$${CALL_LEDGER_DIR_VARIABLE}`}: this check needs what the suite did; ${WHOLE_SUITE}`);
  const expected = ledger.suiteFiles;
  if (expected.length === 0) throw new Error(`the permission ledger at ${dir} lists no test files of the suite: the suite did not run; ${WHOLE_SUITE}`);
  const missing = expected.filter((file) => !ledger.testFiles.has(file));
  if (missing.length > 0) {
    const named = missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, and ${missing.length - 5} more` : '');
    throw new Error(`the permission ledger saw ${expected.length - missing.length} of the suite's ${expected.length} test files (not ${named}); ${WHOLE_SUITE}`);
  }
  return ledger;
}

const awsActions = (ledger: Ledger): string[] =>
  [...new Set(ledger.permissions.flatMap((p) => (p.system === 'aws' ? [p.action] : [])))].sort();

type KubePermission = Extract<Permission, { system: 'kubernetes' }>;
const kubePermissions = (ledger: Ledger): KubePermission[] => ledger.permissions.filter((p): p is KubePermission => p.system === 'kubernetes');
const kubeGrantsUsed = (ledger: Ledger): string[] => [...new Set(kubePermissions(ledger).map(permissionKey))].sort();

const without = (list: string[], other: string[]): string[] => list.filter((item) => !other.includes(item));

describe('the permission ledger: deploy/ grants exactly what shipmate uses across the whole suite', () => {
  it('holds what every test file of the suite did, AWS calls and Kubernetes requests among it', () => {
    // given / when
    const ledger = wholeSuiteLedger();
    // then
    expect(awsActions(ledger)).not.toEqual([]);
    expect(kubeGrantsUsed(ledger)).not.toEqual([]);
  });

  it('deploy/aws/iam-policy.json allows every AWS action shipmate calls, and no action it never calls', () => {
    // given
    const used = awsActions(wholeSuiteLedger());
    // when
    const allowed = allowedActions();
    // then
    expect(without(used, allowed), 'AWS actions shipmate calls that deploy/aws/iam-policy.json does not allow').toEqual([]);
    expect(without(allowed, used), 'AWS actions deploy/aws/iam-policy.json allows that shipmate never calls').toEqual([]);
  });

  it.each(roles().map((role) => [role.namespace, role] as const))(
    "deploy/kubernetes/role.yaml's Role in %s grants every Kubernetes verb shipmate uses, and no verb it never uses",
    (namespace, role) => {
      // given
      const used = kubeGrantsUsed(wholeSuiteLedger());
      // when
      const granted = roleGrants(role);
      // then
      expect(without(used, granted), `verbs shipmate uses that role.yaml's Role in ${namespace} does not grant`).toEqual([]);
      expect(without(granted, used), `verbs role.yaml's Role in ${namespace} grants that shipmate never uses`).toEqual([]);
    },
  );

  it.each(roles().map((role) => [role.namespace, role] as const))(
    "every verb role.yaml's Role in %s restricts with resourceNames is one shipmate only uses on a named object",
    (namespace, role) => {
      // given: what shipmate did without naming the object (a list or watch with no metadata.name field selector)
      const unnamed = new Set(kubePermissions(wholeSuiteLedger()).filter((p) => !p.byName).map(permissionKey));
      // when
      const restricted = role.rules
        .filter((rule) => (rule.resourceNames ?? []).length > 0)
        .flatMap((rule, i) => ruleGrants(rule, `role.yaml ${namespace} rule ${i + 1}`));
      // then: RBAC would refuse those calls under a resourceNames rule
      expect(
        restricted.filter((grant) => unnamed.has(grant)),
        `verbs restricted by resourceNames in ${namespace} that shipmate uses without naming the object`,
      ).toEqual([]);
    },
  );
});
