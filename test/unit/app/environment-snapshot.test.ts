import { describe, expect, it } from 'vitest';
import { environmentSnapshot, recentEnvironmentSnapshot, SNAPSHOT_MAX_AGE_MS } from '../../../src/app/environment-snapshot.js';
import type { Deployment } from '../../../src/ports/cluster.port.js';
import { ManualClock } from '../builds/build-fixtures.js';
import { fakePorts } from '../../support/fake-ports.js';
import { exampleConfig } from './policy-fixtures.js';

const config = exampleConfig();

/** Ports whose cluster answers every Deployment (everything else fails, as an unreachable AWS would), counting the reads. */
function countingPorts() {
  const reads: string[] = [];
  const ports = fakePorts({
    cluster: {
      getDeployment: async (namespace: string, name: string) => {
        reads.push(`${namespace}/${name}`);
        return { metadata: { name, namespace }, spec: { template: { spec: { containers: [{ name, image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/${name}:1.1.0` }] } } } } as unknown as Deployment;
      },
    },
  });
  return { reads, ports };
}

describe('environmentSnapshot', () => {
  it('reads each Deployment once: the image column reuses the readiness run\'s reads', async () => {
    // given
    const { reads, ports } = countingPorts();
    // when
    const snapshot = await environmentSnapshot(config, 'staging', ports, new ManualClock());
    // then
    expect(snapshot.services.map((s) => [s.service, s.tag])).toEqual([
      ['backend', '1.1.0'],
      ['frontend', '1.1.0'],
      ['ml', '1.1.0'],
    ]);
    expect(reads.sort()).toEqual(['shop-staging/backend', 'shop-staging/frontend', 'shop-staging/ml']);
  });
});

describe('recentEnvironmentSnapshot', () => {
  it('takes one snapshot for many concurrent viewers, and another once the first is over a minute old', async () => {
    // given
    const { reads, ports } = countingPorts();
    const clock = new ManualClock();
    // when 50 viewers ask at once
    const first = await Promise.all(Array.from({ length: 50 }, () => recentEnvironmentSnapshot(config, 'staging', ports, clock)));
    // then one snapshot, taken when they asked
    expect(reads).toHaveLength(3);
    expect(new Set(first).size).toBe(1);
    expect(first[0]!.takenAt).toEqual(clock.now());
    // when a viewer asks at the limit, then just after it
    clock.advance(SNAPSHOT_MAX_AGE_MS);
    expect(await recentEnvironmentSnapshot(config, 'staging', ports, clock)).toBe(first[0]);
    clock.advance(1);
    const later = await recentEnvironmentSnapshot(config, 'staging', ports, clock);
    // then a new one
    expect(later).not.toBe(first[0]);
    expect(reads).toHaveLength(6);
  });

  it('keeps environments apart', async () => {
    // given
    const staging = countingPorts();
    const production = countingPorts();
    const clock = new ManualClock();
    // when
    const [a, b] = await Promise.all([
      recentEnvironmentSnapshot(config, 'staging', staging.ports, clock),
      recentEnvironmentSnapshot(config, 'production', production.ports, clock),
    ]);
    // then
    expect([a.environment, b.environment]).toEqual(['staging', 'production']);
    expect(production.reads.every((r) => r.startsWith('shop-production/'))).toBe(true);
  });
});
