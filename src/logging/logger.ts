import { inspect } from 'node:util';
import { pino, type DestinationStream } from 'pino';
import { redact } from '../config/redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'] satisfies LogLevel[];

/** The shape Bolt's Logger interface asks for, so one logger serves shipmate and Bolt alike. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: string): void;
  getLevel(): string;
  setName(name: string): void;
}

/** Field names whose values are credentials, wherever they appear in a logged object. */
const SECRET_KEYS = [
  'token', 'botToken', 'appToken', 'userToken', 'accessToken', 'refreshToken', 'sessionToken', 'idToken',
  'authorization', 'Authorization', 'cookie', 'password', 'passwd', 'secret', 'clientSecret', 'client_secret',
  'signingSecret', 'secretAccessKey', 'privateKey', 'apiKey',
  'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
];
const SECRET_KEY_SET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));
/** Top level and one level down (`headers.authorization`, `env.SLACK_BOT_TOKEN`, `db.password`). */
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`]);
/** Keys the line itself owns; a leading object using one of them goes into msg rather than clobbering it. */
const RESERVED_KEYS = new Set(['level', 'time', 'name', 'msg', 'err']);

/**
 * pino writing one JSON object per line, synchronously, to `write`:
 * `{"level":"info","time":"<ISO>","name":"shipmate","msg":"…"}`.
 * Arguments are joined into msg as Bolt's loggers expect (Errors as
 * `Name: message`); a leading plain object, pino-style, becomes fields of the
 * line, with credential fields censored by pino's redact paths. Every line is
 * then scrubbed of the given secret values and of token shapes, so a secret
 * inside a message, an Error or a stack never reaches `write`.
 */
export function createLogger(options: { level?: string; secrets: readonly string[]; write: (line: string) => void; name?: string }): Logger {
  let name = options.name ?? 'shipmate';
  const secrets = withJsonEscapedForms(options.secrets.filter((s) => s.length > 0));
  // A plain object with write() is a synchronous destination: no worker thread, no buffer lost on exit.
  const destination: DestinationStream = { write: (line: string) => options.write(redact(line, secrets)) };
  const log = pino(
    {
      level: isLevel(options.level) ? options.level : 'info',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ name }),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  const at = (level: LogLevel) => (...parts: unknown[]) => {
    if (!log.isLevelEnabled(level)) return;
    const [fields, rest] = splitFields(parts);
    const error = rest.find((p): p is Error => p instanceof Error);
    // Stacks only when debugging; they are scrubbed with the rest of the line.
    const err = error && log.level === 'debug' ? { err: { type: error.name, stack: error.stack ?? '' } } : {};
    log[level]({ ...fields, ...err }, rest.map(describe).join(' '));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (level) => {
      if (isLevel(level)) log.level = level;
    },
    getLevel: () => log.level,
    setName: (n) => {
      name = n;
    },
  };
}

function splitFields(parts: unknown[]): [Record<string, unknown>, unknown[]] {
  const [first, ...rest] = parts;
  if (isPlainObject(first) && Object.keys(first).every((k) => !RESERVED_KEYS.has(k))) return [first, rest];
  return [{}, parts];
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  return inspect(maskSecretFields(part, 4), { depth: 4, breakLength: Infinity });
}

/** A copy of plain objects and arrays with credential-named fields censored, for objects printed into msg. */
function maskSecretFields(value: unknown, depth: number, seen = new WeakSet<object>()): unknown {
  if (depth < 0 || typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => maskSecretFields(v, depth - 1, seen));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY_SET.has(k.toLowerCase()) ? '[redacted]' : maskSecretFields(v, depth - 1, seen)]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A secret holding `"` or `\` appears escaped inside a JSON line; scrub that form too. */
function withJsonEscapedForms(secrets: readonly string[]): string[] {
  const escaped = secrets.map((s) => JSON.stringify(s).slice(1, -1)).filter((s, i) => s !== secrets[i]);
  return [...secrets, ...escaped];
}

function isLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && LEVELS.includes(value);
}
