import { z } from 'zod';
import { configSchema } from './schema.js';

/** A ${VAR} the loader fills from the environment: a patterned string may hold one instead of its final value. */
export const ENV_PLACEHOLDER = '\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}';

type JsonSchemaNode = { [key: string]: unknown };

/**
 * The config file's JSON Schema (draft 2020-12), generated from the zod
 * schema, for editors (yaml-language-server) and `shipmate config schema`.
 * It describes what is written in the file (`io: 'input'`: defaults shown,
 * defaulted keys optional) and refuses unknown keys as the loader does.
 * Cross-references, cron expressions and time zones are refinements JSON
 * Schema cannot express: `shipmate config validate` checks those.
 */
export function configJsonSchema(): JsonSchemaNode {
  const generated = z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const schema = acceptPlaceholders(structuredClone(generated) as JsonSchemaNode);
  requireRuntimeBlock(schema);
  requireWorkloadName(schema);
  return { ...schema, $id: 'https://shipmate.invalid/shipmate.schema.json', title: 'shipmate configuration (shipmate.yml)' };
}

/**
 * A service's runtime decides its block (service-schema.ts): runtime: ecs
 * needs `ecs` and refuses `kubernetes`; otherwise (kubernetes, the default)
 * the reverse. zod checks it in a refinement, which JSON Schema says so.
 */
function requireRuntimeBlock(schema: JsonSchemaNode): void {
  const services = (schema.properties as Record<string, JsonSchemaNode>).services!;
  Object.assign(services.additionalProperties as JsonSchemaNode, {
    if: { properties: { runtime: { const: 'ecs' } }, required: ['runtime'] },
    then: { required: ['ecs'], properties: { ecs: true, kubernetes: false } },
    else: { required: ['kubernetes'], properties: { kubernetes: true, ecs: false } },
  });
}

/**
 * A Kubernetes block's kind decides the key naming its workload
 * (service-schema.ts): kind: Rollout needs `rollout` and refuses
 * `deployment`; otherwise (Deployment, the default) the reverse.
 */
function requireWorkloadName(schema: JsonSchemaNode): void {
  const services = (schema.properties as Record<string, JsonSchemaNode>).services!;
  const kubernetes = ((services.additionalProperties as JsonSchemaNode).properties as Record<string, JsonSchemaNode>).kubernetes!;
  Object.assign(kubernetes, {
    if: { properties: { kind: { const: 'Rollout' } }, required: ['kind'] },
    then: { required: ['rollout'], properties: { rollout: true, deployment: false } },
    else: { required: ['deployment'], properties: { deployment: true, rollout: false } },
  });
}

/**
 * String values may be written as ${VAR} (filled at load time), and URLs
 * carry {environment}, which is not RFC 3986: so a patterned value also
 * accepts a ${VAR}, and URLs are plain strings. Keys are never interpolated.
 */
function acceptPlaceholders(node: JsonSchemaNode, isKey = false): JsonSchemaNode {
  if (node.format === 'uri') delete node.format;
  if (typeof node.pattern === 'string' && !isKey) node.pattern = `${ENV_PLACEHOLDER}|${node.pattern}`;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'default' || key === 'enum' || key === 'const') continue;
    const children = Array.isArray(child) ? child : [child];
    for (const c of children) if (c && typeof c === 'object') acceptPlaceholders(c as JsonSchemaNode, key === 'propertyNames');
  }
  return node;
}
