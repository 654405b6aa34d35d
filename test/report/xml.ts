// A small XML well-formedness checker for the SVG and HTML tests (no parser package is installed): elements
// nest and close in order, attributes are quoted and unique, entities are known, text has no raw '<' or '&'.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/** Parses a document or throws an Error saying where it is not well formed. Returns the root element. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at offset ${i}: ${why} (near ${JSON.stringify(text.slice(i, i + 40))})`);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const checkText = (s: string) => {
    for (let k = 0; k < s.length; k++) {
      if (s[k] === '<') fail('raw < in text');
      if (s[k] === '&' && !ENTITY.test(s.slice(k))) fail('bare & in text');
    }
  };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('unclosed declaration');
    i = end + 2;
  }
  skipSpace();
  if (text.startsWith('<!DOCTYPE', i)) i = text.indexOf('>', i) + 1;
  skipSpace();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < text.length) {
    if (text[i] === '<') {
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
        continue;
      }
      if (text[i + 1] === '/') {
        i += 2;
        const m = NAME.exec(text.slice(i)) ?? fail('bad closing tag');
        const name = m![0];
        i += name.length;
        skipSpace();
        if (text[i] !== '>') fail('closing tag not ended');
        i++;
        const open = stack.pop();
        if (!open || open.name !== name) fail(`</${name}> closes <${open?.name}>`);
        if (stack.length === 0) root = open;
        continue;
      }
      i++;
      const m = NAME.exec(text.slice(i)) ?? fail('bad tag name');
      const el: XmlElement = { name: m![0], attrs: {}, children: [], text: '' };
      i += el.name.length;
      for (;;) {
        skipSpace();
        if (text.startsWith('/>', i)) {
          i += 2;
          if (stack.length > 0) stack[stack.length - 1].children.push(el);
          else root = el;
          break;
        }
        if (text[i] === '>') {
          i++;
          if (stack.length > 0) stack[stack.length - 1].children.push(el);
          stack.push(el);
          break;
        }
        const a = NAME.exec(text.slice(i)) ?? fail('bad attribute name');
        const attr = a![0];
        i += attr.length;
        skipSpace();
        if (text[i] !== '=') fail(`attribute ${attr} without =`);
        i++;
        skipSpace();
        const quote = text[i];
        if (quote !== '"' && quote !== "'") fail(`attribute ${attr} not quoted`);
        const end = text.indexOf(quote, i + 1);
        if (end < 0) fail('unclosed attribute');
        const value = text.slice(i + 1, end);
        checkText(value);
        if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
        el.attrs[attr] = value;
        i = end + 1;
      }
      continue;
    }
    const next = text.indexOf('<', i);
    const chunk = text.slice(i, next < 0 ? text.length : next);
    checkText(chunk);
    if (stack.length > 0) stack[stack.length - 1].text += chunk;
    else if (chunk.trim() !== '') fail('text outside the root element');
    i = next < 0 ? text.length : next;
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> never closed`);
  if (!root) fail('no root element');
  return root!;
}

/** Every element below (and including) `el`, depth first. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

/** Decodes the five predefined entities. */
export const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
