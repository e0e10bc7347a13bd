// npm run bench:registry: `plinth pin --dry-run` over the corpus Dockerfiles whose images are plain
// Docker Hub references, against one `skopeo inspect --raw` per FROM occurrence (the naive way).
// Small stand-in images are pushed under the real names and tags into a local registry used as the
// docker.io mirror, behind a proxy that adds a fixed latency to every request and counts them.
import { spawn, spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, parseDockerfile } from '../src/dockerfile/index.js';
import { planPins } from '../src/pin/plan.js';
import { tagKey } from '../src/reference/parse.js';
import type { ImageRef } from '../src/reference/types.js';
import { pushImage, startFaultProxy, startRegistry } from '../test/helpers/registry.js';

const LATENCY_MS = 50;
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const corpus = resolve(root, '../shared/corpus/dockerfiles');

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

interface Selected {
  path: string;
  /** One entry per FROM / COPY --from / RUN --mount from= image occurrence. */
  occurrences: ImageRef[];
}

/** Files whose every image is a literal, untagged-or-tagged, unpinned docker.io reference. */
async function select(): Promise<Selected[]> {
  const chosen: Selected[] = [];
  for (const path of await listFiles(corpus)) {
    try {
      const file = parseDockerfile(await readFile(path, 'utf8'), path);
      const plan = planPins(file, buildModel(file, {}));
      if (plan.targets.length === 0 || plan.skipped.length > 0) continue;
      if (!plan.targets.every((t) => t.kind !== 'arg' && t.ref.registry === 'docker.io' && !t.ref.digest)) continue;
      chosen.push({ path, occurrences: plan.targets.flatMap((t) => t.usedOn.map(() => t.ref)) });
    } catch {
      // Files the parser rejects are not part of this benchmark.
    }
  }
  return chosen;
}

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', rej);
    p.on('close', (code) => (code === 0 || code === 1 ? res(code ?? 0) : rej(new Error(`${cmd} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`))));
  });
}

async function main(): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v skopeo && test -x /usr/bin/docker-registry']).status !== 0) {
    console.log('bench:registry skipped: needs skopeo and /usr/bin/docker-registry');
    return;
  }
  const files = await select();
  const occurrences = files.flatMap((f) => f.occurrences);
  const tags = new Map<string, ImageRef>();
  for (const r of occurrences) tags.set(tagKey(r), r);
  const repos = new Set([...tags.values()].map((r) => r.repository));

  const registry = await startRegistry({ auth: 'token' });
  const proxy = await startFaultProxy(registry, { latencyMs: LATENCY_MS });
  try {
    for (const r of tags.values()) await pushImage(registry, `${r.repository}:${r.tag ?? 'latest'}`, { seed: tagKey(r) });
    const mirror = `docker.io=${proxy.url}`;

    proxy.resetCounts();
    let t0 = performance.now();
    await run(process.execPath, [join(root, 'bin/plinth.js'), 'pin', '--dry-run', '--no-cache', '--registry-mirror', mirror, ...files.map((f) => f.path)]);
    const plinthMs = performance.now() - t0;
    const plinth = proxy.counts();

    proxy.resetCounts();
    t0 = performance.now();
    for (const r of occurrences) {
      await run('skopeo', ['inspect', '--raw', '--tls-verify=false', ...registry.skopeoAuth, `docker://${proxy.host}/${r.repository}:${r.tag ?? 'latest'}`]);
    }
    const skopeoMs = performance.now() - t0;
    const skopeo = proxy.counts();

    const row = (label: string, a: number | string, b: number | string, ratio = '') => console.log(`${label.padEnd(28)} ${String(a).padStart(10)} ${String(b).padStart(10)} ${ratio.padStart(8)}`);
    const ratio = (a: number, b: number) => (a === 0 ? (b === 0 ? '1.0x' : 'inf') : `${(b / a).toFixed(1)}x`);
    console.log(`bench:registry: ${LATENCY_MS} ms injected per request`);
    console.log(`files ${files.length}, image lines ${occurrences.length}, unique repositories ${repos.size}, unique tags ${tags.size}`);
    row('', 'plinth', 'skopeo', 'skopeo/plinth');
    row('token requests', plinth.token, skopeo.token, ratio(plinth.token, skopeo.token));
    row('manifest HEADs (incl. 401)', plinth.head, skopeo.head, ratio(plinth.head, skopeo.head));
    row('GETs', plinth.get, skopeo.get, ratio(plinth.get, skopeo.get));
    row('all requests', plinth.total, skopeo.total, ratio(plinth.total, skopeo.total));
    row('wall time (ms)', plinthMs.toFixed(0), skopeoMs.toFixed(0), ratio(plinthMs, skopeoMs));
    // A HEAD beyond one per tag is the registry's auth challenge (401) met before the first token.
    const challenges = plinth.head - tags.size;
    console.log(`target: token requests ${plinth.token} <= ${repos.size} repositories: ${plinth.token <= repos.size ? 'met' : 'NOT met'}`);
    console.log(`target: HEADs ${plinth.head} = ${tags.size} unique tags + ${challenges} auth challenge(s): ${challenges <= 1 ? 'met (one HEAD per tag)' : 'NOT met'}`);
  } finally {
    await proxy.stop();
    await registry.stop();
  }
}

main().catch((err) => {
  console.error(`bench:registry: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
