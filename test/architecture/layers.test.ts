// The shape of src/ (docs/architecture.md): imports run one way through the layers, with no circles
// (dependency-cruiser, rules in .dependency-cruiser.cjs), and no import() of a computed path, which
// neither that check nor the type checker can follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const bin = join(root, 'node_modules', '.bin', 'depcruise');

test('no import goes up a layer, no rule calls the advisor, no module circles back', () => {
  const r = spawnSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

test('the layer check catches an upward import and a circle', () => {
  // The check itself must be able to fail: a scratch tree where util/ imports cli/ and cli/ imports util/ back.
  const dir = mkdtempSync(join(tmpdir(), 'plinth-layers-'));
  try {
    mkdirSync(join(dir, 'src', 'util'), { recursive: true });
    mkdirSync(join(dir, 'src', 'cli'));
    writeFileSync(join(dir, 'src', 'util', 'a.ts'), "import { b } from '../cli/b.js';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'src', 'cli', 'b.ts'), "import { a } from '../util/a.js';\nexport const b = () => a;\n");
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(root, 'tsconfig.json')));
    writeFileSync(join(dir, '.dependency-cruiser.cjs'), readFileSync(join(root, '.dependency-cruiser.cjs')));
    const r = spawnSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
    const out = `${r.stdout}${r.stderr}`;
    assert.notEqual(r.status, 0, out);
    assert.match(out, /layer-0-types\.ts-util: src\/util\/a\.ts → src\/cli\/b\.ts/);
    assert.match(out, /no-circular/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `import(x)` where x is not a string literal, in one source file. */
function computedImports(path: string): number[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && !ts.isStringLiteral(node.arguments[0]!)) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

test('no import() of a computed path but one, in util/import-external.ts (sql.js, the config the user names)', () => {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) for (const line of computedImports(p)) found.push(`${relative(root, p)}:${line}`);
    }
  };
  walk(join(root, 'src'));
  assert.deepEqual(found.filter((f) => !f.startsWith('src/util/import-external.ts:')), []);
  assert.equal(found.filter((f) => f.startsWith('src/util/import-external.ts:')).length, 1, found.join(', '));
  // Its callers: the optional sql.js peer and a JavaScript config file, nothing else.
  const callers = [] as string[];
  const scan = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) scan(p);
      else if (e.name.endsWith('.ts') && /importExternal\(/.test(readFileSync(p, 'utf8')) && !p.endsWith('import-external.ts')) callers.push(relative(root, p));
    }
  };
  scan(join(root, 'src'));
  assert.deepEqual(callers.sort(), ['src/config/load.ts', 'src/image/rpm.ts']);
});

/** The modules a module loads when it is imported: static, value imports and re-exports, followed. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const st of source.statements) {
      let spec: ts.Expression | undefined;
      if (ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly) spec = st.moduleSpecifier;
      if (ts.isExportDeclaration(st) && !st.isTypeOnly) spec = st.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const text = spec.text;
      if (text.startsWith('.')) queue.push(join(path, '..', text.replace(/\.js$/, '.ts')));
      else seen.add(`package:${text}`);
    }
  }
  return seen;
}

test('an offline lint loads no registry, image or archive code (it loads when --online asks)', () => {
  const loaded = [...staticClosure(join(root, 'src/cli/commands/lint.ts'))].map((p) => (p.startsWith('package:') ? p : relative(root, p)));
  const heavy = loaded.filter((p) => /^src\/(registry\/(client|http|auth|cache|credentials)|image\/|facts\/online)/.test(p) || /^package:(tar-stream|fzstd|sql\.js)/.test(p));
  assert.deepEqual(heavy, []);
  assert.ok(loaded.includes('src/lint/run.ts'), 'the closure follows the lint path');
});

test('the bundled CLI: an offline lint loads no registry, image, yaml, ignore or crypto code either', () => {
  // scripts/bundle.mjs writes which source modules each chunk holds (npm run build runs it).
  const meta = JSON.parse(readFileSync(join(root, 'dist/bundle/meta.json'), 'utf8')) as {
    outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
  };
  const byEntry = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === 'dist/src/cli/commands/lint.js');
  assert.ok(byEntry, 'the lint command is its own chunk');
  const loaded = new Set<string>();
  const queue = ['dist/bundle/cli/plinth.js', byEntry[0]];
  while (queue.length) {
    const out = queue.pop()!;
    if (loaded.has(out)) continue;
    loaded.add(out);
    for (const i of meta.outputs[out]?.imports ?? []) if (i.kind === 'import-statement') queue.push(i.path);
  }
  const inputs = [...loaded].flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
  assert.ok(inputs.includes('dist/src/lint/run.js'), 'the closure follows the lint path');
  assert.deepEqual(inputs.filter((p) => /dist\/src\/(registry\/(client|http|auth|cache|credentials)|image\/|facts\/online)/.test(p)), []);
  assert.deepEqual([...loaded].filter((p) => /^(yaml|ignore|tar-stream|fzstd|sql\.js)/.test(p)), []);
  // node:crypto costs a one-file lint about 5 ms on Node 20: util/lazy-crypto.ts loads it on first use.
  assert.deepEqual([...loaded].filter((p) => /^(node:)?crypto$/.test(p)), []);
});
