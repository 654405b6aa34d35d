// The one sanitiser for text shown to people (tables, messages): control characters, escape sequences and bidi
// overrides become visible escapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeControlsKeepLines } from '../../src/report/sanitize.js';
import { renderTables } from '../../src/report/table.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { PLAIN } from '../../src/report/paint.js';

describe('escapeControls', () => {
  it('escapes ESC sequences, BEL, C1 controls, bidi overrides and line ends; leaves other text alone', () => {
    expect(escapeControls('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeControls('\x1b]0;title\x07')).toBe('\\x1b]0;title\\x07');
    expect(escapeControls('\x9b31m')).toBe('\\x9b31m');
    expect(escapeControls('abc\u202edcba')).toBe('abc\\u202edcba');
    expect(escapeControls('\u2066x\u2069')).toBe('\\u2066x\\u2069');
    expect(escapeControls('x\nsemicap: all good\r\t')).toBe('x\\nsemicap: all good\\r\\t');
    expect(escapeControls('中芯国际 Hua Hong café ½')).toBe('中芯国际 Hua Hong café ½');
    expect(escapeControlsKeepLines('a\nb\x1b')).toBe('a\nb\\x1b');
  });

  it('property (seeded): the result never holds a control, C1, bidi or line-separator character', () => {
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const out = escapeControls(s);
        const kept = escapeControlsKeepLines(s);
        return !unsafe.test(out) && !unsafe.test(kept.replace(/\n/g, '')) && (unsafe.test(s) || out === s);
      }),
      { seed: 9, numRuns: 3000 },
    );
  });
});

describe('renderers escape hostile cells', () => {
  const report = {
    command: 't',
    tables: [{ name: 't', title: 'T\x1b]0;pwned\x07', columns: [{ key: 'id', header: 'id' }], rows: [{ id: 'a\x1b[2J\u202eb' }] }],
    notes: ['note\x1b[31m'],
    warnings: ['warn\nsemicap: forged'],
  };
  it('tables and Markdown show escapes, never the raw characters', async () => {
    const table = await renderTables(report, PLAIN);
    expect(table).toContain('a\\x1b[2J\\u202eb');
    expect(table).toContain('T\\x1b]0;pwned\\x07');
    expect(table).toContain('! warn\\nsemicap: forged');
    expect(table).not.toMatch(/[\x1b\x07\u202e]/);
    const md = renderMarkdown(report);
    expect(md).not.toMatch(/[\x1b\x07\u202e]/);
    expect(md).toContain('a\\x1b[2J\\u202eb');
  });
});
