/** One simple command of a buildspec line, split like the shell would split it (roughly). */
export interface ShellStatement {
  /** Its words, top-level quotes removed; `$(…)` and `${…}` kept whole, spaces and all. */
  words: string[];
  /** `&&` or `||` when it runs only depending on the statement before it. */
  joinedBy?: '&&' | '||';
}

type Context = '"' | "'" | '$(' | '${' | '(';

/**
 * A buildspec command split into statements at top-level newlines, `;`, `&`,
 * `|`, `&&` and `||`, unlike shell-words' simpleCommands also outside quotes,
 * `$(…)` and `${…}`, so `VERSION=$(git describe || echo x)` stays one word.
 */
export function shellStatements(command: string): ShellStatement[] {
  const text = command.replace(/\\\r?\n/g, ' ');
  const statements: ShellStatement[] = [];
  const open: Context[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let joinedBy: ShellStatement['joinedBy'];
  const add = (characters: string) => {
    word = (word ?? '') + characters;
  };
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endStatement = (next: ShellStatement['joinedBy']) => {
    endWord();
    if (words.length > 0) statements.push(joinedBy ? { words, joinedBy } : { words });
    words = [];
    joinedBy = next;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const pair = text.slice(i, i + 2);
    const inside = open.at(-1);
    if (inside === "'") {
      if (c === "'") open.pop();
      // Only the quote that closes a top-level '…' leaves no context open; it is dropped, everything else is kept.
      if (open.length > 0) add(c);
      continue;
    }
    if (c === '\\') {
      add(pair);
      i++;
      continue;
    }
    if (inside === undefined) {
      if (c === '#' && word === undefined) {
        const end = text.indexOf('\n', i);
        i = end === -1 ? text.length : end - 1;
        continue;
      }
      if (c === ' ' || c === '\t') {
        endWord();
        continue;
      }
      if (pair === '&&' || pair === '||') {
        endStatement(pair);
        i++;
        continue;
      }
      if (/[;&|\n\r]/.test(c)) {
        endStatement(undefined);
        continue;
      }
      if (c === '"' || c === "'") {
        open.push(c);
        word ??= '';
        continue;
      }
    } else if (closes(inside, c)) {
      open.pop();
      if (!(inside === '"' && open.length === 0)) add(c);
      continue;
    }
    if (pair === '$(' || pair === '${') {
      open.push(pair);
      add(pair);
      i++;
      continue;
    }
    if (inside !== '"' && inside !== '${' && (c === '(' || c === '"' || c === "'")) open.push(c);
    else if (inside === '${' && (c === '"' || c === "'")) open.push(c);
    add(c);
  }
  endStatement(undefined);
  return statements;
}

function closes(context: Context, c: string): boolean {
  if (context === '"') return c === '"';
  if (context === '${') return c === '}';
  return c === ')';
}
