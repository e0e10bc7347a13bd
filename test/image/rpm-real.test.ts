// Cross-check with the real rpm: packages built by rpmbuild and recorded by `rpm --justdb` in an
// rpmdb.sqlite (WAL mode, as rpm leaves it) must read as `rpm -qa` lists them.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readImageContents } from '../../src/image/index.js';
import { LayoutBuilder } from '../helpers/image-builder.js';

const have = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const skip = have('rpm') && have('rpmbuild') ? false : 'rpm and rpmbuild are not installed (apt-get install rpm)';

const SPECS = [
  { name: 'plinth-base', version: '1.0', release: '3.el9', epoch: null, arch: 'x86_64' },
  { name: 'plinth-tools', version: '2.4.1', release: '1.el9', epoch: 7, arch: 'noarch' },
  { name: 'plinth-libs', version: '0.9', release: '12.el9_2', epoch: null, arch: 'x86_64' },
];

describe('an rpmdb.sqlite written by rpm itself', { skip }, () => {
  let work: string;
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('lists the same packages as rpm -qa', async () => {
    work = await mkdtemp(join(tmpdir(), 'plinth-rpm-'));
    await mkdir(join(work, 'SPECS'), { recursive: true });
    for (const s of SPECS) {
      const spec = [`Name: ${s.name}`, `Version: ${s.version}`, `Release: ${s.release}`, s.epoch !== null ? `Epoch: ${s.epoch}` : '', 'Summary: t', 'License: MIT', `BuildArch: ${s.arch}`, '%description', 't', '%files', ''].join('\n');
      await writeFile(join(work, 'SPECS', `${s.name}.spec`), spec);
      execFileSync('rpmbuild', ['--define', `_topdir ${work}`, '-bb', join(work, 'SPECS', `${s.name}.spec`)], { stdio: 'ignore' });
    }
    const rpms: string[] = [];
    for (const arch of await readdir(join(work, 'RPMS'))) for (const f of await readdir(join(work, 'RPMS', arch))) rpms.push(join(work, 'RPMS', arch, f));
    const root = join(work, 'root');
    const rpm = ['--define', '_db_backend sqlite', '--root', root, '--dbpath', '/var/lib/rpm'];
    execFileSync('rpm', [...rpm, '--initdb']);
    execFileSync('rpm', [...rpm, '--nodeps', '--justdb', '--ignorearch', '--ignoreos', '-i', ...rpms], { stdio: 'ignore' });
    const expected = execFileSync('rpm', [...rpm, '-qa', '--qf', '%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\n'], { encoding: 'utf8' })
      .trim().split('\n').map((l) => {
        const [name, version, architecture, srpm] = l.split('\t');
        return { name: name!, version: version!, source: srpm!.replace(/-[^-]+-[^-]+\.src\.rpm$/, ''), architecture: architecture! };
      }).sort((a, b) => a.name.localeCompare(b.name));
    assert.equal(expected.length, SPECS.length);

    const layout = await LayoutBuilder.create(join(work, 'layout'));
    const layer = await layout.layer([
      { path: 'etc/os-release', content: 'ID="rhel"\nVERSION_ID="9.5"\n' },
      { path: 'var/lib/rpm/rpmdb.sqlite', content: await readFile(join(root, 'var/lib/rpm/rpmdb.sqlite')) },
    ]);
    await layout.image([layer], { tag: 'rpm' });
    await layout.finish();
    const c = await readImageContents(`oci:${layout.dir}:rpm`);
    assert.equal(c.packages.ecosystem, 'rpm');
    assert.deepEqual(c.packages.items, expected);
  });
});
