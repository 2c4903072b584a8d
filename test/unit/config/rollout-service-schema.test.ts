import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/config/config-json-schema.js';
import { validateConfig } from '../../../src/config/load-config.js';
import { problemsOf } from './config-problems.js';
import { containerOf, kubernetesWorkloadName, type KubernetesServiceConfig } from '../../../src/config/service-schema.js';

/** staging runs backend (a Deployment) and checkout (an Argo Rollout). */
function document(): Record<string, any> {
  return {
    environments: { staging: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop-staging' } } },
    services: {
      backend: { ecr: { repository: 'shop/backend' }, kubernetes: { deployment: 'backend' } },
      checkout: { ecr: { repository: 'shop/checkout' }, kubernetes: { kind: 'Rollout', rollout: 'checkout' } },
    },
  };
}

describe('services.<name>.kubernetes.kind: Deployment (the default) or Rollout', () => {
  it('loads a Deployment and a Rollout side by side, the kind defaulting to Deployment, each named by its own key', () => {
    // given
    const doc = document();
    doc.services.checkout.kubernetes.container = 'app';
    // when
    const config = validateConfig(doc, 'shipmate.yml', {});
    const backend = config.services.backend as KubernetesServiceConfig;
    const checkout = config.services.checkout as KubernetesServiceConfig;
    // then
    expect(backend.kubernetes).toEqual({ kind: 'Deployment', deployment: 'backend' });
    expect(checkout.kubernetes).toEqual({ kind: 'Rollout', rollout: 'checkout', container: 'app' });
    expect([kubernetesWorkloadName(backend.kubernetes), kubernetesWorkloadName(checkout.kubernetes)]).toEqual(['backend', 'checkout']);
    expect(containerOf('checkout', checkout)).toBe('app');
  });

  it("requires the kind's name and refuses the other kind's, one line each naming the key", () => {
    // given
    const doc = document();
    doc.services.norollout = { ecr: { repository: 'shop/a' }, kubernetes: { kind: 'Rollout' } };
    doc.services.both = { ecr: { repository: 'shop/b' }, kubernetes: { kind: 'Rollout', rollout: 'both', deployment: 'both' } };
    doc.services.forgot = { ecr: { repository: 'shop/c' }, kubernetes: { rollout: 'forgot' } };
    doc.services.mixed = { ecr: { repository: 'shop/d' }, kubernetes: { deployment: 'mixed', rollout: 'mixed' } };
    doc.services.nothing = { ecr: { repository: 'shop/e' }, kubernetes: { container: 'nothing' } };
    doc.services.odd = { ecr: { repository: 'shop/f' }, kubernetes: { kind: 'StatefulSet', deployment: 'odd' } };
    doc.services.badname = { ecr: { repository: 'shop/g' }, kubernetes: { kind: 'Rollout', rollout: 'Check_Out' } };
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toEqual([
      'shipmate.yml: services.norollout.kubernetes.rollout: required key is missing (kind: Rollout names its Argo Rollout: rollout: <name>)',
      'shipmate.yml: services.both.kubernetes.deployment: is only for kind: Deployment; this workload is an Argo Rollout',
      'shipmate.yml: services.forgot.kubernetes.kind: must be Rollout for a kubernetes block naming a rollout (Deployment is the default)',
      'shipmate.yml: services.mixed.kubernetes.rollout: is only for kind: Rollout; this workload is a Deployment',
      'shipmate.yml: services.nothing.kubernetes.deployment: required key is missing (or set kind: Rollout and rollout: <name>)',
      'shipmate.yml: services.odd.kubernetes.kind: Invalid option: expected one of "Deployment"|"Rollout"',
      'shipmate.yml: services.badname.kubernetes.rollout: must be a lowercase DNS label (a-z, 0-9, -)',
    ]);
  });

  it('is described to editors by the JSON Schema: rollout with kind Rollout, deployment otherwise, never both', () => {
    // given
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(configJsonSchema());
    const withServices = (services: Record<string, unknown>) => ({ ...document(), services });
    const service = (kubernetes: Record<string, unknown>) => ({ svc: { ecr: { repository: 'shop/svc' }, kubernetes } });
    // when / then
    expect(validate(document())).toBe(true);
    expect(validate(withServices(service({ kind: 'Rollout', deployment: 'svc' })))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/svc/kubernetes', keyword: 'required', params: { missingProperty: 'rollout' } }));
    expect(validate(withServices(service({ rollout: 'svc' })))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/svc/kubernetes', keyword: 'required', params: { missingProperty: 'deployment' } }));
    expect(validate(withServices(service({ kind: 'Rollout', rollout: 'svc', deployment: 'svc' })))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/svc/kubernetes/deployment', keyword: 'false schema' }));
  });
});
