import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildContextFiles,
  buildStageSteps,
  dockerfileStages,
  dockerignorePatterns,
  filesUnder,
  imageEnv,
  imageExecForm,
  imageLabels,
  isIgnored,
  runtimeCopies,
  runtimeStage,
} from '../../scripts/dockerfile.js';

/** There is no Docker engine on these machines: the Dockerfile's structure is checked instead (the start command itself runs in the e2e tests). */
const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = dockerfileStages();
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

/** What the image must not carry (SPEC §12): the sandbox and its TLS keys, the tests, the scenarios, any key. */
const forbiddenInContext = (path: string) =>
  /^(src\/sandbox|test|scenarios|bench|scripts)(\/|$)/.test(path) || /\.(pem|key)$/.test(path) || /^examples\/sandbox\./.test(path);
/** Compiled output the bot never loads: the sandbox, the benchmarks and the scripts (which start the sandbox). */
const FORBIDDEN_IN_DIST = ['dist/src/sandbox', 'dist/bench', 'dist/scripts', 'dist/test'];
/** Does copying `source` bring `path` (the same, or one is a folder holding the other)? */
const overlaps = (source: string, path: string) => source === path || path.startsWith(`${source}/`) || source.startsWith(`${path}/`);

describe('Dockerfile', () => {
  it('builds in one stage and runs from another on Node 24, the current LTS, which package.json supports', () => {
    expect(stages).toHaveLength(2);
    const bases = stages.map((s) => /^(\S+)/.exec(s)![1]);
    expect(bases.map((image) => /^node:(\d+)-/.exec(image!)?.[1])).toEqual(['24', '24']);
    // the addon compiled in the build stage runs in the runtime stage: same image, same glibc
    expect(new Set(bases).size).toBe(1);
    expect((packageJson.engines as { node: string }).node).toContain('>=24');
    expect(stages[0]).toMatch(/RUN npm ci/);
    expect(stages[0]).toMatch(/node dist\/scripts\/bundle\.js/);
    expect(stages[0]).toMatch(/node --check dist\/bundle\/cli\.js/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
  });

  it('runs as a non-root user with state only under a volume, checks its own /healthz, and starts the bot', () => {
    const runtime = stages[1]!;
    expect(runtime).toMatch(/^USER 10001:10001$/m);
    expect(runtime).toMatch(/^VOLUME \/data$/m);
    expect(runtime).toMatch(/ln -s \/data \/app\/data/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "--optimize-for-size", "\/app\/dist\/bundle\/cli\.js"\]$/m);
    expect(runtime).toMatch(/^CMD \["start"\]$/m);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime.indexOf('USER')).toBeGreaterThan(runtime.indexOf('chown'));
  });

  it("fills V8's compile cache at build time as the container runs: same user, NODE_OPTIONS and flags as its ENTRYPOINT", () => {
    // given
    const runtime = runtimeStage();
    const cache = imageEnv().NODE_COMPILE_CACHE;

    // when
    const warmUp = imageExecForm('RUN');

    // then
    expect(cache).toBe('/app/compile-cache');
    expect(runtime).toMatch(/chown 10001:10001 [^\n]*\/app\/compile-cache/);
    expect(warmUp).toEqual([...imageExecForm('ENTRYPOINT'), '--help']);
    expect(runtime.indexOf('RUN ["node"')).toBeGreaterThan(runtime.indexOf('USER 10001:10001'));
    expect(runtime.indexOf('RUN ["node"')).toBeGreaterThan(runtime.indexOf('COPY --from=build /app/dist/bundle'));
  });

  it('bakes in no secret', () => {
    expect(dockerfile).not.toMatch(/SLACK_(BOT_TOKEN|APP_TOKEN|SIGNING_SECRET)\s*=|AWS_SECRET_ACCESS_KEY|xox[bap]-/);
  });

  it("labels the image with package.json's name, version, description, license and repository", () => {
    // given
    const repository = packageJson.repository as { url: string };

    // when
    const labels = imageLabels();

    // then
    expect(labels).toEqual({
      'org.opencontainers.image.title': packageJson.name,
      'org.opencontainers.image.version': packageJson.version,
      'org.opencontainers.image.description': packageJson.description,
      'org.opencontainers.image.licenses': packageJson.license,
      'org.opencontainers.image.source': repository.url.replace(/^git\+/, '').replace(/\.git$/, ''),
    });
  });
});

describe('what the image carries', () => {
  it('sends no key, sandbox TLS, test or scenario to the build: the .dockerignore leaves them out', () => {
    // given
    const patterns = dockerignorePatterns();

    // when
    const context = buildContextFiles();

    // then
    expect(patterns).toEqual(expect.arrayContaining(['**/*.pem', '**/*.key', 'test', 'scenarios', '.git', 'node_modules', 'dist']));
    expect(context).toContain('src/cli.ts');
    expect(context.filter((f) => /\.(pem|key)$|^(test|scenarios)\//.test(f))).toEqual([]);
  });

  it('the .dockerignore reader follows folders, globs and ** as docker does', () => {
    const patterns = ['test', '**/*.pem', '*.log', 'src/sandbox/tls'];
    expect(isIgnored('test/unit/a.test.ts', patterns)).toBe(true);
    expect(isIgnored('src/a/b/key.pem', patterns)).toBe(true);
    expect(isIgnored('key.pem', patterns)).toBe(true);
    expect(isIgnored('npm.log', patterns)).toBe(true);
    expect(isIgnored('src/npm.log', patterns)).toBe(false);
    expect(isIgnored('src/sandbox/tls/x', patterns)).toBe(true);
    expect(isIgnored('src/sandbox/world.ts', patterns)).toBe(false);
    expect(isIgnored('src/testing.ts', patterns)).toBe(false);
  });

  it('the runtime stage copies nothing of the sandbox, tests, scenarios or keys from the build context', () => {
    // given
    const context = buildContextFiles();

    // when
    const copied = runtimeCopies()
      .filter((copy) => !copy.from)
      .flatMap((copy) => copy.sources.map((source) => ({ source, files: filesUnder(source, context) })));

    // then
    expect(copied.length).toBeGreaterThan(0);
    for (const { source, files } of copied) {
      expect(files, `COPY ${source}`).not.toEqual([]);
      expect(files.filter(forbiddenInContext), `COPY ${source}`).toEqual([]);
    }
  });

  it('the runtime stage copies from the build stage no compiled sandbox, benchmark, script or test, unless the build removes it after compiling', () => {
    // given
    const steps = buildStageSteps();
    const tscAt = steps.findIndex((step) => step.startsWith('npx tsc'));
    const removed = steps.slice(tscAt + 1).flatMap((step) => (step.startsWith('rm -rf ') ? step.split(/\s+/).slice(2) : []));

    // when
    const fromBuild = runtimeCopies()
      .filter((copy) => copy.from === 'build')
      .flatMap((copy) => copy.sources.map((s) => s.replace(/^\/app\//, '')));

    // then
    expect(tscAt).toBeGreaterThanOrEqual(0);
    expect(fromBuild).toEqual(expect.arrayContaining(['node_modules', 'dist/bundle']));
    expect(fromBuild.filter((source) => source.startsWith('dist/src'))).toEqual([]);
    for (const source of fromBuild) {
      for (const forbidden of FORBIDDEN_IN_DIST.filter((f) => overlaps(source, f))) {
        expect(removed, `COPY --from=build /app/${source} brings ${forbidden}`).toContain(forbidden);
      }
    }
  });
});
