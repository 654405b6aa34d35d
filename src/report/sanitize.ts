// Text from data (cells, ids, file names) shown to people: control characters, terminal escape sequences and
// bidirectional overrides are written as visible escapes (`\x1b`, `\u202e`), so a hostile cell can neither
// drive the terminal (clear the screen, set the window title) nor reorder what is shown, nor forge a line.

// C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069), the line and
// paragraph separators (U+2028/2029, line breaks to some terminals) and the Arabic letter mark (U+061C).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible escape of one unsafe character: `\n`, `\r`, `\t`, `\x1b`, `\u202e`. */
export function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One line of text safe for a terminal: every control character (line ends included) escaped.
 * @example escapeControls('a\x1b[2Jb\nsemicap: ok') // 'a\\x1b[2Jb\\nsemicap: ok'
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Like escapeControls, but line ends (LF) stay: for table cells, which may span lines. */
export function escapeControlsKeepLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_BUT_NEWLINE, escapeChar);
}
