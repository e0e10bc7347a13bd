import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference, formatReference, familiarReference, effectiveTag, withDigest, withTag, ReferenceError } from '../../src/reference/index.js';

const D64 = 'a'.repeat(64);

// [written, normalized, familiar, implicit tag]
const valid: [string, string, string, boolean][] = [
  ['node', 'docker.io/library/node', 'node', true],
  ['node:22', 'docker.io/library/node:22', 'node:22', false],
  ['node:22.12.0-alpine3.21', 'docker.io/library/node:22.12.0-alpine3.21', 'node:22.12.0-alpine3.21', false],
  ['library/node:22', 'docker.io/library/node:22', 'node:22', false],
  ['docker.io/node', 'docker.io/library/node', 'node', true],
  ['index.docker.io/library/node:20', 'docker.io/library/node:20', 'node:20', false],
  ['registry-1.docker.io/user/app:1', 'docker.io/user/app:1', 'user/app:1', false],
  ['user/app', 'docker.io/user/app', 'user/app', true],
  ['ghcr.io/o/r:tag', 'ghcr.io/o/r:tag', 'ghcr.io/o/r:tag', false],
  ['quay.io:1234/x', 'quay.io:1234/x', 'quay.io:1234/x', true],
  ['localhost:5000/x', 'localhost:5000/x', 'localhost:5000/x', true],
  ['localhost/x:1', 'localhost/x:1', 'localhost/x:1', false],
  ['[::1]:5000/x', '[::1]:5000/x', '[::1]:5000/x', true],
  ['[2001:db8::1]/team/app:v1', '[2001:db8::1]/team/app:v1', '[2001:db8::1]/team/app:v1', false],
  [`name@sha256:${D64}`, `docker.io/library/name@sha256:${D64}`, `name@sha256:${D64}`, false],
  [`name:tag@sha256:${D64}`, `docker.io/library/name:tag@sha256:${D64}`, `name:tag@sha256:${D64}`, false],
  ['gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/static-debian12:nonroot', false],
  ['mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/aspnet:8.0', false],
  ['a__b/c-d--e.f_g:T_a.g-1', 'docker.io/a__b/c-d--e.f_g:T_a.g-1', 'a__b/c-d--e.f_g:T_a.g-1', false],
];

for (const [written, normalized, familiar, implicit] of valid) {
  test(`parses ${written}`, () => {
    const ref = parseReference(written);
    assert.equal(formatReference(ref), normalized);
    assert.equal(familiarReference(ref), familiar);
    assert.equal(ref.implicitTag, implicit);
    // Round trips: normalized and familiar forms parse back to the same reference.
    assert.equal(formatReference(parseReference(normalized)), normalized);
    assert.equal(formatReference(parseReference(familiar)), normalized);
  });
}

const invalid: [string, RegExp][] = [
  ['', /empty reference/],
  ['Node', /must be lowercase/],
  ['user/App:1', /must be lowercase/],
  ['node:', /empty tag/],
  ['node:-x', /invalid tag/],
  [`node:${'x'.repeat(129)}`, /invalid tag/],
  ['node@sha256:abc', /invalid digest/],
  [`node@sha256:${'A'.repeat(64)}`, /lower-case hex/],
  [`node@md5:${'a'.repeat(32)}`, /unsupported digest algorithm/],
  ['ghcr.io//x', /empty path component/],
  ['ghcr.io/', /empty repository name/],
  ['no de', /white space/],
  ['node_/x', /invalid path component/],
  ['quay.io:port/x', /invalid port/],
  [`${'a'.repeat(256)}`, /longer than 255/],
];

for (const [written, why] of invalid) {
  test(`rejects ${JSON.stringify(written.slice(0, 40))}`, () => {
    assert.throws(() => parseReference(written), (err: unknown) => err instanceof ReferenceError && why.test(err.message));
  });
}

test('the implied tag is latest but is not written', () => {
  const ref = parseReference('node');
  assert.equal(ref.tag, null);
  assert.equal(effectiveTag(ref), 'latest');
  assert.equal(effectiveTag(parseReference(`node@sha256:${D64}`)), null);
});

test('withTag and withDigest build new references', () => {
  const ref = parseReference('node:22');
  assert.equal(familiarReference(withDigest(ref, `sha256:${D64}`)), `node:22@sha256:${D64}`);
  assert.equal(formatReference(withTag(parseReference('ghcr.io/o/r'), '1.2')), 'ghcr.io/o/r:1.2');
});
