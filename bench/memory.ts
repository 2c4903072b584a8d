import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, relative } from 'node:path';
import { imageEnvWithWarmCache, imageExecForm, imageNodeOptions } from '../scripts/dockerfile.js';
import { startCompiledBot } from '../scripts/run-compiled-bot.js';
import { applyPatch } from '../src/sandbox/json-patch.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import { packageRoot } from '../src/package-root.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../src/sandbox/slack/slack-log.js';

/**
 * npm run bench:memory — the compiled bot's resident memory (VmRSS of its
 * process, as `ps` and a container's memory limit see it) when idle after
 * start-up, after 500 and after 1,000 slash commands, each time settled after
 * 30 s of quiet, with the reading at 5 s and the peak reported too (SPEC §8: idle under
 * 100 MB, under 150 MB after 1,000 commands, no growth from 500 to 1,000). The commands are a mix that does
 * real work — readiness runs with report cards, smoke tests, status lookups,
 * approval cards (some approved and built, some rejected), help, history and
 * bad input — sent 10 at a time, each awaited until its answer is in Slack.
 * Human-readable lines first; the last line is one JSON object.
 */
const COMMANDS = 1000;
const CONCURRENCY = 10;
/** The first reading after a burst, while V8 still holds the burst's garbage and spare pages. */
const EARLY_MS = 5_000;
/**
 * The settled reading: V8's memory reducer runs a compacting GC that hands spare heap pages back some 8 s after
 * the last full GC (--gc-memory-reducer-start-delay-ms), and later when the bot is still allocating; 30 s
 * leaves room for that on a busy machine. This is what an idle bot holds, and so what a container's limit sees
 * between bursts; the reading at 5 s and the peak are reported as well.
 */
const SETTLE_MS = 30_000;
const SAMPLES = 5;
const SAMPLE_EVERY_MS = 1_000;
const WAIT_MS = 60_000;
const READING_MS = 1_000;
const RELEASES = 'C0RELEASES';

const healthy = loadScenario('healthy');
const session = await startSandboxSession({
  ...healthy,
  world: applyPatch(healthy.world, [{ op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.05 } }]),
});
// Production settings: every variable the image's ENV sets (NODE_ENV, NODE_OPTIONS, MALLOC_ARENA_MAX, ...; PORT excepted, the
// bench picks a free one), no --expose-gc, default log level, default build polling. SHIPMATE_BENCH_NODE_OPTIONS gives the bot
// other V8 flags ("" for none, as a bare `node` runs it); SHIPMATE_BENCH_MALLOC_ARENA_MAX="" leaves glibc's default arenas.
// The program is the image's ENTRYPOINT (the bundle under --optimize-for-size); SHIPMATE_BENCH_ENTRY=src runs
// dist/src/cli.js with a bare node instead, to compare.
const program = process.env.SHIPMATE_BENCH_ENTRY === 'src' ? [process.execPath, join(packageRoot(), 'dist', 'src', 'cli.js')] : imageExecForm('ENTRYPOINT');
// The compile cache (NODE_COMPILE_CACHE) is filled as the image's build fills it, in a folder of this run's own.
const image = imageEnvWithWarmCache(mkdtempSync(join(tmpdir(), 'shipmate-compile-cache-')));
const nodeOptions = (process.env.SHIPMATE_BENCH_NODE_OPTIONS ?? imageNodeOptions()).trim();
const mallocArenas = (process.env.SHIPMATE_BENCH_MALLOC_ARENA_MAX ?? image.MALLOC_ARENA_MAX ?? '').trim();
const { NODE_OPTIONS: _options, MALLOC_ARENA_MAX: _arenas, ...otherImageEnv } = image;
const bot = await startCompiledBot(session, 'http', {
  ...otherImageEnv,
  ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  ...(mallocArenas ? { MALLOC_ARENA_MAX: mallocArenas } : {}),
}, [...program, 'start']);
const pid = bot.child.pid!;
const slack = session.sandbox.state.slack;
const delivery = { mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET, timeoutMs: 10_000 };

/** A /proc/<pid>/status field in MB (VmRSS: resident now, VmHWM: the peak so far). */
function procMb(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

const round = (mb: number) => Math.round(mb * 10) / 10;
const describe = (r: { median: number; samples: number[]; early: number }) =>
  `${round(r.median)} MB RSS after ${SETTLE_MS / 1000} s of quiet (samples ${r.samples.map(round).join(', ')}; ${round(r.early)} MB at ${EARLY_MS / 1000} s); ` +
  rssBreakdown();

/**
 * Where the RSS is, from /proc/<pid>/smaps: file-backed pages (the node binary and libraries, shared with other
 * node processes), malloc's main heap ([heap], the main thread's native allocations) and other anonymous memory
 * (V8's heap, the other malloc arena, stacks).
 */
function rssBreakdown(): string {
  const kb = { file: 0, malloc: 0, anonymous: 0 };
  let region: keyof typeof kb = 'anonymous';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) region = mapping[1]!.startsWith('/') ? 'file' : mapping[1] === '[heap]' ? 'malloc' : 'anonymous';
    else if (line.startsWith('Rss:')) kb[region] += Number(line.split(/\s+/)[1]);
  }
  return `file-backed ${round(kb.file / 1024)}, malloc [heap] ${round(kb.malloc / 1024)}, other anonymous ${round(kb.anonymous / 1024)} MB`;
}

/** RSS after a quiet spell: one reading at EARLY_MS, then the median of a few samples from SETTLE_MS on, so one allocation burst does not decide it. */
async function settledRss(): Promise<{ median: number; samples: number[]; early: number }> {
  await sleep(EARLY_MS);
  const early = procMb('VmRSS');
  await sleep(SETTLE_MS - EARLY_MS);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (i > 0) await sleep(SAMPLE_EVERY_MS);
    samples.push(procMb('VmRSS'));
  }
  return { median: [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!, samples, early };
}

/** The bot's own view of its heap, from its /metrics (prom-client's default metrics), to tell V8's heap from native memory. */
async function heapReport(): Promise<string> {
  const text = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
  const mb = (name: string) => {
    const value = new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)`, 'm').exec(text)?.[1];
    return value === undefined ? '?' : String(round(Number(value) / 1024 / 1024));
  };
  return (
    `heap used ${mb('nodejs_heap_size_used_bytes')} of ${mb('nodejs_heap_size_total_bytes')} MB ` +
    `(old ${mb('nodejs_heap_space_size_used_bytes{space="old"}')}, code ${mb('nodejs_heap_space_size_used_bytes{space="code"}')}), ` +
    `external ${mb('nodejs_external_memory_bytes')} MB`
  );
}

async function send(command: string, text: string, userId = 'U0ALICE') {
  const result = await slack.sendSlashCommand({ command, text, userId, channelId: RELEASES }, delivery);
  if (result.status !== 200) throw new Error(`${command} ${text}: the bot answered ${result.status}`);
  return result;
}

function expectAck(ack: unknown, wanted: string, what: string): void {
  if (!JSON.stringify(ack).includes(wanted)) throw new Error(`${what}: the ack does not say "${wanted}": ${JSON.stringify(ack)}`);
}

/**
 * Report cards and smoke-test tables look alike from one command to the next,
 * so each command claims the first such message nobody has claimed yet. The
 * claim is made inside the predicate: two waiters woken by one change cannot
 * take the same message.
 */
const claimed = new Set<string>();
function claimMessage(matches: (m: PostedMessage) => boolean, what: string): Promise<PostedMessage> {
  const claim = (m: PostedMessage) => {
    if (claimed.has(m.ts) || m.channel !== RELEASES || !matches(m)) return false;
    claimed.add(m.ts);
    return true;
  };
  return named(what, slack.waitForMessage(claim, WAIT_MS));
}

/** A wait that says which command it was for when it times out. */
function named<T>(what: string, waiting: Promise<T>): Promise<T> {
  return waiting.catch((error: unknown) => {
    throw new Error(`${what}: ${(error as Error).message}`);
  });
}

const startsWith = (prefix: string) => (m: PostedMessage) => (m.text ?? '').startsWith(prefix);

async function readiness(text: string, environment: string): Promise<void> {
  const { ack } = await send('/readiness', text);
  expectAck(ack, 'report card will follow', `/readiness ${text}`);
  await claimMessage(startsWith(`Readiness ${environment}`), `/readiness ${text}`);
}

async function verify(environment: string): Promise<void> {
  await send('/verify', environment);
  await claimMessage(startsWith(`Verify · ${environment}`), `/verify ${environment}`);
}

async function status(): Promise<void> {
  const { responseUrl } = await send('/shipmate', 'status');
  const id = responseUrl.split('/').pop()!;
  await named('/shipmate status', slack.waitForResponse((r) => r.responseUrlId === id, WAIT_MS));
}

async function answeredInAck(command: string, text: string, wanted: string): Promise<void> {
  const { ack } = await send(command, text, 'U0BOB');
  expectAck(ack, wanted, `${command} ${text}`);
}

/** /build of a version of its own: the approval card is posted; then it is left pending, rejected, or approved and built. */
async function build(n: number, outcome: 'pending' | 'reject' | 'approve'): Promise<void> {
  const version = `7.${n}.0`;
  await send('/build', `${version} backend`);
  const what = `/build ${version} backend`;
  const card = await named(what, slack.waitForMessage((m) => m.channel === RELEASES && (m.text ?? '').includes(`Build ${version} of backend`), WAIT_MS));
  if (outcome === 'pending') return;
  // A person takes a moment to read the card. A click within milliseconds of the post can land before the
  // bot has stored the card's ts, and then the decision is taken but the card is never updated.
  await sleep(READING_MS);
  const click = await slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: outcome }, delivery);
  if (click.status !== 200) throw new Error(`${what}: the bot answered the ${outcome} click with ${click.status}`);
  const done = outcome === 'reject' ? 'Rejected' : 'Builds finished';
  const decided = (m: PostedMessage) => m.ts === card.ts && m.channel === RELEASES && JSON.stringify(m.blocks).includes(done);
  await named(`${what}, ${outcome === 'reject' ? 'rejected' : 'approved'}`, slack.waitForMessage(decided, WAIT_MS));
}

/** The i-th command of the run: a fixed cycle of 20, so both halves of the run do the same work. */
type Kind = 'readiness' | 'verify' | 'status' | 'help' | 'history' | 'bad input' | 'build';
const CYCLE: Kind[] = [
  'readiness', 'help', 'status', 'readiness', 'history', 'verify', 'bad input', 'readiness', 'build', 'help',
  'status', 'readiness', 'bad input', 'verify', 'history', 'readiness', 'build', 'help', 'status', 'readiness',
];
let builds = 0;
function command(i: number): { kind: Kind; run: () => Promise<void> } {
  const kind = CYCLE[i % CYCLE.length]!;
  const turn = Math.floor(i / CYCLE.length);
  switch (kind) {
    case 'readiness': {
      const variants = [
        () => readiness('staging', 'staging'),
        () => readiness('production', 'production'),
        () => readiness('staging 1.1.0', 'staging'),
      ];
      return { kind, run: variants[(i + turn) % variants.length]! };
    }
    case 'verify':
      return { kind, run: () => verify(i % 2 ? 'production' : 'staging') };
    case 'status':
      return { kind, run: status };
    case 'help':
      return { kind, run: () => answeredInAck('/shipmate', 'help', '/readiness [env] [version]') };
    case 'history':
      return { kind, run: () => answeredInAck('/shipmate', 'history', 'ephemeral') };
    case 'bad input':
      return {
        kind,
        run: i % 2 ? () => answeredInAck('/deploy', '', 'a service is required') : () => answeredInAck('/readiness', 'qa', 'unknown environment'),
      };
    case 'build': {
      const n = builds++;
      const outcome = n % 10 === 0 ? 'approve' : n % 10 === 5 ? 'reject' : 'pending';
      return { kind, run: () => build(n, outcome) };
    }
  }
}

/** Runs commands [from, to) with at most CONCURRENCY in flight; resolves when every one has its answer. */
async function runCommands(from: number, to: number, tally: Map<Kind, number>): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const { kind, run } = command(next++);
      await run();
      tally.set(kind, (tally.get(kind) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

try {
  const started = performance.now();
  const idle = await settledRss();
  console.log(
    `bot: ${program.map((part, i) => (i === 0 ? 'node' : part.startsWith(packageRoot()) ? relative(packageRoot(), part) : part)).join(' ')} start, HTTP mode, SQLite store${nodeOptions ? `, NODE_OPTIONS=${nodeOptions}` : ', no V8 flags'}` +
      (mallocArenas ? `, MALLOC_ARENA_MAX=${mallocArenas}` : '') +
      Object.entries(otherImageEnv).map(([key, value]) => `, ${key}=${value}`).join(''),
  );
  console.log(`idle after start-up: ${describe(idle)}; ${await heapReport()}`);

  const tally = new Map<Kind, number>();
  const half = COMMANDS / 2;
  const phases: { at: number; rss: number; early: number; seconds: number }[] = [];
  for (const [from, to] of [[0, half], [half, COMMANDS]] as const) {
    const phaseStarted = performance.now();
    await runCommands(from, to, tally);
    const seconds = (performance.now() - phaseStarted) / 1000;
    const after = await settledRss();
    phases.push({ at: to, rss: after.median, early: after.early, seconds });
    console.log(
      `after ${to} commands: ${describe(after)}; ` +
        `commands ${from + 1}–${to} took ${seconds.toFixed(1)} s; ${await heapReport()}`,
    );
  }
  const [mid, end] = phases as [(typeof phases)[0], (typeof phases)[0]];
  const peak = procMb('VmHWM');
  const own = process.memoryUsage();
  console.log(`mix: ${[...tally].map(([kind, n]) => `${n} ${kind}`).join(', ')}; ${CONCURRENCY} at a time, each awaited until answered`);
  console.log(`growth from 500 to 1000 commands: ${round(end.rss - mid.rss)} MB; peak RSS ${round(peak)} MB`);
  console.log(
    `sandbox (this process): ${slack.messages.length} channel messages, ${slack.responses.length} response_url posts kept; ` +
      `${round(own.rss / 1024 / 1024)} MB RSS, ${round(own.heapUsed / 1024 / 1024)} MB heap used`,
  );
  console.log(
    JSON.stringify({
      idle_rss_mb: round(idle.median),
      rss_after_1000_mb: round(end.rss),
      rss_after_500_mb: round(mid.rss),
      rss_5s_after_1000_mb: round(end.early),
      growth_500_to_1000_mb: round(end.rss - mid.rss),
      peak_rss_mb: round(peak),
      commands: COMMANDS,
      seconds: Math.round((performance.now() - started) / 1000),
      ...(nodeOptions ? { node_options: nodeOptions } : {}),
      program: program.slice(1).map((part) => (part.startsWith(packageRoot()) ? relative(packageRoot(), part) : part)).join(' '),
      ...(mallocArenas ? { malloc_arena_max: Number(mallocArenas) } : {}),
    }),
  );
} catch (error) {
  console.error(`the bot's last words:\n${bot.output().trimEnd().split('\n').slice(-20).join('\n')}`);
  throw error;
} finally {
  await bot.stop();
  await session.close();
}
