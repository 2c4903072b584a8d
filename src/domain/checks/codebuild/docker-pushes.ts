import { dockerArguments, dockerBuildArguments, optionValues } from './shell-words.js';

/**
 * What one statement does with image references: those it pushes to a
 * registry, and those it only tags locally (for a later `docker push --all-tags`).
 * Pushes: `docker push REF`, `docker build|buildx build -t REF --push` (or
 * `--output type=registry` / `push=true`), `docker buildx imagetools create -t REF`.
 */
export function dockerPushes(words: readonly string[]): { pushed: string[]; tagged: string[]; pushedAllTagsOf?: string } {
  const args = dockerArguments(words);
  if (!args) return { pushed: [], tagged: [] };
  const sub = args[0] === 'image' ? args.slice(1) : args;
  if (sub[0] === 'push') {
    const operands = sub.slice(1).filter((arg) => !arg.startsWith('-'));
    const ref = operands.at(-1);
    if (ref === undefined) return { pushed: [], tagged: [] };
    return sub.includes('--all-tags') || sub.includes('-a') ? { pushed: [], tagged: [], pushedAllTagsOf: ref } : { pushed: [ref], tagged: [] };
  }
  if (sub[0] === 'tag' && sub[2] !== undefined) return { pushed: [], tagged: [sub[2]] };
  if (args.slice(0, 3).join(' ') === 'buildx imagetools create') return { pushed: optionValues(args, '--tag', '-t'), tagged: [] };
  const build = dockerBuildArguments(words);
  if (!build) return { pushed: [], tagged: [] };
  const tags = optionValues(build, '--tag', '-t');
  return pushesToRegistry(build) ? { pushed: tags, tagged: [] } : { pushed: [], tagged: tags };
}

function pushesToRegistry(args: readonly string[]): boolean {
  if (args.includes('--push') || args.includes('--push=true')) return true;
  return optionValues(args, '--output', '-o').some((output) => /(?:^|,)\s*(?:type=registry|push=true)\s*(?:,|$)/.test(output));
}

/** The tag part of an image reference (`$REPO:$VERSION` → `$VERSION`), a bare variable as itself, or undefined (implicitly `latest`). */
export function tagOf(ref: string): string | undefined {
  const name = ref.split('@', 1)[0]!;
  let depth = 0;
  let colon = -1;
  // Stryker disable next-line EqualityOperator: one past the end reads no character, so < and <= scan alike
  for (let i = 0; i < name.length; i++) {
    const pair = name.slice(i, i + 2);
    if (pair === '${' || pair === '$(') {
      depth++;
      i++;
    } else if ((name[i] === '}' || name[i] === ')') && depth > 0) depth--;
    else if (name[i] === ':' && depth === 0) colon = i;
  }
  if (colon !== -1 && !name.slice(colon).includes('/')) return name.slice(colon + 1);
  return /^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\})$/.test(name) ? name : undefined;
}

/** A repository's references among those tagged locally (for `docker push --all-tags REPO`). */
export function tagsOfRepository(repository: string, tagged: readonly string[]): string[] {
  return tagged.filter((ref) => ref.startsWith(`${repository}:`));
}
