// The pieces the pin and online tests share: a local registry as the docker.io mirror, stand-in
// images pushed under Docker Hub names, and digests as skopeo sees them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import * as harness from '../helpers/registry.js';

export const missing: string | false = harness.registryMissing || harness.skopeoMissing;

export interface Mirror {
  /** host:port of the registry. */
  host: string;
  /** `docker.io=http://host:port` for --registry-mirror. */
  flag: string;
  push(image: string, variant?: string): Promise<void>;
  /** The digest of a docker.io short name's tag, from `skopeo inspect --raw | sha256`. */
  digest(image: string): Promise<string>;
  stop(): Promise<void>;
}

/** `node:22` -> `library/node:22`; `busybox` -> `library/busybox:latest`. */
export function hubPath(image: string): string {
  const withTag = image.slice(image.lastIndexOf('/') + 1).includes(':') ? image : `${image}:latest`;
  return withTag.includes('/') ? withTag : `library/${withTag}`;
}

export async function startMirror(): Promise<Mirror> {
  const reg = await harness.startRegistry();
  return {
    host: reg.host,
    flag: `docker.io=${reg.url}`,
    push: async (image, variant = '') => {
      await harness.pushImage(reg, hubPath(image), { seed: `${image}${variant}`, platforms: ['linux/amd64', 'linux/arm64'] });
    },
    digest: (image) => harness.skopeoRawDigest(reg, hubPath(image)),
    stop: () => reg.stop(),
  };
}

export async function plinth(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ cwd, env: { XDG_CACHE_HOME: join(cwd, '.cache') } });
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-pin-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * `skopeo inspect --raw | sha256` without blocking the event loop: the token service of a token-auth
 * test registry runs in this process and must answer skopeo meanwhile.
 */
export function skopeoDigestAsync(reg: harness.TestRegistry, reference: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('skopeo', ['inspect', '--raw', ...reg.skopeoAuth, `docker://${reg.host}/${reference}`]);
    const hash = createHash('sha256');
    let err = '';
    p.stdout.on('data', (d: Buffer) => hash.update(d));
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(`sha256:${hash.digest('hex')}`) : reject(new Error(`skopeo inspect --raw ${reference}: ${err.trim()}`))));
  });
}
