// Real tags (from the shipped official-images data and Bitnami/Microsoft registries) with their parts,
// written out by hand, and the moves between them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compatible, compareTagVersions, parseTagVersion, updateType } from '../../src/catalog/versioning.js';

type Row = [tag: string, prefix: string, release: number[] | null, shape: string, pre: string | null, variant: string, distro: string | null];

const TABLE: Row[] = [
  // node
  ['22', '', [22], 'N', null, '', null],
  ['22.12.0', '', [22, 12, 0], 'N.N.N', null, '', null],
  ['22-alpine', '', [22], 'N', null, '', 'alpine'],
  ['22.12.0-alpine3.21', '', [22, 12, 0], 'N.N.N', null, '', 'alpine 3.21'],
  ['24.19.0-bullseye-slim', '', [24, 19, 0], 'N.N.N', null, 'slim', 'debian bullseye'],
  ['26.7-trixie-slim', '', [26, 7], 'N.N', null, 'slim', 'debian trixie'],
  ['24-alpine3.24', '', [24], 'N', null, '', 'alpine 3.24'],
  ['jod-trixie-slim', '', null, '', null, 'jod-slim', 'debian trixie'],
  ['lts', '', null, '', null, 'lts', null],
  ['current-alpine', '', null, '', null, 'current', 'alpine'],
  // python
  ['3.12', '', [3, 12], 'N.N', null, '', null],
  ['3.12.14-slim', '', [3, 12, 14], 'N.N.N', null, 'slim', null],
  ['3.11-slim-bookworm', '', [3, 11], 'N.N', null, 'slim', 'debian bookworm'],
  ['3.15.0rc1-alpine', '', [3, 15, 0], 'N.N.N', 'rc1', '', 'alpine'],
  ['3.14.0a3-slim', '', [3, 14, 0], 'N.N.N', 'a3', 'slim', null],
  ['3.13.15-windowsservercore-ltsc2022', '', [3, 13, 15], 'N.N.N', null, '', 'windows ltsc2022'],
  ['3.13.15-trixie', '', [3, 13, 15], 'N.N.N', null, '', 'debian trixie'],
  // golang
  ['1.27', '', [1, 27], 'N.N', null, '', null],
  ['1.26.7-nanoserver-ltsc2025', '', [1, 26, 7], 'N.N.N', null, '', 'windows ltsc2025'],
  ['1-nanoserver-ltsc2022', '', [1], 'N', null, '', 'windows ltsc2022'],
  ['1.24rc1-bookworm', '', [1, 24], 'N.N', 'rc1', '', 'debian bookworm'],
  ['tip-alpine', '', null, '', null, 'tip', 'alpine'],
  ['alpine3.24', '', null, '', null, '', 'alpine 3.24'],
  // eclipse-temurin, amazoncorretto
  ['17.0.10_7-jre', '', [17, 0, 10, 7], 'N.N.N_N', null, 'jre', null],
  ['11.0.32_9-jdk-jammy', '', [11, 0, 32, 9], 'N.N.N_N', null, 'jdk', 'ubuntu jammy'],
  ['11.0.32_9-jdk-resolute', '', [11, 0, 32, 9], 'N.N.N_N', null, 'jdk', 'ubuntu resolute'],
  ['8u502-b07-jre-noble', '', [8, 502, 7], 'NuN-bN', null, 'jre', 'ubuntu noble'],
  ['11-jre-ubi10-minimal', '', [11], 'N', null, 'jre-minimal', 'ubi 10'],
  ['21-jre-alpine', '', [21], 'N', null, 'jre', 'alpine'],
  ['25-ea-jdk', '', [25], 'N', 'ea', 'jdk', null],
  ['17.0.20-alpine3.24', '', [17, 0, 20], 'N.N.N', null, '', 'alpine 3.24'],
  ['11.0.32-al2023-headful', '', [11, 0, 32], 'N.N.N', null, 'headful', 'amazonlinux 2023'],
  ['17-alpine-full', '', [17], 'N', null, 'full', 'alpine'],
  // ruby, php, rust, nginx
  ['3.4.10', '', [3, 4, 10], 'N.N.N', null, '', null],
  ['4.0-alpine3.24', '', [4, 0], 'N.N', null, '', 'alpine 3.24'],
  ['3-slim-bookworm', '', [3], 'N', null, 'slim', 'debian bookworm'],
  ['8.3.33-fpm-trixie', '', [8, 3, 33], 'N.N.N', null, 'fpm', 'debian trixie'],
  ['8.2-cli-alpine', '', [8, 2], 'N.N', null, 'cli', 'alpine'],
  ['zts-alpine3.23', '', null, '', null, 'zts', 'alpine 3.23'],
  ['1.98.0-slim-bullseye', '', [1, 98, 0], 'N.N.N', null, 'slim', 'debian bullseye'],
  ['1-alpine3.22', '', [1], 'N', null, '', 'alpine 3.22'],
  ['1.31.4-alpine3.24-otel', '', [1, 31, 4], 'N.N.N', null, 'otel', 'alpine 3.24'],
  ['1.30.4-alpine-perl', '', [1, 30, 4], 'N.N.N', null, 'perl', 'alpine'],
  ['mainline-alpine3.24-slim', '', null, '', null, 'mainline-slim', 'alpine 3.24'],
  // debian, ubuntu, alpine
  ['12.15', '', [12, 15], 'N.N', null, '', null],
  ['11.11-slim', '', [11, 11], 'N.N', null, 'slim', null],
  ['bookworm-20260803-slim', 'bookworm', [20260803], 'N', null, 'slim', null],
  ['trixie-backports', '', null, '', null, 'backports', 'debian trixie'],
  ['resolute-20260811.1', 'resolute', [20260811, 1], 'N.N', null, '', null],
  ['jammy-20260810', 'jammy', [20260810], 'N', null, '', null],
  ['26.10', '', [26, 10], 'N.N', null, '', null],
  ['3.21.7', '', [3, 21, 7], 'N.N.N', null, '', null],
  ['edge', '', null, '', null, 'edge', null],
  // postgres, docker, redis, bitnami, microsoft
  ['17.2-bookworm', '', [17, 2], 'N.N', null, '', 'debian bookworm'],
  ['16-alpine3.20', '', [16], 'N', null, '', 'alpine 3.20'],
  ['24.0.7-dind-alpine3.18', '', [24, 0, 7], 'N.N.N', null, 'dind', 'alpine 3.18'],
  ['27.3.1-cli', '', [27, 3, 1], 'N.N.N', null, 'cli', null],
  ['7.4.1-alpine3.20', '', [7, 4, 1], 'N.N.N', null, '', 'alpine 3.20'],
  ['1.25.3-debian-11-r24', '', [1, 25, 3, 24], 'N.N.N-rN', null, '', 'debian 11'],
  ['8.0.4-debian-12-r3', '', [8, 0, 4, 3], 'N.N.N-rN', null, '', 'debian 12'],
  ['8.0-noble-chiseled', '', [8, 0], 'N.N', null, 'chiseled', 'ubuntu noble'],
  ['9.0.1-noble-chiseled-extra', '', [9, 0, 1], 'N.N.N', null, 'chiseled-extra', 'ubuntu noble'],
  ['8.0-jammy', '', [8, 0], 'N.N', null, '', 'ubuntu jammy'],
  ['v1.2.3', '', [1, 2, 3], 'vN.N.N', null, '', null],
  ['latest', '', null, '', null, 'latest', null],
];

const distroText = (d: ReturnType<typeof parseTagVersion>['distro']): string | null => (d === null ? null : d.version === null ? d.name : `${d.name} ${d.version}`);

describe('tag versioning', () => {
  it(`parses ${TABLE.length} real tags into prefix, release, shape, prerelease, variant and distribution`, () => {
    assert.ok(TABLE.length >= 60);
    const wrong: string[] = [];
    for (const [tag, prefix, release, shape, pre, variant, distro] of TABLE) {
      const v = parseTagVersion(tag);
      const got: Row = [tag, v.prefix, v.release, v.shape, v.prerelease, v.variant.join('-'), distroText(v.distro)];
      try {
        assert.deepEqual(got, [tag, prefix, release, shape, pre, variant, distro]);
      } catch {
        wrong.push(`${tag}: got ${JSON.stringify(got.slice(1))}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  const p = parseTagVersion;
  it('keeps the precision, the variant and the distribution; prereleases are never targets', () => {
    const no = { distro: false };
    assert.ok(compatible(p('22.12.0-alpine3.21'), p('22.23.2-alpine3.21'), no));
    assert.ok(!compatible(p('22.12.0-alpine3.21'), p('22.23-alpine3.21'), no), 'a full version stays a full version');
    assert.ok(!compatible(p('22'), p('22.23.2'), no));
    assert.ok(!compatible(p('22.12.0-alpine3.21'), p('22.23.2-alpine3.24'), no), 'the Alpine release moves only with --distro');
    assert.ok(compatible(p('22.12.0-alpine3.21'), p('22.23.2-alpine3.24'), { distro: true }));
    assert.ok(!compatible(p('22.12.0-alpine3.21'), p('22.23.2-alpine3.19'), { distro: true }), 'never backwards');
    assert.ok(!compatible(p('22.12.0-alpine3.21'), p('22.23.2-alpine'), { distro: true }), 'a named release does not become a floating one');
    assert.ok(!compatible(p('3.12-slim-bookworm'), p('3.13-slim-noble'), { distro: true }), 'never across distributions');
    assert.ok(compatible(p('3.12-slim-bookworm'), p('3.13-slim-trixie'), { distro: true }));
    assert.ok(!compatible(p('3.12-slim'), p('3.13-slim-bookworm'), { distro: true }));
    assert.ok(!compatible(p('3.14-slim'), p('3.15.0rc1-slim'.replace('.0rc1', 'rc1')), no), 'rc is not a target');
    assert.ok(!compatible(p('25-jdk'), p('26-ea-jdk'), no));
    assert.ok(!compatible(p('17.0.10_7-jre'), p('17.0.12_7-jdk'), no), 'jre stays jre');
    assert.ok(compatible(p('17.0.10_7-jre'), p('17.0.12_7-jre'), no), "Temurin's _7 build is part of the release");
    assert.ok(compatible(p('1.25.3-debian-11-r24'), p('1.25.5-debian-11-r2'), no), "Bitnami's -rN is part of the release");
    assert.ok(compatible(p('8.0-noble-chiseled'), p('9.0-noble-chiseled'), no));
    assert.ok(!compatible(p('bookworm-20260803-slim'), p('trixie-20260803-slim'), { distro: true }), 'a dated Debian tag keeps its codename');
    assert.ok(compatible(p('resolute-20260811.1'), p('resolute-20260901.1'), no));
  });

  it('names the kind of each move and orders candidates', () => {
    assert.equal(updateType(p('22.12.0'), p('22.12.3')), 'patch');
    assert.equal(updateType(p('22.12.0'), p('22.14.0')), 'minor');
    assert.equal(updateType(p('22.12.0'), p('24.1.0')), 'major');
    assert.equal(updateType(p('22-alpine3.21'), p('22-alpine3.24')), 'distro');
    assert.equal(updateType(p('17.0.10_7-jre'), p('17.0.10_9-jre')), 'patch');
    assert.equal(updateType(p('1.25.3-debian-11-r24'), p('1.25.3-debian-11-r25')), 'patch');
    assert.equal(updateType(p('22.12.0'), p('22.11.0')), null);
    const sorted = ['22.9.0-alpine3.21', '22.10.0-alpine3.20', '22.10.0-alpine3.21', '22.2.0-alpine3.21'].map(p).sort(compareTagVersions).map((v) => v.tag);
    assert.deepEqual(sorted, ['22.2.0-alpine3.21', '22.9.0-alpine3.21', '22.10.0-alpine3.20', '22.10.0-alpine3.21']);
  });
});
