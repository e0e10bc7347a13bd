// The pre-commit hooks' entries and patterns, the GitLab template, plinth's own Dockerfile and the
// CLI's adoption details (completion, did-you-mean). The Action is in action.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isDockerfileName } from '../../src/lint/discover.js';

const root = process.cwd();
const bin = join(root, 'bin', 'plinth.js');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
}

test('the pre-commit hook picks exactly the Dockerfile names discovery picks', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'plinth');
  assert.ok(hook, 'a hook with id plinth');
  assert.equal(hook.language, 'node');
  const pattern = new RegExp(hook.files);
  const names = ['Dockerfile', 'Containerfile', 'Dockerfile.prod', 'api.Dockerfile', 'api.dockerfile', 'Dockerfile.', 'dockerfile', 'Dockerfiles', 'MyDockerfile', 'README.md', 'Dockerfile.d/x.txt', 'x.Dockerfile.bak', 'Containerfile.dev'];
  for (const name of names) {
    for (const path of [name, `svc/a/${name}`]) {
      const base = path.split('/').pop()!;
      assert.equal(pattern.test(path), isDockerfileName(base), path);
    }
  }
});

test("the hook's entry lints the files pre-commit passes, and fails on a finding", () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const [command, ...args] = hooks.find((h) => h.id === 'plinth')!.entry.split(' ');
  assert.equal(command, 'plinth', 'the entry runs the package bin');
  const dir = mkdtempSync(join(tmpdir(), 'plinth-hook-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\n');
    writeFileSync(join(dir, 'api.Dockerfile'), 'FROM scratch\nCOPY app /app\n');
    const bad = spawnSync(process.execPath, [bin, ...args, 'Dockerfile', 'api.Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /Dockerfile:1:\d+ warning latest-tag/);
    const good = spawnSync(process.execPath, [bin, ...args, 'api.Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.equal(good.status, 0, good.stdout + good.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the pin hook: the same files, fails on an image with no digest, asks no registry', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const lint = hooks.find((h) => h.id === 'plinth')!;
  const hook = hooks.find((h) => h.id === 'plinth-pin');
  assert.ok(hook, 'a hook with id plinth-pin');
  assert.equal(hook.files, lint.files);
  const [command, ...args] = hook.entry.split(' ');
  assert.equal(command, 'plinth');
  const dir = mkdtempSync(join(tmpdir(), 'plinth-pin-hook-'));
  try {
    const digest = `sha256:${'a'.repeat(64)}`;
    writeFileSync(join(dir, 'Dockerfile'), `FROM golang:1.23@${digest} AS build\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n`);
    writeFileSync(join(dir, 'ok.Dockerfile'), `FROM node:22-alpine@${digest}\nCOPY --from=busybox:1.36@${digest} /bin/sh /sh\n`);
    // HTTPS_PROXY to a closed port: any registry request would fail and exit 2.
    const env = { ...process.env, HOME: dir, HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9' };
    const bad = spawnSync(process.execPath, [bin, ...args, 'Dockerfile', 'ok.Dockerfile'], { cwd: dir, encoding: 'utf8', env });
    assert.equal(bad.status, 1, bad.stderr);
    assert.equal(bad.stdout, 'Dockerfile:2: unpinned: gcr.io/distroless/static-debian12\n');
    assert.match(bad.stderr, /1 image\(s\) unpinned or stale, 3 pinned/);
    const good = spawnSync(process.execPath, [bin, ...args, 'ok.Dockerfile'], { cwd: dir, encoding: 'utf8', env });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    const misuse = spawnSync(process.execPath, [bin, 'pin', '--offline', 'ok.Dockerfile'], { cwd: dir, encoding: 'utf8', env });
    assert.equal(misuse.status, 2);
    assert.match(misuse.stderr, /--offline works only with --check/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("plinth's own Dockerfile passes plinth's own lint (and ships no build tools)", () => {
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--fail-on', 'info', '--date', '2026-09-01', join(root, 'Dockerfile')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as { files: { stages: { final: boolean; image: string }[]; findings: unknown[] }[] };
  assert.deepEqual(report.files[0]!.findings, []);
  assert.match(report.files[0]!.stages.find((s) => s.final)!.image, /alpine/);
});

test('the GitLab template: its script, run as written, writes the Code Quality and JUnit reports', () => {
  const doc = parse(readFileSync(join(root, 'ci', 'gitlab', 'plinth.yml'), 'utf8')) as { plinth: { script: string[]; variables: Record<string, string>; artifacts: { reports: Record<string, string> } } };
  const job = doc.plinth;
  // Every variable is quoted: a value with spaces or shell syntax stays one word.
  for (const line of job.script) assert.doesNotMatch(line.replace(/"[^"]*"/g, ""), /\$/, line);
  const dir = mkdtempSync(join(tmpdir(), 'plinth-gitlab-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\n');
    // The install line is npm's business; the rest runs with the package's own bin as `plinth`.
    const shim = join(dir, 'bin');
    spawnSync('mkdir', ['-p', shim]);
    writeFileSync(join(shim, 'plinth'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n`, { mode: 0o755 });
    const script = job.script.filter((l) => !l.startsWith('npm install')).join('\n');
    const r = spawnSync('sh', ['-e', '-c', script], { cwd: dir, env: { ...process.env, ...job.variables, PATH: `${shim}:${process.env.PATH}` }, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const quality = JSON.parse(readFileSync(join(dir, job.artifacts.reports.codequality!), 'utf8')) as { check_name: string }[];
    assert.ok(quality.some((q) => q.check_name === 'latest-tag'));
    assert.match(readFileSync(join(dir, job.artifacts.reports.junit!), 'utf8'), /<testsuite name="Dockerfile" tests="\d+" failures="\d+"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundled CLI reads YAML and JSON configs and honours .gitignore (its lazily loaded packages)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bundle-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\n');
    writeFileSync(join(dir, 'skip.Dockerfile'), 'FROM node:latest\n');
    writeFileSync(join(dir, '.gitignore'), 'skip.Dockerfile\n');
    writeFileSync(join(dir, '.plinthrc.yaml'), 'rules:\n  latest-tag: off\n');
    const run = () => spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--date', '2026-09-01', '.'], { cwd: dir, encoding: 'utf8' });
    const yaml = run();
    assert.equal(yaml.stderr, '');
    const report = JSON.parse(yaml.stdout) as { files: { path: string; findings: { rule: string }[] }[] };
    assert.deepEqual(report.files.map((f) => f.path), ['Dockerfile']);
    assert.ok(!report.files[0]!.findings.some((f) => f.rule === 'latest-tag'));
    rmSync(join(dir, '.plinthrc.yaml'));
    writeFileSync(join(dir, '.plinthrc.json'), '{"rules": {"latest-tg": "off"}}');
    const json = run();
    assert.equal(json.status, 2);
    assert.match(json.stderr, /unknown rule 'latest-tg' in 'rules' \(did you mean 'latest-tag'\?\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mistyped flags and pragma rule ids name what was meant', () => {
  const flag = spawnSync(process.execPath, [bin, 'lint', '--formt', 'json'], { encoding: 'utf8' });
  assert.equal(flag.status, 2);
  assert.equal(flag.stderr, 'plinth: lint: unknown flag --formt (did you mean --format?); see plinth lint --help\n');
  const dir = mkdtempSync(join(tmpdir(), 'plinth-pragma-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), '# plinth ignore=latest-tg\nFROM node:latest\n');
    const r = spawnSync(process.execPath, [bin, 'lint', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plinth: warning: Dockerfile:1: unknown rule 'latest-tg' in a plinth ignore pragma: it silences nothing \(did you mean latest-tag\?\)$/m);
    assert.match(r.stdout, /latest-tag/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--ignore and --trusted-registry work over the config, as hadolint users expect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-flags-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest AS build\nFROM ghcr.io/acme/runtime:1.0\n');
    writeFileSync(join(dir, '.plinthrc.yaml'), 'trustedRegistries: [docker.io]\n');
    const rules = (...args: string[]) => {
      const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--date', '2026-09-01', ...args, 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
      return (JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings.map((f) => f.rule).sort();
    };
    assert.deepEqual(rules(), ['latest-tag', 'untrusted-registry']);
    assert.deepEqual(rules('--ignore', 'latest-tag'), ['untrusted-registry']);
    assert.deepEqual(rules('--trusted-registry', 'ghcr.io'), ['latest-tag']);
    assert.deepEqual(rules('--ignore', 'latest-tag', '--trusted-registry', 'ghcr.io'), []);
    const bad = spawnSync(process.execPath, [bin, 'lint', '--ignore', 'latest-tg', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, "plinth: --ignore: unknown rule 'latest-tg' (did you mean latest-tag?)\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('recommend and pin accept directories, as lint finds Dockerfiles in them', () => {
  const many = spawnSync(process.execPath, [bin, 'recommend', '--format', 'json', '--date', '2026-09-01', 'examples'], { cwd: root, encoding: 'utf8' });
  assert.equal(many.status, 0, many.stderr);
  const list = JSON.parse(many.stdout) as { file: string; stages: unknown[] }[];
  assert.deepEqual(list.map((r) => r.file), ['examples/go-service/Dockerfile', 'examples/java-app/Dockerfile', 'examples/node-app/Dockerfile', 'examples/python-app/Dockerfile']);
  // One Dockerfile named: its object, as before.
  const one = spawnSync(process.execPath, [bin, 'recommend', '--format', 'json', '--date', '2026-09-01', 'examples/node-app/Dockerfile'], { cwd: root, encoding: 'utf8' });
  assert.equal((JSON.parse(one.stdout) as { file: string }).file, 'examples/node-app/Dockerfile');
  const text = spawnSync(process.execPath, [bin, 'recommend', '--date', '2026-09-01', 'examples'], { cwd: root, encoding: 'utf8' });
  assert.equal(text.stdout.match(/^examples\/[a-z-]+\/Dockerfile \(goal: size\)$/gm)?.length, 4);
  const context = spawnSync(process.execPath, [bin, 'recommend', '--context', 'examples', 'examples'], { cwd: root, encoding: 'utf8' });
  assert.equal(context.status, 2);
  assert.match(context.stderr, /--context applies to one Dockerfile/);
  const pin = spawnSync(process.execPath, [bin, 'pin', '--help'], { encoding: 'utf8' });
  assert.match(pin.stdout, /\[PATHS\.\.\.\]/);
});

test('bash completion, loaded into a real bash, completes commands, flags and flag values', () => {
  const script = spawnSync(process.execPath, [bin, 'completion', 'bash'], { encoding: 'utf8' }).stdout;
  const complete = (...words: string[]) => {
    const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _plinth; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').filter(Boolean);
  };
  assert.deepEqual(complete('plinth', 're'), ['recommend', 'report']);
  assert.deepEqual(complete('plinth', 'up'), ['update']);
  assert.deepEqual(complete('plinth', 'lint', '--fo'), ['--format']);
  assert.deepEqual(complete('plinth', 'lint', '--format', 's'), ['sarif', 'sonarqube']);
  assert.deepEqual(complete('plinth', 'recommend', '--goal', 'c'), ['compatibility']);
  assert.deepEqual(complete('plinth', 'pin', '--dr'), ['--dry-run']);
  // Rule ids: after help (the rule's page) and as --ignore's value.
  assert.deepEqual(complete('plinth', 'help', 'lat'), ['latest-tag']);
  assert.deepEqual(complete('plinth', 'help', 'upd'), ['update']);
  assert.deepEqual(complete('plinth', 'lint', '--ignore', 'full'), ['full-image-in-final-stage']);
  // Every flag lint parses is offered.
  assert.ok(complete('plinth', 'lint', '--').includes('--trusted-registry'));
  const fish = spawnSync(process.execPath, [bin, 'completion', 'fish'], { encoding: 'utf8' });
  assert.match(fish.stdout, /complete -c plinth -n '__fish_seen_subcommand_from lint' -l format -r -a 'text json sarif/);
  assert.match(spawnSync(process.execPath, [bin, 'completion', 'zsh'], { encoding: 'utf8' }).stdout, /^autoload -U \+X bashcompinit && bashcompinit\n/);
  assert.equal(spawnSync(process.execPath, [bin, 'completion', 'tcsh'], { encoding: 'utf8' }).status, 2);
});
