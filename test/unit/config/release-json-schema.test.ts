import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/config/config-json-schema.js';
import { renderConfigReference } from '../../../src/config/config-reference.js';
import { packageRoot } from '../../../src/package-root.js';

const example = () => parse(readFileSync(join(packageRoot(), 'examples', 'shipmate.yml'), 'utf8')) as Record<string, any>;
const validator = () => new Ajv2020({ strict: true, allErrors: true }).compile(configJsonSchema());

function withStages(stages: unknown[]): Record<string, any> {
  const document = example();
  document.environments.staging.releases.stages = stages;
  return document;
}

describe('releases.stages in the config JSON Schema (ajv, draft 2020-12, strict mode)', () => {
  it('accepts the example release of every stage type', () => {
    // given
    const document = example();
    const validate = validator();
    // when
    const valid = validate(document);
    // then
    expect(document.environments.staging.releases.stages.map((stage: object) => Object.keys(stage)[0])).toEqual([
      'build',
      'snapshot',
      'migrate',
      'deploy',
      'verify',
      'deploy',
      'verify',
    ]);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    ['an unknown stage type', [{ deplyo: ['backend'] }], '/environments/staging/releases/stages/0', 'additionalProperties'],
    ['two stage types in one item', [{ build: ['backend'], deploy: ['backend'] }], '/environments/staging/releases/stages/0', 'maxProperties'],
    ['an empty stage', [{}], '/environments/staging/releases/stages/0', 'minProperties'],
    ['a snapshot of both an instance and a cluster', [{ snapshot: { rdsInstance: 'a', rdsCluster: 'b' } }], '/environments/staging/releases/stages/0/snapshot', 'maxProperties'],
    ['a bad RDS identifier', [{ snapshot: { rdsInstance: 'shop--db' } }], '/environments/staging/releases/stages/0/snapshot/rdsInstance', 'pattern'],
    ['a command written as one string', [{ migrate: { service: 'backend', command: 'alembic upgrade head' } }], '/environments/staging/releases/stages/0/migrate/command', 'type'],
    ['a timeout over a day', [{ migrate: { service: 'backend', command: ['true'], timeoutMinutes: 1441 } }], '/environments/staging/releases/stages/0/migrate/timeoutMinutes', 'maximum'],
    ['no stages', [], '/environments/staging/releases/stages', 'minItems'],
  ])('refuses %s where it is', (_, stages, instancePath, keyword) => {
    // given
    const validate = validator();
    // when
    const valid = validate(withStages(stages));
    // then
    expect(valid).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath, keyword }));
  });

  it('documents every stage key in docs/configuration.md, with the migration time limit', () => {
    // given / when
    const reference = renderConfigReference(configJsonSchema());
    // then
    for (const key of ['build', 'snapshot.rdsInstance', 'snapshot.rdsCluster', 'migrate.service', 'migrate.command', 'deploy', 'verify']) {
      expect(reference).toContain(`| \`environments.<name>.releases.stages[].${key}\` |`);
    }
    expect(reference).toContain('| `environments.<name>.releases.stages[].migrate.timeoutMinutes` | integer | no | `30` | ≥ 1, ≤ 1440 |');
  });
});
