import { once } from 'node:events';
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

export function processIO(): CliIO {
  return {
    // A pipe takes writes asynchronously: without waiting for 'drain', a long streamed report
    // would pile up in memory when the reader is slower than plinth.
    stdout: (t) => (process.stdout.write(t) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}

/** An error the user caused (bad flag, missing file): printed as one line, exit 2. */
export class UsageError extends PlinthError {
  constructor(message: string, readonly exitCode = 2) {
    super('usage', message);
  }
}
