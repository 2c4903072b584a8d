import { isDeepStrictEqual } from 'node:util';
import type { SmokeTestStep } from '../../config/smoke-tests-schema.js';
import { toJsonMatcher } from './json-matcher.js';
import { parseJsonPath, readJsonPath } from './json-path.js';

const SHOWN_VALUE_MAX = 80;

/** What the step's `expect` finds wrong with a response that arrived, most telling first. */
export function checkResponse(
  expect: SmokeTestStep['expect'],
  response: { status: number; body: string; latencyMs: number },
): string[] {
  const problems: string[] = [];
  const statusProblem = checkStatus(expect.status, response.status);
  if (statusProblem) problems.push(statusProblem);
  // A wrong status usually means an error page: its fields say nothing about the expectations.
  else if (expect.json && Object.keys(expect.json).length > 0) problems.push(...checkJson(expect.json, response.body));
  if (expect.latencyMs !== undefined && response.latencyMs > expect.latencyMs) {
    problems.push(`took ${response.latencyMs} ms, budget ${expect.latencyMs} ms`);
  }
  return problems;
}

export function checkStatus(expected: number | number[] | undefined, status: number): string | undefined {
  if (expected === undefined) return status >= 200 && status < 300 ? undefined : `status ${status}, expected 2xx`;
  const allowed = Array.isArray(expected) ? expected : [expected];
  return allowed.includes(status) ? undefined : `status ${status}, expected ${allowed.join(' or ')}`;
}

function checkJson(expectations: Record<string, unknown>, body: string): string[] {
  const document = parseJson(body);
  if (!document.ok) return [`body is not JSON (${shorten(body.trim()) || 'empty'})`];
  const problems: string[] = [];
  for (const [path, expected] of Object.entries(expectations)) {
    const segments = parseJsonPath(path);
    if (!segments) {
      problems.push(`${path}: not a dotted path`);
      continue;
    }
    const { found, value } = readJsonPath(document.value, segments);
    const problem = checkValue(path, expected, found, value);
    if (problem) problems.push(problem);
  }
  return problems;
}

function checkValue(path: string, expected: unknown, found: boolean, value: unknown): string | undefined {
  const matcher = toJsonMatcher(expected);
  switch (matcher.kind) {
    case 'exists':
      if (matcher.exists && !found) return `${path} is missing`;
      if (!matcher.exists && found) return `${path} is present (${show(value)}), expected absent`;
      return undefined;
    case 'matches': {
      if (!found) return `${path} is missing, expected to match /${matcher.pattern}/`;
      const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
      if (text !== undefined && new RegExp(matcher.pattern, 'u').test(text)) return undefined;
      return `${path} is ${show(value)}, expected to match /${matcher.pattern}/`;
    }
    case 'equals':
      if (!found) return `${path} is missing, expected ${show(matcher.value)}`;
      return isDeepStrictEqual(value, matcher.value) ? undefined : `${path} is ${show(value)}, expected ${show(matcher.value)}`;
  }
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

function show(value: unknown): string {
  return shorten(JSON.stringify(value) ?? String(value));
}

function shorten(text: string): string {
  return text.length > SHOWN_VALUE_MAX ? `${text.slice(0, SHOWN_VALUE_MAX - 1)}…` : text;
}
