import { afterEach, describe, expect, it } from 'vitest';
import { DeployHarness as Harness, scenario, textOf } from '../support/deploy-harness.js';

let current: Harness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('/deploy to an environment without smoke tests', () => {
  it('says after the rollout that there is no /verify to run, never "Running /verify…"', async () => {
    // given: staging has no smoke tests
    const h = (current = await new Harness().start({
      ...scenario(),
      configPatch: [
        { op: 'replace', path: '/environments/staging/smokeTests', value: [] },
        // Its release verifies with smoke tests that are gone now.
        { op: 'remove', path: '/environments/staging/releases' },
      ],
    }));
    // when
    const card = await h.requestAndApprove('backend 1.0.0 staging');
    // then
    await h.waitInThread(card, /successfully rolled out/);
    await h.waitInThread(card, /Rolled out\. staging has no smoke tests, so there is no \/verify to run\./, 20_000);
    expect(h.thread(card).some((m) => /Running \/verify/.test(textOf(m)))).toBe(false);
  }, 60_000);
});
