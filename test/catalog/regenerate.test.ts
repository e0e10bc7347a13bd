// `npm run catalog` on the shared data beside the repository gives back, byte for byte, the data the
// package ships: the shipped files are what the script makes, and nobody edited them by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, SHARED } from '../helpers/shared.js';

const GENERATED = ['eol.json', 'sizes.json', 'tags'];

function files(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, join(under, e.name)) : [join(under, e.name)])).sort();
}

test('npm run catalog regenerates the shipped eol.json, sizes.json and tags/ exactly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-catalog-'));
  try {
    mkdirSync(join(dir, 'scripts'));
    cpSync(join(REPO, 'scripts', 'catalog.mjs'), join(dir, 'scripts', 'catalog.mjs'));
    mkdirSync(join(dir, 'src', 'catalog'), { recursive: true });
    // The script reads families.json (which images) and writes the rest from scratch.
    mkdirSync(join(dir, 'src', 'catalog', 'data'));
    cpSync(join(REPO, 'src', 'catalog', 'data', 'families.json'), join(dir, 'src', 'catalog', 'data', 'families.json'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const r = spawnSync(process.execPath, [join(dir, 'scripts', 'catalog.mjs'), '--official-images', join(SHARED, 'data', 'official-images'), '--endoflife', join(SHARED, 'data', 'endoflife'), '--snapshot', join(SHARED, 'catalog', 'official-images-snapshot.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const shipped = join(REPO, 'src', 'catalog', 'data');
    const made = join(dir, 'src', 'catalog', 'data');
    const madeFiles = files(made).filter((f) => f !== 'families.json');
    assert.deepEqual(madeFiles, files(shipped).filter((f) => GENERATED.some((g) => f === g || f.startsWith(`${g}/`))));
    assert.ok(madeFiles.length > 20);
    for (const f of madeFiles) assert.ok(readFileSync(join(made, f)).equals(readFileSync(join(shipped, f))), `${f} differs from what npm run catalog makes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
