// Suggestions for mistyped names ("did you mean"): one edit distance for option values, --method names and rule files;
// and the one order of identifiers every layer sorts by.

/** Levenshtein edit distance (insertions, deletions, substitutions). @example levenshtein('theat', 'theta') // 2 */
export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The candidate nearest to `word` (case-insensitive, at most 2 edits away), if any. @example closest('tehta', ['theta', 'ets']) // 'theta' */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Code-unit order for sorting identifiers: stable everywhere, and no Intl collator to build at start-up. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
