import { ENV_PLACEHOLDER } from './config-json-schema.js';

type Node = { [key: string]: unknown };

interface Row {
  key: string;
  type: string;
  /** true, false, or when it is required (a condition of the object's if/then/else). */
  required: boolean | string;
  default?: unknown;
  rule: string;
}

const SECTIONS: Record<string, string> = {
  defaultEnvironment: 'The environment commands use when none is given.',
  environments:
    'One entry per environment (a lowercase DNS label): its AWS account, Kubernetes cluster and namespace, the ECS cluster of its ECS services (`ecs.cluster`: required when one of them names no cluster of its own), freeze windows, smoke tests and digest.',
  services:
    'One entry per service: its CodeBuild project, ECR repository and health URL, and where it runs: `runtime: kubernetes` (the default) with a `kubernetes` block naming its Deployment (`deployment:`) or, with `kind: Rollout`, its Argo Rollouts canary (`rollout:`), or `runtime: ecs` with an `ecs` block naming its ECS service (and container and cluster when they differ from the service key and the environment\'s `ecs.cluster`). A service has the block of its runtime and not the other.',
  checks: 'How the readiness checks run and how strict they are.',
  policy: 'Who may request and approve each action, per environment name or "*" (SPEC §4).',
  http: 'Outgoing HTTPS (health checks, smoke tests).',
  store: 'Where approvals, locks and runs are kept: SQLite for one replica, PostgreSQL for several.',
  prometheus:
    'The Prometheus HTTP API that metric guards (`services.<name>.guards`) are evaluated against; `environments.<name>.prometheus.url` replaces the URL in one environment. A guard\'s query may hold `{environment}`, `{namespace}` and `{service}`, filled per environment. After a rollout each guard is evaluated every `intervalSeconds` until its `window` has passed: a breach rolls back and locks like a failed rollout; no data or an unreachable Prometheus leaves the deploy unguarded (said so in the thread), never passed.',
};

/**
 * docs/configuration.md, rendered from the config's JSON Schema (scripts/config-docs.ts
 * writes it; a test keeps it in step). One table per top-level key, one row per key.
 */
export function renderConfigReference(schema: Node): string {
  const properties = (schema.properties ?? {}) as Record<string, Node>;
  const required = new Set((schema.required ?? []) as string[]);
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from the zod schema by `npm run docs:config` (scripts/config-docs.ts); do not edit by hand. -->',
    '',
    'shipmate reads one YAML file: `--config PATH`, else `$SHIPMATE_CONFIG`, else `./shipmate.yml`',
    '(see [examples/shipmate.yml](../examples/shipmate.yml)). Unknown keys are errors. Any string',
    'value may be written as `${VAR}`, filled from the environment when the file is loaded (keep',
    'secrets there, never in the file). `<name>` stands for a key you choose, `[]` for a list item.',
    '',
    'Check a file without credentials or a cluster with `shipmate config validate [--config PATH]`',
    '(exit 0 valid, 2 invalid, one line per problem); print this schema as JSON Schema for editors',
    'with `shipmate config schema > shipmate.schema.json`. Beyond what the tables say, validation',
    'checks cross-references (environment and service names), cron expressions and time zones.',
    '',
  ];
  for (const [name, node] of Object.entries(properties)) {
    lines.push(`## \`${name}\`${required.has(name) ? ' (required)' : ''}`, '');
    if (SECTIONS[name]) lines.push(SECTIONS[name], '');
    lines.push('| key | type | required | default | accepts |', '|---|---|---|---|---|');
    for (const row of rowsOf(name, node, required.has(name))) {
      const fallback = row.default === undefined ? '' : `\`${JSON.stringify(row.default)}\``;
      lines.push(`| \`${row.key}\` | ${row.type} | ${typeof row.required === 'string' ? row.required : row.required ? 'yes' : 'no'} | ${cell(fallback)} | ${cell(row.rule)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function rowsOf(key: string, node: Node, required: boolean | string): Row[] {
  const rows: Row[] = [{ key, type: typeOf(node), required, ...('default' in node ? { default: node.default } : {}), rule: ruleOf(node) }];
  const objectLike = [node, ...((node.anyOf ?? []) as Node[])].find((n) => n.type === 'object' || n.type === 'array');
  if (!objectLike) return rows;
  if (objectLike.type === 'array') {
    const items = objectLike.items as Node | undefined;
    if (items?.type === 'object') rows.push(...childRows(`${key}[]`, items));
    return rows;
  }
  rows.push(...childRows(key, objectLike));
  const values = objectLike.additionalProperties;
  if (values && typeof values === 'object' && !objectLike.properties) {
    const value = values as Node;
    if (value.type === 'object' || value.type === 'array') rows.push(...rowsOf(`${key}.<name>`, value, false).slice(1));
  }
  return rows;
}

function childRows(prefix: string, node: Node): Row[] {
  const properties = (node.properties ?? {}) as Record<string, Node>;
  const required = new Set((node.required ?? []) as string[]);
  const conditional = conditionallyRequired(node);
  return Object.entries(properties).flatMap(([name, child]) =>
    rowsOf(`${prefix}.${name}`, child, required.has(name) || (conditional.get(name) ?? false)),
  );
}

/** Keys an object's `if: { properties: { K: { const: V } } }` requires in `then` ("if K is V") or in `else` ("unless K is V"). */
function conditionallyRequired(node: Node): Map<string, string> {
  const found = new Map<string, string>();
  const condition = Object.entries(((node.if as Node | undefined)?.properties ?? {}) as Record<string, Node>)[0];
  if (!condition || !('const' in condition[1])) return found;
  const is = `${condition[0]} is ${String(condition[1].const)}`;
  for (const name of ((node.then as Node | undefined)?.required ?? []) as string[]) found.set(name, `if ${is}`);
  for (const name of ((node.else as Node | undefined)?.required ?? []) as string[]) found.set(name, `unless ${is}`);
  return found;
}

function typeOf(node: Node): string {
  if (Array.isArray(node.anyOf)) return (node.anyOf as Node[]).map(typeOf).join(' or ');
  if (node.type === 'array') return `list of ${typeOf((node.items ?? {}) as Node)}`;
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') {
    const values = node.additionalProperties as Node;
    return Object.keys(values).length === 0 ? 'map' : `map of ${typeOf(values)}`;
  }
  if (typeof node.type === 'string') return node.type;
  return 'any';
}

function ruleOf(node: Node): string {
  const parts: string[] = [];
  if (Array.isArray(node.enum)) parts.push((node.enum as unknown[]).map((v) => `\`${String(v)}\``).join(', '));
  if (typeof node.pattern === 'string') parts.push(`matches ${code(node.pattern.replace(`${ENV_PLACEHOLDER}|`, ''))}`);
  const keys = (node.propertyNames as Node | undefined)?.pattern;
  if (typeof keys === 'string') parts.push(`keys match ${code(keys)}`);
  const range = [
    node.minimum !== undefined ? `≥ ${String(node.minimum)}` : node.exclusiveMinimum !== undefined ? `> ${String(node.exclusiveMinimum)}` : '',
    node.maximum !== undefined && node.maximum !== Number.MAX_SAFE_INTEGER ? `≤ ${String(node.maximum)}` : '',
  ].filter(Boolean);
  if (range.length) parts.push(range.join(', '));
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    parts.push(`length ${node.minLength ?? 0}${node.maxLength !== undefined ? `–${String(node.maxLength)}` : '+'}`);
  }
  if (node.minItems !== undefined) parts.push(`at least ${String(node.minItems)} item${node.minItems === 1 ? '' : 's'}`);
  if (Array.isArray(node.anyOf)) parts.push(...(node.anyOf as Node[]).map(ruleOf).filter(Boolean));
  if (node.type === 'array' && node.items) {
    const item = ruleOf(node.items as Node);
    if (item && (node.items as Node).type !== 'object') parts.push(`each ${item}`);
  }
  return parts.join('; ');
}

/** A Markdown code span, fenced with two backticks when the text holds one. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A Markdown table cell: its pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
