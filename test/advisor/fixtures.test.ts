// Runs `plinth recommend --format json` on every fixture project and compares with its expected.json.
// PLINTH_UPDATE_EXPECTED=1 rewrites the expected files (review the diff before committing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import { FIXTURE_DATE } from '../helpers/dates.js';

const root = join(process.cwd(), 'test', 'fixtures', 'projects');

/** What each fixture is about: the final stage's decision and image, stated once more by hand. */
const intent: Record<string, [string, string]> = {
  'node-native-transitive': ['glibc-native', 'node:22-slim'],
  'node-optional-native': ['interpreted', 'node:22-alpine'],
  'node-keep-slim': ['keep', 'docker.io/library/node:22-slim'],
  'node-precise-alpine': ['interpreted', 'node:22.23.2-alpine'],
  'node-goal-security': ['max-security', 'gcr.io/distroless/nodejs22-debian13:nonroot'],
  'go-alpine-no-compiler': ['static-binary', 'scratch'],
  'go-static-certs': ['static-binary', 'gcr.io/distroless/static-debian13:nonroot'],
  'go-cgo-sqlite': ['glibc-native', 'debian:trixie-slim'],
  // cgo on Alpine links musl dynamically: scratch cannot start it, distroless (glibc) neither.
  'go-cgo-alpine-musl': ['musl-native', 'alpine:3.24'],
  'java-spring-openjdk': ['jvm-fat-jar', 'eclipse-temurin:17-jre-alpine'],
  'python-psycopg2': ['glibc-native', 'python:3.12-slim'],
  'python-psycopg2-binary': ['interpreted', 'python:3.12-alpine'],
  'python-alpine-mysqlclient': ['glibc-native', 'python:3.13-slim'],
  // A package.json for docs tooling that no stage copies or installs: still a Python app.
  'python-debian-stray-node-manifest': ['keep', 'docker.io/library/debian:bookworm-slim'],
  'rust-musl-static': ['static-binary', 'scratch'],
  'static-keep-scratch': ['keep', 'scratch'],
  // Modelled on public projects (each folder's SOURCE names the repository and commit).
  'gcp-currencyservice': ['keep', 'docker.io/library/alpine:3.24.1@sha256:28bd5fe8b56d1bd048e5babf5b10710ebe0bae67db86916198a6eec434943f8b'],
  'gcp-emailservice': ['keep', 'base'],
  'rails-alpine-chain': ['keep', 'base'],
  'voting-app-result': ['supported-release', 'node:22-slim'],
  'awesome-compose-rust-backend': ['supported-release', 'debian:bookworm-slim'],
  'awesome-compose-node-redis': ['supported-release', 'node:22.23.2-alpine'],
  // A Gradle application distribution on a JRE; Netty's JNI falls back to pure Java on musl.
  'gcp-adservice': ['supported-release', 'eclipse-temurin:25.0.4_7-jre-alpine'],
  // Extensions compiled on musl in the builder, copied into the chain's Alpine root.
  'gcp-loadgenerator': ['keep', 'base'],
  // A monorepo service: its Gemfile is in the folder the stages copy from.
  'otel-email': ['supported-release', 'ruby:4.0.6-alpine3.24'],
  // glibc Rust on distroless/cc: already the smallest image that runs it.
  // .NET 7 past its end of life: a console app stays on the runtime image, on Alpine.
  'voting-app-worker': ['interpreted', 'mcr.microsoft.com/dotnet/runtime:10.0-alpine'],
  // Pure Python, but the chain's root runs apt-get: Debian slim is kept.
  'voting-app-vote': ['keep', 'base'],
  'spring-boot-docker': ['jvm-fat-jar', 'eclipse-temurin:17-jre-alpine'],
  // Static Go on distroless static, a health probe copied from another image.
  'otel-checkout': ['keep', 'gcr.io/distroless/static-debian12:nonroot@sha256:1b7b9f0f0e0a1d2155f531db587cc48ec26aaf97ab64364225f5bf18a054e66a'],
  // distroless no longer publishes its Debian 12 Node.js images: the same tag on Debian 13.
  'otel-payment': ['supported-release', 'gcr.io/distroless/nodejs22-debian13:nonroot'],
  'otel-quote': ['keep', 'docker.io/library/php:8.5.9-cli-alpine3.24@sha256:0554eb53778b5316f6b9a3447c9dfa3cf2141c0c02ff816c42cdc9aa240a34aa'],
  'otel-recommendation': ['keep', 'docker.io/library/python:3.14.7-alpine3.24@sha256:05b2b8b732ecd268fee8727a369f936f022d1321b59befd13c30ede22769dcdc'],
  // nginx serves the built files: the build's native modules do not bind it.
  'excalidraw': ['keep', 'docker.io/library/nginx:stable-alpine-slim@sha256:2c605dbeab79a6b2a63340474fe58119d0ef95bdc4b1f41df0aa689659b3d13b'],
  // A static prebuilt binary, but the stage runs apk: Alpine kept.
  'traefik': ['keep', 'docker.io/library/alpine:3.24'],
  // Static Go that needs CA certificates: distroless/static has them.
  'gcp-checkoutservice': ['keep', 'gcr.io/distroless/static'],
  // cgo on Alpine: a musl binary stays on Alpine, at a named release (class 7).
  'parcel-tracker-cgo-alpine': ['supported-release', 'alpine:3.24'],
  'otel-shipping': ['keep', 'gcr.io/distroless/cc-debian13:nonroot@sha256:d97bc0a941b8d4be647dc0ee75b264ddbb772f1ac5ba690a4309c00723b23775'],
};

/** Where the final stage is `FROM <stage>`, the chain's root carries the decision: stated by hand too. */
const rootIntent: Record<string, [number, string, string]> = {
  'gcp-emailservice': [0, 'supported-release', 'python:3.14.7-alpine'],
  'rails-alpine-chain': [0, 'supported-release', 'ruby:3.3.12-alpine'],
  // The build stages move to the runtime's supported codename too.
  'awesome-compose-rust-backend': [0, 'supported-release', 'rust:bookworm'],
  'gcp-loadgenerator': [0, 'supported-release', 'python:3.14.7-alpine'],
  'voting-app-vote': [0, 'keep', 'docker.io/library/python:3.11-slim'],
};

async function recommendJson(dir: string): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const args = existsSync(join(dir, 'args.json')) ? (JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[]) : [];
  const io = captureIO({ cwd: dir });
  // A fixed date: end of life and listed tags must not move with the calendar.
  const code = await main(['recommend', 'Dockerfile', '--format', 'json', '--date', FIXTURE_DATE, ...args], io);
  return { code, json: code === 0 ? (JSON.parse(io.out) as Record<string, unknown>) : {}, err: io.err };
}

const fixtures = readdirSync(root).filter((d) => existsSync(join(root, d, 'Dockerfile'))).sort();

test('every fixture states its intent', () => {
  assert.deepEqual(fixtures, Object.keys(intent).sort());
});

test('at least 20 fixtures are modelled on public projects, each naming its repository and commit', () => {
  const sourced = fixtures.filter((d) => existsSync(join(root, d, 'SOURCE')));
  assert.ok(sourced.length >= 20, `${sourced.length} fixtures have a SOURCE`);
  for (const d of sourced) assert.match(readFileSync(join(root, d, 'SOURCE'), 'utf8'), /^repository: https:\/\/github\.com\/[\w.-]+\/[\w.-]+\ncommit: [0-9a-f]{40}\npath: .+\nlicense: .+\nkept: .+/, d);
});

for (const name of fixtures) {
  test(`recommend ${name}`, async () => {
    const dir = join(root, name);
    const { code, json, err } = await recommendJson(dir);
    assert.equal(code, 0, err);
    const stages = json.stages as { final: boolean; decision: string; recommended: string }[];
    const final = stages.find((s) => s.final)!;
    assert.deepEqual([final.decision, final.recommended], intent[name]);
    if (name === 'python-debian-stray-node-manifest') assert.match(JSON.stringify(final), /Python project/);
    const chain = rootIntent[name];
    if (chain) assert.deepEqual([stages[chain[0]]!.decision, stages[chain[0]]!.recommended], chain.slice(1));
    // Modelled on a public project: its SOURCE names where from.
    if (!/^(go|java|node|python|rust|static)-/.test(name)) assert.match(readFileSync(join(dir, 'SOURCE'), 'utf8'), /^repository: https:\/\/github\.com\/[\w.-]+\/[\w.-]+\ncommit: [0-9a-f]{40}\n/);
    // Build stages keep their family and variant; only their release may move (end of life, a tag no longer rebuilt).
    for (const s of stages.filter((x) => !x.final)) assert.ok(s.decision === 'keep' || s.decision === 'supported-release', `a build stage got ${s.decision}`);
    const expectedPath = join(dir, 'expected.json');
    if (process.env.PLINTH_UPDATE_EXPECTED) writeFileSync(expectedPath, JSON.stringify(json, null, 2) + '\n');
    assert.deepEqual(json, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}
