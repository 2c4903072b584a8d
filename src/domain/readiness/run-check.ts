import { PortError } from '../../ports/port-error.js';
import type { Check, CheckContext, Severity } from '../checks/check.js';
import type { CheckResult } from './report.js';

export class CheckTimeoutError extends Error {
  constructor(ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/** Runs one check; whatever it throws or however long it hangs, a result comes back. */
export async function runCheck(
  check: Check,
  context: Omit<CheckContext, 'signal'>,
  severity: Severity,
  timeoutMs: number,
  now: () => number = performance.now.bind(performance),
): Promise<CheckResult> {
  const started = now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  const base = { id: check.id, service: context.target.service, title: check.title, severity };
  try {
    const outcome = await Promise.race([check.run({ ...context, signal: controller.signal }), timeout]);
    const status = outcome.status === 'fail' && severity === 'warn' ? 'warn' : outcome.status;
    return { ...base, ...outcome, status, durationMs: Math.round(now() - started) };
  } catch (error) {
    return { ...base, status: 'error', finding: describeError(error), fix: fixFor(error), durationMs: Math.round(now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  if (error instanceof PortError || error instanceof CheckTimeoutError) return error.message;
  if (error instanceof Error) return `${error.name}: ${firstLine(error.message)}`;
  return `unexpected failure: ${firstLine(String(error))}`;
}

function fixFor(error: unknown): string {
  if (!(error instanceof PortError)) return '';
  switch (error.code) {
    case 'forbidden':
      return 'grant the permission named above to the identity shipmate runs as (README: "Permissions")';
    case 'unauthorized':
      return 'check the credentials shipmate runs with (AWS provider chain, kubeconfig user)';
    case 'unreachable':
      return 'check the endpoint, the network path and that the service is up';
    case 'throttled':
      return 'run again in a minute; lower check concurrency if it persists';
    default:
      return '';
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 300);
}
