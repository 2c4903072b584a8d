import { Watch, type KubeConfig } from '@kubernetes/client-node';

export interface ListedObjects<T> {
  items: T[];
  resourceVersion: string;
}

export interface ListWatchOptions<T> {
  kubeConfig: KubeConfig;
  /** The collection's path, e.g. /apis/apps/v1/namespaces/NS/deployments. */
  path: string;
  /** labelSelector / fieldSelector, the same for the list and the watch. */
  selectors: { labelSelector?: string; fieldSelector?: string };
  list(): Promise<ListedObjects<T>>;
  /** The whole current set: after each (re-)list. */
  onList(items: T[]): void;
  /** One change; `object` is the raw JSON of the watch event. */
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: unknown): void;
  /** A failure that persisted through `failuresBeforeReport` attempts in a row. */
  onError(error: Error): void;
  failuresBeforeReport?: number;
}

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
/** The API server ends a watch after this; the loop then resumes from the last resourceVersion it saw. */
const WATCH_TIMEOUT_SECONDS = 300;

/**
 * The informer pattern of client-go, reduced: list, then watch from the
 * list's resourceVersion; when the watch ends, resume it from the last
 * resourceVersion seen; on 410 Gone (or any failure) list again, with a
 * growing backoff. Runs until the returned function is called; a failure
 * of the very first list is thrown instead.
 */
export async function listAndWatch<T>(options: ListWatchOptions<T>): Promise<() => void> {
  const watch = new Watch(options.kubeConfig);
  const failuresBeforeReport = options.failuresBeforeReport ?? 3;
  let stopped = false;
  let current: AbortController | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let backoff = FIRST_BACKOFF_MS;

  const fail = (error: Error) => {
    if (stopped) return;
    failures += 1;
    if (failures === failuresBeforeReport) options.onError(error);
    retry = setTimeout(() => void relist(), backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const relist = async () => {
    if (stopped) return;
    let listed: ListedObjects<T>;
    try {
      listed = await options.list();
    } catch (error) {
      return fail(error as Error);
    }
    if (stopped) return;
    options.onList(listed.items);
    await startWatch(listed.resourceVersion);
  };

  const startWatch = async (resourceVersion: string) => {
    let lastVersion = resourceVersion;
    let expired = false;
    const onEvent = (type: string, object: unknown) => {
      if (stopped) return;
      const version = (object as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
      if (type === 'ERROR') {
        // A Status: 410 Expired / Gone means the resourceVersion was compacted; anything else ends this watch too.
        expired = true;
        return;
      }
      if (version) lastVersion = version;
      if (type === 'BOOKMARK') return;
      failures = 0;
      backoff = FIRST_BACKOFF_MS;
      if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') options.onEvent(type, object);
    };
    const onDone = (error: unknown) => {
      if (stopped) return;
      if (error) return fail(error instanceof Error ? error : new Error(String(error)));
      if (expired) return void relist();
      // A clean end (timeoutSeconds, or the server closed the stream): resume where it was.
      void startWatch(lastVersion).catch((e: unknown) => fail(e as Error));
    };
    try {
      current = await watch.watch(
        options.path,
        { ...options.selectors, resourceVersion: lastVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_SECONDS },
        onEvent,
        onDone,
      );
      if (stopped) current.abort();
    } catch (error) {
      fail(error as Error);
    }
  };

  // The first list is the caller's: its failure (403, unreachable) is thrown, not retried.
  const first = await options.list();
  options.onList(first.items);
  await startWatch(first.resourceVersion);
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    current?.abort();
  };
}
