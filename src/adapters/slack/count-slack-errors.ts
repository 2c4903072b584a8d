import type { FetchFunction } from '@slack/web-api';
import type { MetricsPort } from '../../ports/metrics.port.js';

/** Slack's error codes are short snake_case words; anything else would make an unbounded label. */
const ERROR_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A `fetch` for WebClient's `fetch` option (and Bolt's `clientOptions.fetch`)
 * that counts every error Slack answers through `metrics.slackApiError`, by
 * method and error code: `ok: false` answers by their `error` (not_in_channel,
 * invalid_blocks…), HTTP 429 as `ratelimited` (each attempt WebClient makes),
 * other HTTP failures as `http_<status>`, requests that got no answer as
 * `request_failed`. Posts to a response_url (Bolt's `respond()` goes through
 * the same fetch) are counted under the method `response_url`.
 *
 * The transport is the one place every Slack call passes: Bolt copies
 * clientOptions into app.client, into each per-request client it creates, into
 * Socket Mode's client and into `respond()`, whereas `apiCall` is bound per
 * instance at construction and WebClient emits an event only for 429s.
 * Responses reach the caller untouched (the body is read from a clone), and
 * errors are thrown exactly as before.
 */
export function countSlackErrors(metrics: MetricsPort, fetchFn: typeof fetch = globalThis.fetch): FetchFunction {
  const count = (method: string, error: string) => {
    try {
      metrics.slackApiError(method, error);
    } catch {
      // Counting must never change what the caller sees.
    }
  };
  return async (url, init) => {
    const method = methodOf(url);
    let response: Response;
    try {
      response = await fetchFn(url, init);
    } catch (error) {
      count(method, 'request_failed');
      throw error;
    }
    const error = await errorOf(response, method === 'response_url');
    if (error !== undefined) count(method, error);
    return response;
  };
}

/** A Web API URL ends in the method (`…/api/chat.postMessage`); anything else is a response_url. */
function methodOf(url: string | URL): string {
  const last = (URL.canParse(String(url)) ? new URL(url).pathname : '').split('/').filter(Boolean).at(-1) ?? '';
  return /^[a-z]+(?:\.[a-zA-Z]+)+$/.test(last) ? last : 'response_url';
}

/**
 * The error code of an answer, or undefined for a success; a body that cannot
 * be read is left to the caller. Only response_url answers are plain text, so
 * only theirs are read as a reason (a proxy's error page must not become a label).
 */
async function errorOf(response: Response, plainTextReasons: boolean): Promise<string | undefined> {
  if (response.status === 429) return 'ratelimited';
  const failed = response.status < 200 || response.status > 299;
  if (typeof response.clone !== 'function') return failed ? `http_${response.status}` : undefined;
  try {
    const text = await response.clone().text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    const code = json ? jsonErrorOf(text) : failed && plainTextReasons ? textReasonOf(text) : undefined;
    return code ?? (failed ? `http_${response.status}` : undefined);
  } catch {
    return failed ? `http_${response.status}` : undefined;
  }
}

/** `{"ok":false,"error":"not_in_channel"}` → not_in_channel. */
function jsonErrorOf(text: string): string | undefined {
  const body = JSON.parse(text) as { ok?: unknown; error?: unknown } | null;
  if (body === null || typeof body !== 'object' || body.ok !== false) return undefined;
  return typeof body.error === 'string' && ERROR_CODE.test(body.error) ? body.error : 'unknown_error';
}

/** response_url answers are plain text (`Expired url`, `used_url`, `invalid_blocks`); short reasons become codes, anything else is not a label. */
function textReasonOf(text: string): string | undefined {
  const reason = text.trim().toLowerCase().replace(/\s+/g, '_');
  return ERROR_CODE.test(reason) ? reason : undefined;
}
