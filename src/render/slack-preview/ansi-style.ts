/** SGR open/close pairs; closes touch only their own attribute, so styles nest. */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  strike: [9, 29],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  grey: [90, 39],
} as const;

export type Tone = keyof typeof CODES;

export interface Painter {
  (tone: Tone, text: string): string;
  color: boolean;
}

/**
 * Paints text when color is on, else returns it as is. `base` is re-applied
 * after each close, so bold inside a dimmed context line stays dimmed after it.
 */
export function painter(color: boolean, base = ''): Painter {
  const paint = (tone: Tone, text: string) => {
    if (!color) return text;
    const [open, close] = CODES[tone];
    return `\x1b[${open}m${text}\x1b[${close}m${base}`;
  };
  return Object.assign(paint, { color });
}

export const ANSI_RESET = '\x1b[0m';
