// Terminal columns of a line as string-width counts them, but quick on the long table lines the width tests
// measure by the thousand: a line of characters that each stand alone (no combining marks, joiners, emoji or
// escapes) is as wide as the sum of its characters, each measured once by string-width; any other line whole.
import stringWidth from 'string-width';

/** Characters that are a grapheme on their own: printable ASCII and Latin-1, punctuation, arrows, maths, box drawing, shapes, CJK, kana, Hangul syllables, full-width forms. */
const SINGLE = /^[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u25ff\u3000-\u3029\u3030-\u303e\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]*$/;
const ASCII = /^[\x20-\x7e]*$/;
const perCharacter = new Map<number, number>();

/** string-width's count for a line (or any text without line ends). */
export function columns(line: string): number {
  if (ASCII.test(line)) return line.length;
  if (!SINGLE.test(line)) return stringWidth(line);
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    let w = perCharacter.get(code);
    if (w === undefined) perCharacter.set(code, (w = stringWidth(line[i])));
    width += w;
  }
  return width;
}
