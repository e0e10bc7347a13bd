import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { discoverDockerfiles, isDockerfileName } from '../../src/lint/index.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plinth-discover-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

test('Dockerfile names', () => {
  for (const n of ['Dockerfile', 'Containerfile', 'api.Dockerfile', 'api.dockerfile', 'Dockerfile.dev', 'Dockerfile.prod.arm64']) assert.ok(isDockerfileName(n), n);
  for (const n of ['Dockerfile-old', 'dockerfile.txt', 'Containerfile.bak', 'README.md', 'Dockerfiles', 'x.Dockerfile.md']) assert.ok(!isDockerfileName(n), n);
});

test('directories are searched recursively, honouring nested .gitignore files, skipping node_modules and .git', async () => {
  const root = tree({
    'Dockerfile': 'FROM scratch\n',
    '.gitignore': 'build/\n*.generated.Dockerfile\n',
    'svc/a/Containerfile': 'FROM scratch\n',
    'svc/a/web.Dockerfile': 'FROM scratch\n',
    'svc/a/x.generated.Dockerfile': 'FROM scratch\n',
    'svc/b/.gitignore': 'Dockerfile.local\n',
    'svc/b/Dockerfile.local': 'FROM scratch\n',
    'svc/b/Dockerfile.ci': 'FROM scratch\n',
    'build/Dockerfile': 'FROM scratch\n',
    'node_modules/pkg/Dockerfile': 'FROM scratch\n',
    '.git/Dockerfile': 'FROM scratch\n',
    'docs/notes.md': '# not a Dockerfile\n',
  });
  const found = (await discoverDockerfiles(root)).map((p) => relative(root, p));
  assert.deepEqual(found, ['Dockerfile', 'svc/a/Containerfile', 'svc/a/web.Dockerfile', 'svc/b/Dockerfile.ci']);
});
