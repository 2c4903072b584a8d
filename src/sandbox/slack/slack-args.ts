import type { IncomingMessage } from 'node:http';
import { SlackApiError } from './slack-api-error.js';

/**
 * A Web API method's arguments, from the query string and a form-encoded or
 * JSON body. Form values are all strings (nested values such as `blocks`
 * arrive JSON-encoded), JSON values keep their types; the accessors accept both.
 */
export class SlackArgs {
  private constructor(private readonly values: Record<string, unknown>) {}

  static parse(req: IncomingMessage, body: Buffer): SlackArgs {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const text = body.toString('utf8');
    if (contentType === 'application/json') Object.assign(values, parseJsonObject(text));
    else Object.assign(values, Object.fromEntries(new URLSearchParams(text)));
    return new SlackArgs(values);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  boolean(name: string): boolean {
    const value = this.values[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  /** `blocks`: a JSON array, or a string holding one; anything else is invalid_blocks_format. */
  blocks(): unknown[] | undefined {
    const value = this.values.blocks;
    if (value === undefined || value === null) return undefined;
    const parsed = typeof value === 'string' ? parseJsonOrUndefined(value) : value;
    if (!Array.isArray(parsed)) throw new SlackApiError('invalid_blocks_format');
    return parsed;
  }
}

function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseJsonOrUndefined(text);
  if (parsed === undefined) throw new SlackApiError('invalid_json');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackApiError('json_not_object');
  return parsed as Record<string, unknown>;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
