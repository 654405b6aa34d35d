// The layering ARCHITECTURE.md describes, read from the import lines of the sources: the use cases (src/app)
// return domain results and never render (src/report), parse options (src/cli) or touch files themselves
// (node:fs: src/data reads them); the pure core (src/domain, src/forecast) imports no layer above it; and no
// command imports another command.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every .ts file under a folder of src, as paths relative to the project (src/app/check.ts). */
function sources(folder: string): string[] {
  return readdirSync(join(ROOT, 'src', folder), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(folder, e.name)) : e.name.endsWith('.ts') ? [`src/${folder}/${e.name}`] : []))
    .sort();
}

/**
 * What a source file imports: static imports and re-exports (`import … from`, `export … from`, `import 'x'`) and
 * dynamic `import('x')`. A relative one is resolved to its path in the project (src/report/csv.ts), a package or
 * Node module stays as written (node:fs).
 */
function importsOf(file: string, text: string = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    const spec = m[1] ?? m[2] ?? m[3];
    found.push(spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts') : spec);
  }
  return found;
}

const NODE_FS = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'];
const under = (folder: string) => (target: string) => target.startsWith(`src/${folder}/`);

/**
 * The imports of src/report a use case keeps: `forecast` writes its CSV rows in the worker threads that computed
 * them (app/forecast/rows.ts renderRows), cell for cell with the CSV writer's own cell function and number text, so
 * that the streamed CSV is byte-identical to the CSV writer's; those threads start from the use case, not a command.
 */
const ALLOWED: Record<string, readonly string[]> = { 'src/app/forecast/rows.ts': ['src/report/csv.ts', 'src/report/number-bytes.ts'] };

/** Each import of `files` that `forbidden` names and ALLOWED does not, as `FILE → TARGET`. */
function violations(files: readonly string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((f) => importsOf(f).filter((t) => forbidden(t) && !(ALLOWED[f] ?? []).includes(t)).map((t) => `${f} → ${t}`));
}

describe('layers, from the import lines of src', () => {
  it('reads the import lines: static, multi-line, re-exports, type-only, side-effect and dynamic imports', () => {
    const text = [
      "import { a, b } from '../report/model.js';",
      'import {',
      '  c,',
      "} from '../cli/main.js';",
      "import type { T } from './types.js';",
      "export { d } from '../data/csv.js';",
      "import 'node:fs';",
      "  const m = await import('../report/svg.js');",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(importsOf('src/app/x.ts', text)).toEqual(['src/report/model.ts', 'src/cli/main.ts', 'src/app/types.ts', 'src/data/csv.ts', 'node:fs', 'src/report/svg.ts', 'node:fs']);
    // The real files are read too: the check below looks at what it should.
    expect(importsOf('src/cli/commands/check.ts')).toContain('src/app/check.ts');
    expect(sources('app')).toContain('src/app/check.ts');
    expect(sources('app')).toContain('src/app/forecast/rows.ts');
  });

  it('src/app imports neither src/report, src/cli nor node:fs (reasoned exceptions only)', () => {
    expect(violations(sources('app'), (t) => under('report')(t) || under('cli')(t) || NODE_FS.includes(t))).toEqual([]);
    // The exception is still needed: an import that went away takes its entry with it.
    for (const [file, targets] of Object.entries(ALLOWED)) for (const t of targets) expect(importsOf(file), `${file} → ${t}`).toContain(t);
  });

  it('src/domain and src/forecast import no layer above them (app, data, report, cli) and no node:fs', () => {
    const above = (t: string) => ['app', 'data', 'report', 'cli'].some((l) => under(l)(t)) || NODE_FS.includes(t);
    expect(violations([...sources('domain'), ...sources('forecast')], above)).toEqual([]);
  });

  it('no command imports another command', () => {
    const commands = sources('cli/commands');
    expect(commands.length).toBeGreaterThan(10);
    expect(commands.flatMap((f) => importsOf(f).filter((t) => commands.includes(t)).map((t) => `${f} → ${t}`))).toEqual([]);
  });
});
