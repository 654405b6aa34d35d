// What layering a user's --data folder over the bundled datasets did, in words: whose files, which wins, and every
// conflict (a row of the user's with a bundled row's key and another value).
import { checkFolder, type Layering } from '../data/datasets.js';

const MAX_LISTED = 20;

/** Notes (which files are whose, who wins) and warnings (each conflict) for a layered folder. */
export function layeringNotes(l: Layering): { notes: string[]; warnings: string[] } {
  const notes = [
    l.yours.length === 0
      ? `${l.dir} holds no dataset files: the bundled datasets are used`
      : `${l.dir}: your ${l.yours.join(', ')} layered over the bundled datasets; your rows win on the same key (${l.replaced} replaced, ${l.added} added)${l.bundled.length > 0 ? `; bundled: ${l.bundled.join(', ')}` : ''}`,
  ];
  const warnings = l.conflicts.slice(0, MAX_LISTED).map((c) => `${c.file}:${c.line}: yours replaces a bundled row (${c.key}): ${c.columns.map((d) => `${d.name} ${d.bundled} → ${d.yours}`).join(', ')}`);
  if (l.conflicts.length > MAX_LISTED) warnings.push(`${l.conflicts.length - MAX_LISTED} more conflicts with the bundled datasets; run 'semicap validate ${l.dir}' to see all`);
  return { notes, warnings };
}

/** The layering of a folder of datasets (undefined for the bundled folder itself). */
export function folderLayering(dir: string): Layering | undefined {
  return checkFolder(dir).layering;
}
