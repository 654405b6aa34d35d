// Regenerates the README's pictures: docs/report.png (the report's index.html in headless Chromium) and
// docs/terminal-chart.png (a terminal chart as tmux shows it, colours kept, rendered by the same Chromium).
// Needs Debian's chromium and tmux; run `npm run screenshots` after `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin', 'semicap.js');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Chromium on a closed network: no background fetches, no sandbox (often run as root in containers).
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];

function need(command, hint) {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) {
    console.error(`screenshots: ${command} not found (${hint})`);
    process.exit(69);
  }
}

function screenshot(url, out, [width, height], work) {
  execFileSync(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${join(work, 'profile')}`, `--window-size=${width},${height}`, `--screenshot=${out}`, url], { stdio: ['ignore', 'ignore', 'ignore'] });
  console.log(`wrote ${out}`);
}

// xterm's 16 colours; 16–255 follow the 6×6×6 cube and the grey ramp.
const BASE16 = ['#000000', '#cd0000', '#00cd00', '#cdcd00', '#0000ee', '#cd00cd', '#00cdcd', '#e5e5e5', '#7f7f7f', '#ff0000', '#00ff00', '#ffff00', '#5c5cff', '#ff00ff', '#00ffff', '#ffffff'];
function color256(n) {
  if (n < 16) return BASE16[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const c = n - 16;
  const level = (k) => (k === 0 ? 0 : 55 + k * 40);
  return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Terminal text with SGR colour codes as HTML spans (foreground, background, bold, dim). */
export function ansiToHtml(text) {
  let style = {};
  let html = '';
  const parts = text.split(/(\u001b\[[0-9;]*m)/);
  for (const part of parts) {
    const sgr = /^\u001b\[([0-9;]*)m$/.exec(part);
    if (!sgr) {
      if (part === '') continue;
      const css = [style.fg && `color:${style.fg}`, style.bg && `background:${style.bg}`, style.bold && 'font-weight:bold', style.dim && 'opacity:0.6'].filter(Boolean).join(';');
      html += css ? `<span style="${css}">${escapeHtml(part)}</span>` : escapeHtml(part);
      continue;
    }
    const codes = sgr[1] === '' ? [0] : sgr[1].split(';').map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) style = {};
      else if (c === 1) style.bold = true;
      else if (c === 2) style.dim = true;
      else if (c === 22) style.bold = style.dim = false;
      else if (c >= 30 && c <= 37) style.fg = BASE16[c - 30];
      else if (c >= 90 && c <= 97) style.fg = BASE16[c - 90 + 8];
      else if (c >= 40 && c <= 47) style.bg = BASE16[c - 40];
      else if (c === 39) style.fg = undefined;
      else if (c === 49) style.bg = undefined;
      else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
        style[c === 38 ? 'fg' : 'bg'] = color256(codes[i + 2]);
        i += 2;
      } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
        style[c === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
        i += 4;
      }
    }
  }
  return html;
}

/** What a 100 × 60 terminal shows after running `command` (scrollback included), captured by tmux with its colours. */
function terminalCapture(command, work) {
  const session = `semicap-shot-${process.pid}`;
  const done = join(work, 'done');
  const shell = `cd ${JSON.stringify(root)} && ${command}; touch ${JSON.stringify(done)}; sleep 30`;
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '100', '-y', '60', '-e', 'TERM=xterm-256color', '-e', 'COLORTERM=truecolor', shell]);
  try {
    for (let i = 0; i < 300 && spawnSync('test', ['-e', done]).status !== 0; i++) spawnSync('sleep', ['0.1']);
    return execFileSync('tmux', ['capture-pane', '-p', '-e', '-S', '-', '-t', session], { encoding: 'utf8' });
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

need(chromium, 'apt-get install chromium, or set CHROMIUM');
need('tmux', 'apt-get install tmux');
const work = mkdtempSync(join(tmpdir(), 'semicap-shots-'));
try {
  const reportDir = join(work, 'report');
  execFileSync(process.execPath, [cli, 'report', '--out', reportDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  screenshot(pathToFileURL(join(reportDir, 'index.html')).href, join(root, 'docs', 'report.png'), [1100, 1500], work);

  const command = 'node bin/semicap.js project --from 2023=29% --to 2027=39% --through 2030 --chart';
  const screen = terminalCapture(command, work).replace(/\s+$/, '');
  const page = join(work, 'terminal.html');
  const body = `<pre style="margin:0;padding:12px;font:14px/1.25 'DejaVu Sans Mono','Noto Sans Mono CJK SC',monospace;color:#e5e5e5">$ semicap ${escapeHtml(command.replace('node bin/semicap.js ', ''))}\n${ansiToHtml(screen)}</pre>`;
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">${body}</body>`);
  screenshot(pathToFileURL(page).href, join(root, 'docs', 'terminal-chart.png'), [900, 40 + 18 * (screen.split('\n').length + 1)], work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
