import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dockerfileStages } from '../../scripts/dockerfile.js';

/** There is no Docker engine on these machines: the Dockerfile's structure is checked instead (the start command itself runs in the e2e tests). */
const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = dockerfileStages();

describe('Dockerfile', () => {
  it('builds in one stage and runs from another on the pinned Node major', () => {
    expect(stages).toHaveLength(2);
    expect(stages.every((s) => s.startsWith('node:20-'))).toBe(true);
    expect(stages[0]).toMatch(/RUN npm ci/);
    expect(stages[0]).toMatch(/node --check dist\/src\/cli\.js/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
  });

  it('runs as a non-root user with state only under a volume, checks its own /healthz, and starts the bot', () => {
    const runtime = stages[1]!;
    expect(runtime).toMatch(/^USER 10001:10001$/m);
    expect(runtime).toMatch(/^VOLUME \/data$/m);
    expect(runtime).toMatch(/ln -s \/data \/app\/data/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/src\/cli\.js"\]$/m);
    expect(runtime).toMatch(/^CMD \["start"\]$/m);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime.indexOf('USER')).toBeGreaterThan(runtime.indexOf('chown'));
  });

  it('bakes in no secret', () => {
    expect(dockerfile).not.toMatch(/SLACK_(BOT_TOKEN|APP_TOKEN|SIGNING_SECRET)\s*=|AWS_SECRET_ACCESS_KEY|xox[bap]-/);
  });
});
