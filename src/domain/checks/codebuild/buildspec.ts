import { parse } from 'yaml';

export type Buildspec =
  | { kind: 'inline'; text: string; commands: string[] }
  /** A path in the source repository (buildspec.yml at its root when the project names none). */
  | { kind: 'file'; path: string };

const DEFAULT_PATH = 'buildspec.yml';

/**
 * What a project's buildspec field holds: inline YAML with `phases`, or the path
 * of a file in the source. `commands` are every phases.*.commands and
 * phases.*.finally entry in order; a buildspec that is not valid YAML but still
 * has a `phases:` key is read line by line instead.
 */
export function readBuildspec(buildspec: string | undefined): Buildspec {
  const text = buildspec?.trim() ?? '';
  if (text === '') return { kind: 'file', path: DEFAULT_PATH };
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    if (/^\s*phases\s*:/m.test(text)) return { kind: 'inline', text, commands: text.split('\n').map((line) => line.trim()) };
    return { kind: 'file', path: text };
  }
  if (!isRecord(document) || !('phases' in document)) return { kind: 'file', path: text };
  return { kind: 'inline', text, commands: commandsOf(document['phases']) };
}

function commandsOf(phases: unknown): string[] {
  if (!isRecord(phases)) return [];
  return Object.values(phases).flatMap((phase) => {
    if (!isRecord(phase)) return [];
    return [...stringsOf(phase['commands']), ...stringsOf(phase['finally'])];
  });
}

function stringsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number').map(String);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
