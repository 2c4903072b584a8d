import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

/** The Dockerfile's stages, each the text after its `FROM `. */
export function dockerfileStages(): string[] {
  return readFileSync(join(packageRoot(), 'Dockerfile'), 'utf8').split(/^FROM /m).slice(1);
}

const joinContinuedLines = (stage: string) => stage.replace(/\s*\\\n\s*/g, ' ');

/** The stage the image runs, with continued lines (`\` at the end) joined into one. */
export function runtimeStage(): string {
  return joinContinuedLines(dockerfileStages().at(-1)!);
}

/** The variables the runtime stage's ENV sets (`KEY=value` or `KEY="value"`). */
export function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of runtimeStage().matchAll(/^ENV (.*)$/gm)) {
    for (const [, key, quoted, bare] of line[1]!.matchAll(/(\w+)=(?:"([^"]*)"|(\S*))/g)) env[key!] = quoted ?? bare!;
  }
  return env;
}

/** The NODE_OPTIONS the container image sets (its ENV), so benchmarks and tests run the bot as the image does. */
export function imageNodeOptions(): string {
  return imageEnv().NODE_OPTIONS ?? '';
}

/** The image's WORKDIR: its paths map onto this checkout's. */
const IMAGE_ROOT = '/app';

/**
 * An exec-form instruction (`X ["a", "b"]`) of the runtime stage (`instruction` is a pattern), as it runs on this
 * machine: the image's /app paths mapped onto this checkout, and its `node` this Node.
 */
export function imageExecForm(instruction: string): string[] {
  const line = new RegExp(`^${instruction} (\\[.*\\])$`, 'm').exec(runtimeStage());
  if (!line) throw new Error(`the Dockerfile's runtime stage has no exec-form ${instruction}`);
  return (JSON.parse(line[1]!) as string[]).map((part, i) => {
    if (i === 0 && part === 'node') return process.execPath;
    return part.startsWith(`${IMAGE_ROOT}/`) ? join(packageRoot(), part.slice(IMAGE_ROOT.length + 1)) : part;
  });
}

/**
 * The image's environment for a process on this machine: its ENV (PORT left to the caller), with the compile cache in
 * `cacheDir` filled as the image's build fills it (its exec-form RUN: the program's --help, with the same flags).
 */
export function imageEnvWithWarmCache(cacheDir: string): Record<string, string> {
  const { PORT: _port, ...env } = imageEnv();
  const withCache = { ...env, NODE_COMPILE_CACHE: cacheDir };
  const [node, ...args] = imageExecForm('RUN');
  execFileSync(node!, args, { env: { ...process.env, ...withCache }, stdio: 'ignore' });
  return withCache;
}

/** A COPY of the runtime stage: from the build context, or (`from`) from another stage. Sources without a leading `./` or `/`. */
export interface ImageCopy {
  from?: string;
  sources: string[];
}

const normalise = (path: string) => path.replace(/^\.\/?/, '').replace(/\/+$/, '') || '.';

/** The runtime stage's COPY instructions (shell form, as this Dockerfile writes them). */
export function runtimeCopies(): ImageCopy[] {
  return [...runtimeStage().matchAll(/^COPY (.*)$/gm)].map((match) => {
    const words = match[1]!.trim().split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { ...(from ? { from } : {}), sources: paths.slice(0, -1).map(normalise) };
  });
}

/** The OCI labels of the runtime stage (`LABEL key="value" …`). */
export function imageLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of runtimeStage().matchAll(/^LABEL (.*)$/gm)) {
    for (const [, key, value] of line[1]!.matchAll(/([\w.-]+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!.replace(/\\(.)/g, '$1');
  }
  return labels;
}

/** The commands the build stage runs after compiling, one per `&&` step. */
export function buildStageSteps(): string[] {
  return [...joinContinuedLines(dockerfileStages()[0]!).matchAll(/^RUN (.*)$/gm)].flatMap((m) => m[1]!.split('&&').map((s) => s.trim()));
}

/** A .dockerignore pattern as a regular expression over a context path (Go's filepath.Match, plus `**`). */
function ignorePattern(pattern: string): RegExp {
  const body = normalise(pattern.replace(/^\//, ''))
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => (part.startsWith('**') ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** The .dockerignore's patterns; an exception (`!`) is refused, as this reader does not follow them. */
export function dockerignorePatterns(): string[] {
  const lines = readFileSync(join(packageRoot(), '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.some((l) => l.startsWith('!'))) throw new Error('.dockerignore exceptions (!) are not followed by scripts/dockerfile.ts');
  return lines;
}

/** Is this context path left out by the .dockerignore (the path itself or a folder above it matches)? */
export function isIgnored(path: string, patterns = dockerignorePatterns()): boolean {
  const regexes = patterns.map(ignorePattern);
  const parts = path.split('/');
  return parts.some((_, i) => regexes.some((r) => r.test(parts.slice(0, i + 1).join('/'))));
}

/** The checkout's files (tracked and untracked, not git-ignored) that `docker build .` would send: those the .dockerignore leaves. */
export function buildContextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: packageRoot(), encoding: 'utf8' });
  const patterns = dockerignorePatterns();
  return listed.split('\n').filter((path) => path && !isIgnored(path, patterns));
}

/** The files of the context a source path names: the file itself or everything under the folder. */
export function filesUnder(source: string, files: string[]): string[] {
  return source === '.' ? files : files.filter((f) => f === source || f.startsWith(`${source}/`));
}
