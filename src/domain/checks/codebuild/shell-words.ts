/**
 * A buildspec command split into simple commands (line continuations joined,
 * split at newlines, `;`, `&&`, `||` and `|`), each as its words with quotes
 * removed. An approximation of shell parsing, enough to recognise docker calls.
 */
export function simpleCommands(command: string): string[][] {
  return command
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n|&&|\|\||[;|]/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean).map(unquote))
    .filter((words) => words.length > 0);
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}

/** The words after `docker` in a simple command, or undefined when it does not call docker. */
export function dockerArguments(words: readonly string[]): string[] | undefined {
  const index = words.findIndex((word) => word === 'docker' || word.endsWith('/docker'));
  return index === -1 ? undefined : words.slice(index + 1);
}
