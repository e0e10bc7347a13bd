// The .NET tags Microsoft publishes: scripts/dotnet.mjs on a small clone laid out as
// dotnet/dotnet-docker, and the shipped data as the advisor reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo } from '../helpers/git-repo.js';
import { dotnetNearestVariant, dotnetTagStatus } from '../../src/catalog/dotnet.js';

const VERSIONS = {
  variables: {
    'dotnet|10.0|product-version': '10.0.11',
    'dotnet|10.0|fixed-tag': '$(dotnet|10.0|product-version)',
    'dotnet|10.0|minor-tag': '10.0',
    'sdk|10.0|product-version': '10.0.400',
    'sdk|10.0|fixed-tag': '$(sdk|10.0|product-version)',
    'sdk|10.0|minor-tag': '$(dotnet|10.0|minor-tag)',
    'alpine|floating-tag-version': 'alpine3.24',
  },
};
const image = (product: string, os: string, shared: string[], platformTags: string[], windows = false) => ({
  productVersion: `$(${product}|10.0|product-version)`,
  sharedTags: Object.fromEntries(shared.map((t) => [t, {}])),
  platforms: [{ os: windows ? 'windows' : 'linux', osVersion: os, tags: Object.fromEntries(platformTags.map((t) => [t, {}])) }],
});
const repo = (id: string, product: string) => ({
  id,
  name: `dotnet/${id}`,
  images: [
    image(product, 'noble', [`$(${product}|10.0|fixed-tag)`, `$(${product}|10.0|minor-tag)`, 'latest'], [`$(${product}|10.0|minor-tag)-noble-amd64`]),
    image(product, 'alpine3.24', [`$(${product}|10.0|minor-tag)-$(alpine|floating-tag-version)`, `$(${product}|10.0|minor-tag)-alpine`], [`$(${product}|10.0|fixed-tag)-alpine3.24-amd64`]),
    image(product, 'nanoserver-ltsc2022', [`$(${product}|10.0|minor-tag)`], [`$(${product}|10.0|minor-tag)-nanoserver-ltsc2022`], true),
  ],
});
const MANIFEST = { repos: [repo('runtime-deps', 'dotnet'), repo('runtime', 'dotnet'), repo('aspnet', 'dotnet'), repo('sdk', 'sdk')] };

test('scripts/dotnet.mjs resolves the manifest variables and keeps each channel\'s tags, version cut off', () => {
  const dir = gitRepo({ 'manifest.json': JSON.stringify(MANIFEST), 'manifest.versions.json': JSON.stringify(VERSIONS) }, 'plinth-dotnet-');
  try {
    const out = join(dir, 'out.json');
    const r = spawnSync(process.execPath, ['scripts/dotnet.mjs', '--repo', dir, '--out', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const data = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(data.repos.runtime['10.0'], { version: '10.0.11', default: 'noble', tags: ['', '-alpine', '-alpine3.24', '-alpine3.24-amd64', '-nanoserver-ltsc2022', '-noble-amd64'] });
    // The SDK's own version: 10.0.400 is cut off its tags as 10.0.11 is off the runtime's.
    assert.equal(data.repos.sdk['10.0'].version, '10.0.400');
    assert.deepEqual([data.date, /^[0-9a-f]{40}$/.test(data.commit)], ['2026-08-21', true]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scripts/dotnet.mjs: an unknown variable fails in one line, exit 2', () => {
  const broken = { repos: [{ ...repo('runtime-deps', 'dotnet'), images: [image('dotnet', 'noble', ['$(dotnet|10.0|nope)'], [])] }] };
  const dir = gitRepo({ 'manifest.json': JSON.stringify(broken), 'manifest.versions.json': JSON.stringify(VERSIONS) }, 'plinth-dotnet-');
  try {
    const r = spawnSync(process.execPath, ['scripts/dotnet.mjs', '--repo', dir, '--out', join(dir, 'out.json')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^dotnet: unknown variable \$\(dotnet\|10\.0\|nope\)\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shipped .NET tags: a variant the channel does not publish, and a patch past its newest, are not published', () => {
  const shipped = JSON.parse(readFileSync(new URL('../../../src/catalog/data/dotnet.json', import.meta.url), 'utf8')) as { repos: Record<string, Record<string, { version: string }>> };
  const newest = shipped.repos.aspnet!['10.0']!.version;
  assert.equal(dotnetTagStatus('dotnet/runtime', '10.0'), true);
  assert.equal(dotnetTagStatus('dotnet/runtime', '10.0-noble-chiseled-amd64'), true);
  assert.equal(dotnetTagStatus('dotnet/runtime', '10.0-nanoserver-1809'), false, '.NET 10 has no Windows Server 2019 image');
  assert.equal(dotnetTagStatus('dotnet/sdk', '10.0-slim'), false);
  assert.equal(dotnetTagStatus('dotnet/aspnet', `${newest}-alpine`), true);
  assert.equal(dotnetTagStatus('dotnet/aspnet', '10.0.400'), false, 'an SDK version is no runtime version');
  // What the data cannot say: an older patch, a channel it does not hold, a preview, another repository.
  assert.equal(dotnetTagStatus('dotnet/aspnet', '10.0.0-alpine'), null);
  assert.equal(dotnetTagStatus('dotnet/aspnet', '6.0-bullseye-slim'), null);
  assert.equal(dotnetTagStatus('dotnet/aspnet', '11.0-preview-alpine'), null);
  assert.equal(dotnetTagStatus('dotnet/aspnet', '11.0'), false, 'a preview channel tags every image -preview');
  assert.equal(dotnetTagStatus('dotnet/monitor', '10.0'), null);
  // The old repositories hold .NET Core only.
  assert.equal(dotnetTagStatus('dotnet/core/aspnet', '10.0'), false);
  assert.equal(dotnetTagStatus('dotnet/core/aspnet', '3.1-buster-slim'), null);

  assert.equal(dotnetNearestVariant('dotnet/runtime-deps', '10.0', '-jammy-chiseled-extra-amd64'), '-noble-chiseled-extra-amd64');
  assert.equal(dotnetNearestVariant('dotnet/aspnet', '10.0', '-bookworm-slim-amd64'), '-noble-amd64');
  assert.equal(dotnetNearestVariant('dotnet/sdk', '10.0', '-slim'), '');
  assert.equal(dotnetNearestVariant('dotnet/aspnet', '10.0', '-alpine'), '-alpine');
  assert.equal(dotnetNearestVariant('dotnet/aspnet', '10.0', '-nanoserver-1809'), null, 'a Windows image must match its host');
  assert.equal(dotnetNearestVariant('dotnet/aspnet', '10.0', '-windowsservercore-ltsc2019'), null);
});
