const ANSI = /\x1b\[[0-9;]*m/g;
const ZERO_WIDTH = /[\u200b-\u200d\ufe0e\ufe0f\p{M}]/u;
const WIDE = /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Terminal columns a string takes: ANSI codes and zero-width characters take none, emoji and CJK take two. */
export function displayWidth(text: string): number {
  const chars = [...stripAnsi(text)];
  let width = 0;
  chars.forEach((char, i) => {
    if (ZERO_WIDTH.test(char)) return;
    const emojiByVariation = chars[i + 1] === '\ufe0f' && PICTOGRAPHIC.test(char);
    width += WIDE.test(char) || emojiByVariation || char.codePointAt(0)! >= 0x20000 ? 2 : 1;
  });
  return width;
}
