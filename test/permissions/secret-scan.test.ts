import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_KUBE_TOKEN } from '../../src/sandbox/kube/kube-auth.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import {
  SANDBOX_SLACK_APP_TOKEN,
  SANDBOX_SLACK_BOT_TOKEN,
  SANDBOX_SLACK_SIGNING_SECRET,
  SANDBOX_SLACK_VERIFICATION_TOKEN,
} from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { TRANSCRIPT_DIR_VARIABLE } from '../../src/sandbox/transcript.js';

/** Every secret a shipmate process of the suite was given, or was handed by a sandbox (the smoke tests' login token). */
const SECRETS: Record<string, string> = {
  'Slack bot token': SANDBOX_SLACK_BOT_TOKEN,
  'Slack app token': SANDBOX_SLACK_APP_TOKEN,
  'Slack signing secret': SANDBOX_SLACK_SIGNING_SECRET,
  'Slack verification token': SANDBOX_SLACK_VERIFICATION_TOKEN,
  'AWS secret access key': SANDBOX_AWS_CREDENTIALS.secretAccessKey,
  'Kubernetes bearer token': SANDBOX_KUBE_TOKEN,
  'smoke-test session token': 'sandbox-session-token',
};
/** Shapes of real credentials, in case one slipped in from elsewhere. */
const SHAPES: Record<string, RegExp> = {
  'a Slack token': /xox[abposr]-[0-9A-Za-z-]{6,}|xapp-\d-[0-9A-Za-z-]{6,}/,
  'an AWS access key id': /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  'a bearer token': /Bearer\s+(?!\[redacted\]|\{\{)[A-Za-z0-9._~+/=-]{8,}/,
};

/**
 * The secret scan over the whole end-to-end run: everything every compiled
 * shipmate process printed (bot and CLI) and everything posted into every
 * sandbox Slack workspace (messages with their edits, ephemerals,
 * response_url posts), written as transcripts by the suite that ran before.
 */
describe('secret scan over the whole run', () => {
  const dir = process.env[TRANSCRIPT_DIR_VARIABLE];
  const files = dir && existsSync(dir) ? readdirSync(dir) : [];

  it('read the transcripts of the suite: bot, CLI and Slack', () => {
    const kinds = new Set(files.map((f) => f.replace(/-\d+-[0-9a-f]+\.txt$/, '')));
    expect(dir, `${TRANSCRIPT_DIR_VARIABLE} must be set by vitest.config.ts`).toBeTruthy();
    expect([...kinds].sort(), `run the whole suite (npm test): the scan reads what the other tests left in ${dir}`).toEqual(['bot-output', 'cli-output', 'slack']);
    // Dozens of compiled bots and CLIs run in the e2e tests; a handful would mean transcripts went missing.
    expect(files.filter((f) => f.startsWith('bot-output')).length).toBeGreaterThan(20);
    expect(files.filter((f) => f.startsWith('slack-')).length).toBeGreaterThan(20);
  });

  it('finds no secret value and no credential shape in any of them', () => {
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(dir!, file), 'utf8');
      for (const [name, value] of Object.entries(SECRETS)) if (text.includes(value)) leaks.push(`${file}: the ${name}`);
      for (const [name, shape] of Object.entries(SHAPES)) {
        const match = shape.exec(text);
        if (match) leaks.push(`${file}: ${name} (${match[0].slice(0, 12)}…)`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
