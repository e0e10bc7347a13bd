import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PlinthError } from '../types.js';
// What a command may touch of the outside world; tests pass their own.
export interface CliIO {
  /** Writes to standard output; a promise when the reader is behind (wait before writing more). */
  stdout: (text: string) => void | Promise<void>;
  stderr: (text: string) => void;
  /** Reads standard input fully (for `-`). */
  readStdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Whether stderr is a terminal: progress is drawn only there. */
  stderrIsTTY?: boolean;
  /** The terminal's width when standard output is one: text reports wrap to it. */
  columns?: number;
}

/**
 * Writes to fd 1 or 2 with write(2) itself. Building process.stdout on a pipe (what a pre-commit hook
 * or CI gives) loads Node's net stack and took 7 ms of a 160 ms one-file lint; Node writes pipes and
 * files synchronously on Linux anyway. A non-blocking descriptor (EAGAIN) hands the rest, and every
 * later write, to Node's stream, which waits for it to drain; a reader that went away (EPIPE) ends
 * the output, as `plinth lint | head` expects.
 */
function fdWriter(fd: 1 | 2, stream: () => NodeJS.WriteStream): (text: string) => void | Promise<void> {
  let viaStream: ((chunk: string | Buffer) => void | Promise<void>) | null = null;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (viaStream) return viaStream(text);
    const bytes = Buffer.from(text, 'utf8');
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(fd, bytes, at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed = true;
        return;
      }
      if (code !== 'EAGAIN') throw err;
      viaStream = streamWriter(stream());
      return viaStream(bytes.subarray(at));
    }
  };
}

/** Writes through a Node stream; a promise when it is behind (the caller waits before writing more). */
function streamWriter(s: NodeJS.WriteStream): (chunk: string | Buffer) => void | Promise<void> {
  return (chunk) => (s.write(chunk) ? undefined : once(s, 'drain').then(() => undefined));
}

/** Linux's major device number of /dev/null, /dev/zero, /dev/full and /dev/random. */
const MEM_MAJOR = 1;

/**
 * Whether fd is a terminal. node:tty loads node:net (about 8 ms), so it is asked only about
 * character devices that can be one: a pipe or a file never is, nor on Linux a memory device
 * (major 1: /dev/null, where a hook or a script that wants only the exit code sends the output).
 */
function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    if (process.platform === 'linux' && Math.floor(st.rdev / 256) % 4096 === MEM_MAJOR) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

export function processIO(): CliIO {
  const stdoutTTY = isTerminal(1);
  const stderrWrite = fdWriter(2, () => process.stderr);
  return {
    // (A terminal keeps Node's stream: it knows the width and handles the console's modes.)
    stdout: stdoutTTY ? streamWriter(process.stdout) : fdWriter(1, () => process.stdout),
    stderr: (t) => void stderrWrite(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: stdoutTTY,
    stderrIsTTY: isTerminal(2),
    ...(stdoutTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}

/** An error the user caused (bad flag, missing file): printed as one line, exit 2. */
export class UsageError extends PlinthError {
  constructor(message: string, readonly exitCode = 2) {
    super('usage', message);
  }
}
