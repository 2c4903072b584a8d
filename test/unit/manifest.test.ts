import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';

const manifest = parse(readFileSync('manifest.yml', 'utf8'));

describe('manifest.yml', () => {
  it('declares exactly the slash commands of the command definitions, with their usage and summary', () => {
    // given / when
    const declared = manifest.features.slash_commands.map((c: Record<string, unknown>) => ({
      command: c.command,
      usage_hint: c.usage_hint,
      description: c.description,
    }));
    // then
    expect(declared).toEqual(commands.map((c) => ({ command: `/${c.name}`, usage_hint: c.usage, description: c.summary })));
  });

  it('turns Socket Mode and interactivity on and asks for minimal scopes', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands', 'usergroups:read', 'users:read']);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('keeps descriptions and usage hints within what Slack accepts', () => {
    for (const c of manifest.features.slash_commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
  });
});
