import { PlinthError } from '../types.js';
// What a command may touch of the outside world; tests pass their own.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads standard input fully (for `-`). */
  readStdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** An error the user caused (bad flag, missing file): printed as one line, exit 2. */
export class UsageError extends PlinthError {
  constructor(message: string, readonly exitCode = 2) {
    super('usage', message);
  }
}
