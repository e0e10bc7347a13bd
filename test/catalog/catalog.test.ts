import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { lookupImage, sizeOf, catalogFamilies } from '../../src/catalog/index.js';
import { parseReference } from '../../src/reference/index.js';

const dataDir = new URL('../../../src/catalog/data/', import.meta.url);
const json = (name: string) => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8'));

test('catalog data is valid against its schema', () => {
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  const validate = ajv.compile(json('catalog.schema.json'));
  const ok = validate({ families: json('families.json').families, eol: json('eol.json') });
  assert.equal(ok, true, ajv.errorsText(validate.errors));
});

test('the schema rejects a family without its required fields and a bad date', () => {
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  const validate = ajv.compile(json('catalog.schema.json'));
  const eol = json('eol.json');
  eol.subjects.nodejs.releases['22'] = '2027/04/30';
  assert.equal(validate({ families: [{ id: 'x' }], eol }), false);
  assert.match(ajv.errorsText(validate.errors), /must have required property 'repositories'/);
  assert.match(ajv.errorsText(validate.errors), /must match pattern/);
});

const facts = (ref: string) => {
  const f = lookupImage(parseReference(ref));
  assert.ok(f, `catalog knows ${ref}`);
  return f;
};

// [reference, class, libc, package manager, shell, runtime version, floating]
const table: [string, string, string | null, string | null, string | null, string | null, boolean][] = [
  ['node:22', 'full', 'glibc', 'apt', '/bin/sh', '22', true],
  ['node:22.12.0-alpine3.21', 'alpine', 'musl', 'apk', '/bin/sh', '22.12.0', false],
  ['node:22.12.0-alpine', 'alpine', 'musl', 'apk', '/bin/sh', '22.12.0', true],
  ['node:22-bookworm-slim', 'slim', 'glibc', 'apt', '/bin/sh', '22', true],
  ['python:3.12-slim-bookworm', 'slim', 'glibc', 'apt', '/bin/sh', '3.12', true],
  ['python:3.12.4', 'full', 'glibc', 'apt', '/bin/sh', '3.12.4', false],
  ['eclipse-temurin:21-jre-alpine', 'alpine', 'musl', 'apk', '/bin/sh', '21', true],
  ['eclipse-temurin:21-jdk-jammy', 'minimal', 'glibc', 'apt', '/bin/sh', '21', true],
  ['amazoncorretto:21', 'minimal', 'glibc', 'dnf', '/bin/sh', '21', true],
  ['golang:1.23-alpine', 'alpine', 'musl', 'apk', '/bin/sh', '1.23', true],
  ['php:8.3-fpm-alpine', 'alpine', 'musl', 'apk', '/bin/sh', '8.3', true],
  ['debian:bookworm-slim', 'slim', 'glibc', 'apt', '/bin/sh', null, true],
  ['debian:12.8', 'minimal', 'glibc', 'apt', '/bin/sh', null, false],
  ['ubuntu:noble-20241118', 'minimal', 'glibc', 'apt', '/bin/sh', null, false],
  ['alpine:3.21.2', 'alpine', 'musl', 'apk', '/bin/sh', null, false],
  ['amd64/alpine:3.21', 'alpine', 'musl', 'apk', '/bin/sh', null, true],
  ['busybox:latest', 'minimal', 'glibc', null, '/bin/sh', null, true],
  ['gcr.io/distroless/static-debian12:nonroot', 'static', null, null, null, null, true],
  ['gcr.io/distroless/java21-debian12', 'distroless', 'glibc', null, null, '21', true],
  ['gcr.io/distroless/nodejs22-debian12:debug', 'distroless', 'glibc', null, '/busybox/sh', '22', true],
  ['cgr.dev/chainguard/python:latest-dev', 'minimal', 'glibc', 'apk', '/bin/sh', null, true],
  ['cgr.dev/chainguard/static', 'static', null, null, null, null, true],
  ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'minimal', 'glibc', 'microdnf', '/bin/sh', null, true],
  ['registry.access.redhat.com/ubi9/ubi-micro', 'minimal', 'glibc', null, '/bin/sh', null, true],
  ['mcr.microsoft.com/dotnet/sdk:8.0', 'full', 'glibc', 'apt', '/bin/sh', '8.0', true],
  ['mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled', 'distroless', 'glibc', null, null, '8.0', true],
];

for (const [ref, cls, libc, pm, shell, version, floating] of table) {
  test(`facts for ${ref}`, () => {
    const f = facts(ref);
    assert.deepEqual(
      [f.variantClass, f.libc, f.packageManager, f.shell, f.runtimeVersion, f.floating],
      [cls, libc, pm, shell, version, floating],
    );
  });
}

test('a digest-pinned image is not floating', () => {
  assert.equal(facts(`node:22@sha256:${'a'.repeat(64)}`).floating, false);
});

test('unknown families give null', () => {
  assert.equal(lookupImage(parseReference('acme/base:1')), null);
  assert.equal(lookupImage(parseReference('ghcr.io/acme/app:1')), null);
});

test('variants keep the version precision the user chose', () => {
  assert.equal(facts('node:22').variants.slim, 'node:22-slim');
  assert.equal(facts('node:22.12.0').variants.slim, 'node:22.12.0-slim');
  assert.equal(facts('node:22-bookworm').variants.slim, 'node:22-bookworm-slim');
  assert.equal(facts('python:3.12-bookworm').variants.slim, 'python:3.12-slim-bookworm');
  assert.equal(facts('python:3.12').variants.alpine, 'python:3.12-alpine');
  assert.equal(facts('eclipse-temurin:21-jdk').variants.minimal, 'eclipse-temurin:21-jre');
  assert.equal(facts('eclipse-temurin:21-jdk-alpine').variants.alpine, 'eclipse-temurin:21-jre-alpine');
  // distroless publishes no nodejs20 image any more (src/catalog/data/distroless.json); 22 it does.
  assert.equal(facts('node:20').variants.distroless, undefined);
  assert.match(facts('node:22').variants.distroless ?? '', /^gcr\.io\/distroless\/nodejs22-debian\d+$/);
});

test('JDK and JRE are told apart', () => {
  assert.equal(facts('eclipse-temurin:21').java, 'jdk');
  assert.equal(facts('eclipse-temurin:21-jre').java, 'jre');
  assert.equal(facts('openjdk:11-jre-slim').java, 'jre');
  assert.equal(facts('amazoncorretto:21-al2023-headless').java, 'jre');
  assert.equal(facts('registry.access.redhat.com/ubi9/openjdk-21-runtime').java, 'jre');
});

test('deprecated images name their replacement and source', () => {
  const d = facts('openjdk:17-jdk-slim').deprecated;
  assert.equal(d?.replacement, 'eclipse-temurin:17-jdk');
  assert.match(d?.source ?? '', /^https:\/\//);
  assert.equal(facts('openjdk:11-jre').deprecated?.replacement, 'eclipse-temurin:11-jre');
  assert.equal(facts('java:8').deprecated?.replacement, 'eclipse-temurin:8-jdk');
  assert.equal(facts('node:22').deprecated, null);
});

test('end-of-life entries cover runtime and distribution with sources', () => {
  const node18 = facts('node:18-buster');
  assert.deepEqual(node18.eol.map((e) => [e.subject, e.date]), [['Node.js 18', '2025-04-30'], ['Debian 10 (buster)', '2024-06-30']]);
  assert.ok(node18.eol.every((e) => e.source.startsWith('https://')));
  assert.deepEqual(facts('python:3.8-alpine3.18').eol.map((e) => e.date), ['2024-10-07', '2025-05-09']);
  assert.deepEqual(facts('ubuntu:focal').eol.map((e) => e.subject), ['Ubuntu 20.04']);
  assert.deepEqual(facts('golang:1.22').eol.map((e) => e.date), ['2025-02-11']);
  assert.equal(facts('node:24').eol[0]?.date, '2028-04-30');
});

test('sizes come from the snapshot for its tags and platforms', () => {
  assert.equal(sizeOf('node:22'), 408499334);
  assert.equal(sizeOf('node:22-slim', 'linux/arm64'), 79897962);
  assert.equal(sizeOf('docker.io/library/python:3.12-alpine'), 18037743);
  assert.equal(sizeOf('node:22-bullseye'), null);
  assert.equal(sizeOf('node:22', 'linux/arm/v7'), 355934858);
  assert.equal(sizeOf('node:22', 'linux/arm/v6'), null);
  assert.equal(sizeOf('node:22', 'linux/arm'), 355934858);
  assert.equal(facts('eclipse-temurin:21-jre-alpine').compressedBytes, 74081196);
});

test('every measured tag is known to the catalog', () => {
  const { sizes } = json('sizes.json') as { sizes: Record<string, unknown> };
  assert.equal(Object.keys(sizes).length, 39);
  for (const tag of Object.keys(sizes)) assert.ok(lookupImage(parseReference(tag)), tag);
  assert.ok(catalogFamilies().length >= 20);
});

test("public mirrors of Docker's official images have the official image's facts", () => {
  for (const mirror of ['mirror.gcr.io/library/golang:1.18', 'public.ecr.aws/docker/library/golang:1.18']) {
    const f = facts(mirror);
    assert.equal(f.family, 'golang', mirror);
    assert.equal(f.hasCompiler, true, mirror);
    assert.equal(f.runtimeVersion, facts('golang:1.18').runtimeVersion);
  }
  // Another namespace on those registries is not a mirror.
  assert.equal(lookupImage(parseReference('mirror.gcr.io/acme/golang:1.18')), null);
});
