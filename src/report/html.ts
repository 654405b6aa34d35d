// A self-contained HTML page of a report folder: the charts inlined as SVG, the tables, notes and warnings.
// No scripts and no external resources, so it opens from a CI artifact or a file:// URL as it is.
import type { Column, Report } from './model.js';
import { formatForPeople } from './numbers.js';
import { escapeXml } from './svg.js';

export interface HtmlSection {
  /** Section id and heading. */
  id: string;
  heading: string;
  report: Report;
  /** SVG documents of the section's charts, in order, with their file names. */
  charts: { file: string; svg: string }[];
  /** CSV files of the section's tables, by table name. */
  csv: Record<string, string>;
}

const esc = escapeXml;
const isNumeric = (c: Column) => c.type === 'number' || c.type === 'int';

/** The page. `lang` sets the document language; `footer` is printed as-is (escaped) at the bottom. */
export function renderHtml(title: string, sections: HtmlSection[], options: { lang: string; footer: string }): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>', `<html lang="${options.lang === 'zh' ? 'zh-CN' : 'en'}">`, '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${esc(title)}</title>`);
  out.push(
    '<style>',
    "body{font-family:Helvetica,Arial,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}",
    'h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}h3{font-size:15px;margin:18px 0 6px}',
    'table{border-collapse:collapse;font-size:12px;margin:6px 0 12px}th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top}th{background:#f4f4f4;text-align:left;white-space:pre-line}',
    'td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.chart svg{max-width:100%;height:auto}.notes{font-size:12px;color:#555}.warn{color:#8a5300}',
    'nav a{margin-right:12px}.files{font-size:12px;color:#555}',
    '</style>',
    '</head>',
    '<body>',
  );
  out.push(`<h1>${esc(title)}</h1>`);
  out.push(`<nav>${sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.heading)}</a>`).join('')}</nav>`);
  for (const s of sections) {
    out.push(`<section id="${esc(s.id)}">`, `<h2>${esc(s.heading)}</h2>`);
    for (const c of s.charts) out.push(`<figure class="chart">${stripXmlDeclaration(c.svg)}<figcaption class="files"><a href="${esc(c.file)}">${esc(c.file)}</a></figcaption></figure>`);
    for (const t of s.report.tables) {
      if (t.title) out.push(`<h3>${esc(t.title)}</h3>`);
      out.push('<table>', `<thead><tr>${t.columns.map((c) => `<th>${esc(c.header)}</th>`).join('')}</tr></thead>`, '<tbody>');
      for (const row of t.rows) out.push(`<tr>${t.columns.map((c) => `<td${isNumeric(c) ? ' class="n"' : ''}>${esc(formatForPeople(row[c.key] ?? null, c))}</td>`).join('')}</tr>`);
      out.push('</tbody>', '</table>');
      const csv = s.csv[t.name];
      if (csv) out.push(`<div class="files">CSV: <a href="${esc(csv)}">${esc(csv)}</a></div>`);
    }
    if (s.report.warnings.length + s.report.notes.length > 0) {
      out.push('<ul class="notes">');
      for (const w of s.report.warnings) out.push(`<li class="warn">${esc(w)}</li>`);
      for (const n of s.report.notes) out.push(`<li>${esc(n)}</li>`);
      out.push('</ul>');
    }
    out.push('</section>');
  }
  out.push(`<footer class="files"><p>${esc(options.footer)}</p></footer>`, '</body>', '</html>', '');
  return out.join('\n');
}

const stripXmlDeclaration = (svg: string) => svg.replace(/^<\?xml[^>]*>\s*/, '');
