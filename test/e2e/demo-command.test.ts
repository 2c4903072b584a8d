import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOT_IN_IMAGE } from '../../src/cli/demo-subcommand.js';
import { packageRoot } from '../../src/package-root.js';
import { BUNDLE_DIR, IMAGE_NODE_FLAGS } from '../../src/shipmate-program.js';

beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

describe('shipmate demo where the sandbox is not shipped (the container image)', () => {
  it('says in one line that the demo is not part of the image and exits 2, while other commands still work', () => {
    // given: the image's layout (Dockerfile: dist/bundle, package.json, node_modules) and its ENTRYPOINT
    const root = packageRoot();
    const app = mkdtempSync(join(tmpdir(), 'shipmate-image-'));
    cpSync(join(root, ...BUNDLE_DIR), join(app, ...BUNDLE_DIR), { recursive: true });
    cpSync(join(root, 'package.json'), join(app, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'));
    const entrypoint = [...IMAGE_NODE_FLAGS, join(app, ...BUNDLE_DIR, 'cli.js')];
    const shipmate = (args: string[]) => spawnSync(process.execPath, [...entrypoint, ...args], { cwd: app, encoding: 'utf8' });

    // when
    const demo = shipmate(['demo', '--no-color']);
    const help = shipmate(['demo', '--help']);
    const validate = shipmate(['config', 'validate', '--config', join(root, 'examples', 'shipmate.yml')]);

    rmSync(app, { recursive: true, force: true });

    // then
    expect({ status: demo.status, stdout: demo.stdout, stderr: demo.stderr }).toEqual({ status: 2, stdout: '', stderr: DEMO_NOT_IN_IMAGE });
    expect(DEMO_NOT_IN_IMAGE.trim().split('\n')).toHaveLength(1);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: shipmate demo [--no-color]');
    expect(validate.status, validate.stderr).toBe(0);
  });
});
