import type { SmokeTestStep } from '../../config/smoke-tests-schema.js';
import type { HttpClientPort } from '../../ports/http-client.port.js';
import { checkResponse, parseJson } from './check-response.js';
import { readJsonPath, parseJsonPath } from './json-path.js';
import type { SecretRedactor } from './secret-redactor.js';
import { REDACTED, type SmokeTestResult } from './smoke-test-result.js';
import { fillJson, fillTemplate } from './template-vars.js';

export interface StepRun {
  result: SmokeTestResult;
  /** The variable a passing login step provides. */
  provided?: { name: string; value: string };
}

/**
 * Sends one step's request with its placeholders filled from `vars` and
 * judges the answer. Every text that leaves here goes through `redactor`,
 * which learns the step's credentials and the token it reads first.
 */
export async function runStep(step: SmokeTestStep, vars: ReadonlyMap<string, string>, http: HttpClientPort, redactor: SecretRedactor): Promise<StepRun> {
  const fill = (name: string): string => vars.get(name) ?? '';
  const headers = requestHeaders(step, fill);
  redactor.addCredentialHeaders(headers);
  const body = step.body === undefined || step.method === 'HEAD' ? undefined : JSON.stringify(fillJson(step.body, fill));
  if (body !== undefined && !hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';

  const response = await http.request({
    method: step.method,
    url: fillTemplate(step.url, fill),
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: step.timeoutMs,
  });
  const base = {
    name: step.name,
    method: step.method,
    url: redactor.redact(fillTemplate(step.url, () => REDACTED)),
    latencyMs: response.latencyMs,
    ...(step.expect.latencyMs !== undefined ? { latencyBudgetMs: step.expect.latencyMs } : {}),
  };
  if (response.status === undefined) {
    return { result: { ...base, outcome: 'error', problems: [redactor.redact(response.error ?? 'no response')] } };
  }
  const status = response.status;
  const problems = checkResponse(step.expect, { status, body: response.body, latencyMs: response.latencyMs });
  let provided: StepRun['provided'];
  if (step.login && problems.length === 0) {
    const token = readToken(response.body, step.login.token);
    if (typeof token === 'string') {
      redactor.add(token);
      provided = { name: step.login.as, value: token };
    } else {
      problems.push(token.problem);
    }
  }
  const result: SmokeTestResult = { ...base, status, outcome: problems.length ? 'fail' : 'pass', problems: problems.map((p) => redactor.redact(p)) };
  return provided ? { result, provided } : { result };
}

function requestHeaders(step: SmokeTestStep, fill: (name: string) => string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json, */*', 'user-agent': 'shipmate-verify' };
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = fillTemplate(value, fill);
  }
  return headers;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

function readToken(body: string, path: string): string | { problem: string } {
  const document = parseJson(body);
  const segments = parseJsonPath(path);
  if (!document.ok || !segments) return { problem: `login: no token at ${path} (body is not JSON)` };
  const { found, value } = readJsonPath(document.value, segments);
  if (!found) return { problem: `login: no token at ${path}` };
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '') return { problem: `login: the token at ${path} is not a non-empty string` };
  return value;
}
