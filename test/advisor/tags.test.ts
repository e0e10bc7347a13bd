import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { variantImage, variantTag, tagWords, distrolessImage, temurinJre } from '../../src/advisor/tags.js';

test('variant tags keep the version precision and the codename', () => {
  const cases: [string, string | null, 'slim' | 'alpine', string | null][] = [
    ['node', '22', 'slim', '22-slim'],
    ['node', '22.12.0', 'slim', '22.12.0-slim'],
    ['node', '22.12.0', 'alpine', '22.12.0-alpine'],
    ['node', '22-bookworm', 'slim', '22-bookworm-slim'],
    ['node', 'lts', 'alpine', 'lts-alpine'],
    ['node', null, 'slim', 'slim'],
    ['node', '22-alpine3.21', 'slim', '22-slim'],
    ['python', '3.12', 'slim', '3.12-slim'],
    ['python', '3.12-bookworm', 'slim', '3.12-slim-bookworm'],
    ['python', '3.12.4', 'alpine', '3.12.4-alpine'],
    ['ruby', '3.3', 'slim', '3.3-slim'],
    // Ruby names its slim tags like Python (families.json slimStyle prefix): 3.3-slim-bookworm.
    ['ruby', '3.3-bookworm', 'slim', '3.3-slim-bookworm'],
    ['perl', '5.40-bookworm', 'slim', '5.40-bookworm-slim'],
    ['postgres', '16', 'alpine', '16-alpine'],
    ['php', '8.3-cli', 'alpine', '8.3-cli-alpine'],
    ['php', '8.3-cli', 'slim', null],
    ['golang', '1.22', 'alpine', '1.22-alpine'],
    ['golang', '1.22', 'slim', null],
    ['debian', 'bookworm', 'slim', 'bookworm-slim'],
    ['debian', '12', 'slim', '12-slim'],
    ['ubuntu', '24.04', 'slim', null],
    ['dotnet', '8.0', 'alpine', '8.0-alpine'],
  ];
  for (const [family, tag, cls, want] of cases) assert.equal(variantTag(null, family, tag, cls), want, `${family}:${tag} ${cls}`);
});

test("the catalog's variants win over the tag pattern", () => {
  const facts = { variants: { slim: 'node:22-bookworm-slim' } } as unknown as Parameters<typeof variantTag>[0];
  assert.equal(variantTag(facts, 'node', '22', 'slim'), '22-bookworm-slim');
  assert.equal(variantTag(facts, 'node', '22', 'alpine'), '22-alpine');
});

test('tagWords separates version, codename and flavour', () => {
  assert.deepEqual(tagWords('8.3-fpm-bookworm'), { version: '8.3', codename: 'bookworm', flavour: ['fpm'] });
  assert.deepEqual(tagWords('21-jdk-jammy'), { version: '21', codename: 'jammy', flavour: ['jdk'] });
  assert.deepEqual(tagWords('latest'), { version: '', codename: null, flavour: [] });
});

test('distroless images exist only for the runtimes distroless ships, on its newest Debian', () => {
  // The shipped list (scripts/distroless.mjs): the newest Debian release each image is published on.
  const data = JSON.parse(readFileSync('src/catalog/data/distroless.json', 'utf8')) as { images: Record<string, string[]>; debianPython: Record<string, string> };
  const newest = (stem: string) => Object.keys(data.images).filter((n) => n.startsWith(`${stem}-debian`)).sort((a, b) => Number(a.split('-debian')[1]) - Number(b.split('-debian')[1])).at(-1);
  assert.ok(newest('nodejs22') && newest('static'), 'the data lists nodejs22 and static');
  assert.equal(distrolessImage('node', '22.12.0', true), `gcr.io/distroless/${newest('nodejs22')}:nonroot`);
  assert.equal(distrolessImage('static', null, false), `gcr.io/distroless/${newest('static')}`);
  assert.equal(distrolessImage('java', '17', false), newest('java17') ? `gcr.io/distroless/${newest('java17')}` : null);
  // Odd Node.js lines and Java 11 have no distroless image.
  assert.equal(distrolessImage('node', '21', true), null);
  assert.equal(distrolessImage('java', '11', true), null);
  // python3 follows its Debian release's Python: another version would change the runtime.
  const py = newest('python3')!;
  const version = data.debianPython[py.split('-debian')[1]!]!;
  assert.equal(distrolessImage('python', version, true), `gcr.io/distroless/${py}:nonroot`);
  assert.equal(distrolessImage('python', '3.9', true), null);
});

test('distroless images the project no longer updates are deprecated, with the successor it publishes', async () => {
  const { imageLookup } = await import('../../src/advisor/lookup.js');
  const { refresh } = await import('../../src/advisor/refresh.js');
  const lookup = imageLookup();
  const f = lookup.facts('gcr.io/distroless/nodejs22-debian12:nonroot')!;
  // Debian 12's nodejs images are gone from the project's list (SUPPORT_POLICY: January 2026).
  assert.match(f.deprecated?.reason ?? '', /no longer publishes or updates it/);
  assert.equal(f.deprecated?.replacement, distrolessImage('node', '22', true));
  assert.equal(lookup.knows('gcr.io/distroless/nodejs22-debian12:nonroot', '2026-09-01'), false);
  assert.equal(lookup.knows(distrolessImage('node', '22', true)!, '2026-09-01'), true);
  // A runtime line dropped altogether moves to the nearest newer line published.
  assert.equal(lookup.facts('gcr.io/distroless/nodejs20-debian12')?.deprecated?.replacement, distrolessImage('node', '22', false));
  // An image with no successor gets none made up: it is deprecated, and the release check moves nothing.
  const py2 = lookup.facts('gcr.io/distroless/python2.7')!;
  assert.match(py2.deprecated?.reason ?? '', /no longer publishes/);
  assert.equal(py2.deprecated?.replacement, null);
  assert.equal(refresh('gcr.io/distroless/python2.7', lookup, '2026-09-01'), null);
  // Still published until its support ends: then the newer Debian, same tag.
  assert.equal(lookup.facts('gcr.io/distroless/static-debian12:nonroot')?.deprecated, null);
  assert.equal(refresh('gcr.io/distroless/static-debian12:nonroot', lookup, '2026-09-01'), null);
  assert.equal(refresh('gcr.io/distroless/static-debian12:nonroot', lookup, '2026-10-01')?.image, distrolessImage('static', null, true));
  // An architecture's tag of a listed image is listed; an unsuffixed name is the newest Debian's alias.
  assert.equal(lookup.knows('gcr.io/distroless/static-debian13:nonroot-amd64', '2026-09-01'), true);
  assert.equal(lookup.facts('gcr.io/distroless/static')?.distroVersion, distrolessImage('static', null, false)!.split('-debian')[1]);
});

test('temurin JRE tags for LTS majors only', () => {
  assert.equal(temurinJre('17', true), 'eclipse-temurin:17-jre-alpine');
  assert.equal(temurinJre('21', false), 'eclipse-temurin:21-jre');
  // From the shipped tag data: 22's JRE tags are retired (never rebuilt); 26's are listed.
  assert.equal(temurinJre('22', true), null);
  assert.equal(temurinJre('26', true), 'eclipse-temurin:26-jre-alpine');
  assert.equal(temurinJre(null, true), null);
});

test('a tag without a version floats: the versioned tag Docker lists is offered, else nothing', async () => {
  const { imageLookup } = await import('../../src/advisor/lookup.js');
  const { refresh } = await import('../../src/advisor/refresh.js');
  const lookup = imageLookup();
  const at = (image: string) => refresh(image, lookup, '2026-09-01')?.image ?? null;
  // The version comes from what `latest` stands for in the catalog, the variant is kept.
  const nodeLatest = at('node:latest');
  assert.match(nodeLatest ?? '', /^node:\d+$/);
  assert.equal(at('node:slim'), `${nodeLatest}-slim`);
  assert.equal(at('node:alpine'), `${nodeLatest}-alpine`);
  assert.match(at('python:slim') ?? '', /^python:3\.\d+-slim$/);
  // No listed versioned form: kept as it is.
  assert.equal(at('node:lts'), null);
  assert.equal(at('debian:bookworm-slim'), null);
  // A digest is exact; a versioned tag is not touched by this step.
  assert.equal(at(`node:slim@sha256:${'a'.repeat(64)}`), null);
  assert.equal(at('node:22-slim'), null);
});

test("another publisher's repository gets no made-up variant (its tags follow its own scheme)", () => {
  assert.equal(variantImage(null, 'mcr.microsoft.com/devcontainers/ruby', 'ruby', '3.4-bookworm', 'slim'), null);
  assert.equal(variantImage(null, 'bitnami/node', 'node', '22', 'alpine'), null);
  assert.equal(variantImage(null, 'node', 'node', '22', 'alpine'), 'node:22-alpine');
});

test("Temurin's build number is part of its version: an end-of-life move keeps the full version", async () => {
  const { imageLookup } = await import('../../src/advisor/lookup.js');
  const { refresh } = await import('../../src/advisor/refresh.js');
  const { newestListedPatch, listedTags } = await import('../../src/catalog/tags.js');
  const at = (image: string) => refresh(image, imageLookup(), '2026-09-01')?.image ?? null;
  // The newest listed 25.0.x_y JDK on noble, from the shipped tag data.
  const builds = (listedTags('eclipse-temurin') ?? []).filter((t) => /^25\.\d+\.\d+_\d+-jdk-noble$/.test(t));
  const key = (t: string) => t.split(/[._-]/).slice(0, 4).map(Number);
  const newest = builds.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const i = x.findIndex((v, j) => v !== y[j]);
    return i < 0 ? 0 : x[i]! - y[i]!;
  }).at(-1);
  assert.ok(newest, 'the tag data lists 25.0.x_y-jdk-noble tags');
  // (Before: `eclipse-temurin:25-jdk-noble`, the user's precision lost.)
  assert.equal(at('eclipse-temurin:24.0.2_12-jdk-noble'), `eclipse-temurin:${newest}`);
  assert.equal(newestListedPatch('eclipse-temurin', '25.0.0_0-jdk-noble'), newest);
  // Temurin writes its Alpine releases `alpine-3.21`: the same line and variant, never another variant.
  assert.match(newestListedPatch('eclipse-temurin', '21.0.1_12-jre-alpine-3.21') ?? '', /^21\.\d+\.\d+_\d+-jre-alpine-3\.\d+$/);
  // A tag with a build number never matches one without (and the other way round).
  assert.equal(newestListedPatch('eclipse-temurin', '25.0.0-jdk'), null);
  assert.equal(at('eclipse-temurin:24-jdk'), 'eclipse-temurin:25-jdk');
});

test('a version tag no longer listed moves to the nearest newer line Docker lists, same variant', async () => {
  const { nearestListedLine, listedTags, officialTagStatus } = await import('../../src/catalog/tags.js');
  const { imageLookup } = await import('../../src/advisor/lookup.js');
  const { refresh } = await import('../../src/advisor/refresh.js');
  const listed = new Set(listedTags('nginx'));
  assert.equal(officialTagStatus('nginx', '1.27')?.state, 'retired');
  const next = nearestListedLine('nginx', '1.27');
  assert.ok(next && listed.has(next) && listed.has(`${next}-alpine`), String(next));
  // The nearest: no listed two-number line sits between 1.27 and it.
  const [maj, min] = next.split('.').map(Number);
  for (const t of listed) {
    const m = /^(\d+)\.(\d+)$/.exec(t);
    if (m && Number(m[1]) === 1 && Number(m[2]) > 27) assert.ok(Number(m[2]) >= min! && maj === 1, t);
  }
  assert.equal(nearestListedLine('nginx', '1.27-alpine'), `${next}-alpine`);
  // Nothing newer than the newest line, and no made-up variant.
  const newest = [...listed].filter((t) => /^1\.\d+$/.test(t)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).at(-1)!;
  assert.equal(nearestListedLine('nginx', newest), null);
  assert.equal(nearestListedLine('nginx', '1.27-no-such-variant'), null);
  // recommend and lint offer it (before: "move to a tag that is maintained", no tag named).
  assert.equal(refresh('nginx:1.27', imageLookup(), '2026-09-01')?.image, `nginx:${next}`);
});
