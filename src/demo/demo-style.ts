import type { DemoIo } from './demo-io.js';

export interface DemoStyle {
  color: boolean;
  columns: number;
}

/**
 * Colour only on a terminal, and never with --no-color or NO_COLOR
 * (https://no-color.org). The width is the terminal's, else $COLUMNS (what a
 * shell exports, and how a pipe or a test asks for a width), else 80.
 */
export function demoStyle(io: DemoIo): DemoStyle {
  const fromEnv = Number(io.env.COLUMNS);
  const columns = io.columns && io.columns > 0 ? io.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return { color: io.isTty && !io.noColor && !io.env.NO_COLOR, columns: Math.floor(columns) };
}
