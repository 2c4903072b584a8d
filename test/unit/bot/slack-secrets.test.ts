import { describe, expect, it } from 'vitest';
import { readSlackSecrets } from '../../../src/bot/slack-secrets.js';
import { ConfigError } from '../../../src/config/config-error.js';

const BOT = 'xoxb-sandbox-fake-bot-token';

function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readSlackSecrets(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('readSlackSecrets', () => {
  it('chooses Socket Mode when an app token is set', () => {
    expect(readSlackSecrets({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-sandbox-fake' })).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: 'xapp-1-sandbox-fake',
    });
  });

  it('chooses HTTP mode with the signing secret otherwise', () => {
    expect(readSlackSecrets({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'sandbox-fake-signing' })).toEqual({
      mode: 'http',
      botToken: BOT,
      signingSecret: 'sandbox-fake-signing',
    });
  });

  it('names every missing secret and never falls back to a value', () => {
    const found = problems({});
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^SLACK_BOT_TOKEN is not set/);
    expect(found[1]).toMatch(/SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
  });

  it('refuses tokens of the wrong kind without printing them', () => {
    const found = problems({ SLACK_BOT_TOKEN: 'xapp-1-swapped-by-mistake', SLACK_APP_TOKEN: 'xoxb-swapped-by-mistake' });
    expect(found.join('\n')).not.toContain('swapped-by-mistake');
    expect(found).toHaveLength(2);
  });
});
