import type { ClusterPort } from '../../ports/cluster.port.js';

/** How many of the failed migration's last log lines a failure quotes. */
export const MIGRATION_LOG_LINES = 20;

export interface LogTail {
  lines: string[];
  /** Why there are no lines, when there are none to be had. */
  note?: string;
}

/** The last MIGRATION_LOG_LINES lines the pod's container wrote; an unreadable log is no lines and the reason. */
export async function logTail(cluster: ClusterPort, namespace: string, pod: string | undefined, container: string): Promise<LogTail> {
  if (pod === undefined) return { lines: [], note: 'no pod of the Job is left to read a log from' };
  try {
    const lines = await cluster.readPodLog(namespace, pod, { container, tailLines: MIGRATION_LOG_LINES });
    if (lines === undefined) return { lines: [], note: `pod "${pod}" is gone, and its log with it` };
    return { lines: lines.slice(-MIGRATION_LOG_LINES) };
  } catch (error) {
    return { lines: [], note: `the log of pod "${pod}" could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
