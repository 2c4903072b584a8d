import type { CompletionNode } from './completion-tree.js';

/** How one shell reads the command line and offers words. */
interface Dialect {
  header: string[];
  /** The local variables: the current word, the word before it, the command path so far. */
  locals: string;
  /** The array of words and the index of the first one after `shipmate`. */
  words: string;
  first: number;
  current: string;
  /** A case pattern for a literal. */
  pattern: (literal: string) => string;
  offerWords: (words: readonly string[]) => string;
  offerFiles: string;
  offerNothing: string;
  footer: string[];
}

const bash: Dialect = {
  header: [
    '# shipmate completion for bash. Load it with: source <(shipmate completion bash)',
    '# or save it: shipmate completion bash > ~/.local/share/bash-completion/completions/shipmate',
  ],
  locals: 'local cur="${COMP_WORDS[COMP_CWORD]}" prev="" at="" i\n  (( COMP_CWORD > 1 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"',
  words: 'COMP_WORDS',
  first: 1,
  current: 'COMP_CWORD',
  pattern: (literal) => `"${literal}")`,
  offerWords: (words) => `COMPREPLY=($(compgen -W "${words.join(' ')}" -- "$cur"))`,
  offerFiles: 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))',
  offerNothing: 'COMPREPLY=()',
  footer: ['complete -F _shipmate shipmate'],
};

const zsh: Dialect = {
  header: [
    '#compdef shipmate',
    '# shipmate completion for zsh. Load it after compinit with: source <(shipmate completion zsh)',
    '# or save it as _shipmate in a folder of your $fpath.',
  ],
  locals: 'local at="" prev="${words[CURRENT-1]}" i',
  words: 'words',
  first: 2,
  current: 'CURRENT',
  pattern: (literal) => `("${literal}")`,
  offerWords: (words) => `compadd -- ${words.join(' ')}`,
  offerFiles: '_files',
  offerNothing: ':',
  footer: ['if [[ "${funcstack[1]}" == _shipmate ]]; then _shipmate "$@"; else compdef _shipmate shipmate; fi'],
};

export const SHELLS = { bash, zsh } as const;
export type Shell = keyof typeof SHELLS;

/**
 * A completion function for `shipmate` in `shell`: walks the words typed so far to the
 * command they name (`/config/validate`), then offers that command's words, or the values
 * of the flag just typed. Everything comes from the program's own commands and options.
 */
export function completionScript(shell: Shell, nodes: readonly CompletionNode[]): string {
  const d = SHELLS[shell];
  const paths = nodes.filter((node) => node.path !== '').map((node) => `"${node.path}"`);
  const valueCases = nodes.flatMap((node) =>
    node.values.map(({ flag, offer }) => {
      const reply = offer === 'files' ? d.offerFiles : offer === 'nothing' ? d.offerNothing : d.offerWords(offer);
      return `    ${d.pattern(`${node.path} ${flag}`)} ${reply}; return ;;`;
    }),
  );
  return [
    ...d.header,
    '_shipmate() {',
    `  ${d.locals}`,
    `  for ((i = ${d.first}; i < ${d.current}; i++)); do`,
    `    case "$at/\${${d.words}[i]}" in`,
    `      ${shell === 'zsh' ? `(${paths.join('|')})` : `${paths.join('|')})`} at="$at/\${${d.words}[i]}" ;;`,
    '    esac',
    '  done',
    '  case "$at $prev" in',
    ...valueCases,
    '  esac',
    '  case "$at" in',
    ...nodes.map((node) => `    ${d.pattern(node.path)} ${d.offerWords(node.words)} ;;`),
    '  esac',
    '}',
    ...d.footer,
    '',
  ].join('\n');
}
