import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger.js';

describe('createLogger', () => {
  it('writes one JSON line per call, at or above its level, with secrets redacted', () => {
    // given
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: ['s3cr3t-value'], write: (l) => lines.push(l) });
    // when
    logger.debug('hidden');
    logger.info('token', 's3cr3t-value', 'and', { auth: 'Bearer abcdefghijklmnop' });
    logger.error(new Error('xoxb-1234567890-leaked'));
    // then
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.level)).toEqual(['info', 'error']);
    expect(parsed[0].msg).toBe("token [redacted] and { auth: 'Bearer [redacted]' }");
    expect(parsed[1].msg).toBe('Error: [redacted]');
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
  });

  it('changes level as Bolt asks and ignores unknown levels', () => {
    const logger = createLogger({ secrets: [], write: () => undefined });
    logger.setLevel('debug');
    logger.setLevel('loud');
    expect(logger.getLevel()).toBe('debug');
  });
});
