import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { scenario } from '../support/deploy-harness.js';
import { fuzzButtonClick } from '../support/fuzz/button-values.js';
import { fuzzCommandText } from '../support/fuzz/command-texts.js';
import { CompiledBotInProcess, type Exchange } from '../support/fuzz/compiled-bot-in-process.js';
import { compiledModule } from '../support/fuzz/compiled-module.js';
import { fuzzSeed, SeededRandom } from '../support/fuzz/seeded-random.js';
import { liveMarkupIn, stringsIn } from '../support/hostile-text.js';

/**
 * Issue 11: a seeded fuzz of the compiled parsers and listeners. At least
 * 10,000 command texts (every command, every /shipmate subcommand) and
 * Approve/Reject values go, one at a time, through the Bolt App the compiled
 * bot registers its listeners on, with the real adapters on the sandbox.
 * No error escapes (out of Bolt, as an unhandled rejection, as a
 * "Sorry, … failed" reply or an error log line); every input is acked once;
 * every refusal is a usage-style answer and made no AWS, Kubernetes or HTTP
 * call; and nothing live (mention, link, control character) goes back.
 * FUZZ_SEED replays another seed; FUZZ_INPUTS changes the count.
 */
const SEED = fuzzSeed(0x5eed_0011);
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 10_000);
const CLICK_SHARE = 0.2;
const RELEASES = 'C0RELEASES';
const CHANNELS = [RELEASES, RELEASES, RELEASES, 'C0GENERAL', 'G0OPS'];
/** Commands come from alice (who asked for every request) or from people who may not run them; no one here may approve alice's requests. */
const COMMANDERS = ['U0ALICE', 'U0ALICE', 'U0ALICE', 'U0ALICE', 'U0GUEST', 'U0EXTERNAL'];
const STRANGERS = [
  { op: 'add' as const, path: '/slack/users/-', value: { id: 'U0GUEST', name: 'gus', isRestricted: true } },
  { op: 'add' as const, path: '/slack/users/-', value: { id: 'U0EXTERNAL', name: 'eve', teamId: 'T0PARTNER' } },
];
/** Whom shipmate itself may mention (requesters, approvers, actors); fuzzed mentions name carol, who never acts here, or no one. */
const PEOPLE = new Set(['U0ALICE', 'U0BOB', 'U0GUEST', 'U0EXTERNAL']);
const SUBCOMMANDS = new Set(['help', 'status', 'history', 'digest', 'cancel', 'lock', 'unlock']);
const GENERIC_FAILURE = /Sorry, \/\w+ failed|did not go through/;

type CommandDefinition<Args extends Record<string, unknown>> = import('../../commands/command-definition.js').CommandDefinition<Args>;
type ParseModule = typeof import('../../src/cli/parse-command-args.js');
type CommandsModule = typeof import('../../commands/index.js');
type UsageErrorModule = typeof import('../../src/usage-error.js');

let session: SandboxSession | undefined;
let bot: CompiledBotInProcess | undefined;
afterEach(async () => {
  await bot?.stop();
  await session?.close();
  bot = undefined;
  session = undefined;
});

const shown = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…(${text.length} chars)` : text);

/** A refusal: what was wrong, then (for malformed input) how the command is used. */
const USAGE_ANSWER = /^:warning: \S[\s\S]*$/;
const isUsageAnswer = (value: unknown) => stringsIn(value).some((s) => USAGE_ANSWER.test(s));

/** What is wrong with one exchange; `quiet`: it must have made no AWS, Kubernetes or HTTP call. */
function problemsOf(exchange: Exchange, quiet: boolean): string[] {
  const problems: string[] = [];
  if (exchange.hung) problems.push('no answer: its listener was still running 30 s later');
  if (exchange.escaped !== undefined) problems.push(`escaped ${String(exchange.escaped)}`);
  if (exchange.acks.length !== 1) problems.push(`acked ${exchange.acks.length} times`);
  for (const line of exchange.logged.filter((l) => l.startsWith('error:'))) problems.push(`logged ${line.slice(0, 200)}`);
  const said = stringsIn([exchange.acks, exchange.replies]);
  if (said.some((s) => GENERIC_FAILURE.test(s))) problems.push(`a generic failure reply: ${shown(said.find((s) => GENERIC_FAILURE.test(s))!)}`);
  for (const text of said) for (const live of liveMarkupIn(text, PEOPLE)) problems.push(`live ${JSON.stringify(live)} in ${shown(text)}`);
  if (quiet && exchange.backendCalls.length > 0) {
    problems.push(`called ${exchange.backendCalls.map((c) => `${c.system} ${c.operation}`).join(', ').slice(0, 200)}`);
  }
  return problems;
}

/** Problems by kind, each with the first input that showed it and how many did. */
class Problems {
  private readonly kinds = new Map<string, { first: string; count: number }>();

  add(input: string, problems: readonly string[]): void {
    for (const problem of new Set(problems)) {
      const kind = problem.slice(0, 160);
      const known = this.kinds.get(kind);
      if (known) known.count++;
      else this.kinds.set(kind, { first: input, count: 1 });
    }
  }

  list(): string[] {
    return [...this.kinds].map(([kind, { first, count }]) => `${kind}  ← ${first}${count > 1 ? ` (and ${count - 1} more inputs)` : ''}`);
  }
}

/** The approval cards in the channel so far, as [request id, message ts] (looked for only in messages not seen before). */
function cardFinder(s: SandboxSession): () => [string, string][] {
  const found: [string, string][] = [];
  let seen = 0;
  return () => {
    const { messages } = s.sandbox.state.slack;
    for (const m of messages.slice(seen)) {
      const id = /"action_id":"approve"[^}]*"value":"([a-z0-9]+)"/.exec(JSON.stringify(m.blocks ?? []))?.[1];
      if (id && !m.threadTs) found.push([id, m.ts]);
    }
    seen = messages.length;
    return found;
  };
}

describe('fuzzing the compiled parsers and listeners', () => {
  it(`answers ${INPUTS} command texts and button values: nothing escapes, every refusal is a warning answer with no backend call, nothing live`, async () => {
    // given: the compiled bot in this process on a sandbox with a guest and a Slack Connect member, and a few of alice's requests to click on
    const { parseCommandArgs } = await compiledModule<ParseModule>('src/cli/parse-command-args.js');
    const { commands } = await compiledModule<CommandsModule>('commands/index.js');
    const { UsageError } = await compiledModule<UsageErrorModule>('src/usage-error.js');
    session = await startSandboxSession(scenario(STRANGERS));
    bot = await new CompiledBotInProcess(session).start();
    const s = session;
    const cards = cardFinder(s);
    for (const text of ['backend 1.0.0 staging', 'frontend 1.0.0 production', 'ml 1.0.0']) await bot.command('/deploy', text, 'U0ALICE', RELEASES);
    await bot.command('/build', '1.1.0 backend staging', 'U0ALICE', RELEASES);
    expect(cards().length).toBe(4);
    const escapedProcess: unknown[] = [];
    const onUnhandled = (reason: unknown) => void escapedProcess.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const random = new SeededRandom(SEED);
    console.log(`fuzz seed ${SEED} (0x${SEED.toString(16)}); replay with FUZZ_SEED=${SEED}; ${INPUTS} inputs`);

    // when: every input, one at a time
    const problems = new Problems();
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    let refusals = 0;
    let refusedByPreflight = 0;
    let backendCallsOfPreflightRefusals = 0;
    let backendCallsOfInputs = 0;
    const callsBefore = s.sandbox.state.calls.filter((c) => c.system !== 'slack').length;
    const started = Date.now();
    try {
      for (let i = 0; i < INPUTS; i++) {
        const known = cards();
        if (random.chance(CLICK_SHARE)) {
          const click = fuzzButtonClick(random, known.map(([id]) => id));
          // No one may approve alice's requests but bob and carol: they click Approve only on values that are no request.
          const userId = random.pick(click.actionId === 'approve' && click.real ? ['U0ALICE', 'U0GUEST', 'U0EXTERNAL'] : ['U0ALICE', 'U0BOB', 'U0GUEST', 'U0EXTERNAL']);
          const messageTs = click.card !== undefined ? known[click.card]![1] : '1700000000.000100';
          const exchange = await bot.click(click.actionId, click.value, userId, RELEASES, messageTs, click.fromHome);
          count(`click ${click.actionId}${click.fromHome ? ' on App Home' : ''}`);
          const decided = exchange.outcomes.find((o) => o.startsWith(`${click.actionId}:`));
          const refused = decided === undefined || decided.endsWith(':refused');
          count(`click ${decided ?? 'with no decision'}`);
          if (refused) refusals++;
          backendCallsOfInputs += exchange.backendCalls.length;
          const answered = stringsIn(exchange.replies).some((r) => r.startsWith(':no_entry:'));
          // Alice rejecting her own request withdraws it (counted as "refused" by the metrics): the card says so, not an ephemeral.
          const withdrawn = click.actionId === 'reject' && click.real && userId === 'U0ALICE';
          // An approval starts a deploy; none may happen here, so every click must call no backend.
          const label = `#${i} ${click.actionId}${click.fromHome ? ' on App Home' : ''} by ${userId} value ${shown(click.value)}`;
          problems.add(label, [
            ...problemsOf(exchange, true),
            ...(decided === 'approve:approved' ? ['approved'] : []),
            ...(refused && !answered && !withdrawn ? ['refused without telling the clicker why'] : []),
          ]);
          continue;
        }
        const input = fuzzCommandText(random, () => random.pick(known)[0]);
        const userId = random.pick(COMMANDERS);
        const definition = commands.find((c) => `/${c.name}` === input.command) as CommandDefinition<Record<string, unknown>>;
        let parserRefused = false;
        try {
          parseCommandArgs(definition, input.text.trim().split(/\s+/).filter(Boolean));
        } catch (error) {
          if (!(error instanceof UsageError)) problems.add(`#${i} ${input.command} ${shown(input.text)}`, [`the parser threw ${String(error)}`]);
          parserRefused = true;
        }
        const exchange = await bot.command(input.command, input.text, userId, random.pick(CHANNELS));
        const name = input.command.slice(1);
        const outcome = exchange.outcomes.find((o) => o.startsWith(`${name}:`));
        const refused = outcome === `${name}:refused`;
        // Refused in the ack: by the parser or a check made before any AWS or Kubernetes call (names, policy, identity, locks, freeze).
        const refusedAtOnce = refused && isUsageAnswer(exchange.acks[0]);
        const first = input.text.trim().split(/\s+/, 1)[0]!;
        count(input.command !== '/shipmate' ? input.command : SUBCOMMANDS.has(first) ? `/shipmate ${first}` : '/shipmate (no or unknown subcommand)');
        count(`strategy ${input.strategy}`);
        count(`${input.command} ${refusedAtOnce ? 'refused at once' : refused ? 'refused by the preflight' : 'accepted'}`);
        if (refusedAtOnce) refusals++;
        else if (refused) {
          refusedByPreflight++;
          backendCallsOfPreflightRefusals += exchange.backendCalls.length;
        }
        backendCallsOfInputs += exchange.backendCalls.length;
        const label = `#${i} ${input.command} by ${userId} ${shown(input.text)}`;
        problems.add(label, [
          ...problemsOf(exchange, refusedAtOnce),
          ...(outcome === undefined || outcome.endsWith(':error') ? [`outcome ${outcome ?? 'none'}`] : []),
          ...(refused && !isUsageAnswer([exchange.acks, exchange.replies]) ? ['refused without a usage answer'] : []),
          ...(parserRefused && !refusedAtOnce ? [`the parser refuses it, the listener did not at once (${outcome})`] : []),
        ]);
      }
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    const seconds = (Date.now() - started) / 1000;
    const callsAfter = s.sandbox.state.calls.filter((c) => c.system !== 'slack').length;
    console.log(
      `fuzz: ${INPUTS} inputs in ${seconds.toFixed(1)} s: ${refusals} refused at once (no backend call allowed); ` +
        `${refusedByPreflight} refused by the preflight after ${backendCallsOfPreflightRefusals} backend calls (a version not in ECR); ` +
        `${backendCallsOfInputs} backend calls in all\n` +
        [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k}: ${n}`).join('\n'),
    );

    // then: nothing escaped, every refusal was a quiet usage answer, and no backend call happened outside an input
    expect(problems.list()).toEqual([]);
    expect(escapedProcess.map(String)).toEqual([]);
    expect(callsAfter - callsBefore).toBe(backendCallsOfInputs);
    expect(refusals).toBeGreaterThan(INPUTS / 2);
    // and nothing live anywhere Slack received, the cards' later edits included
    const slack = s.sandbox.state.slack;
    const everything = stringsIn([slack.messages.map((m) => [m.text, m.blocks, m.edits]), slack.ephemerals.map((m) => [m.text, m.blocks, m.edits]), slack.responses.map((r) => [r.text, r.blocks])]);
    expect(everything.flatMap((text) => liveMarkupIn(text, PEOPLE).map((live) => `${live} in ${shown(text)}`)).slice(0, 20)).toEqual([]);
  }, 600_000);
});
