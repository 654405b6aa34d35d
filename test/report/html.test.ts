import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { makeReport } from '../../src/report/model.js';
import { allElements, parseXml } from './xml.js';

const report = makeReport(
  'x',
  [{ name: 't', title: 'A <b>title</b>', columns: [{ key: 'year', header: 'year', type: 'int' }, { key: 'v', header: 'v & w', type: 'number', digits: 1 }, { key: 's', header: 's' }], rows: [{ year: 2030, v: 12345.67, s: '<script>' }] }],
  ['a note'],
  ['a warning'],
);
const svg = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect x="0" y="0" width="10" height="10"/></svg>\n';

describe('renderHtml', () => {
  const html = renderHtml('Report & more', [{ id: 'x', heading: 'Section', report, charts: [{ file: 'x.svg', svg }], csv: { t: 'x-t.csv' } }], { lang: 'zh', footer: 'semicap 0.1.0' });
  const els = allElements(parseXml(html.replace('<!DOCTYPE html>', '').replace(/<meta([^>]*[^/])>/g, '<meta$1/>')));

  it('escapes every text and inlines the SVG without its XML declaration', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<h3>A &lt;b&gt;title&lt;/b&gt;</h3>');
    expect(html).toContain('<title>Report &amp; more</title>');
    expect(html.match(/<\?xml/g)).toBeNull();
    expect(els.filter((e) => e.name === 'svg')).toHaveLength(1);
  });
  it('numbers right-aligned and rounded like the terminal table; links to the CSV and SVG files', () => {
    const td = els.filter((e) => e.name === 'td');
    expect(td.map((e) => [e.text, e.attrs.class])).toEqual([
      ['2030', 'n'],
      ['12,345.7', 'n'],
      ['&lt;script&gt;', undefined],
    ]);
    expect(els.filter((e) => e.name === 'a').map((e) => e.attrs.href)).toEqual(['#x', 'x.svg', 'x-t.csv']);
  });
  it('notes and warnings listed; the document language set', () => {
    expect(els.filter((e) => e.name === 'li').map((e) => e.text)).toEqual(['a warning', 'a note']);
    expect(html).toContain('<html lang="zh-CN">');
  });
});
