/**
 * A buildspec command split into simple commands (line continuations joined,
 * split at newlines, `;`, `&&`, `||` and `|`), each as its words with quotes
 * removed. An approximation of shell parsing (a quoted space still splits a
 * word), enough to recognise docker calls.
 */
export function simpleCommands(command: string): string[][] {
  return command
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n|&&|\|\||[;|]/)
    .map((part) => (part.match(/\S+/g) ?? []).map(unquote))
    .filter((words) => words.length > 0);
}

/** `"$REPO:$TAG"` → `$REPO:$TAG`, `--output="type=docker"` → `--output=type=docker`. */
function unquote(word: string): string {
  return word.replace(/(['"])(.*?)\1/g, '$2');
}

/** The words after `docker` in a simple command, or undefined when it does not call docker. */
export function dockerArguments(words: readonly string[]): string[] | undefined {
  const index = words.findIndex((word) => word === 'docker' || word.endsWith('/docker'));
  return index === -1 ? undefined : words.slice(index + 1);
}

/** The options and operands of `docker build` or `docker buildx build` in a simple command, or undefined when it is neither. */
export function dockerBuildArguments(words: readonly string[]): string[] | undefined {
  const args = dockerArguments(words);
  if (args?.[0] === 'build') return args.slice(1);
  if (args?.[0] === 'buildx' && (args[1] === 'build' || args[1] === 'b')) return args.slice(2);
  return undefined;
}

/** Values of an option given as `--name value`, `--name=value`, `-o value` or `-o=value`. */
export function optionValues(args: readonly string[], ...names: string[]): string[] {
  const values: string[] = [];
  args.forEach((arg, index) => {
    for (const name of names) {
      if (arg === name && args[index + 1] !== undefined) values.push(args[index + 1]!);
      else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
    }
  });
  return values;
}
