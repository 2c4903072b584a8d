/**
 * What a JSON expectation in the config means: `{ exists: bool }` and
 * `{ matches: "regex" }` are matchers; any other value is compared for
 * equality (so an expected object of exactly that shape cannot be written).
 */
export type JsonMatcher =
  | { kind: 'exists'; exists: boolean }
  | { kind: 'matches'; pattern: string }
  | { kind: 'equals'; value: unknown };

export function toJsonMatcher(expected: unknown): JsonMatcher {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    const keys = Object.keys(expected);
    const record = expected as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === 'exists' && typeof record.exists === 'boolean') return { kind: 'exists', exists: record.exists };
    if (keys.length === 1 && keys[0] === 'matches' && typeof record.matches === 'string') return { kind: 'matches', pattern: record.matches };
  }
  return { kind: 'equals', value: expected };
}

/** Undefined when `pattern` compiles as a JavaScript regular expression, else why not. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
