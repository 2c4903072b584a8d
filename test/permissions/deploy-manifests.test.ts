import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../src/config/load-config.js';
import type { ShipmateConfig } from '../../src/config/schema.js';
import { kubernetesWorkloadName } from '../../src/config/service-schema.js';
import { kubernetesDir, manifestObject, manifestObjects, type ManifestObject } from './deploy-files.js';
import { asList, policyStatements, type PolicyStatement } from './iam-policy-actions.js';
import { roles } from './role-grants.js';

/** deploy/ agrees with itself: the files kustomize applies, who is bound to what, and the names the config and the grants share. */

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface PodTemplate {
  spec: {
    serviceAccountName?: string;
    containers: { name: string; env?: EnvVar[]; volumeMounts?: { name: string; mountPath: string }[] }[];
    volumes?: { name: string; configMap?: { name: string } }[];
  };
}

const deployment = () => manifestObject('deployment.yaml', 'Deployment');
const template = () => (deployment().spec as { template: PodTemplate }).template;
const container = () => template().spec.containers.find((c) => c.name === 'shipmate')!;
const envOf = (name: string) => container().env?.find((e) => e.name === name);

/** The ConfigMap's shipmate.yml, loaded as shipmate loads it, with the store URL the Deployment passes in. */
function configMapConfig(): ShipmateConfig {
  const configMap = manifestObject('configmap.yaml', 'ConfigMap') as ManifestObject & { data: Record<string, string> };
  return validateConfig(parse(configMap.data['shipmate.yml']!), 'deploy/kubernetes/configmap.yaml', {
    SHIPMATE_STORE_URL: 'postgres://shipmate:password@postgres.example.com:5432/shipmate',
  });
}

describe('deploy/kubernetes', () => {
  it('kustomization.yaml applies every manifest of the folder', () => {
    // given
    const files = readdirSync(kubernetesDir()).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    // when
    const { resources } = manifestObject('kustomization.yaml', 'Kustomization') as ManifestObject & { resources: string[] };
    // then
    expect([...resources].sort()).toEqual(files.sort());
  });

  it('names a namespace for every namespaced object, since kustomization.yaml sets none', () => {
    const files = readdirSync(kubernetesDir()).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    const objects = files.flatMap((file) => manifestObjects(file).map((o) => ({ file, o })));
    const unplaced = objects.filter(({ o }) => o.kind !== 'Namespace' && !o.metadata.namespace).map(({ file, o }) => `${file}: ${o.kind} ${o.metadata.name}`);
    expect(unplaced).toEqual([]);
  });

  it('runs the Deployment as the ServiceAccount of serviceaccount.yaml, in the same namespace', () => {
    const serviceAccount = manifestObject('serviceaccount.yaml', 'ServiceAccount');
    expect(template().spec.serviceAccountName).toBe(serviceAccount.metadata.name);
    expect(deployment().metadata.namespace).toBe(serviceAccount.metadata.namespace);
  });

  it('binds the Role of every target namespace, there, to that ServiceAccount', () => {
    // given
    const serviceAccount = manifestObject('serviceaccount.yaml', 'ServiceAccount');
    const bindings = manifestObjects('rolebinding.yaml') as (ManifestObject & {
      roleRef: { kind: string; name: string };
      subjects: { kind: string; name: string; namespace: string }[];
    })[];
    // when
    const bound = bindings
      .filter((b) => b.subjects.some((s) => s.kind === 'ServiceAccount' && s.name === serviceAccount.metadata.name && s.namespace === serviceAccount.metadata.namespace))
      .map((b) => `${b.metadata.namespace} ${b.roleRef.kind}/${b.roleRef.name}`);
    // then
    expect(bound.sort()).toEqual(manifestObjects('role.yaml').map((r) => `${r.metadata.namespace} Role/${r.metadata.name}`).sort());
  });

  it('mounts the ConfigMap where SHIPMATE_CONFIG points, and passes the store URL from the shipmate-postgres Secret', () => {
    // given
    const configPath = envOf('SHIPMATE_CONFIG')?.value ?? '';
    const configMapName = manifestObject('configmap.yaml', 'ConfigMap').metadata.name;
    const volume = template().spec.volumes?.find((v) => v.configMap?.name === configMapName);
    // then
    expect(container().volumeMounts).toContainEqual({ name: volume?.name, mountPath: dirname(configPath), readOnly: true });
    expect(envOf('SHIPMATE_STORE_URL')?.valueFrom?.secretKeyRef).toEqual({ name: 'shipmate-postgres', key: 'url' });
    expect(envOf('SLACK_BOT_TOKEN')?.valueFrom?.secretKeyRef?.name).toBe('shipmate-slack');
    expect(envOf('SLACK_APP_TOKEN')?.valueFrom?.secretKeyRef?.name).toBe('shipmate-slack');
  });

  it("holds a shipmate.yml in the ConfigMap that shipmate's own loader accepts, storing in PostgreSQL for several replicas", () => {
    const config = configMapConfig();
    expect(config.store.url).toMatch(/^postgres:\/\//);
    expect(Object.values(config.environments).every((env) => env.kubernetes.inCluster)).toBe(true);
  });

  it("lets each namespace's Role reach exactly the Deployments and Argo Rollouts the config names for that namespace", () => {
    // given
    const config = configMapConfig();
    const configured = (namespace: string, kind: 'Deployment' | 'Rollout') => {
      const environments = Object.values(config.environments).filter((env) => env.kubernetes.namespace === namespace);
      const services = environments.flatMap((env) => env.services ?? Object.keys(config.services));
      const names = services.flatMap((s) => {
        const service = config.services[s]!;
        // an ECS service needs no Role
        return service.runtime === 'kubernetes' && service.kubernetes.kind === kind ? [kubernetesWorkloadName(service.kubernetes)] : [];
      });
      return [...new Set(names)].sort();
    };
    const grantedNames = (role: ReturnType<typeof roles>[number], resource: string) =>
      role.rules.filter((r) => r.resources?.includes(resource)).flatMap((r) => r.resourceNames ?? []);
    // when
    const named = roles().map((role) => ({
      namespace: role.namespace,
      deployments: grantedNames(role, 'deployments').sort(),
      rollouts: [...new Set(grantedNames(role, 'rollouts'))].sort(),
      rolloutStatus: [...new Set(grantedNames(role, 'rollouts/status'))].sort(),
    }));
    // then
    expect(named).toEqual(
      roles().map((role) => ({
        namespace: role.namespace,
        deployments: configured(role.namespace, 'Deployment'),
        rollouts: configured(role.namespace, 'Rollout'),
        rolloutStatus: configured(role.namespace, 'Rollout'),
      })),
    );
    expect(named.flatMap((role) => role.rollouts)).toContain('checkout');
  });
});

describe('deploy/aws/iam-policy.json', () => {
  const config = () => configMapConfig();
  const accounts = () => [...new Set(Object.values(config().environments).map((env) => `${env.aws.region}:${env.aws.accountId}`))];
  const resources = (statements: PolicyStatement[]) => [...new Set(statements.flatMap((s) => asList(s.Resource)))].sort();
  const actions = (statements: PolicyStatement[]) => statements.flatMap((s) => asList(s.Action)).sort();
  /** Statements on named resources; the others are on every project of an account, or on "*". */
  const named = () => policyStatements().filter((s) => asList(s.Resource).every((r) => !r.endsWith('*')));

  it('scopes the CodeBuild actions on projects to exactly the configured projects', () => {
    // given
    const projects = accounts().flatMap((account) =>
      Object.values(config().services).flatMap((s) => (s.codebuild ? [`arn:aws:codebuild:${account}:project/${s.codebuild.project}`] : [])),
    );
    // when
    const codebuild = named().filter((s) => asList(s.Action).every((a) => a.startsWith('codebuild:')));
    // then
    expect(resources(codebuild)).toEqual([...new Set(projects)].sort());
  });

  it('scopes the ECR actions to exactly the configured repositories', () => {
    const repositories = accounts().flatMap((account) => Object.values(config().services).map((s) => `arn:aws:ecr:${account}:repository/${s.ecr.repository}`));
    const ecr = named().filter((s) => asList(s.Action).every((a) => a.startsWith('ecr:')));
    expect(resources(ecr)).toEqual([...new Set(repositories)].sort());
  });

  it("opens BatchGetBuilds to every project of the configured accounts: the quota check counts the account's running builds", () => {
    // given: codebuild.quota reads every build ListBuilds returns, whichever project it belongs to
    const everyProject = policyStatements().filter((s) => asList(s.Resource).some((r) => r.endsWith(':project/*')));
    // then
    expect(actions(everyProject)).toEqual(['codebuild:BatchGetBuilds']);
    expect(resources(everyProject)).toEqual(accounts().map((account) => `arn:aws:codebuild:${account}:project/*`).sort());
    expect(everyProject.map((s) => s.Sid)).toEqual([expect.stringContaining('ConcurrentBuildQuotaIsAccountWide')]);
  });

  it('gives "*" only to the actions IAM defines no resource type for, each in a statement whose Sid says so', () => {
    const unscoped = policyStatements().filter((s) => asList(s.Resource).join() === '*');
    expect(unscoped.map((s) => s.Sid)).toEqual(unscoped.map(() => expect.stringMatching(/HasNoResourceLevelPermissions$/)));
    expect(actions(unscoped)).toEqual(['codebuild:ListBuilds', 'ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition', 'servicequotas:ListServiceQuotas']);
  });

  /** Each configured ECS service with its environment's account and its cluster (its own, else the environment's). */
  const ecsServices = () =>
    Object.values(config().environments).flatMap((env) =>
      (env.services ?? Object.keys(config().services)).flatMap((name) => {
        const service = config().services[name]!;
        if (service.runtime !== 'ecs') return [];
        return [{ account: `${env.aws.region}:${env.aws.accountId}`, cluster: service.ecs.cluster ?? env.ecs!.cluster, service: service.ecs.service }];
      }),
    );
  const statementsOf = (action: string) => policyStatements().filter((s) => asList(s.Action).includes(action));
  const conditionsOf = (statements: PolicyStatement[]) => statements.map((s) => s.Condition);

  it('scopes DescribeServices and UpdateService to exactly the configured ECS services', () => {
    // given
    const services = ecsServices().map(({ account, cluster, service }) => `arn:aws:ecs:${account}:service/${cluster}/${service}`);
    // when
    const statements = statementsOf('ecs:UpdateService');
    // then
    expect(services).not.toEqual([]);
    expect(statements).toEqual(statementsOf('ecs:DescribeServices'));
    expect(actions(statements)).toEqual(['ecs:DescribeServices', 'ecs:UpdateService']);
    expect(resources(statements)).toEqual([...new Set(services)].sort());
  });

  it("lists, describes and runs tasks only in the configured ECS services' clusters", () => {
    // given
    const clusters = [...new Set(ecsServices().map(({ account, cluster }) => `arn:aws:ecs:${account}:cluster/${cluster}`))];
    // when
    const statements = ['ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:RunTask'].flatMap(statementsOf);
    // then
    expect(conditionsOf(statements)).toEqual(statements.map(() => ({ ArnEquals: { 'ecs:cluster': clusters.length === 1 ? clusters[0] : clusters } })));
    expect(resources(statementsOf('ecs:RunTask')).every((r) => /:task-definition\/[\w-]+:\*$/.test(r))).toBe(true);
  });

  it('passes roles to ECS tasks only, and tags only the task definitions ECS registers', () => {
    // given / when
    const passRole = statementsOf('iam:PassRole');
    const tagging = statementsOf('ecs:TagResource');
    // then
    expect(conditionsOf(passRole)).toEqual([{ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } }]);
    expect(resources(passRole).every((r) => /^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/.test(r))).toBe(true);
    expect(conditionsOf(tagging)).toEqual([{ StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } }]);
  });
});
