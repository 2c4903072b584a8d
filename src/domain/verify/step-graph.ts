import { templateVars } from './template-vars.js';

/** The parts of a smoke-test step that decide what it waits for. */
export interface GraphStep {
  name: string;
  url: string;
  headers?: Record<string, string> | undefined;
  body?: unknown;
  login?: { as: string } | undefined;
  needs?: string[] | undefined;
}

/** Which step provides each variable (the login step that names it in `as`). */
export function variableProviders(steps: readonly GraphStep[]): Map<string, string> {
  const providers = new Map<string, string>();
  for (const step of steps) if (step.login && !providers.has(step.login.as)) providers.set(step.login.as, step.name);
  return providers;
}

export function usedVariables(step: GraphStep): string[] {
  return templateVars([step.url, step.headers ?? {}, step.body ?? null]);
}

/**
 * Per step, the steps that must finish first: those it names in `needs`, and
 * the login steps providing the variables it uses. Unknown names are dropped
 * here; the config schema reports them.
 */
export function stepDependencies(steps: readonly GraphStep[]): Map<string, string[]> {
  const names = new Set(steps.map((s) => s.name));
  const providers = variableProviders(steps);
  const graph = new Map<string, string[]>();
  for (const step of steps) {
    const needs = new Set<string>(step.needs ?? []);
    for (const variable of usedVariables(step)) {
      const provider = providers.get(variable);
      if (provider !== undefined) needs.add(provider);
    }
    graph.set(step.name, [...needs].filter((n) => names.has(n)));
  }
  return graph;
}

/** The names of one dependency cycle (first name repeated at the end), or undefined when there is none. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, 'visiting');
    trail.push(name);
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of graph.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}
