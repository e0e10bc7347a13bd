// plinth update offline, from the official-images tag data and end-of-life dates shipped in the package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { updateFiles } from '../../src/update/run.js';
import { REPO } from '../helpers/shared.js';

const DATE = '2026-12-04';
const eol = JSON.parse(readFileSync(join(REPO, 'src/catalog/data/eol.json'), 'utf8')) as { subjects: Record<string, { releases: Record<string, string> }> };
const nodeTags = new Set(readFileSync(join(REPO, 'src/catalog/data/tags/node.current'), 'utf8').trim().split(' '));

describe('plinth update offline', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const run = async (text: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'plinth-update-offline-'));
    dirs.push(dir);
    await writeFile(join(dir, 'Dockerfile'), text);
    const [f] = await updateFiles([join(dir, 'Dockerfile')], { mode: 'dry-run', to: 'minor', distro: false, date: DATE });
    return f!;
  };

  it('a line past its end of life moves to the nearest supported listed major even with --to minor', async () => {
    const f = await run('FROM node:18\n');
    const u = f.updates[0]!;
    assert.equal(u.type, 'major');
    assert.match(u.eol!.subject, /Node\.js 18/);
    const to = Number(/^node:(\d+)$/.exec(u.to)![1]);
    const supported = (m: number) => (eol.subjects.nodejs!.releases[String(m)] ?? '0000') > DATE && nodeTags.has(String(m));
    assert.ok(to > 18 && supported(to), `node:${to} is listed and supported on ${DATE}`);
    for (let m = 19; m < to; m++) assert.ok(!supported(m), `node:${m} would have been nearer`);
  });

  it('keeps the variant and precision, names why a pinned or unknown image is left', async () => {
    const f = await run('FROM python:3.12.1-slim-bookworm\nFROM node:22.1.0-alpine3.21@sha256:' + 'a'.repeat(64) + '\nFROM ghcr.io/acme/app:1.0\n');
    const py = f.updates.find((u) => u.line === 1)!;
    assert.match(py.to, /^python:3\.\d+\.\d+-slim-bookworm$/, 'full version, slim, bookworm: as written');
    assert.equal(py.type, 'minor');
    const { updatesMarkdown } = await import('../../src/report/update.js');
    const version = /^python:(\d+\.\d+\.\d+)/.exec(py.to)![1]!;
    assert.ok(updatesMarkdown([f]).includes(`[${version}](https://www.python.org/downloads/release/python-${version.replaceAll('.', '')}/)`), 'the release notes of the new version');
    assert.doesNotMatch(py.to, /rc|a\d|b\d/, 'the listed 3.15 release candidates are never targets');
    assert.deepEqual(f.skipped.map((s) => [s.line, s.reason.replace(/\d+\.\d+\.\d+-alpine3\.\d+/, 'X')]), [
      [2, 'pinned to a digest: re-pinning X needs --online'],
      [3, 'ghcr.io/acme/app is not an official image with shipped tag data: --online asks its registry'],
    ]);
  });

  it('an official image through a public mirror moves as on Docker Hub, under the mirror\'s name', async () => {
    const f = await run('FROM node:18-alpine\nFROM mirror.gcr.io/library/node:18-alpine\nFROM public.ecr.aws/docker/library/node:18-alpine\n');
    const [hub, gcr, ecr] = [1, 2, 3].map((line) => f.updates.find((u) => u.line === line)!.to);
    assert.match(hub!, /^node:\d+-alpine$/);
    assert.equal(gcr, `mirror.gcr.io/library/${hub}`);
    assert.equal(ecr, `public.ecr.aws/docker/library/${hub}`);
  });

  it('a version held in an ARG moves through the ARG when every use agrees and the literal tag parts stay', async () => {
    const f = await run('ARG NODE_VERSION=22.1.0\nFROM node:${NODE_VERSION}-alpine AS a\nFROM node:${NODE_VERSION}-bookworm-slim AS b\n');
    assert.equal(f.updates.length, 1);
    const u = f.updates[0]!;
    assert.equal(u.kind, 'arg');
    assert.equal(u.line, 1);
    const value = /^NODE_VERSION=(22\.\d+\.\d+)$/.exec(u.to)![1]!;
    assert.ok(nodeTags.has(`${value}-alpine`) && nodeTags.has(`${value}-bookworm-slim`), 'both images exist at the new version');
    assert.equal(f.after, f.before.replace('NODE_VERSION=22.1.0', `NODE_VERSION=${value}`));
    const literal = await run('ARG V=22.1.0\nFROM node:${V}-alpine3.21\n');
    assert.deepEqual(literal.updates, []);
    assert.match(literal.skipped[0]!.reason, /ARG V is used by images that would need different values, or the tag's literal part would change/, 'Alpine 3.21 is past its end of life: the move needs another literal suffix');
  });

  it("the config's update rules decide per image unless --to and --distro are given", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plinth-update-rules-'));
    dirs.push(dir);
    await writeFile(join(dir, '.plinthrc.yaml'), 'update:\n  - match: node\n    allow: [patch]\n  - match: "pyth*"\n    allow: [patch, minor]\n    distro: true\n');
    await writeFile(join(dir, 'Dockerfile'), 'FROM node:22.1.0\nFROM python:3.12.1-slim-bookworm\n');
    const [f] = await updateFiles([join(dir, 'Dockerfile')], { mode: 'dry-run', date: DATE });
    assert.equal(f!.updates.find((u) => u.line === 1), undefined, 'patch only for node: the listed 22.x tags are minors away');
    assert.match(f!.skipped.find((x) => x.line === 1)!.reason, /only minor or major updates exist/);
    const py = f!.updates.find((u) => u.line === 2)!;
    assert.match(py.to, /^python:3\.\d+\.\d+-slim-(?!bookworm)[a-z]+$/, 'python may move its Debian release');
    // The pull-request body links the new Debian release's announcement beside Python's notes.
    const { updatesMarkdown } = await import('../../src/report/update.js');
    assert.match(py.to, /-slim-trixie$/, 'trixie is the newest Debian in the shipped tags');
    assert.ok(updatesMarkdown([f!]).includes(', [Debian 13 (trixie)](https://www.debian.org/News/2025/20250809) |'), 'the Debian release page');
    const [flags] = await updateFiles([join(dir, 'Dockerfile')], { mode: 'dry-run', date: DATE, to: 'minor', distro: false });
    assert.match(flags!.updates.find((u) => u.line === 1)!.to, /^node:22\.\d+\.\d+$/, '--to minor overrides the rule');
    assert.match(flags!.updates.find((u) => u.line === 2)!.to, /-slim-bookworm$/, 'distro: false given: the rule does not move it');
    assert.doesNotMatch(updatesMarkdown([flags!]), /debian\.org/, 'no distribution link when the release stays');
  });
});
