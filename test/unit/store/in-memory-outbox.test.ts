import { beforeEach, describe } from 'vitest';
import { outboxContract } from '../../contract/store-outbox.contract.js';
import { signaturesContract } from '../../contract/store-signatures.contract.js';
import { InMemoryDeployStore } from '../deploys/deploy-fakes.js';

/** The in-memory outbox that unit tests lean on keeps the SQL stores' promises: a fresh store per test, shared by its "replicas". */
describe('in-memory outbox and signatures', () => {
  let store: InMemoryDeployStore;
  beforeEach(() => {
    store = new InMemoryDeployStore();
  });

  outboxContract(async () => store);
  signaturesContract(async () => store);
});
