/** A port whose every member is an async method, so a call can wait for the adapter to load. */
type AsyncPort<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * A port that loads its adapter on the first call, not before: an idle bot
 * does not hold SDKs (and their generated API code) that no command has
 * needed yet. `methods` names every member of the port (the compiler checks
 * the list is complete). A failed load fails that call and is tried again on
 * the next one.
 */
export function lazyPort<T extends AsyncPort<T>>(load: () => Promise<T>, methods: Record<keyof T, true>): T {
  let loading: Promise<T> | undefined;
  const adapter = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const port: Partial<Record<keyof T, unknown>> = {};
  for (const name of Object.keys(methods) as (keyof T)[]) {
    port[name] = async (...args: unknown[]) => {
      const real = await adapter();
      return (real[name] as unknown as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return port as T;
}
