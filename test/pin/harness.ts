// The pieces the pin and online tests share: a local registry as the docker.io mirror, stand-in
// images pushed under Docker Hub names, and digests as skopeo sees them.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import * as harness from '../helpers/registry.js';

export const missing = (() => {
  if (spawnSync('sh', ['-c', 'test -x /usr/bin/docker-registry || command -v docker-registry']).status !== 0) return 'docker-registry is not installed (apt-get install docker-registry)';
  if (spawnSync('sh', ['-c', 'command -v skopeo']).status !== 0) return 'skopeo is not installed (apt-get install skopeo)';
  return false;
})();

export interface Mirror {
  /** host:port of the registry. */
  host: string;
  /** `docker.io=http://host:port` for --registry-mirror. */
  flag: string;
  push(image: string, variant?: string): Promise<void>;
  /** The digest of a docker.io short name's tag, from `skopeo inspect --raw | sha256`. */
  digest(image: string): string;
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
    digest: (image) => skopeoDigest(`${reg.host}/${hubPath(image)}`),
    stop: () => reg.stop(),
  };
}

export function skopeoDigest(ref: string): string {
  const r = spawnSync('sh', ['-c', `skopeo inspect --raw --tls-verify=false docker://${ref} | sha256sum`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`skopeo inspect ${ref}: ${r.stderr}`);
  return `sha256:${r.stdout.split(' ')[0]}`;
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
