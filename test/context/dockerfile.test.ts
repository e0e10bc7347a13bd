import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dockerfile from '../../src/dockerfile/index.js';
import type { Dockerfile } from '../../src/dockerfile/types.js';
import type { BuildModel } from '../../src/dockerfile/stage.js';
import { readContext } from '../../src/context/index.js';
import { project } from './helpers.js';
import { TextScans } from '../../src/util/text-scans.js';
import { join } from 'node:path';

const api = dockerfile as unknown as { parseDockerfile: (s: string, p: string) => Dockerfile; buildModel: (f: Dockerfile) => BuildModel };

function facts(source: string, files: Record<string, string> = {}) {
  const dir = project({ Dockerfile: source, ...files });
  const file = api.parseDockerfile(source, `${dir}/Dockerfile`);
  return readContext(dir, file, api.buildModel(file));
}

test('go build flags: inline CGO_ENABLED, ENV in the stage, netgo, -extldflags -static, timetzdata', () => {
  const ctx = facts(`FROM golang:1.27 AS a
RUN CGO_ENABLED=0 go build -o /a .

FROM golang:1.27 AS b
ENV CGO_ENABLED=1
RUN go build -tags netgo,timetzdata -ldflags '-linkmode external -extldflags "-static"' -o /b .

FROM scratch
COPY --from=a /a /a
COPY --from=b /b /b
`);
  const a = ctx.stages[0].goBuild!;
  assert.deepEqual([a.cgoEnabled?.value, a.cgoEnabled?.evidence.line, a.netgo, a.staticLink], [false, 2, false, false]);
  const b = ctx.stages[1].goBuild!;
  assert.deepEqual([b.cgoEnabled?.value, b.cgoEnabled?.evidence.line, b.netgo, b.staticLink, b.embedsTzdata], [true, 5, true, true, true]);
  assert.deepEqual(ctx.stages[2].copiesFrom, [0, 1]);
  assert.equal(ctx.needs.tzdata, null);
});

test('node installs, production flags, java -jar, USER, certificates, compilers', () => {
  const ctx = facts(`FROM node:22 AS deps
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3
RUN npm ci --omit=dev

FROM eclipse-temurin:21-jre
ENV TZ=Europe/Berlin
COPY --from=deps /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
USER app
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app.jar"]
`);
  const deps = ctx.stages[0];
  assert.equal(deps.nodeInstall?.line, 3);
  assert.equal(deps.productionInstall, true);
  assert.deepEqual(deps.systemPackages.map((p) => p.name), ['build-essential', 'python3']);
  assert.equal(deps.installsCompiler?.line, 2);
  const run = ctx.stages[1];
  assert.equal(run.javaJar?.line, 9);
  assert.equal(run.interpreter?.fact, 'starts the app with java');
  assert.deepEqual([ctx.needs.certificates?.line, ctx.needs.tzdata?.line, ctx.needs.nonRoot?.line], [7, 6, 8]);
  assert.equal(run.env.TZ.value, 'Europe/Berlin');
});

test('cargo with a musl target, pip, poetry, and a root USER that is not a non-root need', () => {
  const ctx = facts(`FROM rust:1.80 AS build
RUN rustup target add aarch64-unknown-linux-musl
RUN cargo build --release --target aarch64-unknown-linux-musl

FROM python:3.12-slim
RUN pip install --no-cache-dir poetry && poetry install --only main
USER root
`);
  assert.equal(ctx.stages[0].cargoBuild?.musl, true);
  assert.equal(ctx.stages[1].pipInstall?.line, 6);
  assert.equal(ctx.needs.nonRoot, null);
});

test('stage facts are the same when a run shares its analyses of repeated scripts, state included', () => {
  const texts = new TextScans();
  const source = `FROM rust:1.85 AS musl
RUN rustup target add x86_64-unknown-linux-musl
RUN cargo build --release
ENV GOFLAGS=-tags=netgo
RUN go build -o /app .

FROM rust:1.85 AS glibc
ENV CGO_ENABLED=1
RUN cargo build --release
RUN go build -o /app .
RUN apt-get install -y gcc tzdata
`;
  const dir = project({ Dockerfile: source });
  const file = api.parseDockerfile(source, `${dir}/Dockerfile`);
  const model = api.buildModel(file);
  const alone = readContext(dir, file, model).stages;
  const shared = readContext(dir, file, model, undefined, 'Dockerfile', texts).stages;
  assert.deepEqual(shared, alone);
  // The same `cargo build` text: a musl target in one stage (rustup before it), glibc in the other.
  assert.deepEqual([shared[0]!.cargoBuild?.musl, shared[1]!.cargoBuild?.musl], [true, false]);
  assert.deepEqual([shared[0]!.goBuild?.netgo, shared[1]!.goBuild?.cgoEnabled?.value], [true, true]);
  assert.deepEqual(shared[1]!.systemPackages.map((p) => p.name), ['gcc', 'tzdata']);
});

test('the context reader and the rules read the same packages from an install (flag values are not packages)', async () => {
  const source = 'FROM alpine:3.21\nRUN apk add --no-cache --virtual .build-deps -X https://mirror/edge gcc musl-dev=1.2.5-r0 $EXTRA\n';
  const ctx = facts(source);
  assert.deepEqual(ctx.stages[0]!.systemPackages.map((p) => p.name), ['gcc', 'musl-dev']);
  const { commandsOf, installedPackages } = await import('../../src/rules/commands.js');
  const file = api.parseDockerfile(source, 'Dockerfile');
  assert.deepEqual(commandsOf(file.instructions[1]!).flatMap(installedPackages), ['gcc', 'musl-dev']);
});

test('nothing outside the build context is read: symlinks out of it, ../ includes, linked folders', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync: write, symlinkSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = mkdtempSync(join(tmpdir(), 'plinth-ctx-'));
  try {
    const outside = join(root, 'outside');
    const ctxDir = join(root, 'ctx');
    mkdirSync(outside);
    mkdirSync(ctxDir);
    // Outside: a package.json naming a native addon, requirements naming a C extension, a secret.
    write(join(outside, 'package.json'), '{"name":"SECRET-NAME","dependencies":{"bcrypt":"5.1.1"}}');
    write(join(outside, 'reqs.txt'), 'psycopg2==2.9.9\n');
    mkdirSync(join(outside, 'app'));
    write(join(outside, 'app', 'go.mod'), 'module SECRET-MODULE\n\ngo 1.22\n');
    symlinkSync(join(outside, 'package.json'), join(ctxDir, 'package.json'));
    write(join(ctxDir, 'requirements.txt'), '-r ../outside/reqs.txt\nflask==3.0.0\n');
    symlinkSync(join(outside, 'app'), join(ctxDir, 'app'));
    const source = 'FROM python:3.12\nCOPY . .\nCMD ["python", "app.py"]\n';
    write(join(ctxDir, 'Dockerfile'), source);
    const file = api.parseDockerfile(source, join(ctxDir, 'Dockerfile'));
    const ctx = readContext(ctxDir, file, api.buildModel(file));
    const seen = JSON.stringify(ctx.ecosystems) + JSON.stringify(ctx.warnings);
    assert.doesNotMatch(seen, /SECRET|bcrypt|psycopg2/);
    assert.deepEqual(ctx.ecosystems.map((e) => e.ecosystem), ['python'], 'only the requirements.txt inside counts');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a monorepo service: the manifests come from the folders the stages copy from', () => {
  const gemfile = 'source "https://rubygems.org"\n\ngem "puma", "~> 7.2"\ngem "sinatra", "~> 4.2"\n';
  const ctx = facts(`FROM ruby:4.0-alpine
WORKDIR /app
COPY ./src/email/Gemfile Gemfile
COPY src/email/views/ views/
RUN bundle install
CMD ["bundle", "exec", "ruby", "email_server.rb"]
`, { 'src/email/Gemfile': gemfile, 'src/other/package.json': '{"dependencies":{"express":"4"}}', 'src/email/views/index.erb': '<p>hi</p>\n' });
  // The folder that was copied from is read, with its paths named from the context root; a folder
  // nothing copies (src/other) is not.
  assert.deepEqual(ctx.ecosystems.map((e) => e.ecosystem), ['ruby']);
  assert.deepEqual(ctx.ecosystems[0]!.evidence.map((e) => `${e.file}:${e.line} ${e.fact}`), ['src/email/Gemfile:1 Ruby project with 2 gems']);
});

test('a copied folder never reaches outside the context, and the root keeps its own manifests', () => {
  const outside = project({ 'Gemfile': 'gem "rails"\n' });
  const ctx = facts(`FROM ruby:4.0-alpine
COPY ../${outside.split('/').pop()}/Gemfile ./
COPY ./svc/package.json ./
`, { 'package.json': '{"dependencies":{"express":"4"}}', 'svc/package.json': '{"dependencies":{"koa":"2","pg":"8"}}' });
  // node comes from the root's package.json (one dependency), not svc's; nothing from outside.
  assert.deepEqual(ctx.ecosystems.map((e) => e.ecosystem), ['node']);
  assert.ok(ctx.ecosystems[0]!.evidence.every((e) => !e.file.startsWith('svc/')));
});

test('ruby: the Gemfile and the lock say how many gems', () => {
  const ctx = facts('FROM ruby:3.3\n', { 'Gemfile': 'gem "rails"\ngem "pg"\n# gem "x"\n', 'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    pg (1.5.6)\n    rails (7.1.3)\n      actionpack (= 7.1.3)\n\n' });
  assert.deepEqual(ctx.ecosystems[0]!.evidence.slice(0, 2).map((e) => e.fact), ['Ruby project with 2 gems', 'Gemfile.lock locks 2 gems']);
});

test('the interpreter a CMD or ENTRYPOINT starts, past init, user-switch and agent wrappers', () => {
  const started = (line: string) => facts(`FROM python:3.14-alpine\n${line}\n`).stages[0]!.interpreter?.fact ?? null;
  assert.equal(started('ENTRYPOINT [ "/venv/bin/opentelemetry-instrument", "/venv/bin/python", "server.py" ]'), 'starts the app with python');
  assert.equal(started('ENTRYPOINT ["/sbin/tini", "--", "node", "app.js"]'), 'starts the app with node');
  assert.equal(started('CMD gosu app:app env PORT=8080 gunicorn app:app'), 'starts the app with gunicorn');
  assert.equal(started('CMD ["dumb-init", "ddtrace-run", "python3", "main.py"]'), 'starts the app with python3');
  // A program that is no wrapper and no interpreter says nothing.
  assert.equal(started('ENTRYPOINT ["/app/server", "node"]'), null);
});

test('xgo cross-compiles with cgo: dynamic by default, static with -extldflags -static', () => {
  const ctx = facts(`FROM techknowlogick/xgo:go-1.22.x AS xgo
WORKDIR /src
RUN xgo --targets=linux/amd64 -out /build/app .

FROM techknowlogick/xgo:go-1.22.x AS xgo-static
RUN xgo --targets=linux/amd64 -ldflags '-extldflags "-static"' -out /build/app .

FROM techknowlogick/xgo:go-1.22.x AS xgo-off
RUN CGO_ENABLED=0 xgo --targets=linux/amd64 .

FROM scratch
COPY --from=xgo /build/app /app
`);
  const [dyn, stat, off] = [0, 1, 2].map((i) => ctx.stages[i]!.goBuild!);
  assert.deepEqual([dyn.cgoEnabled?.value, dyn.cgoEnabled?.evidence.fact, dyn.staticLink], [true, 'xgo cross-compiles with cgo on', false]);
  assert.deepEqual([stat.cgoEnabled?.value, stat.staticLink], [true, true]);
  assert.equal(off.cgoEnabled?.value, false);
  // An image or folder merely named xgo is no build.
  assert.equal(facts('FROM golang:1.22\nRUN ls /opt/xgo-cache\n').stages[0]!.goBuild, null);
});

test('a copied folder that is a symlink out of the context is not read', async () => {
  const { symlinkSync } = await import('node:fs');
  const outside = project({ 'Gemfile': 'gem "rails"\ngem "pg"\n' });
  const dir = project({ Dockerfile: 'FROM ruby:3.3\nCOPY svc/Gemfile ./\n' });
  symlinkSync(outside, join(dir, 'svc'));
  const file = api.parseDockerfile('FROM ruby:3.3\nCOPY svc/Gemfile ./\n', `${dir}/Dockerfile`);
  assert.deepEqual(readContext(dir, file, api.buildModel(file)).ecosystems, []);
});

test('cargo build for a wasm32 target is a WebAssembly module: scratch, no libc', async () => {
  const source = 'FROM rust:1.98 AS build\nRUN rustup target add wasm32-wasip1\nRUN cargo build --target wasm32-wasip1 --release\n\nFROM scratch\nCOPY --from=build /target/wasm32-wasip1/release/app.wasm /app.wasm\nENTRYPOINT ["app.wasm"]\n';
  const ctx = facts(source);
  assert.deepEqual([ctx.stages[0]!.cargoBuild?.wasm, ctx.stages[0]!.cargoBuild?.musl], [true, false]);
  assert.match(ctx.stages[0]!.cargoBuild!.evidence.fact, /WebAssembly module/);
  // (Before: "a Rust binary for the glibc target", and recommend moved scratch to debian:trixie-slim.)
  const { adviseOffline } = await import('../../src/advisor/index.js');
  const file = api.parseDockerfile(source, 'Dockerfile');
  const model = api.buildModel(file);
  const rec = adviseOffline(file, model, ctx, { goal: 'size', date: '2026-09-01' });
  const final = rec.stages.find((s) => s.final)!;
  assert.deepEqual([final.decision, final.recommended], ['keep', 'scratch']);
  assert.equal(final.summary, 'a WebAssembly module');
});

test('one verdict on how a Go or Rust binary links (facts/binary-link.ts), for advisor and rule', async () => {
  const { binaryLinkOf } = await import('../../src/facts/binary-link.js');
  const source = `FROM golang:1.27 AS netgo
RUN go build -tags netgo -o /a .
FROM golang:1.27 AS both
RUN go build -tags 'netgo osusergo' -o /b .
FROM golang:1.27-alpine AS installs-gcc
RUN apk add --no-cache gcc musl-dev
RUN go install example.com/tool@latest && go build -o /c .
FROM installs-gcc AS child
RUN true
FROM rust:1.80 AS crt
ENV RUSTFLAGS="-C target-feature=+crt-static"
RUN cargo build --release
FROM rust:1.80 AS glibc
RUN cargo build --release
FROM scratch
`;
  const dir = project({ Dockerfile: source, 'go.mod': 'module x\n\ngo 1.22\n' });
  const file = api.parseDockerfile(source, `${dir}/Dockerfile`);
  const model = api.buildModel(file);
  const ctx = readContext(dir, file, model);
  const link = (i: number, compiler: boolean) => binaryLinkOf(model, ctx.stages, i, compiler)!;
  // netgo alone, cgo on: static, with the os/user caveat; netgo,osusergo: static, no caveat.
  assert.deepEqual([link(0, true).static, link(0, true).risks.length], [true, 1]);
  assert.match(link(0, true).risks[0]!, /osusergo/);
  assert.deepEqual([link(1, true).static, link(1, true).risks.length], [true, 0]);
  // The stage installs a compiler on an image without one: cgo on; the go build, not the go install, counts.
  const c = link(2, false);
  assert.deepEqual([c.static, c.tool, c.evidence[1]!.line], [false, 'go build', 6]);
  assert.match(c.dynamicBecause ?? '', /`go build` at line 7 runs with cgo on/);
  // A stage built FROM it ships the same binary.
  assert.equal(link(3, false).stage, 2);
  // crt-static links a glibc target statically; a plain cargo build links glibc dynamically.
  assert.deepEqual([link(4, false).static, link(5, false).static], [true, false]);
  assert.equal(binaryLinkOf(model, ctx.stages, 6, false), null);
});

test('ENV and ARG names are data: __proto__ and constructor are kept as names, not object keys', async () => {
  const { chainEnv } = await import('../../src/facts/binary-link.js');
  const source = `FROM golang:1.27 AS base
ENV __proto__=x constructor=y CGO_ENABLED=0
RUN go build -o /app .
FROM base
ENV __proto__=z
`;
  const dir = project({ Dockerfile: source });
  const file = api.parseDockerfile(source, `${dir}/Dockerfile`);
  const model = api.buildModel(file);
  const ctx = readContext(dir, file, model);
  const env = ctx.stages[0].env;
  assert.equal(Object.getPrototypeOf(env), null);
  assert.deepEqual(Object.keys(env), ['__proto__', 'constructor', 'CGO_ENABLED']);
  assert.equal(env['__proto__']?.value, 'x');
  assert.equal(ctx.stages[0].goBuild?.cgoEnabled?.value, false);
  // A stage built FROM another: its own value last, the parent's names kept.
  const chained = chainEnv(model, ctx.stages, 1);
  assert.deepEqual(Object.keys(chained), ['__proto__', 'constructor', 'CGO_ENABLED']);
  assert.equal(chained['__proto__']?.value, 'z');
});
