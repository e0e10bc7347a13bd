// `npm run catalog:dotnet -- --repo DIR`: regenerates src/catalog/data/dotnet.json, the tags
// Microsoft publishes for the .NET images (mcr.microsoft.com/dotnet/runtime-deps, runtime, aspnet,
// sdk), from a clone (or bare mirror) of dotnet/dotnet-docker: its manifest.json lists every tag
// of every image, written with the variables of manifest.versions.json, both read at HEAD (the
// commit and its date are recorded).
//
// Kept per repository and channel (`10.0`): the newest version, and every tag with its version cut
// off (`-alpine-amd64`, `-nanoserver-ltsc2022`, `` for the channel tag itself), so a tag of any
// patch of that channel can be checked (MCR keeps older patches' tags), and the Linux release the
// channel's bare tag stands for (`noble` for 10.0, `bookworm-slim` for 8.0).
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPOS = ['runtime-deps', 'runtime', 'aspnet', 'sdk'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { repo: { type: 'string' }, out: { type: 'string' } } });
function fail(message) {
  console.error(`dotnet: ${message}`);
  process.exit(2);
}
if (!values.repo) fail('pass --repo DIR (a clone of github.com/dotnet/dotnet-docker)');
const dir = resolve(values.repo);
const gitDir = existsSync(join(dir, '.git')) ? join(dir, '.git') : dir;
const git = (...args) => {
  try {
    return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (err) {
    return fail(`git ${args.join(' ')}: ${String(err.stderr || err.message).split('\n')[0]}`);
  }
};
const json = (path) => {
  try {
    return JSON.parse(git('show', `HEAD:${path}`));
  } catch (err) {
    return fail(`${path}: ${err.message}`);
  }
};

const [commit, date] = git('log', '-1', '--format=%H %cs', 'HEAD').trim().split(' ');
const manifest = json('manifest.json');
const variables = json('manifest.versions.json').variables ?? fail('manifest.versions.json has no variables');

/** `$(name)` replaced by its value, recursively (a few levels deep in the real file). */
function resolveVars(text, depth = 0) {
  if (depth > 10) fail(`variables nested too deeply in ${text}`);
  return text.replace(/\$\(([^()]+)\)/g, (_, name) => {
    const v = variables[name];
    if (typeof v !== 'string') fail(`unknown variable $(${name})`);
    return resolveVars(v, depth + 1);
  });
}

const repos = {};
for (const id of REPOS) {
  const repo = manifest.repos?.find((r) => r.id === id) ?? fail(`manifest.json has no repository ${id}`);
  const channels = {};
  for (const image of repo.images ?? []) {
    // `$(dotnet|10.0|product-version)`, `$(sdk|10.0|product-version)`: the channel is in the name.
    const channel = /\|(\d+\.\d+)\|product-version\)$/.exec(image.productVersion ?? '')?.[1];
    if (!channel) continue;
    const product = image.productVersion.slice(2, -'|product-version)'.length);
    const version = resolveVars(image.productVersion);
    const prefixes = [resolveVars(`$(${product}|fixed-tag)`), resolveVars(`$(${product}|minor-tag)`)].sort((a, b) => b.length - a.length);
    // A preview's tags say so (`11.0-preview`, `11.0.0-preview.7`): a bare `11.0` is not published.
    const c = (channels[channel] ??= { version, default: null, preview: prefixes.at(-1) !== channel, tags: new Set() });
    // The channel's bare tag (`10.0`) names this image: its Linux release is the channel's default.
    const linux = (image.platforms ?? []).find((p) => p.os === 'linux');
    if (linux && Object.keys(image.sharedTags ?? {}).some((t) => resolveVars(t) === prefixes.at(-1))) c.default = linux.osVersion ?? null;
    const tags = [...Object.keys(image.sharedTags ?? {}), ...(image.platforms ?? []).flatMap((p) => Object.keys(p.tags ?? {}))];
    for (const raw of tags) {
      const tag = resolveVars(raw);
      const prefix = prefixes.find((p) => tag === p || tag.startsWith(`${p}-`));
      if (prefix !== undefined) c.tags.add(tag.slice(prefix.length));
    }
  }
  if (Object.keys(channels).length === 0) fail(`no channels found for ${id}`);
  repos[id] = Object.fromEntries(Object.entries(channels).sort(([a], [b]) => Number(a) - Number(b)).map(([k, v]) => [k, { version: v.version, default: v.default, ...(v.preview ? { preview: true } : {}), tags: [...v.tags].sort() }]));
}

const out = {
  source: 'https://github.com/dotnet/dotnet-docker (manifest.json, manifest.versions.json)',
  commit,
  date,
  repos,
};
const path = values.out ? resolve(values.out) : join(root, 'src/catalog/data/dotnet.json');
writeFileSync(`${path}.tmp`, `${JSON.stringify(out)}\n`);
renameSync(`${path}.tmp`, path);
console.log(`dotnet: ${path} (${REPOS.map((r) => `${r} ${Object.keys(repos[r]).join(', ')}`).join('; ')} at ${commit.slice(0, 12)}, ${date})`);
