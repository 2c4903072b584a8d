/**
 * Waits for a condition instead of sleeping: resolves as soon as `condition`
 * holds, fails naming `what` once `timeoutMs` has passed (a generous bound,
 * never an assertion about speed).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
