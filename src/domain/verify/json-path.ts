/** One step of a dotted path: an object key or an array index. */
export type JsonPathSegment = string | number;

const SEGMENT = /^(?:([^.[\]]+)|\[(\d+)\])/;

/**
 * `a.b[0].c` -> ['a', 'b', 0, 'c']; `[1].id` reads an array at the top.
 * Undefined when the path is not of that form (empty keys, unclosed brackets).
 */
export function parseJsonPath(path: string): JsonPathSegment[] | undefined {
  const segments: JsonPathSegment[] = [];
  let rest = path;
  let expectKey = true;
  while (rest.length > 0) {
    if (!expectKey && rest.startsWith('.')) {
      rest = rest.slice(1);
      expectKey = true;
      if (rest.length === 0 || rest.startsWith('.') || rest.startsWith('[')) return undefined;
      continue;
    }
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    if (match[1] !== undefined) {
      if (!expectKey) return undefined;
      segments.push(match[1]);
    } else {
      segments.push(Number(match[2]));
    }
    rest = rest.slice(match[0].length);
    expectKey = false;
  }
  return segments.length > 0 ? segments : undefined;
}

/** The value at `path` in a parsed JSON document, or `found: false` when some step of it is missing. */
export function readJsonPath(document: unknown, path: readonly JsonPathSegment[]): { found: boolean; value?: unknown } {
  let current: unknown = document;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) {
        return { found: false };
      }
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
