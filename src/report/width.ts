// How many terminal columns text takes (CJK two): known here for the characters semicap nearly always prints, so
// string-width (slow to import) is loaded only for other text; docs/module-notes.md says more.

/** Characters one column wide: printable ASCII and Latin-1 (not the soft hyphen), punctuation, arrows, maths, box drawing, blocks and shapes. */
const ONE = '\\x20-\\x7e\\xa0-\\xac\\xae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u21ff\\u2200-\\u22ff\\u2500-\\u25fc';
/** Characters two columns wide: CJK punctuation (not its tone marks), kana, ideographs, Hangul syllables, full-width forms. */
const TWO = '\\u3000-\\u3029\\u3030-\\u303e\\u3041-\\u3096\\u30a0-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7a3\\uf900-\\ufaff\\uff01-\\uff60\\uffe0-\\uffe6';
const KNOWN = new RegExp(`^[${ONE}${TWO}]*$`);
const WIDE = new RegExp(`[${TWO}]`, 'g');
const ASCII = /^[\x20-\x7e]*$/;

/** The known fast-path ranges, for the test that checks them against string-width. */
export const KNOWN_RANGES = { one: ONE, two: TWO };

export type Measure = (text: string) => number;

/** Width of text made only of known characters (see KNOWN); undefined for anything else. */
export function knownWidth(text: string): number | undefined {
  if (ASCII.test(text)) return text.length;
  if (!KNOWN.test(text)) return undefined;
  return text.length + (text.match(WIDE)?.length ?? 0);
}

/**
 * A width function for the lines of these texts: the fast path when it knows them all, else string-width too,
 * loaded now (`load`: how; a test passes its own).
 */
export async function measureFor(texts: Iterable<string>, load: () => Promise<Measure> = loadStringWidth): Promise<Measure> {
  let slow: Measure | undefined;
  // Each line of a text is measured on its own: line ends are not in the sample.
  scan: for (const t of texts) {
    for (const line of t.split('\n')) {
      if (knownWidth(line) === undefined) {
        slow = await load();
        break scan;
      }
    }
  }
  // Text outside the sample that the fast path does not know is counted a column a character.
  if (slow === undefined) return (text) => knownWidth(text) ?? [...text].length;
  const general = slow;
  return (text) => knownWidth(text) ?? general(text);
}

const loadStringWidth = async (): Promise<Measure> => (await import('string-width')).default;
