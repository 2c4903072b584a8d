/**
 * Replaces ${NAME} in every string of a parsed YAML document with the
 * environment variable NAME. An unset variable is an error naming the key,
 * never an empty string: a half-filled URL would fail far from its cause.
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: string[] = [],
  problems: string[] = [],
): { value: unknown; problems: string[] } {
  const walk = (v: unknown, p: string[]): unknown => {
    if (typeof v === 'string') {
      return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
        const found = env[name];
        if (found === undefined || found === '') {
          problems.push(`${formatPath(p)}: environment variable ${name} is not set`);
          return '';
        }
        return found;
      });
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...p, String(i)]));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, [...p, k])]));
    }
    return v;
  };
  return { value: walk(value, path), problems };
}

export function formatPath(path: readonly (string | number | symbol)[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, i) => (typeof part === 'number' || /^\d+$/.test(String(part)) ? `[${String(part)}]` : `${i ? '.' : ''}${String(part)}`))
    .join('');
}
