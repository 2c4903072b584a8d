import { inspect } from 'node:util';
import { redact } from '../config/redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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

/**
 * One JSON object per line, every line scrubbed of the given secret values
 * and of token shapes before it is written.
 */
export function createLogger(options: { level?: string; secrets: readonly string[]; write: (line: string) => void; name?: string }): Logger {
  let level: LogLevel = isLevel(options.level) ? options.level : 'info';
  let name = options.name ?? 'shipmate';
  const log = (at: LogLevel, parts: unknown[]) => {
    if (RANK[at] < RANK[level]) return;
    const msg = parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? `${p.name}: ${p.message}` : inspect(p, { depth: 4, breakLength: Infinity }))).join(' ');
    const line = JSON.stringify({ level: at, time: new Date().toISOString(), name, msg });
    options.write(redact(line, options.secrets) + '\n');
  };
  return {
    debug: (...m) => log('debug', m),
    info: (...m) => log('info', m),
    warn: (...m) => log('warn', m),
    error: (...m) => log('error', m),
    setLevel: (l) => {
      if (isLevel(l)) level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function isLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in RANK;
}
