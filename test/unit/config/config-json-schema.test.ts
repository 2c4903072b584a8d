import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/config/config-json-schema.js';
import { renderConfigReference } from '../../../src/config/config-reference.js';
import { packageRoot } from '../../../src/package-root.js';

const examples = readdirSync(join(packageRoot(), 'examples')).filter((file) => file.endsWith('.yml'));
const exampleDocument = (file: string) => parse(readFileSync(join(packageRoot(), 'examples', file), 'utf8')) as Record<string, any>;
const validator = () => new Ajv2020({ strict: true, allErrors: true }).compile(configJsonSchema());

describe('the config JSON Schema, checked by a real validator (ajv, draft 2020-12, strict mode)', () => {
  it('compiles and accepts every example config', () => {
    // given
    const validate = validator();
    // when
    const verdicts = examples.map((file) => ({ file, valid: validate(exampleDocument(file)), errors: validate.errors ?? [] }));
    // then
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(verdicts).toEqual(examples.map((file) => ({ file, valid: true, errors: [] })));
  });

  it('rejects a misspelled key, naming where it is', () => {
    // given
    const document = exampleDocument('shipmate.yml');
    document.services.backend.helthUrl = document.services.backend.healthUrl;
    delete document.services.backend.healthUrl;
    const validate = validator();
    // when
    const valid = validate(document);
    // then
    expect(valid).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/services/backend', keyword: 'additionalProperties', params: { additionalProperty: 'helthUrl' } }),
    );
  });

  it('rejects a wrong type and a malformed value, and accepts a ${VAR} where a pattern applies', () => {
    // given
    const validate = validator();
    const wrongType = exampleDocument('shipmate.yml');
    wrongType.checks.timeoutMs = 'ten seconds';
    const badRegion = exampleDocument('shipmate.yml');
    badRegion.environments.staging.aws.region = 'Europe';
    const placeholder = exampleDocument('shipmate.yml');
    placeholder.environments.staging.aws.region = '${AWS_REGION}';
    // when / then
    expect(validate(wrongType)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/checks/timeoutMs', keyword: 'type' });
    expect(validate(badRegion)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/environments/staging/aws/region', keyword: 'pattern' });
    expect(validate(placeholder)).toBe(true);
  });

  it('shows defaults to editors and leaves defaulted keys optional', () => {
    // given / when
    const schema = configJsonSchema() as any;
    // then
    expect(schema.required).toEqual(['environments', 'services']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.checks.properties.timeoutMs).toMatchObject({ default: 10000, minimum: 100, maximum: 120000 });
    expect(schema.properties.store.default).toEqual({ url: 'sqlite:./data/shipmate.db' });
  });
});

describe('docs/configuration.md', () => {
  it('is what `npm run docs:config` generates from the schema today', () => {
    // given
    const committed = readFileSync(join(packageRoot(), 'docs', 'configuration.md'), 'utf8');
    // when
    const generated = renderConfigReference(configJsonSchema());
    // then: if this fails, run `npm run docs:config` and commit docs/configuration.md
    expect(committed).toBe(generated);
  });

  it('has a row for every key of the schema, with its default', () => {
    // given / when
    const reference = renderConfigReference(configJsonSchema());
    // then
    for (const key of ['defaultEnvironment', 'environments.<name>.freeze[].cron', 'services.<name>.ecr.platform', 'policy.deploy.<name>.approvers', 'store.url']) {
      expect(reference).toContain(`| \`${key}\` |`);
    }
    expect(reference).toMatch(/\| `checks\.timeoutMs` \| integer \| no \| `10000` \| ≥ 100, ≤ 120000 \|/);
  });
});
