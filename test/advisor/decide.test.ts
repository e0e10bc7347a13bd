// The branches of the tree that the fixture projects do not reach, on hand-written inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideRuntime, type Current } from '../../src/advisor/decide.js';
import { distrolessImage } from '../../src/advisor/tags.js';
import type { Workload } from '../../src/advisor/workload.js';
import type { ProjectContext, StageFacts, NativeRequirement } from '../../src/context/types.js';
import type { VariantClass } from '../../src/catalog/types.js';

const stage: StageFacts = {
  index: 1, nodeInstall: null, productionInstall: false, pipInstall: null, gemInstall: null, goBuild: null, cargoBuild: null,
  jvmBuild: null, dotnetPublish: null, javaJar: null, interpreter: null, interpreterEcosystem: null, systemPackages: [], installsCompiler: null,
  copiesCertificates: null, copiesZoneinfo: null, env: {}, nonRootUser: null, copiesFrom: [],
};
const ctx: ProjectContext = { dir: '/p', dockerfile: 'Dockerfile', ecosystems: [], stages: [stage], needs: { certificates: null, tzdata: null, nonRoot: null }, warnings: [] };

function cur(repository: string, tag: string, cls: VariantClass, libc: 'glibc' | 'musl' | null = cls === 'alpine' ? 'musl' : 'glibc', java: 'jdk' | 'jre' | null = null): Current {
  const family = repository.split('/').pop()!;
  return { repository, family, tag, cls, libc, facts: java ? ({ java, family, variants: {} } as unknown as Current['facts']) : null };
}

const native = (pkg: string): NativeRequirement => ({ ecosystem: 'java', package: pkg, version: null, reason: 'JNI for glibc', evidence: { file: 'pom.xml', line: 9, fact: `${pkg}: JNI` } });
const jvm = (n: NativeRequirement[] = [], startScript = false): Workload => ({ kind: 'jvm', fatJar: true, startScript, javaVersion: '21', native: n, evidence: [], risks: [] });
const interp = (eco: 'node' | 'python', n: NativeRequirement[] = []): Workload => ({ kind: 'interpreted', ecosystem: eco, native: n, known: true, nativeBuild: null, evidence: [], risks: [] });

test('JVM: JNI libraries built for glibc keep the JRE on glibc', () => {
  const c = decideRuntime(jvm([native('rocksdbjni')]), cur('eclipse-temurin', '21-jdk', 'full', 'glibc', 'jdk'), 'size', ctx, stage, null);
  assert.deepEqual([c.decision, c.image], ['jvm-fat-jar', 'eclipse-temurin:21-jre']);
  assert.ok(c.evidence.some((e) => /rocksdbjni/.test(e.fact)));
});

test('JVM: a JRE on Alpine with no native code is kept; with native code it moves to glibc', () => {
  assert.equal(decideRuntime(jvm(), cur('eclipse-temurin', '21-jre-alpine', 'alpine', 'musl', 'jre'), 'size', ctx, stage, null).image, null);
  const moved = decideRuntime(jvm([native('rocksdbjni')]), cur('eclipse-temurin', '21-jre-alpine', 'alpine', 'musl', 'jre'), 'size', ctx, stage, null);
  assert.equal(moved.image, 'eclipse-temurin:21-jre');
});

test('JVM: precise temurin tags keep their precision', () => {
  const c = decideRuntime(jvm(), cur('eclipse-temurin', '21.0.5_11-jdk', 'full', 'glibc', 'jdk'), 'size', ctx, stage, null);
  assert.equal(c.image, 'eclipse-temurin:21.0.5_11-jre-alpine');
});

test('goal compatibility: interpreted code goes to -slim, and -alpine is kept as it is', () => {
  assert.deepEqual([decideRuntime(interp('node'), cur('node', '22', 'full'), 'compatibility', ctx, stage, null).image], ['node:22-slim']);
  assert.equal(decideRuntime(interp('node'), cur('node', '22-alpine', 'alpine'), 'compatibility', ctx, stage, null).image, null);
});

test('goal security: Python other than 3.11 has no distroless image, so the size branch applies with a risk', () => {
  const c = decideRuntime(interp('python'), cur('python', '3.12', 'full'), 'security', ctx, stage, null);
  assert.deepEqual([c.decision, c.image], ['interpreted', 'python:3.12-alpine']);
  assert.ok(c.risks.some((r) => /distroless has no python image/.test(r)));
});

test('native code on Alpine moves to -slim and says why', () => {
  const n: NativeRequirement = { ecosystem: 'node', package: 'canvas', version: '2.11.2', reason: 'Cairo', evidence: { file: 'package-lock.json', line: 40, fact: 'canvas' } };
  const c = decideRuntime(interp('node', [n]), cur('node', '20-alpine', 'alpine'), 'size', ctx, stage, null);
  assert.deepEqual([c.decision, c.image], ['glibc-native', 'node:20-slim']);
  assert.ok(c.risks.some((r) => /musl libc: canvas is built for glibc/.test(r)));
});

test('native code compiled on musl in another stage: Alpine is kept; a glibc runtime is kept with the risk', () => {
  const n: NativeRequirement = { ecosystem: 'node', package: 'pprof', version: '4.0.0', reason: 'addon', evidence: { file: 'package-lock.json', line: 37, fact: 'pprof' } };
  const built = (copied: boolean) => ({ ...interp('node', [n]), nativeBuild: { libc: 'musl' as const, stage: 0, copied, evidence: { file: 'Dockerfile', line: 31, fact: 'installs npm dependencies' } } });
  const alpine = decideRuntime(built(true), cur('alpine', '3.24.1', 'alpine'), 'size', ctx, stage, null);
  assert.deepEqual([alpine.decision, alpine.image], ['keep', null]);
  assert.ok(alpine.evidence.some((e) => e.line === 31 && /on musl: pprof is compiled for musl and copied in/.test(e.fact)));
  const slim = decideRuntime(built(true), cur('node', '22-slim', 'slim'), 'size', ctx, stage, null);
  assert.deepEqual([slim.decision, slim.image], ['keep', null]);
  assert.ok(slim.risks.some((r) => /will not load on this glibc image/.test(r)));
  // Built on the runtime's own root, it follows the base: the tree applies, with a truthful risk.
  const chain = decideRuntime(built(false), cur('node', '22-alpine', 'alpine'), 'size', ctx, stage, null);
  assert.deepEqual([chain.decision, chain.image], ['glibc-native', 'node:22-slim']);
  assert.ok(chain.risks.some((r) => /pprof compiles against musl here/.test(r)));
});

test('a stage that builds and runs is kept with the advice to split it', () => {
  const w: Workload = { kind: 'builds-here', what: 'compiles a Go binary', evidence: [{ file: 'Dockerfile', line: 3, fact: 'compiles a Go binary' }], risks: [] };
  const c = decideRuntime(w, cur('golang', '1.22', 'full'), 'size', ctx, stage, null);
  assert.deepEqual([c.decision, c.image], ['keep', null]);
  assert.match(c.risks[0], /move the build into its own stage/);
});

test('dynamic Go binary: goal security picks distroless base; a dynamic Rust binary picks cc', () => {
  const go: Workload = { kind: 'binary', language: 'go', static: false, libc: 'glibc', buildStage: 0, evidence: [], risks: [] };
  assert.equal(decideRuntime(go, cur('debian', 'bookworm', 'full'), 'security', ctx, stage, null).image, distrolessImage('base', null, true));
  assert.equal(decideRuntime({ ...go, language: 'rust' }, cur('debian', 'bookworm', 'full'), 'security', ctx, stage, null).image, distrolessImage('cc', null, true));
  const onAlpine = decideRuntime(go, cur('alpine', '3.20', 'alpine'), 'size', ctx, stage, null);
  // No build image to take the release from: Debian's stable in the shipped data.
  assert.equal(onAlpine.image, 'debian:trixie-slim');
  assert.ok(onAlpine.risks.some((r) => /does not start on Alpine/.test(r)));
});

test("JVM: the application plugin's start script needs a shell, which distroless has not", () => {
  const secure = decideRuntime(jvm([], true), cur('eclipse-temurin', '21-jre-alpine', 'alpine', 'musl', 'jre'), 'security', ctx, stage, null);
  assert.equal(secure.decision, 'max-security');
  assert.ok(secure.risks.some((r) => /start script needs \/bin\/sh/.test(r)), secure.risks.join('\n'));
  // A fat JAR runs with `java -jar`: no shell needed, no such caveat.
  assert.ok(!decideRuntime(jvm(), cur('eclipse-temurin', '21-jre-alpine', 'alpine', 'musl', 'jre'), 'security', ctx, stage, null).risks.some((r) => /start script/.test(r)));
});

test('a RUN that only installs CA certificates or tz data is read as such (bindings: what a distroless image holds)', async () => {
  const { onlyInstalls } = await import('../../src/advisor/bindings.js');
  assert.deepEqual(onlyInstalls('apk add --no-cache --no-progress ca-certificates tzdata'), ['ca-certificates', 'tzdata']);
  assert.deepEqual(onlyInstalls('set -eux; apt-get update && apt-get install -y --no-install-recommends ca-certificates \\\n  && rm -rf /var/lib/apt/lists/* && update-ca-certificates'), ['ca-certificates']);
  // Anything else the script does binds it to a shell: no answer.
  assert.equal(onlyInstalls('apk add --no-cache ca-certificates && adduser -D app'), null);
  assert.equal(onlyInstalls('rm -rf /etc/ssl && apk add ca-certificates'), null);
  assert.equal(onlyInstalls('apt-get update'), null);
  assert.deepEqual(onlyInstalls('apk add curl'), ['curl']);
});
