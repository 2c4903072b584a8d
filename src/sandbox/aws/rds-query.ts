import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const RDS_API_VERSION = '2014-10-31';
const RDS_XMLNS = `http://rds.amazonaws.com/doc/${RDS_API_VERSION}/`;

/**
 * An error answered in RDS's Query-protocol shape: `<ErrorResponse><Error>` with
 * the wire code of the API reference (DBInstanceNotFound, not the SDK's
 * DBInstanceNotFoundFault) and the status the model gives it.
 */
export class RdsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** `Receiver` for the service's own failures, `Sender` for the caller's. */
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

/** The form-encoded parameters of one Query call, read the way RDS checks them. */
export class RdsInput {
  constructor(private readonly params: URLSearchParams) {}

  static parse(body: Buffer): RdsInput {
    return new RdsInput(new URLSearchParams(body.toString('utf8')));
  }

  get action(): string | undefined {
    return this.params.get('Action') ?? undefined;
  }

  get version(): string | undefined {
    return this.params.get('Version') ?? undefined;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new RdsError('MissingParameter', `The request must contain the parameter ${name}`);
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' ? undefined : value;
  }

  /** MaxRecords: 20 to 100, 100 when left out, as every RDS Describe call takes it. */
  maxRecords(): number {
    const text = this.optional('MaxRecords');
    if (text === undefined) return 100;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 20 || value > 100) {
      throw new RdsError('InvalidParameterValue', `Invalid value ${text} for MaxRecords. Must be between 20 and 100`);
    }
    return value;
  }

  /** Whether any parameter of a list such as `Filters.Filter.1.Name` was sent. */
  has(prefix: string): boolean {
    return [...this.params.keys()].some((key) => key.startsWith(`${prefix}.`));
  }
}

/** An element of a Query response: text, a nested structure, or a list of members named `member`. */
export type XmlValue = string | number | boolean | Date | XmlFields | XmlList | undefined;
export interface XmlFields {
  [name: string]: XmlValue;
}
export interface XmlList {
  member: string;
  items: XmlValue[];
}

export const xmlList = (member: string, items: XmlValue[]): XmlList => ({ member, items });

export function sendRdsResult(res: ServerResponse, action: string, result: XmlFields): void {
  const requestId = randomUUID();
  const body =
    `<${action}Response xmlns="${RDS_XMLNS}">` +
    `<${action}Result>${fieldsXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  send(res, 200, body, requestId);
}

export function sendRdsError(res: ServerResponse, error: RdsError): void {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${RDS_XMLNS}">` +
    `<Error><Type>${error.type}</Type><Code>${escape(error.code)}</Code><Message>${escape(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`;
  send(res, error.status, body, requestId);
}

function send(res: ServerResponse, status: number, body: string, requestId: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId });
  res.end(text);
}

function fieldsXml(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([name, value]) => elementXml(name, value))
    .join('');
}

function elementXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  return `<${name}>${contentXml(value)}</${name}>`;
}

function contentXml(value: Exclude<XmlValue, undefined>): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'member' in value && Array.isArray(value.items)) {
    const list = value as XmlList;
    return list.items.map((item) => elementXml(list.member, item)).join('');
  }
  if (typeof value === 'object') return fieldsXml(value as XmlFields);
  return escape(String(value));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
