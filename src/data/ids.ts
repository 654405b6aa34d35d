// Series ids that look alike but are not the same text ('china' and 'china ', 'сhina' with a Cyrillic с, NFC
// and NFD forms of 'café', a zero-width space): kept apart as written, never merged silently, and warned about,
// because one of them is almost always a typo that splits a series in two.

/** Characters a reader cannot see: zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u180e]/g;
const IS_INVISIBLE = /^[\u200b-\u200d\u2060\ufeff\u00ad\u180e]$/;

/** Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables, the common part). */
const LOOKALIKE: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  ο: 'o', ν: 'v', ρ: 'p', ι: 'i', Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LOOKALIKE_CHARS = new RegExp(`[${Object.keys(LOOKALIKE).join('')}]`, 'g');

/** Plain ASCII words separated by single spaces: already its own skeleton (the common case, no work). */
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * What an id looks like on screen: compatibility-normalised (NFKC: NFC/NFD, full-width forms), invisible
 * characters removed, runs of whitespace (NBSP included) one space, trimmed, look-alike letters mapped to Latin.
 * @example idSkeleton(' сhina\u200b') // 'china'
 */
export function idSkeleton(id: string): string {
  if (PLAIN_ASCII.test(id)) return id;
  return id
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LOOKALIKE_CHARS, (c) => LOOKALIKE[c]);
}

/** An id with what cannot be seen made visible: non-ASCII letters as \uXXXX where they pass for ASCII ones, spaces kept. */
export function visibleId(id: string): string {
  return id.replace(/[^\x20-\x7e]/gu, (c) => {
    const code = c.codePointAt(0)!;
    const shown = /[\s]/.test(c) || IS_INVISIBLE.test(c) || Object.hasOwn(LOOKALIKE, c) || /\p{M}/u.test(c) || code < 0x20;
    return shown ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  });
}

const MAX_WARNINGS = 20;

/** Collects look-alike ids as a reader meets each new id once; `warnings()` says which pairs were kept apart. */
export class LookalikeIds {
  private readonly first = new Map<string, string>();
  private readonly found: string[] = [];
  private more = 0;

  /** Registers a new (distinct) id; notes it when it looks like one met before. */
  add(id: string): void {
    const skeleton = idSkeleton(id);
    const earlier = this.first.get(skeleton);
    if (earlier === undefined) {
      this.first.set(skeleton, id);
      return;
    }
    if (this.found.length >= MAX_WARNINGS) {
      this.more++;
      return;
    }
    this.found.push(`series ids '${visibleId(earlier)}' and '${visibleId(id)}' look alike but differ (${difference(earlier, id)}); kept as two series: check the spelling`);
  }

  warnings(): string[] {
    return this.more > 0 ? [...this.found, `${this.more} more pair(s) of look-alike series ids`] : [...this.found];
  }
}

/** What tells two look-alike ids apart, in words. */
function difference(a: string, b: string): string {
  if (a.trim() !== a || b.trim() !== b) return 'surrounding spaces';
  if (a.normalize('NFC') === b.normalize('NFC')) return 'Unicode normalisation (NFC/NFD)';
  if (a.replace(INVISIBLE, '') === b.replace(INVISIBLE, '')) return 'invisible characters';
  if (a.replace(/\s+/g, ' ') === b.replace(/\s+/g, ' ')) return 'kinds of space';
  if (a.normalize('NFKC') === b.normalize('NFKC')) return 'full-width or compatibility forms';
  return 'look-alike letters from another script';
}
