// The built CLI (bin/plinth.js) as a child process, without blocking this process's event loop: the
// servers a test starts here (dump server, fault proxy) must answer while plinth runs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './shared.js';

export const BIN = join(REPO, 'bin', 'plinth.js');

export function spawnPlinth(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: { PATH: process.env.PATH, ...options.env } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
