import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Set by the test suite: where every bot's output and every sandbox Slack workspace's content is kept for the secret scan. */
export const TRANSCRIPT_DIR_VARIABLE = 'SHIPMATE_TRANSCRIPT_DIR';

/**
 * Keeps what a shipmate process printed, or what it posted into Slack, as a
 * file for the end-of-suite secret scan; does nothing outside the suite.
 */
export function writeTranscript(kind: 'bot-output' | 'cli-output' | 'slack', content: string): void {
  const dir = process.env[TRANSCRIPT_DIR_VARIABLE];
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${kind}-${process.pid}-${randomBytes(4).toString('hex')}.txt`), content);
  } catch {
    // A transcript that cannot be written is missing from the scan, which counts what it read.
  }
}
