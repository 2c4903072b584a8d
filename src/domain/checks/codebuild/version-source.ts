import { dockerPushes, tagOf, tagsOfRepository } from './docker-pushes.js';
import { shellStatements } from './shell-statements.js';

/**
 * Where the version tag a buildspec pushes is assigned from:
 * - `override`: $VERSION as the build was started with, the override shipmate's /build (and any StartBuild) sends;
 * - `git-tag`: `git describe` / `git tag` of the checked-out source;
 * - `source-version`: CODEBUILD_SOURCE_VERSION / CODEBUILD_RESOLVED_SOURCE_VERSION, set for every build;
 * - `webhook-only`: CODEBUILD_WEBHOOK_TRIGGER alone, which is empty unless a webhook started the build;
 * - `elsewhere`: it reads CODEBUILD_WEBHOOK_TRIGGER but no pushed tag comes from it;
 * - `none`: it does not read CODEBUILD_WEBHOOK_TRIGGER at all.
 */
export type VersionSource = 'override' | 'git-tag' | 'source-version' | 'webhook-only' | 'elsewhere' | 'none';

type Origin = 'override' | 'git-tag' | 'source-version' | 'webhook';
/** Where a value may come from; empty when from none of these (a literal, another variable). */
type Origins = ReadonlySet<Origin>;

/** What a build started by hand or by /build still has, best first. */
const FALLBACKS = ['override', 'git-tag', 'source-version'] as const;
const BUILT_IN = new Map<string, Origins>([
  ['VERSION', new Set(['override'])],
  ['CODEBUILD_WEBHOOK_TRIGGER', new Set(['webhook'])],
  ['CODEBUILD_SOURCE_VERSION', new Set(['source-version'])],
  ['CODEBUILD_RESOLVED_SOURCE_VERSION', new Set(['source-version'])],
]);
const NO_ORIGIN: Origins = new Set();
const WEBHOOK_TRIGGER = /CODEBUILD_WEBHOOK_TRIGGER/;
const VARIABLE_REFERENCE = /\$\{?[#!]?([A-Za-z_]\w*)/g;
const GIT_TAG = /\bgit\s+(?:describe|tag)\b/;
const ASSIGNMENT = /^([A-Za-z_]\w*)=([\s\S]*)$/;
const TEST_COMMANDS: ReadonlySet<string | undefined> = new Set(['[', '[[', 'test']);
const LEADING_KEYWORDS: ReadonlySet<string | undefined> = new Set(['then', 'else', 'do', '{', '!', 'export', 'readonly', 'declare', 'local', 'typeset']);

/**
 * Decided from the tags the buildspec pushes (`docker push`, `-t … --push`),
 * following the variable assignments before each push; when it pushes no image
 * itself (a script does), from every variable it assigns.
 */
export function versionSource(commands: readonly string[]): VersionSource {
  if (!commands.some((command) => WEBHOOK_TRIGGER.test(command))) return 'none';
  const { pushedTags, variables } = traceVersionTags(commands);
  const candidates = pushedTags.length > 0 ? pushedTags : variables;
  const fromWebhook = candidates.filter((origins) => origins.has('webhook'));
  if (fromWebhook.length === 0) return 'elsewhere';
  // One tag that only a webhook fills is empty on a manual build, and the push fails or loses the version.
  if (fromWebhook.some((origins) => !FALLBACKS.some((fallback) => origins.has(fallback)))) return 'webhook-only';
  return FALLBACKS.find((fallback) => fromWebhook.some((origins) => origins.has(fallback)))!;
}

/** The origins of each pushed tag at the moment it is pushed, and of every assigned variable at the end. */
function traceVersionTags(commands: readonly string[]): { pushedTags: Origins[]; variables: Origins[] } {
  const assigned = new Map<string, Origins>();
  const locallyTagged = new Map<string, Origins>();
  const pushedTags: Origins[] = [];
  const originsOfTag = (ref: string): Origins | undefined => {
    const tag = tagOf(ref);
    return tag === undefined ? undefined : originsOf(tag, assigned);
  };
  for (const command of commands) {
    let openIfs = 0;
    let previousCommand: string | undefined;
    for (const statement of shellStatements(command)) {
      const words = withoutKeywords(statement.words);
      if (words[0] === 'if') openIfs++;
      if (words[0] === 'fi') openIfs = Math.max(0, openIfs - 1);
      const conditional = openIfs > 0 || (statement.joinedBy !== undefined && TEST_COMMANDS.has(previousCommand));
      assign(words, conditional, assigned);
      const { pushed, tagged, pushedAllTagsOf } = dockerPushes(words);
      for (const ref of tagged) locallyTagged.set(ref, originsOfTag(ref) ?? new Set());
      const refs = pushedAllTagsOf === undefined ? pushed : tagsOfRepository(pushedAllTagsOf, [...locallyTagged.keys()]);
      for (const ref of refs) {
        const origins = pushedAllTagsOf === undefined ? originsOfTag(ref) : locallyTagged.get(ref);
        if (origins) pushedTags.push(origins);
      }
      previousCommand = words[0];
    }
  }
  return { pushedTags, variables: [...assigned.values()] };
}

/** `NAME=value …` with nothing after it sets NAME for the commands that follow; a conditional one may also leave it as it was. */
function assign(words: readonly string[], conditional: boolean, assigned: Map<string, Origins>): void {
  const assignments = words.map((word) => ASSIGNMENT.exec(word));
  if (assignments.some((match) => match === null)) return;
  for (const match of assignments) {
    const [, name, value] = match!;
    const origins = new Set(originsOf(value!, assigned));
    if (conditional) for (const origin of originsOfVariable(name!, assigned)) origins.add(origin);
    assigned.set(name!, origins);
  }
}

function originsOf(text: string, assigned: ReadonlyMap<string, Origins>): Origins {
  const origins = new Set<Origin>();
  for (const [, name] of text.matchAll(VARIABLE_REFERENCE)) for (const origin of originsOfVariable(name!, assigned)) origins.add(origin);
  if (GIT_TAG.test(text)) origins.add('git-tag');
  return origins;
}

function originsOfVariable(name: string, assigned: ReadonlyMap<string, Origins>): Origins {
  return assigned.get(name) ?? BUILT_IN.get(name) ?? NO_ORIGIN;
}

/** Without leading `then`, `do`, `export`, `declare -x --` …; past either end words[i] is undefined, neither a keyword nor an option. */
function withoutKeywords(words: readonly string[]): string[] {
  let start = 0;
  while (LEADING_KEYWORDS.has(words[start]) || (LEADING_KEYWORDS.has(words[start - 1]) && words[start]?.startsWith('-'))) start++;
  return words.slice(start);
}
