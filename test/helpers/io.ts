import type { CliIO } from '../../src/cli/io.js';

/** A CliIO that records what a command prints. */
export function captureIO(overrides: Partial<CliIO> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => { io.out += t; },
    stderr: (t: string) => { io.err += t; },
    readStdin: async () => '',
    cwd: process.cwd(),
    env: {},
    isTTY: false,
    ...overrides,
  };
  return io;
}
