import { z } from 'zod';
import { regexProblem } from '../domain/verify/json-matcher.js';
import { parseJsonPath } from '../domain/verify/json-path.js';
import { findCycle, stepDependencies, usedVariables, variableProviders } from '../domain/verify/step-graph.js';
import { fillTemplate } from '../domain/verify/template-vars.js';

/*
 * The HTTP smoke tests /verify runs for an environment (SPEC §2). Secrets in
 * headers or bodies are written as ${ENV_VAR}: the config loader fills them
 * from the environment before this schema runs, so they never sit in the
 * file. {{var}} placeholders are filled at run time from login steps.
 */

export const SMOKE_TEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name (letters, digits, _)');
const PATH_MESSAGE = 'must be a dotted path such as data.items[0].id';
const jsonPath = z.string().refine((p) => parseJsonPath(p) !== undefined, { message: PATH_MESSAGE });
const statusCode = z.number({ error: 'must be an HTTP status code' }).int().min(100).max(599, { error: 'must be an HTTP status code (100-599)' });

/** An http(s) URL once its {{var}} placeholders are filled. */
const templatedUrl = z.string().refine(
  (url) => {
    try {
      return /^https?:$/.test(new URL(fillTemplate(url, () => 'x')).protocol);
    } catch {
      return false;
    }
  },
  { message: 'must be an http:// or https:// URL' },
);

const expectedValue = z.unknown().superRefine((value, ctx) => {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1) {
    const matches = (value as { matches?: unknown }).matches;
    if (typeof matches === 'string') {
      const problem = regexProblem(matches);
      if (problem) ctx.addIssue({ code: 'custom', path: ['matches'], message: `is not a valid regular expression (${problem})` });
    }
    const exists = (value as { exists?: unknown }).exists;
    if ('exists' in value && typeof exists !== 'boolean') ctx.addIssue({ code: 'custom', path: ['exists'], message: 'must be true or false' });
  }
});

const stepSchema = z.strictObject({
  name: z.string().min(1).max(80),
  method: z.enum(SMOKE_TEST_METHODS, { error: `must be one of ${SMOKE_TEST_METHODS.join(', ')}` }).default('GET'),
  url: templatedUrl,
  headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'), z.string()).optional(),
  /** Sent as JSON. */
  body: z.unknown().optional(),
  expect: z
    .strictObject({
      /** Any 2xx when left out. */
      status: z.union([statusCode, z.array(statusCode).min(1)]).optional(),
      /** Dotted path -> expected value, { exists: bool } or { matches: "regex" }. */
      json: z
        .record(z.string(), expectedValue)
        .superRefine((json, ctx) => {
          // Checked here rather than as the record's key schema, whose failure zod reports as "Invalid key in record".
          for (const path of Object.keys(json)) {
            if (!parseJsonPath(path)) ctx.addIssue({ code: 'custom', path: [path], message: PATH_MESSAGE });
          }
        })
        .optional(),
      latencyMs: z.number().int().positive().optional(),
    })
    .default({}),
  /** Reads a token from the JSON answer for later steps' {{as}}. */
  login: z.strictObject({ token: jsonPath, as: variableName.default('token') }).optional(),
  /** Steps that must pass first (a step using a login's {{var}} needs it without saying so). */
  needs: z.array(z.string().min(1)).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});

export const smokeTestsSchema = z.array(stepSchema).superRefine((steps, ctx) => {
  const names = steps.map((s) => s.name);
  const providers = variableProviders(steps);
  const known = [...providers.keys()];
  steps.forEach((step, i) => {
    const first = names.indexOf(step.name);
    if (first !== i) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${step.name}" is already the name of step [${first}]` });
    step.needs?.forEach((need, k) => {
      if (!names.includes(need)) {
        ctx.addIssue({ code: 'custom', path: [i, 'needs', k], message: `names no step (known: ${names.join(', ')})` });
      }
    });
    if (step.login) {
      const provider = providers.get(step.login.as);
      if (provider !== step.name) {
        ctx.addIssue({ code: 'custom', path: [i, 'login', 'as'], message: `{{${step.login.as}}} is already provided by step "${provider}"` });
      }
    }
    for (const variable of usedVariables(step)) {
      if (!providers.has(variable)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, keyUsing(step, variable)],
          message: `uses {{${variable}}}, which no login step provides (${known.length ? `known: ${known.join(', ')}` : 'add login: { token: <path>, as: ' + variable + ' } to a step'})`,
        });
      }
    }
  });
  const cycle = findCycle(stepDependencies(steps));
  if (cycle) {
    const at = names.indexOf(cycle[0]!);
    ctx.addIssue({ code: 'custom', path: [at, 'needs'], message: `steps wait on each other: ${cycle.join(' -> ')}` });
  }
});

function keyUsing(step: { url: string; headers?: Record<string, string> | undefined }, variable: string): string {
  if (usedVariables({ name: '', url: step.url }).includes(variable)) return 'url';
  if (usedVariables({ name: '', url: '', headers: step.headers ?? {} }).includes(variable)) return 'headers';
  return 'body';
}

export type SmokeTestStep = z.infer<typeof stepSchema>;
export type SmokeTestsConfig = z.infer<typeof smokeTestsSchema>;
