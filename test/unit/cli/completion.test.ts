import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run-cli.js';
import { fakePorts } from '../../support/fake-ports.js';

async function completionScript(shell: string): Promise<string> {
  let stdout = '';
  const io: CliIo = {
    argv: ['completion', shell],
    env: {},
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    isTty: false,
    portsFor: () => fakePorts(),
    version: '9.9.9',
    startBot: async () => undefined,
  };
  expect(await runCli(io)).toBe(0);
  return stdout;
}

function saved(script: string, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'shipmate-completion-')), name);
  writeFileSync(path, script);
  return path;
}

/** What bash offers for a command line whose last word is being typed, with the script sourced. */
function bashOffers(script: string, words: string[]): string[] {
  const line = `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _shipmate; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${saved(script, 'shipmate.bash')}'; ${line}`], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter(Boolean);
}

const hasZsh = spawnSync('zsh', ['--version']).status === 0;

describe('shipmate completion bash', () => {
  it.each([
    [['shipmate', 'rea'], ['readiness']],
    [['shipmate', ''], ['readiness', 'release', 'start', 'config', 'completion', 'demo', 'help', '--version', '--help']],
    [['shipmate', 'readiness', '--fo'], ['--format']],
    [['shipmate', 'readiness', '--format', 'j'], ['json', 'junit']],
    [['shipmate', 'readiness', '--env', 'staging', '--al'], ['--allow-errors']],
    [['shipmate', 'config', ''], ['validate', 'schema', '--help']],
    [['shipmate', 'release', 'plan', '--format', ''], ['terminal', 'json', 'markdown']],
    [['shipmate', 'config', 'validate', '--'], ['--config', '--help']],
    [['shipmate', 'completion', ''], ['bash', 'zsh', '--help']],
    [['shipmate', 'help', 'd'], ['demo']],
    [['shipmate', 'readiness', '--env', ''], []],
  ])('%j offers %j', async (words, offers) => {
    // given
    const script = await completionScript('bash');
    // when / then
    expect(bashOffers(script, words)).toEqual(offers);
  });

  it('registers itself for the shipmate command', async () => {
    const script = await completionScript('bash');
    const run = spawnSync('bash', ['--norc', '-c', `source '${saved(script, 'shipmate.bash')}'; complete -p shipmate`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('complete -F _shipmate shipmate');
  });

  it('offers a file name after --config', async () => {
    // given: a folder with one config file, as the working directory
    const dir = mkdtempSync(join(tmpdir(), 'shipmate-completion-files-'));
    writeFileSync(join(dir, 'ship.yml'), 'x: 1\n');
    const script = saved(await completionScript('bash'), 'shipmate.bash');
    // when
    const run = spawnSync('bash', ['--norc', '-c', `source '${script}'; COMP_WORDS=(shipmate start --config s); COMP_CWORD=3; _shipmate; echo "\${COMPREPLY[@]}"`], { cwd: dir, encoding: 'utf8' });
    // then
    expect(run.stdout.trim()).toBe('ship.yml');
  });
});

describe('shipmate completion zsh', () => {
  it('is a compsys function for shipmate naming every command and option the program has', async () => {
    // when
    const script = await completionScript('zsh');
    // then
    expect(script.startsWith('#compdef shipmate\n')).toBe(true);
    expect(script).toContain('compdef _shipmate shipmate');
    expect(script).toContain('    ("") compadd -- readiness release start config completion demo help --version --help ;;');
    expect(script).toContain('    ("/readiness") compadd -- --env --version --config --format --json --allow-errors --verbose --no-color --help ;;');
    expect(script).toContain('    ("/readiness --format") compadd -- terminal json junit markdown; return ;;');
    expect(script).toContain('    ("/config/validate --config") _files; return ;;');
    expect(script).not.toContain('--strict');
  });

  it(`is valid zsh and offers what bash offers${hasZsh ? '' : ' (zsh is not installed here: balanced case/esac and braces instead)'}`, async () => {
    // given
    const script = saved(await completionScript('zsh'), '_shipmate');
    const text = await completionScript('zsh');
    if (!hasZsh) {
      expect(text.match(/\bcase\b/g)?.length).toBe(text.match(/\besac\b/g)?.length);
      expect(text.match(/\{/g)?.length).toBe(text.match(/\}/g)?.length);
      return;
    }
    // when: zsh parses it, then runs it with compadd and _files stubbed (zsh filters by prefix itself)
    const stubs = 'compadd() { [[ $1 == -- ]] && shift; print -r -- "$*"; }; _files() { print -r -- FILES; }; compdef() { :; }';
    const offers = (words: string[]) =>
      spawnSync('zsh', ['-f', '-c', `${stubs}; source '${script}'; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _shipmate`], { encoding: 'utf8' }).stdout.trim();
    // then
    expect(spawnSync('zsh', ['-n', script], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
    expect(offers(['shipmate', 'rea'])).toBe('readiness release start config completion demo help --version --help');
    expect(offers(['shipmate', 'readiness', '--format', ''])).toBe('terminal json junit markdown');
    expect(offers(['shipmate', 'config', 'validate', '--config', ''])).toBe('FILES');
  });
});
