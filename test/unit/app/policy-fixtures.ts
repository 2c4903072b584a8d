import { createStore } from '../../../src/adapters/store/create-store.js';
import { readConfigDocument, validateConfig } from '../../../src/config/load-config.js';
import type { ShipmateConfig } from '../../../src/config/schema.js';
import type { DirectoryPort } from '../../../src/ports/directory.port.js';
import type { StorePort } from '../../../src/ports/store.port.js';
import { ManualClock } from '../builds/build-fixtures.js';
import { fakeDirectory } from '../../support/fake-directory.js';

const SANDBOX_ENV = { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443' };

/** The sandbox example config, changed by `edit` (a parsed YAML document) before validation. */
export function exampleConfig(edit: (doc: Record<string, any>) => void = () => undefined): ShipmateConfig {
  const doc = readConfigDocument('examples/sandbox.shipmate.yml') as Record<string, any>;
  edit(doc);
  return validateConfig(doc, 'shipmate.yml', SANDBOX_ENV);
}

export interface PolicyDeps {
  config: ShipmateConfig;
  store: StorePort;
  clock: ManualClock;
  directory: DirectoryPort;
  /** Any backend call fails the test: a refusal must not reach AWS or Kubernetes. */
  portsFor(environment: string): never;
}

export async function policyDeps(config: ShipmateConfig, directory: DirectoryPort = fakeDirectory({ groups: { 'release-managers': ['U0BOB', 'U0CAROL'] } })): Promise<PolicyDeps> {
  const store = createStore('sqlite::memory:');
  await store.migrate();
  return {
    config,
    store,
    clock: new ManualClock(),
    directory,
    portsFor: (environment) => {
      throw new Error(`a backend port of ${environment} was asked for`);
    },
  };
}
