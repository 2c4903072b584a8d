import { signSlackRequest } from './sign-slack-request.js';

/** Slack's way of sending a request to an app's Request URL, with knobs for forged and stale requests. */
export interface HttpDelivery {
  mode: 'http';
  /** e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  signingSecret: string;
  /** X-Slack-Request-Timestamp in seconds; default now (pass an old one for a stale request). */
  timestamp?: number;
  /** `body`: sign one body and send another; `signature`: send a wrong signature. */
  tamper?: 'body' | 'signature' | 'none';
  /** Send no signature headers at all. */
  unsigned?: boolean;
  /** Slack gives up after 3 s (default 3000). */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  /** The app's ack body: JSON parsed, text as is, undefined when empty. */
  ack: unknown;
}

export async function deliverOverHttp(delivery: HttpDelivery, body: string): Promise<HttpAnswer> {
  const timestamp = delivery.timestamp ?? Math.floor(Date.now() / 1000);
  let signature = signSlackRequest(delivery.signingSecret, timestamp, body);
  let sent = body;
  if (delivery.tamper === 'body') sent = tamperedBody(body);
  if (delivery.tamper === 'signature') signature = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    accept: 'application/json,*/*',
  };
  if (!delivery.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = signature;
  }
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers,
    body: sent,
    signal: AbortSignal.timeout(delivery.timeoutMs ?? 3000),
  });
  return { status: response.status, ack: await readAck(response) };
}

/** The same command with other text, as a man in the middle would send it. */
function tamperedBody(body: string): string {
  const tampered = body.replace(/(^|&)text=[^&]*/, '$1text=deploy+everything');
  return tampered === body ? `${body}&tampered=true` : tampered;
}

async function readAck(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
