/** The worlds of the playground's scenario picker, each a scenario file under scenarios/. */
export const PLAYGROUND_SCENARIOS = [
  { id: 'healthy', label: 'Healthy', scenario: 'playground' },
  { id: 'broken', label: 'Broken environment', scenario: 'playground-broken' },
  { id: 'crash', label: 'Crash-looping release', scenario: 'playground-crash' },
  { id: 'frozen', label: 'Frozen environment', scenario: 'playground-frozen' },
] as const;

export type PlaygroundScenarioId = (typeof PLAYGROUND_SCENARIOS)[number]['id'];

/** The people of the user switcher: someone who asks, someone who may approve, and someone the policy leaves out. */
export const PLAYGROUND_USERS = [
  { id: 'U0ALICE', label: 'alice (requester)' },
  { id: 'U0BOB', label: 'bob (approver)' },
  { id: 'U0DAVE', label: 'dave (outside the policy)' },
] as const;

/** The channel the page shows. */
export const PLAYGROUND_CHANNEL = { id: 'C0RELEASES', name: 'releases' } as const;

export function isPlaygroundScenario(id: unknown): id is PlaygroundScenarioId {
  return PLAYGROUND_SCENARIOS.some((s) => s.id === id);
}

export function isPlaygroundUser(id: unknown): id is string {
  return PLAYGROUND_USERS.some((u) => u.id === id);
}
