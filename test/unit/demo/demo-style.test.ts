import { describe, expect, it } from 'vitest';
import { demoStyle } from '../../../src/demo/demo-style.js';

const io = { stdout: () => undefined, env: {}, noColor: false, isTty: true };

describe('demoStyle', () => {
  it('colours a terminal, at its width', () => {
    expect(demoStyle({ ...io, columns: 132 })).toEqual({ color: true, columns: 132 });
  });

  it('does not colour with --no-color, with NO_COLOR, or when the output is not a terminal', () => {
    expect(demoStyle({ ...io, noColor: true }).color).toBe(false);
    expect(demoStyle({ ...io, env: { NO_COLOR: '1' } }).color).toBe(false);
    expect(demoStyle({ ...io, isTty: false }).color).toBe(false);
  });

  it('takes $COLUMNS when the terminal does not say, and 80 when nothing does or the value is not a width', () => {
    expect(demoStyle({ ...io, env: { COLUMNS: '60' } }).columns).toBe(60);
    expect(demoStyle({ ...io, columns: 100, env: { COLUMNS: '60' } }).columns).toBe(100);
    expect(demoStyle(io).columns).toBe(80);
    expect(demoStyle({ ...io, env: { COLUMNS: 'wide' } }).columns).toBe(80);
    expect(demoStyle({ ...io, columns: 0, env: { COLUMNS: '-3' } }).columns).toBe(80);
  });
});
