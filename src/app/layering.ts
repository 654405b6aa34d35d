// What layering a user's --data folder over the bundled datasets did, in words: whose files, which wins, and every
// conflict (a row of the user's with a bundled row's key and another value).
import { checkFolder, type Layering } from '../data/datasets.js';
import { say } from '../messages.js';

const MAX_LISTED = 20;

/** Notes (which files are whose, who wins) and warnings (each conflict) for a layered folder. */
export function layeringNotes(l: Layering): { notes: string[]; warnings: string[] } {
  const notes = [
    l.yours.length === 0
      ? say('layering.none', { dir: l.dir })
      : say('layering.yours', { dir: l.dir, yours: l.yours.join(', '), replaced: l.replaced, added: l.added, bundled: l.bundled.join(', ') }),
  ];
  const warnings = l.conflicts.slice(0, MAX_LISTED).map((c) => say('layering.conflict', { where: `${c.file}:${c.line}`, key: c.key, changes: c.columns.map((d) => `${d.name} ${d.bundled} → ${d.yours}`).join(', ') }));
  if (l.conflicts.length > MAX_LISTED) warnings.push(say('layering.more', { count: l.conflicts.length - MAX_LISTED, dir: l.dir }));
  return { notes, warnings };
}

/** The layering of a folder of datasets (undefined for the bundled folder itself). */
export function folderLayering(dir: string): Layering | undefined {
  return checkFolder(dir).layering;
}
