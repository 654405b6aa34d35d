// Signals for a run that waits on an input (standard input, a FIFO): sent once the process itself shows that it
// waits there, instead of after a guessed delay.
import type { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { signalWhenCaught } from './run.js';

/** Where the descriptor `fd` of the process leads ('' once it is gone). */
function linkOf(pid: number | undefined, fd: string): string {
  try {
    return readlinkSync(`/proc/${pid}/fd/${fd}`);
  } catch {
    return '';
  }
}

/**
 * Whether the process's event loop watches its standard input (or the descriptor open on `path`): a `tfd:` line for
 * that descriptor in the fdinfo of one of its epoll descriptors, which libuv adds when a read starts and waits.
 */
export function waitsOn(pid: number | undefined, path?: string): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  const real = path === undefined ? undefined : realpathSync(path);
  const target = real === undefined ? '0' : fds.find((fd) => linkOf(pid, fd) === real);
  if (target === undefined) return false;
  const watched = new RegExp(`^tfd:\\s+${target}\\s`, 'm');
  return fds.some((fd) => {
    if (linkOf(pid, fd) !== 'anon_inode:[eventpoll]') return false;
    try {
      return watched.test(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
    } catch {
      return false;
    }
  });
}

/** Sends `signal` once the process waits on its standard input (or on `path`) and has its handlers (signalWhenCaught). */
export function signalWhenWaiting(child: ReturnType<typeof spawn>, signal: NodeJS.Signals, path?: string): void {
  const poll = setInterval(() => {
    if (!waitsOn(child.pid, path)) return;
    clearInterval(poll);
    signalWhenCaught(child, signal);
  }, 5);
  child.on('close', () => clearInterval(poll));
}
