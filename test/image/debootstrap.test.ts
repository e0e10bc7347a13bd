// A real Debian file system (debootstrap --variant=minbase) packed as an image: plinth must count the
// same packages as dpkg-query on the same tree.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readImageContents } from '../../src/image/index.js';
import { debianTree, LayoutBuilder, writeDockerArchive } from '../helpers/image-builder.js';

const tree = await debianTree();
const skip = 'skip' in tree ? tree.skip : false;
if (skip) console.log(`# debootstrap tests skipped: ${skip}`);

describe('a real debootstrap minbase tree as an image', { skip }, () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('counts the packages dpkg-query counts, and reads OS, libc, shell and package manager', async () => {
    const root = (tree as { root: string }).root;
    const dir = await mkdtemp(join(tmpdir(), 'plinth-debian-image-'));
    dirs.push(dir);
    const layout = await LayoutBuilder.create(join(dir, 'layout'));
    const image = await layout.image([await layout.layerFromDir(root)], { tag: 'bookworm', config: { Cmd: ['bash'] } });
    await layout.finish();
    const c = await readImageContents(`oci:${layout.dir}:bookworm`);
    const lines = execFileSync('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${Package}\t${Version}\n'], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(c.packages.count, lines.length);
    assert.ok(c.packages.count > 50, `a minbase tree has many packages (${c.packages.count})`);
    const byName = new Map(c.packages.items.map((p) => [p.name, p.version]));
    for (const l of lines) {
      const [name, version] = l.split('\t');
      assert.equal(byName.get(name!.split(':')[0]!), version, name);
    }
    assert.equal(c.packages.ecosystem, 'deb');
    const osRelease = readFileSync(join(root, 'usr/lib/os-release'), 'utf8');
    assert.equal(c.os?.versionId, /VERSION_ID="(.*)"/.exec(osRelease)?.[1]);
    assert.equal(c.os?.id, 'debian');
    assert.equal(c.libc, 'glibc');
    assert.equal(c.shell, '/bin/sh');
    assert.equal(c.packageManager, 'apt');
    const du = Number(execFileSync('bash', ['-c', `find ${JSON.stringify(root)} -type f -printf '%i %s\\n' | sort -u -k1,1 | awk '{s+=$2} END {print s}'`], { encoding: 'utf8' }).trim());
    assert.equal(c.uncompressedBytes, du, 'the layer holds every regular file of the tree (hard links once)');
    const file = await writeDockerArchive(layout, image, join(dir, 'debian.tar'), 'legacy', 'debian:bookworm');
    const fromArchive = await readImageContents(`docker-archive:${file}`);
    assert.deepEqual(fromArchive.packages, c.packages);
  });
});
