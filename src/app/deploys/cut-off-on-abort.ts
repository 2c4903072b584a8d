/**
 * The same port, cut off by `signal`: once it is aborted every call rejects
 * with the signal's reason, and a call still waiting (a store whose
 * connection hangs) rejects at once instead of holding up whoever awaits it.
 * A call already sent may still take effect; nothing new is sent.
 */
export function cutOffOnAbort<T extends object>(port: T, signal: AbortSignal): T {
  return new Proxy(port, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        signal.throwIfAborted();
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? untilAborted(result, signal) : result;
      };
    },
  });
}

function untilAborted<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
